"""Fixtures for the Wayland sessions: sway and GNOME Shell, headless, as a test user.

Each session is started once per module (starting sway takes about a
second, GNOME Shell about two) and stopped by process id afterwards. The
tests skip with the reason printed only where a session is impossible
(not root, a program missing); on a machine set up by scripts/test they run.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.wayland.user import Unavailable, UserSession, unavailable, wait_for

FAKETIME = next(
    (str(p) for p in sorted(Path("/usr/lib").glob("*/faketime/libfaketime.so.1"))),
    "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1",
)
BELL_AT = "10:00"
START_AT = "2025-01-06 09:59:54"
"""The app's clock starts here (libfaketime): the bell rings about 6 s later."""
SCREENSHOTS = Path(os.environ.get("PRESENCE_SCREENSHOTS", "/tmp/presence-wayland-screenshots"))

SETTINGS = f"""schema_version = 1
[considerate]
grace_after_wake = "0s"
quiet_when_away = false

[[schedules]]
name = "Test bell"
at = ["{BELL_AT}"]
pause = "10s"
"""


def session_or_skip(kind: type[UserSession], programs: tuple[str, ...]) -> Iterator[Any]:
    reason = unavailable(*programs) or (None if Path(FAKETIME).exists() else "faketime missing")
    if reason:
        pytest.skip(f"no {kind.__name__}: {reason}")
    try:
        session = kind()
    except Unavailable as error:
        pytest.skip(f"no {kind.__name__}: {error}")
    try:
        session.start()  # type: ignore[attr-defined]
        yield session
    finally:
        session.close()


@dataclass
class TypingWindow:
    """The window the user types in, and what it reported."""

    session: UserSession
    pid: int

    def events(self) -> list[dict[str, Any]]:
        lines = self.session.log("typing.log").splitlines()
        return [json.loads(line) for line in lines if line.startswith("{")]

    def text(self) -> str:
        texts = [e["text"] for e in self.events() if e["event"] == "text"]
        return texts[-1] if texts else ""

    def lost_keyboard(self) -> list[dict[str, Any]]:
        """Reports of losing focus or becoming inactive, after the first focus."""
        events = self.events()
        first = next((i for i, e in enumerate(events) if e.get("window") == "Typing here"), 0)
        return [
            e
            for e in events[first:]
            if (e["event"] == "focus" and e["window"] is None)
            or (e["event"] == "state" and not e["active"])
        ]


def open_typing_window(session: UserSession) -> TypingWindow:
    script = str(session.src / "helpers" / "typing_window.py")
    process = session.spawn(
        [session.python, script], "typing.log", env={"QT_QPA_PLATFORM": "wayland"}
    )
    window = TypingWindow(session, process.pid)
    wait_for(lambda: any(e["event"] == "ready" for e in window.events()), "the typing window")
    return window


@dataclass
class WaylandApp:
    """Presence started in the session, on a clock that reaches the bell soon."""

    session: UserSession
    pid: int = 0
    settings_extra: str = ""

    def start(self) -> None:
        config = self.session.home / ".config" / "presence-app"
        config.mkdir(parents=True, exist_ok=True)
        (config / "settings.toml").write_text(SETTINGS + self.settings_extra)
        self.session.give(self.session.home / ".config")
        env = {
            "QT_QPA_PLATFORM": "wayland",
            "LD_PRELOAD": FAKETIME,
            "FAKETIME": f"@{START_AT}",
            "DONT_FAKE_MONOTONIC": "1",
            "TZ": "UTC",
        }
        process = self.session.spawn([self.session.python, "-m", "presence_app"], "app.log", env)
        self.pid = process.pid
        wait_for(self.status, "the app to answer on its command socket")

    def cli(self, *args: str) -> Any:
        return self.session.run([self.session.python, "-m", "presence_app", *args])

    def status(self) -> dict[str, Any] | None:
        result = self.cli("status", "--json")
        return json.loads(result.stdout) if result.returncode == 0 else None

    def wait_state(self, state: str, timeout: float = 30) -> dict[str, Any]:
        return wait_for(  # type: ignore[no-any-return]
            lambda: (s := self.status()) and s["state"] == state and s,
            f"the app to be {state!r}",
            timeout=timeout,
        )

    def journal(self) -> list[dict[str, Any]]:
        result = self.cli("journal", "export", "--format", "json")
        assert result.returncode == 0, result.stderr
        return list(json.loads(result.stdout))

    def log(self) -> str:
        return self.session.log("app.log")


def screenshot_path(name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS / f"{name}-{time.strftime('%H%M%S')}.png"
