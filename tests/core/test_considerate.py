"""Whether a bell may ring now, and returns noticed from the surroundings."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta

import pytest

from presence_app.core.away import TimeAway
from presence_app.core.clock import FakeClock
from presence_app.core.considerate import (
    AWAY,
    CALL,
    DND,
    FULLSCREEN,
    JUST_BACK,
    LOCKED,
    BellCheck,
    Considerate,
    reason_clause,
    reason_to_wait,
)
from presence_app.core.settings import ConsiderateSettings

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
DEFAULTS = ConsiderateSettings()  # away after 3 minutes, grace 2 minutes
NOT_AWAY = replace(DEFAULTS, quiet_when_away=False)
NOT_FULL = replace(DEFAULTS, quiet_when_fullscreen=False)
NEITHER = replace(DEFAULTS, quiet_when_away=False, quiet_when_fullscreen=False)

# settings, idle seconds, full-screen program -> reason
DECISIONS = {
    "present, nothing full screen": (DEFAULTS, 10.0, None, None),
    "idle just under the threshold": (DEFAULTS, 179.9, None, None),
    "idle at the threshold": (DEFAULTS, 180.0, None, AWAY),
    "away and full screen: away wins": (DEFAULTS, 600.0, "mpv", AWAY),
    "full screen": (DEFAULTS, 5.0, "mpv", FULLSCREEN),
    "idle unknown": (DEFAULTS, None, None, None),
    "idle unknown, full screen": (DEFAULTS, None, "Impress", FULLSCREEN),
    "away, but quiet when away is off": (NOT_AWAY, 600.0, None, None),
    "away and full screen, quiet when away off": (NOT_AWAY, 600.0, "mpv", FULLSCREEN),
    "full screen, but quiet when full screen is off": (NOT_FULL, 5.0, "mpv", None),
    "both off": (NEITHER, 600.0, "mpv", None),
    "a longer threshold": (replace(DEFAULTS, away_after=timedelta(minutes=10)), 300.0, None, None),
}


@pytest.mark.parametrize(
    "settings, idle, program, expected", DECISIONS.values(), ids=DECISIONS.keys()
)
def test_reason_to_wait(
    settings: ConsiderateSettings, idle: float | None, program: str | None, expected: str | None
) -> None:
    assert reason_to_wait(settings, idle, lambda: program) == expected


NO_DND = replace(DEFAULTS, quiet_when_dnd=False)

# settings, idle seconds, full-screen program, do-not-disturb -> reason
WITH_DND = {
    "do-not-disturb on": (DEFAULTS, 5.0, None, True, DND),
    "do-not-disturb off": (DEFAULTS, 5.0, None, False, None),
    "do-not-disturb unknown": (DEFAULTS, 5.0, None, None, None),
    "do-not-disturb on, but quiet during it is off": (NO_DND, 5.0, None, True, None),
    "away wins over do-not-disturb": (DEFAULTS, 600.0, None, True, AWAY),
    "full screen wins over do-not-disturb": (DEFAULTS, 5.0, "mpv", True, FULLSCREEN),
    "do-not-disturb when the others are off": (NEITHER, 600.0, "mpv", True, DND),
}


@pytest.mark.parametrize(
    "settings, idle, program, dnd, expected", WITH_DND.values(), ids=WITH_DND.keys()
)
def test_reason_to_wait_with_do_not_disturb(
    settings: ConsiderateSettings,
    idle: float | None,
    program: str | None,
    dnd: bool | None,
    expected: str | None,
) -> None:
    assert reason_to_wait(settings, idle, lambda: program, lambda: dnd) == expected


def test_full_screen_is_not_asked_when_away_decides() -> None:
    asked: list[None] = []

    def program() -> str | None:
        asked.append(None)
        return None

    assert reason_to_wait(DEFAULTS, 600.0, program) == AWAY
    assert asked == []
    assert reason_to_wait(NOT_FULL, 5.0, program) is None
    assert asked == []


@dataclass
class FakeSurroundings:
    idle: float | None = 0.0
    program: str | None = None
    questions: list[str] = field(default_factory=list)

    def idle_seconds(self) -> float | None:
        self.questions.append("idle")
        return self.idle

    def fullscreen_app(self) -> str | None:
        self.questions.append("fullscreen")
        return self.program


def test_a_return_is_noticed_once_by_the_regular_check() -> None:
    clock = FakeClock(T0)
    world = FakeSurroundings(idle=240.0)
    considerate = Considerate(DEFAULTS, world)
    assert considerate.notice_return(clock.now()) is None
    assert considerate.away_since == T0 - timedelta(minutes=4)
    clock.advance(minutes=10)
    world.idle = 20.0
    assert considerate.notice_return(clock.now()) == TimeAway(
        T0 - timedelta(minutes=4), T0 + timedelta(minutes=10, seconds=-20)
    )
    clock.advance(minutes=1)
    assert considerate.notice_return(clock.now()) is None
    assert world.questions == ["idle", "idle", "idle"]


def test_the_bell_check_samples_once_and_notices_a_return() -> None:
    world = FakeSurroundings(idle=300.0)
    considerate = Considerate(DEFAULTS, world)
    assert considerate.check_bell(T0) == BellCheck(AWAY)
    assert world.questions == ["idle"]
    world.idle = 3.0
    later = T0 + timedelta(minutes=5)
    assert considerate.check_bell(later) == BellCheck(
        JUST_BACK, TimeAway(T0 - timedelta(minutes=5), later - timedelta(seconds=3))
    )


@pytest.mark.parametrize(
    "returned_ago, expected",
    [
        (timedelta(seconds=5), JUST_BACK),
        (timedelta(minutes=2) - timedelta(microseconds=1), JUST_BACK),
        (timedelta(minutes=2), None),
    ],
)
def test_a_return_noticed_at_the_bell_keeps_the_grace_period(
    returned_ago: timedelta, expected: str | None
) -> None:
    world = FakeSurroundings(idle=600.0)
    considerate = Considerate(DEFAULTS, world)
    considerate.check_bell(T0)
    world.idle = returned_ago.total_seconds()
    check = considerate.check_bell(T0 + timedelta(minutes=30))
    assert check.reason == expected
    assert check.came_back is not None


def test_full_screen_is_asked_at_the_bell() -> None:
    world = FakeSurroundings(idle=1.0, program="mpv")
    considerate = Considerate(DEFAULTS, world)
    assert considerate.check_bell(T0) == BellCheck(FULLSCREEN)
    assert world.questions == ["idle", "fullscreen"]


@dataclass
class FakeDnd:
    on: bool | None = True
    asked: int = 0

    def is_on(self) -> bool | None:
        self.asked += 1
        return self.on


def test_do_not_disturb_is_asked_at_the_bell() -> None:
    world, dnd = FakeSurroundings(idle=1.0), FakeDnd()
    considerate = Considerate(DEFAULTS, world, dnd)
    assert considerate.check_bell(T0) == BellCheck(DND)
    assert (world.questions, dnd.asked) == (["idle", "fullscreen"], 1)
    assert considerate.notice_return(T0) is None
    assert dnd.asked == 1


def test_nothing_is_asked_when_all_are_off() -> None:
    world, dnd = FakeSurroundings(idle=600.0, program="mpv"), FakeDnd()
    considerate = Considerate(replace(NEITHER, quiet_when_dnd=False), world, dnd)
    assert considerate.check_bell(T0) == BellCheck(None)
    assert considerate.notice_return(T0) is None
    assert (world.questions, dnd.asked) == ([], 0)


def test_turning_quiet_when_away_off_forgets_the_time_away() -> None:
    world = FakeSurroundings(idle=600.0)
    considerate = Considerate(DEFAULTS, world)
    considerate.notice_return(T0)
    assert considerate.away_since is not None
    considerate.configure(NOT_AWAY)
    assert considerate.away_since is None
    considerate.configure(DEFAULTS)
    world.idle = 1.0
    assert considerate.notice_return(T0 + timedelta(minutes=1)) is None


def test_a_new_threshold_applies_to_the_next_sample() -> None:
    world = FakeSurroundings(idle=300.0)
    considerate = Considerate(DEFAULTS, world)
    considerate.configure(replace(DEFAULTS, away_after=timedelta(minutes=10)))
    assert considerate.check_bell(T0) == BellCheck(None)
    assert considerate.away_since is None


@dataclass
class Desk:
    """Surroundings, do-not-disturb and calls the test sets by hand."""

    idle: float | None = 5.0
    program: str | None = None
    dnd: bool | None = False
    call: bool | None = False
    asked: list[str] = field(default_factory=list)

    def idle_seconds(self) -> float | None:
        self.asked.append("idle")
        return self.idle

    def fullscreen_app(self) -> str | None:
        self.asked.append("fullscreen")
        return self.program

    def is_on(self) -> bool | None:
        self.asked.append("dnd")
        return self.dnd

    def in_call(self) -> bool | None:
        self.asked.append("call")
        return self.call


def considerate(desk: Desk, settings: ConsiderateSettings = DEFAULTS, **kw: bool) -> Considerate:
    return Considerate(settings, desk, desk, desk, **kw)


def test_a_call_keeps_the_bell_quiet_and_is_asked_last() -> None:
    desk = Desk(call=True)
    assert considerate(desk).check_bell(T0) == BellCheck(CALL)
    assert desk.asked == ["idle", "fullscreen", "dnd", "call"]
    desk.call = None  # cannot tell: the bell rings
    assert considerate(desk).check_bell(T0) == BellCheck(None)
    desk.asked.clear()
    desk.program = "Impress"
    assert considerate(desk).check_bell(T0).reason == FULLSCREEN
    assert "call" not in desk.asked


def test_quiet_during_calls_off_never_asks() -> None:
    desk = Desk(call=True)
    assert considerate(desk, quiet_during_calls=False).check_bell(T0) == BellCheck(None)
    assert "call" not in desk.asked


def test_the_calls_setting_is_read_from_the_settings_when_present() -> None:
    @dataclass(frozen=True)
    class WithCalls(ConsiderateSettings):
        quiet_during_calls: bool = True

    desk = Desk(call=True)
    assert considerate(desk, WithCalls(quiet_during_calls=False)).check_bell(T0).reason is None
    assert considerate(desk, WithCalls()).check_bell(T0).reason == CALL
    assert considerate(desk, DEFAULTS).check_bell(T0).reason == CALL  # on by default


def test_a_locked_screen_is_away_at_once_and_counts_on_unlock() -> None:
    desk = Desk(idle=5.0)
    kind = considerate(desk)
    kind.screen_locked(T0)
    assert kind.is_locked and kind.away_since == T0
    assert kind.check_bell(T0 + timedelta(seconds=30)).reason == LOCKED
    assert kind.screen_unlocked(T0 + timedelta(minutes=20)) == TimeAway(
        T0, T0 + timedelta(minutes=20)
    )
    assert not kind.is_locked and kind.away_since is None
    assert kind.check_bell(T0 + timedelta(minutes=21)).reason is None
    assert kind.screen_unlocked(T0 + timedelta(minutes=22)) is None  # heard twice: once


def test_an_unlock_counts_from_when_input_stopped() -> None:
    desk = Desk(idle=600.0)
    kind = considerate(desk)
    assert kind.notice_return(T0) is None  # away since 08:50
    kind.screen_locked(T0 + timedelta(minutes=5))
    desk.idle = 1.0
    back = T0 + timedelta(minutes=30)
    assert kind.screen_unlocked(back) == TimeAway(T0 - timedelta(minutes=10), back)
    assert kind.notice_return(back + timedelta(minutes=1)) is None  # not counted again


def test_a_lock_is_ignored_when_quiet_when_away_is_off() -> None:
    kind = considerate(Desk(), NOT_AWAY)
    kind.screen_locked(T0)
    assert kind.check_bell(T0 + timedelta(minutes=1)).reason is None
    assert kind.screen_unlocked(T0 + timedelta(minutes=9)) is None


def test_sleep_is_counted_from_the_announcement_to_the_wake() -> None:
    kind = considerate(Desk())
    assert kind.machine_woke(T0) is None  # a wake without a heard sleep
    kind.machine_sleeping(T0)
    assert kind.machine_woke(T0 + timedelta(hours=8)) == TimeAway(T0, T0 + timedelta(hours=8))
    assert kind.machine_woke(T0 + timedelta(hours=9)) is None


def test_reasons_read_as_the_end_of_a_sentence() -> None:
    assert reason_clause(CALL) == "during a call"
    assert reason_clause(LOCKED) == "while the screen was locked"
    assert reason_clause("an old reason") == "(an old reason)"
