"""The schedule state survives restarts, and a damaged file never stops us."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from presence_app.core.schedstate import ScheduleState, StateStore

T = datetime(2026, 11, 30, 9, tzinfo=UTC)
M = timedelta(minutes=1)


def full_state() -> ScheduleState:
    return ScheduleState(
        last_pause_end=T,
        skip_next=True,
        quiet_until=T + 60 * M,
        quiet_reason="you asked for quiet until 11:00",
        snoozed_until=T + 5 * M,
        snoozed_rules=("Work", "Lunch"),
        snoozed_pause=90 * timedelta(seconds=1),
        back_at=T - M,
        last_bell=T - 2 * M,
        aways=[(T - 30 * M, T - 10 * M), (T - 5 * M, T - M)],
        seed=12345,
    )


def test_round_trip(tmp_path: Path) -> None:
    store = StateStore(tmp_path / "state" / "schedule.json")
    store.save(full_state())
    assert store.load() == full_state()
    assert (tmp_path / "state" / "schedule.json").stat().st_mode & 0o777 == 0o600


def test_a_fresh_state_round_trips(tmp_path: Path) -> None:
    store = StateStore(tmp_path / "schedule.json")
    fresh = ScheduleState()
    store.save(fresh)
    assert store.load() == fresh


def test_missing_file_is_a_fresh_start(tmp_path: Path) -> None:
    state = StateStore(tmp_path / "none.json").load()
    assert state == ScheduleState(seed=state.seed)


@pytest.mark.parametrize(
    "content",
    [
        b"{not json",
        b"[]",
        b'{"version": 2}',
        b'{"version": 1}',
        b'{"version": 1, "last_pause_end": 5}',
        b"\xff\xfe",
    ],
)
def test_a_damaged_file_is_logged_and_replaced_by_a_fresh_state(
    tmp_path: Path, content: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "schedule.json"
    path.write_bytes(content)
    with caplog.at_level(logging.WARNING):
        state = StateStore(path).load()
    assert state == ScheduleState(seed=state.seed)
    assert "starting fresh" in caplog.text
    assert path.read_bytes() == content  # left for a person to look at


def test_naive_instants_are_damage(tmp_path: Path) -> None:
    store = StateStore(tmp_path / "schedule.json")
    store.save(full_state())
    text = store.path.read_text().replace("2026-11-30T09:00:00+00:00", "2026-11-30T09:00:00")
    store.path.write_text(text)
    loaded = store.load()
    assert loaded.last_pause_end is None


def test_fresh_states_get_different_seeds() -> None:
    assert len({ScheduleState().seed for _ in range(5)}) > 1


def test_remember_away_keeps_only_what_can_matter() -> None:
    state = ScheduleState(last_pause_end=T)
    state.remember_away(T - 30 * M, T - 20 * M)  # before the last pause: forgotten
    state.remember_away(T + 10 * M, T + 40 * M)  # 30 minutes
    state.remember_away(T + 50 * M, T + 55 * M)  # 5 minutes: kept, the 30 still matters
    assert state.aways == [(T + 10 * M, T + 40 * M), (T + 50 * M, T + 55 * M)]
    state.remember_away(T + 60 * M, T + 90 * M)  # 30 minutes: the earlier ones are beaten
    assert state.aways == [(T + 60 * M, T + 90 * M)]
