"""The command handler: each request type reaches its one verb and gets its reply."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from presence_app.control import CommandHandler
from presence_app.core.cue import Source


@dataclass
class FakeVerbs:
    """Records what was asked; a pause is refused while one is under way."""

    asked: list[tuple[str, Any]] = field(default_factory=list)
    pausing: bool = False

    def pause_now(self, source: Source, length: timedelta | None = None) -> bool:
        self.asked.append(("pause", (source, length)))
        if self.pausing:
            return False
        self.pausing = True
        return True

    def set_skip(self, skip: bool) -> None:
        self.asked.append(("skip", skip))

    def set_quiet(self, spec: str) -> datetime | None:
        self.asked.append(("quiet", spec))
        if spec == "off":
            return None
        if spec == "soon":
            raise ValueError("“soon” is not a quiet time.")
        return datetime(2026, 3, 2, 17, 0, tzinfo=UTC)

    def show_window(self, which: str) -> None:
        self.asked.append(("show", which))

    def quit(self) -> None:
        self.asked.append(("quit", None))


@pytest.fixture
def verbs() -> FakeVerbs:
    return FakeVerbs()


@pytest.fixture
def handler(verbs: FakeVerbs) -> CommandHandler:
    return CommandHandler(verbs, lambda: {"state": "idle", "next_cue": None})


def test_ping_asks_nothing(handler: CommandHandler, verbs: FakeVerbs) -> None:
    assert handler({"command": "ping"}) == {"ok": True}
    assert verbs.asked == []


def test_pause_with_and_without_a_length(handler: CommandHandler, verbs: FakeVerbs) -> None:
    assert handler({"command": "pause", "length_seconds": 120}) == {"ok": True}
    assert handler({"command": "pause"}) == {
        "ok": False,
        "error": "A pause is already under way.",
    }
    assert verbs.asked == [
        ("pause", (Source.COMMAND, timedelta(minutes=2))),
        ("pause", (Source.COMMAND, None)),
    ]


def test_skip_lets_the_next_bell_pass(handler: CommandHandler, verbs: FakeVerbs) -> None:
    assert handler({"command": "skip"}) == {"ok": True}
    assert verbs.asked == [("skip", True)]


def test_quiet_replies_until_when_or_why_not(handler: CommandHandler) -> None:
    assert handler({"command": "quiet", "spec": "until 17:00"}) == {
        "ok": True,
        "quiet_until": "2026-03-02T17:00:00+00:00",
    }
    assert handler({"command": "quiet", "spec": "off"}) == {"ok": True, "quiet_until": None}
    assert handler({"command": "quiet", "spec": "soon"}) == {
        "ok": False,
        "error": "“soon” is not a quiet time.",
    }


def test_status_adds_ok_to_what_the_app_says(handler: CommandHandler) -> None:
    assert handler({"command": "status"}) == {"ok": True, "state": "idle", "next_cue": None}


def test_show_and_quit(handler: CommandHandler, verbs: FakeVerbs) -> None:
    assert handler({"command": "show", "window": "journal"}) == {"ok": True}
    assert handler({"command": "quit"}) == {"ok": True}
    assert verbs.asked == [("show", "journal"), ("quit", None)]
