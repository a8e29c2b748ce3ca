"""Setting the wall clock is not time passing: the schedule re-anchors.

Issue 10, item 5: with ``every = "45m"``, setting the clock back three hours
left the next bell 3¾ hours away. These drive the real ``Scheduler`` and
``Lifecycle`` on a ``FakeClock``; ``tests/faults`` does it to the real app
with libfaketime.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from presence_app.core.clock import FakeClock, moved
from presence_app.core.cue import Source
from presence_app.core.drafts import DraftStore
from presence_app.core.lifecycle import Lifecycle, State
from presence_app.core.schedule import Scheduler, ScheduleState
from presence_app.core.settings import ScheduleRule, Settings
from tests.core.test_lifecycle import FakeBell, FakeJournal, FakeView

EVERY = timedelta(minutes=45)
START = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)  # a Monday


def all_day() -> Scheduler:
    rule = ScheduleRule(name="Work", every=EVERY)
    return Scheduler(
        [rule], UTC, ScheduleState(seed=1), default_pause=timedelta(minutes=1), grace=timedelta(0)
    )


def world(tmp_path: Path) -> tuple[FakeClock, Scheduler, Lifecycle, FakeJournal]:
    clock, scheduler, journal = FakeClock(START), all_day(), FakeJournal()
    lifecycle = Lifecycle(
        clock=clock,
        scheduler=scheduler,
        journal=journal,
        bell=FakeBell(clock=clock),
        view=FakeView(),
        drafts=DraftStore(tmp_path / "draft.json"),
        next_prompt=lambda: "What did you notice?",
        settings=Settings(),
    )
    scheduler.record_pause(START - timedelta(minutes=1), START)
    lifecycle.start()
    return clock, scheduler, lifecycle, journal


def next_bell(lifecycle: Lifecycle) -> datetime:
    cue = lifecycle.status().next_cue
    assert cue is not None
    return cue.at


def test_the_clock_set_back_three_hours_keeps_the_next_bell_within_one_interval(
    tmp_path: Path,
) -> None:
    clock, _, lifecycle, _ = world(tmp_path)
    clock.advance(minutes=5)
    assert next_bell(lifecycle) == START + EVERY
    clock.advance(hours=-3)
    lifecycle.clock_moved(timedelta(hours=-3))
    assert next_bell(lifecycle) == START + EVERY - timedelta(hours=3)
    assert next_bell(lifecycle) - clock.now() == EVERY - timedelta(minutes=5)


def test_without_re_anchoring_the_bell_would_be_hours_away(tmp_path: Path) -> None:
    """What the issue saw: the count stays at the old wall time."""
    clock, _, lifecycle, _ = world(tmp_path)
    clock.advance(minutes=5, hours=-3)
    lifecycle.refresh()  # the old handler: the jump noticed, nothing moved
    assert next_bell(lifecycle) - clock.now() == timedelta(hours=3, minutes=40)


def test_the_clock_set_forward_neither_rings_at_once_nor_counts_as_time_away(
    tmp_path: Path,
) -> None:
    clock, scheduler, lifecycle, journal = world(tmp_path)
    clock.advance(minutes=5, hours=2)
    lifecycle.clock_moved(timedelta(hours=2))
    lifecycle.tick()
    assert lifecycle.state is State.IDLE
    assert next_bell(lifecycle) == START + EVERY + timedelta(hours=2)
    assert scheduler.state.aways == []
    assert journal.entries == []


def test_a_snoozed_bell_and_a_return_move_with_the_clock() -> None:
    state = ScheduleState(
        last_bell=START,
        back_at=START,
        snoozed_until=START + timedelta(minutes=5),
        aways=[(START - timedelta(hours=1), START)],
        quiet_until=START + timedelta(hours=5),
    )
    state.shift(timedelta(hours=-2))
    back = START - timedelta(hours=2)
    assert (state.last_bell, state.back_at) == (back, back)
    assert state.snoozed_until == back + timedelta(minutes=5)
    assert state.aways == [(back - timedelta(hours=1), back)]
    # Quiet is a promise in clock time ("until 17:00"): it stays.
    assert state.quiet_until == START + timedelta(hours=5)


def test_a_pause_under_way_when_the_clock_is_set_keeps_its_length(tmp_path: Path) -> None:
    clock, _, lifecycle, journal = world(tmp_path)
    lifecycle.pause_now(Source.TRAY)
    clock.advance(seconds=30, hours=-3)
    lifecycle.clock_moved(timedelta(hours=-3))
    clock.advance(seconds=30)
    lifecycle.tick()
    assert lifecycle.state is State.REFLECTING
    (entry,) = journal.entries
    assert entry["ended"] - entry["started"] == timedelta(minutes=1)  # type: ignore[operator]


def test_moving_past_the_end_of_time_is_held_at_the_edge() -> None:
    assert moved(datetime(9999, 12, 31, tzinfo=UTC), timedelta(days=2)) == datetime.max.replace(
        tzinfo=UTC
    )
    assert moved(None, timedelta(days=2)) is None


@given(
    jump_minutes=st.integers(-24 * 60, 24 * 60).filter(lambda m: abs(m) > 1),
    since_pause=st.integers(0, 44),
)
def test_after_any_jump_the_next_bell_is_at_most_one_interval_away(
    jump_minutes: int, since_pause: int
) -> None:
    scheduler = all_day()
    scheduler.record_pause(START - timedelta(minutes=1), START)
    now = START + timedelta(minutes=since_pause)
    jump = timedelta(minutes=jump_minutes)
    scheduler.clock_moved(jump)
    cue = scheduler.next_cue(now + jump)
    assert cue is not None
    assert timedelta(0) <= cue.at - (now + jump) <= EVERY
    assert cue.at - (now + jump) == EVERY - timedelta(minutes=since_pause)
