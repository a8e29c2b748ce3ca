"""The wake timer: one single-shot timer at the lifecycle's next deadline; sleep reported."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from pytestqt.qtbot import QtBot

from presence_app.adapters.power import ClockSample
from presence_app.core.clock import FakeClock
from presence_app.waking import MAX_TIMER, WakeTimer

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


class Deadlines:
    """A stand-in lifecycle: a list of deadlines, each handled by a tick."""

    def __init__(self, clock: FakeClock, *deadlines: datetime) -> None:
        self.clock = clock
        self.deadlines = list(deadlines)
        self.ticks: list[datetime] = []

    def next_wakeup(self) -> datetime | None:
        return self.deadlines[0] if self.deadlines else None

    def tick(self) -> None:
        self.ticks.append(self.clock.now())
        while self.deadlines and self.deadlines[0] <= self.clock.now():
            self.deadlines.pop(0)


def remaining_s(waker: WakeTimer) -> float:
    return waker._timer.remainingTime() / 1000


def test_the_timer_is_set_to_the_next_deadline_and_again_after_firing(qtbot: QtBot) -> None:
    clock = FakeClock(START)
    life = Deadlines(clock, START + timedelta(minutes=45), START + timedelta(minutes=90))
    waker = WakeTimer(clock, life.next_wakeup, life.tick)
    waker.rearm()
    assert remaining_s(waker) == pytest.approx(45 * 60, abs=1)
    clock.advance(minutes=45)
    waker.fire()
    assert life.ticks == [START + timedelta(minutes=45)]
    assert remaining_s(waker) == pytest.approx(45 * 60, abs=1)
    clock.advance(minutes=45)
    waker.fire()
    assert not waker._timer.isActive()


def test_a_far_deadline_waits_at_most_max_timer_and_a_past_one_fires_at_once(
    qtbot: QtBot,
) -> None:
    clock = FakeClock(START)
    life = Deadlines(clock, START + timedelta(days=2))
    waker = WakeTimer(clock, life.next_wakeup, life.tick)
    waker.rearm()
    assert remaining_s(waker) == pytest.approx(MAX_TIMER.total_seconds(), abs=1)
    clock.advance(days=3)
    waker.rearm()
    with qtbot.waitSignal(waker._timer.timeout, timeout=2000):
        pass
    assert life.ticks == [START + timedelta(days=3)]


def test_sleep_and_clock_changes_are_reported(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    samples = iter(
        [
            ClockSample(1000, 50, 60),
            ClockSample(4660, 110, 3720),  # asleep for an hour
            ClockSample(-2480, 170, 3780),  # a minute on, the wall clock set back two hours
        ]
    )
    monkeypatch.setattr("presence_app.adapters.power.sample", lambda: next(samples))
    clock = FakeClock(START)
    life = Deadlines(clock)
    waker = WakeTimer(clock, life.next_wakeup, life.tick)
    slept: list[float] = []
    moved: list[float] = []
    minutes: list[None] = []
    waker.slept.connect(slept.append)
    waker.clock_moved.connect(moved.append)
    waker.minute.connect(lambda: minutes.append(None))
    waker.check_now()
    waker.check_now()
    assert slept == [3600]
    assert moved == [-7200]
    assert len(minutes) == 2


def test_preparing_the_bell_also_readies_the_invitation() -> None:
    from presence_app.wiring import _BellAhead

    calls: list[str] = []

    class Player:
        def prepare(self) -> None:
            calls.append("sound ready")

        def play(self, role: str) -> None:
            calls.append(f"play {role}")

    bell = _BellAhead(Player(), lambda: calls.append("invitation ready"))  # type: ignore[arg-type]
    bell.prepare()
    bell.play("start")
    assert calls == ["sound ready", "invitation ready", "play start"]
