"""Time away reaches the schedule by one path, on a fake clock."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from presence_app.core.awaybook import AwayBook
from presence_app.core.clock import FakeClock
from presence_app.core.considerate import AWAY, Considerate
from presence_app.core.schedstate import ScheduleState
from presence_app.core.settings import ConsiderateSettings

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@dataclass
class Desk:
    """The desktop's idle counter, moved by the test along with the clock."""

    clock: FakeClock
    last_input: datetime = START

    def idle_seconds(self) -> float | None:
        return (self.clock.now() - self.last_input).total_seconds()

    def fullscreen_app(self) -> str | None:
        return None


@dataclass
class Schedule:
    state: ScheduleState = field(default_factory=ScheduleState)
    away: list[tuple[datetime, datetime]] = field(default_factory=list)

    def record_away(self, start: datetime, end: datetime) -> None:
        self.away.append((start, end))


@dataclass
class World:
    clock: FakeClock
    desk: Desk
    schedule: Schedule
    book: AwayBook
    calls: list[str]


def world() -> World:
    clock = FakeClock(START)
    desk, schedule, calls = Desk(clock), Schedule(), []
    considerate = Considerate(ConsiderateSettings(), desk)
    book = AwayBook(
        considerate,
        schedule,
        catch_up=lambda: calls.append("tick"),
        recompute=lambda: calls.append("refresh"),
    )
    return World(clock, desk, schedule, book, calls)


def test_a_return_seen_by_the_minute_check_reaches_the_schedule() -> None:
    w = world()
    for _ in range(10):  # ten quiet minutes
        w.clock.advance(minutes=1)
        w.book.check_return(w.clock.now())
    assert w.schedule.away == [] and w.calls == []
    w.desk.last_input = w.clock.now()  # the user is back
    w.clock.advance(seconds=30)
    w.book.check_return(w.clock.now())
    assert w.schedule.away == [(START, START + timedelta(minutes=10))]
    assert w.calls == ["refresh"]


def test_right_before_a_bell_the_reason_is_given_and_a_return_recorded() -> None:
    w = world()
    w.clock.advance(minutes=5)
    assert w.book.reason_to_wait(w.clock.now()) == AWAY
    w.desk.last_input = w.clock.now()
    w.clock.advance(seconds=5)
    w.book.reason_to_wait(w.clock.now())
    assert w.schedule.away == [(START, START + timedelta(minutes=5))]
    assert w.calls == []  # the lifecycle works out the next bell itself


def test_sleep_is_time_away_then_the_lifecycle_catches_up() -> None:
    w = world()
    w.clock.advance(hours=2)
    w.book.slept(w.clock.now(), 3600)
    assert w.schedule.away == [(START + timedelta(hours=1), START + timedelta(hours=2))]
    assert w.calls == ["tick", "refresh"]


def test_the_app_was_last_alive_when_the_state_last_changed_at_most_a_day_ago() -> None:
    w = world()
    now = START + timedelta(days=3)
    assert w.book.last_known_alive(now) == now - timedelta(days=1)
    w.schedule.state.last_bell = now - timedelta(hours=5)
    w.schedule.state.last_pause_end = now - timedelta(hours=6)
    assert w.book.last_known_alive(now) == now - timedelta(hours=5)
