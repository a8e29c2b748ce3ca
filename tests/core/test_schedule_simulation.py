"""Months of simulated days: random rules, pauses, time away, quiet, skips,
snoozes and restarts (state saved to disk and read back), checking after
every step the promises the schedule makes.

Hypothesis draws the rules, the zone, the start and a seed; the seed drives
a ``random.Random`` that plays the user, so a failure replays exactly.
"""

from __future__ import annotations

import random
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from presence_app.core.cue import Cue
from presence_app.core.schedule import MERGE_DISTANCE, Scheduler, ScheduleState, StateStore
from presence_app.core.settings import ScheduleRule, TimeWindow

M = timedelta(minutes=1)
GRACE = 2 * M
DEFAULT_PAUSE = M
ZONES = ("Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "UTC")
WINDOW_SETS = (
    (),
    (("09:00", "12:30"), ("13:30", "18:00")),
    (("22:00", "01:00"),),
    (("06:00", "09:00"), ("09:00", "11:00")),  # two windows that touch
    (("01:30", "03:30"),),  # across every change in the three zones
    (("00:00", "00:00"),),
)


def windows(index: int) -> tuple[TimeWindow, ...]:
    return tuple(
        TimeWindow(time.fromisoformat(a), time.fromisoformat(b)) for a, b in WINDOW_SETS[index]
    )


days_strategy = st.frozensets(st.integers(0, 6), min_size=1)
pause_strategy = st.one_of(st.none(), st.integers(10, 1200).map(lambda s: timedelta(seconds=s)))


@st.composite
def interval_rules(draw: st.DrawFn, name: str) -> ScheduleRule:
    every = draw(st.integers(5, 180)) * M
    jitter = draw(st.integers(0, max(0, every // M // 2 - 1))) * M
    return ScheduleRule(
        name=name,
        every=every,
        jitter=jitter,
        days=draw(days_strategy),
        hours=windows(draw(st.integers(0, len(WINDOW_SETS) - 1))),
        pause=draw(pause_strategy),
    )


@st.composite
def fixed_rules(draw: st.DrawFn, name: str) -> ScheduleRule:
    times = draw(
        st.lists(
            st.times().map(lambda t: t.replace(second=0, microsecond=0)), min_size=1, max_size=3
        )
    )
    return ScheduleRule(
        name=name,
        at=tuple(times),
        days=draw(days_strategy),
        hours=windows(draw(st.sampled_from([0, 0, 1, 2]))),
        pause=draw(pause_strategy),
    )


@st.composite
def rule_sets(draw: st.DrawFn) -> list[ScheduleRule]:
    count = draw(st.integers(1, 4))
    return [draw(st.one_of(interval_rules(f"R{n}"), fixed_rules(f"R{n}"))) for n in range(count)]


def active(rule: ScheduleRule, instant: datetime, zone: tzinfo) -> bool:
    """An independent reading of "the rule's window is open".

    A window is the span from its opening to its closing instant. On the
    night the clocks go back, "01:30-03:30" opens at the first 01:30 and
    stays open while the clock shows 01:00-01:29 again; a wall time that
    does not exist is read as the first minute after it that does.
    """
    today = instant.astimezone(zone).date()
    for window in rule.hours or (TimeWindow(time(0), time(0)),):
        for back in (0, 1, 2):
            day = today - timedelta(days=back)
            if day.weekday() not in rule.days:
                continue
            crosses = window.end <= window.start
            opening = wall_instant(day, window.start, zone)
            closing = wall_instant(day + timedelta(days=int(crosses)), window.end, zone)
            if opening <= instant < closing:
                return True
    return False


def wall_instant(day: date, wall: time, zone: tzinfo) -> datetime:
    """The first instant the local clock shows ``wall`` on ``day`` (or just after)."""
    local = datetime.combine(day, wall)
    while True:
        instant = local.replace(tzinfo=zone).astimezone(UTC)
        if instant.astimezone(zone).replace(tzinfo=None) == local:
            return instant
        local += timedelta(minutes=1)


@dataclass
class World:
    """The simulated user and machine around one scheduler."""

    rules: list[ScheduleRule]
    zone: tzinfo
    folder: Path
    user: random.Random
    now: datetime
    scheduler: Scheduler = field(init=False)
    last_bell: datetime | None = None
    expect_skip: bool = False

    def __post_init__(self) -> None:
        self.store = StateStore(self.folder / "schedule.json")
        self.scheduler = self.start(ScheduleState(seed=self.user.randrange(2**31)))
        # As the app does: the time before it started counts as time away.
        self.scheduler.record_away(self.now - timedelta(days=1), self.now)

    def start(self, state: ScheduleState) -> Scheduler:
        return Scheduler(self.rules, self.zone, state, default_pause=DEFAULT_PAUSE, grace=GRACE)

    def restart(self) -> None:
        before = self.scheduler.next_cue(self.now)
        self.store.save(self.scheduler.state)
        self.scheduler = self.start(self.store.load())
        assert self.scheduler.next_cue(self.now) == before

    def check(self, cue: Cue) -> None:
        state = self.scheduler.state
        assert cue.at >= self.now
        assert state.quiet_until is None or cue.at >= state.quiet_until
        assert state.back_at is None or not state.back_at <= cue.at < state.back_at + GRACE
        own = [rule for rule in self.rules if rule.name in cue.rules]
        assert own, cue
        assert any(active(rule, cue.at, self.zone) for rule in own), cue
        if self.last_bell is not None:
            assert cue.at - self.last_bell >= MERGE_DISTANCE
            leader = own[0] if own[0].name == cue.rules[0] else None
            if leader is not None and leader.every is not None:
                assert cue.at - self.last_bell >= leader.every / 2
        assert cue.passes == self.expect_skip
        # Pure: asking again, or later before the bell, gives the same bell.
        assert self.scheduler.next_cue(self.now) == cue
        assert self.scheduler.next_cue(self.now + (cue.at - self.now) / 2) == cue


def step(world: World, cue: Cue) -> None:
    """Let the user or the machine do one random thing before or at the bell."""
    user, scheduler = world.user, world.scheduler
    action = user.choices(
        ["answer", "pass", "away", "quiet", "skip", "manual", "snooze", "restart"],
        weights=[40, 15, 12, 4, 4, 8, 4, 4],
    )[0]
    if cue.passes or action == "pass":
        scheduler.record_passed(cue, cue.at)
        world.expect_skip = False
        world.now, world.last_bell = cue.at, cue.at
    elif action == "answer":
        scheduler.record_pause(cue.at, cue.at + cue.pause, cue)
        world.now, world.last_bell = cue.at + cue.pause, cue.at
    elif action == "away":
        go_away(world, cue)
    elif action == "quiet":
        scheduler.set_quiet(world.now + user.randrange(1, 600) * M, None)
    elif action == "skip":
        scheduler.skip_next()
        world.expect_skip = True
    elif action == "manual":
        start = world.now + (cue.at - world.now) * user.random()
        length = user.randrange(10, 1800) * timedelta(seconds=1)
        scheduler.record_pause(start, start + length)
        world.now, world.last_bell = start + length, start
    elif action == "snooze":
        scheduler.snooze(cue.at + user.randrange(5, 20) * M, cue)
        world.now = cue.at
    else:
        world.restart()


def go_away(world: World, cue: Cue) -> None:
    """Leave (idle, locked or asleep) some time before the bell, come back later."""
    start = world.now + (cue.at - world.now) * world.user.random()
    length = world.user.choice([30, 120, 600, 3600, 8 * 3600, 50 * 3600]) * timedelta(seconds=1)
    end = start + length * world.user.uniform(0.5, 1.5)
    world.scheduler.record_away(start, end)
    world.now = end
    after = world.scheduler.next_cue(end)
    if after is None:
        return
    # Never rung late, never at once after a return.
    assert after.at >= end + GRACE
    # Away at least as long as the pause was a pause: the count starts again.
    leader = next(rule for rule in world.rules if rule.name == after.rules[0])
    snoozed = world.scheduler.state.snoozed_until
    was_pause = end - start >= (leader.pause or DEFAULT_PAUSE)
    if leader.every is not None and was_pause and (snoozed is None or snoozed < end):
        assert after.at - end >= leader.every / 2


@settings(max_examples=30)
@given(
    rules=rule_sets(),
    zone=st.sampled_from(ZONES),
    first_day=st.dates(date(2026, 1, 1), date(2026, 12, 31)),
    seed=st.integers(0, 2**32),
)
def test_months_of_days_keep_every_promise(
    rules: list[ScheduleRule], zone: str, first_day: date, seed: int
) -> None:
    start = datetime.combine(first_day, time(0), tzinfo=UTC)
    end = start + timedelta(days=75)
    with tempfile.TemporaryDirectory() as folder:
        world = World(rules, ZoneInfo(zone), Path(folder), random.Random(seed), start)
        for _ in range(5000):
            cue = world.scheduler.next_cue(world.now)
            if cue is None or cue.at > end:
                break
            world.check(cue)
            step(world, cue)


@given(
    every=st.integers(60, 24 * 3600).map(lambda s: timedelta(seconds=s)),
    share=st.floats(0, 1),
    start=st.datetimes(datetime(2026, 1, 1), datetime(2027, 1, 1), timezones=st.just(UTC)),
    zone=st.sampled_from(ZONES),
    seed=st.integers(0, 2**31),
)
def test_jitter_stays_within_its_bounds(
    every: timedelta, share: float, start: datetime, zone: str, seed: int
) -> None:
    jitter = timedelta(seconds=int(every.total_seconds() * share))
    rule = ScheduleRule(name="Always", every=every, jitter=jitter)
    scheduler = Scheduler(
        [rule],
        ZoneInfo(zone),
        ScheduleState(last_pause_end=start, seed=seed),
        default_pause=M,
        grace=GRACE,
    )
    cue = scheduler.next_cue(start)
    assert cue is not None
    assert max(every - jitter, every / 2) <= cue.at - start <= every + jitter
