"""The small core parts the composition root uses: state saving, prompts, the zone."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pytest

from presence_app.core.prompts import PromptSource
from presence_app.core.schedstate import ScheduleState, StateSaver, StateStore
from presence_app.core.timezone import LocalZone


@dataclass
class Holder:
    state: ScheduleState = field(default_factory=lambda: ScheduleState(seed=7))


def test_the_state_is_written_only_when_it_changed(tmp_path: Path) -> None:
    store, holder = StateStore(tmp_path / "schedule.json"), Holder()
    saver = StateSaver(store, holder)
    saver.save()
    first = store.path.stat().st_mtime_ns
    store.path.write_text("{}")  # a write now would show
    saver.save()
    assert store.path.read_text() == "{}"
    holder.state.skip_next = True
    saver.save()
    assert store.load().skip_next is True
    assert store.path.stat().st_mtime_ns >= first


def test_a_state_that_cannot_be_written_is_tried_again_at_the_next_change(
    tmp_path: Path,
) -> None:
    blocker = tmp_path / "state"
    blocker.write_text("a file where the folder should be")
    saver = StateSaver(StateStore(blocker / "schedule.json"), Holder())
    saver.save()  # logged, not raised
    blocker.unlink()
    blocker.mkdir()
    saver.save()
    assert (blocker / "schedule.json").exists()


def test_own_prompts_win_and_the_shipped_ones_come_back(tmp_path: Path) -> None:
    shipped = tmp_path / "prompts.txt"
    shipped.write_text("What is here?\n", encoding="utf-8")
    prompts = PromptSource(("Mine?",), shipped, random.Random(1))
    assert prompts.next() == "Mine?"
    prompts.configure(())
    assert prompts.next() == "What is here?"


def test_the_zone_is_read_again_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "UTC")
    zone = LocalZone()
    assert datetime(2026, 1, 1, tzinfo=zone()).utcoffset() == UTC.utcoffset(None)
    monkeypatch.setenv("TZ", "Europe/Berlin")
    assert zone.reread() is zone()
    assert datetime(2026, 1, 1, 12, tzinfo=zone()).utcoffset().total_seconds() == 3600
