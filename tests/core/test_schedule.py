"""The schedule's semantics, one rule at a time, with exact instants.

All times are Europe/Berlin wall times in the week of Monday 2026-11-30
(winter time, UTC+1) unless a test says otherwise.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from presence_app.core.cue import Cue
from presence_app.core.rules import jitter_offset, rule_key
from presence_app.core.schedule import MERGE_DISTANCE, Scheduler, ScheduleState, StateStore
from presence_app.core.settings import ScheduleRule, TimeWindow

BERLIN = ZoneInfo("Europe/Berlin")
M = timedelta(minutes=1)
WEEKDAYS = frozenset(range(5))


DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def local(text: str) -> datetime:
    """'Mon 09:45' (the week of Monday 2026-11-30) or '2026-12-07 09:45' → UTC."""
    if text[:3] in DAYS:
        day = date(2026, 11, 30) + timedelta(days=DAYS.index(text[:3]))
        text = f"{day} {text[4:]}"
    return datetime.fromisoformat(text).replace(tzinfo=BERLIN).astimezone(UTC)


def shown(instant: datetime | None) -> str | None:
    if instant is None:
        return None
    wall = instant.astimezone(BERLIN)
    return f"{DAYS[wall.weekday()]} {wall:%Y-%m-%d %H:%M}"


def window(text: str) -> TimeWindow:
    start, end = text.split("-")
    return TimeWindow(time.fromisoformat(start), time.fromisoformat(end))


def every(
    minutes: int, *hours: str, name: str = "Work", days: frozenset[int] = WEEKDAYS, **more: object
) -> ScheduleRule:
    return ScheduleRule(
        name=name,
        every=timedelta(minutes=minutes),
        hours=tuple(window(h) for h in hours),
        days=days,
        **more,  # type: ignore[arg-type]
    )


def fixed(*times: str, name: str = "Lunch", **more: object) -> ScheduleRule:
    return ScheduleRule(name=name, at=tuple(time.fromisoformat(t) for t in times), **more)  # type: ignore[arg-type]


def make(*rules: ScheduleRule, state: ScheduleState | None = None, grace: int = 2) -> Scheduler:
    return Scheduler(
        rules,
        BERLIN,
        state or ScheduleState(seed=7),
        default_pause=M,
        grace=timedelta(minutes=grace),
    )


def test_mon_helper() -> None:
    assert local("Mon 09:45") == datetime(2026, 11, 30, 8, 45, tzinfo=UTC)
    assert shown(local("Wed 10:00")) == "Wed 2026-12-02 10:00"


WORK = ("09:00-12:30", "13:30-18:00")


@pytest.mark.parametrize(
    ("state", "now", "expected"),
    [
        # The countdown starts at the window opening, never rings at it.
        (ScheduleState(), "Mon 08:00", "Mon 2026-11-30 09:45"),
        (ScheduleState(), "Mon 09:00", "Mon 2026-11-30 09:45"),
        # ... or at the end of the last pause, however it was started.
        (ScheduleState(last_pause_end=local("Mon 10:10")), "Mon 10:20", "Mon 2026-11-30 10:55"),
        # ... or at the bell itself when it passed.
        (ScheduleState(last_bell=local("Mon 10:20")), "Mon 10:21", "Mon 2026-11-30 11:05"),
        # The second window starts a fresh countdown; 12:45 would be past 12:30.
        (ScheduleState(last_pause_end=local("Mon 11:50")), "Mon 11:51", "Mon 2026-11-30 14:15"),
        # Friday evening: the next window is Monday's.
        (ScheduleState(last_pause_end=local("Fri 17:30")), "Fri 17:31", "Mon 2026-12-07 09:45"),
    ],
)
def test_interval_countdown(state: ScheduleState, now: str, expected: str) -> None:
    cue = make(every(45, *WORK), state=state).next_cue(local(now))
    assert cue is not None
    assert (shown(cue.at), cue.rules, cue.pause, cue.passes) == (expected, ("Work",), M, False)


def test_every_is_the_space_between_pauses_not_a_grid() -> None:
    scheduler = make(every(45, *WORK))
    times = []
    now = local("Mon 08:00")
    for _ in range(4):
        cue = scheduler.next_cue(now)
        assert cue is not None
        times.append(shown(cue.at)[-5:])  # type: ignore[index]
        scheduler.record_pause(cue.at, cue.at + cue.pause, cue)
        now = cue.at + cue.pause
    assert times == ["09:45", "10:31", "11:17", "12:03"]


def test_a_window_that_crosses_midnight() -> None:
    scheduler = make(every(45, "22:00-01:00", days=frozenset({0})))
    bells = []
    now = local("Mon 21:00")
    for _ in range(4):
        cue = scheduler.next_cue(now)
        assert cue is not None
        bells.append(shown(cue.at))
        scheduler.record_pause(cue.at, cue.at + M, cue)
        now = cue.at + M
    assert bells == [
        "Mon 2026-11-30 22:45",
        "Mon 2026-11-30 23:31",
        "Tue 2026-12-01 00:17",
        # 01:03 would be past the close; Tuesday is not an active day.
        "Mon 2026-12-07 22:45",
    ]


def test_a_window_shorter_than_the_interval_never_rings() -> None:
    assert make(every(45, "09:00-09:30")).next_cue(local("Mon 08:00")) is None


def test_no_rules_no_bells() -> None:
    assert make().next_cue(local("Mon 08:00")) is None


def test_midnight_is_not_an_opening_when_the_whole_day_is_active() -> None:
    rule = every(45, days=frozenset(range(7)))
    state = ScheduleState(last_pause_end=local("Mon 23:50"))
    cue = make(rule, state=state).next_cue(local("Mon 23:51"))
    assert cue is not None and shown(cue.at) == "Tue 2026-12-01 00:35"


def test_fixed_times_on_their_days() -> None:
    scheduler = make(fixed("12:00", "21:30", days=WEEKDAYS))
    cue = scheduler.next_cue(local("Fri 22:00"))
    assert cue is not None and shown(cue.at) == "Mon 2026-12-07 12:00"
    cue = scheduler.next_cue(local("Mon 12:00"))
    assert cue is not None and shown(cue.at) == "Mon 2026-11-30 12:00"


def test_fixed_times_honour_hours() -> None:
    rule = fixed("08:00", "12:00", hours=(window("09:00-17:00"),))
    cue = make(rule).next_cue(local("Mon 07:00"))
    assert cue is not None and shown(cue.at) == "Mon 2026-11-30 12:00"


def test_bells_of_two_rules_merge_and_the_longer_pause_wins() -> None:
    lunch = fixed("12:00", pause=timedelta(minutes=5))
    state = ScheduleState(last_pause_end=local("Mon 11:13"))
    scheduler = make(every(45, *WORK), lunch, state=state)
    cue = scheduler.next_cue(local("Mon 11:14"))
    assert cue == Cue(at=local("Mon 11:58"), pause=5 * M, rules=("Work", "Lunch"))
    scheduler.record_pause(cue.at, cue.at + cue.pause, cue)
    after = scheduler.next_cue(cue.at + cue.pause)
    # The 12:00 lunch bell was rung with the 11:58 one; it does not ring again.
    assert after is not None and (shown(after.at), after.rules) == (
        "Mon 2026-11-30 14:15",
        ("Work",),
    )


def test_bells_further_apart_than_the_merge_distance_stay_apart() -> None:
    lunch = fixed("12:00")
    state = ScheduleState(last_pause_end=local("Mon 11:10"))
    cue = make(every(45, *WORK), lunch, state=state).next_cue(local("Mon 11:11"))
    assert cue is not None and (shown(cue.at), cue.rules) == ("Mon 2026-11-30 11:55", ("Work",))
    assert timedelta(minutes=5) == MERGE_DISTANCE


def test_a_bell_in_quiet_time_does_not_ring_and_restarts_the_countdown() -> None:
    state = ScheduleState(last_pause_end=local("Mon 09:50"))
    scheduler = make(every(45, *WORK), state=state)
    scheduler.set_quiet(local("Mon 11:00"), "you asked for quiet until 11:00")
    cue = scheduler.next_cue(local("Mon 10:00"))
    # 10:35 fell in quiet; the countdown runs on from it.
    assert cue is not None and shown(cue.at) == "Mon 2026-11-30 11:20"
    assert scheduler.quiet_status(local("Mon 10:00")) == (
        local("Mon 11:00"),
        "you asked for quiet until 11:00",
    )
    assert scheduler.quiet_status(local("Mon 11:00")) is None
    scheduler.set_quiet(None, "ignored")
    assert (scheduler.state.quiet_until, scheduler.state.quiet_reason) == (None, None)
    cue = scheduler.next_cue(local("Mon 10:00"))
    assert cue is not None and shown(cue.at) == "Mon 2026-11-30 10:35"


def test_quiet_status_without_a_reason_says_when() -> None:
    scheduler = make(every(45, *WORK))
    scheduler.set_quiet(local("Tue 09:00"), None)
    assert scheduler.quiet_status(local("Mon 15:00")) == (
        local("Tue 09:00"),
        "you asked for quiet until tomorrow at 09:00",
    )


@pytest.mark.parametrize(
    ("away", "rule_pause", "expected"),
    [
        # Away at least as long as the pause: a natural pause, the countdown restarts.
        (("Mon 10:00", "Mon 10:30"), 1, "Mon 2026-11-30 11:15"),
        (("Mon 10:00", "Mon 10:05"), 5, "Mon 2026-11-30 10:50"),
        # Shorter: the countdown from 09:50 runs on (10:35).
        (("Mon 10:00", "Mon 10:04"), 5, "Mon 2026-11-30 10:35"),
        # The 10:35 bell passed while away (shorter than a 15m pause): not rung late.
        (("Mon 10:30", "Mon 10:40"), 15, "Mon 2026-11-30 11:20"),
        # Back at 10:34: the grace period moves 10:35 to 10:36.
        (("Mon 10:33", "Mon 10:34"), 5, "Mon 2026-11-30 10:36"),
    ],
)
def test_time_away(away: tuple[str, str], rule_pause: int, expected: str) -> None:
    rule = every(45, *WORK, pause=timedelta(minutes=rule_pause))
    scheduler = make(rule, state=ScheduleState(last_pause_end=local("Mon 09:50")))
    start, end = local(away[0]), local(away[1])
    scheduler.record_away(start, end)
    cue = scheduler.next_cue(end)
    assert cue is not None and shown(cue.at) == expected
    assert scheduler.state.back_at == end


def test_a_short_away_does_not_hide_an_earlier_long_one() -> None:
    short = every(45, *WORK, name="Short", pause=M)
    long = every(45, *WORK, name="Long", pause=20 * M)
    scheduler = make(short, long, state=ScheduleState(last_pause_end=local("Mon 09:05")))
    scheduler.record_away(local("Mon 09:10"), local("Mon 09:40"))
    scheduler.record_away(local("Mon 09:50"), local("Mon 09:52"))
    # Short counts from 09:52, Long from 09:40 (the 2-minute away is too short for it).
    assert [(shown(c.at), c.rules) for c in _bells(scheduler, local("Mon 09:52"), 2)] == [
        ("Mon 2026-11-30 10:25", ("Long",)),
        ("Mon 2026-11-30 11:10", ("Short", "Long")),
    ]


def _bells(scheduler: Scheduler, now: datetime, count: int) -> list[Cue]:
    """The next bells if each one passes."""
    bells = []
    for _ in range(count):
        cue = scheduler.next_cue(now)
        assert cue is not None
        bells.append(cue)
        scheduler.record_passed(cue, cue.at)
        now = cue.at
    return bells


def test_grace_moves_a_fixed_bell_after_a_return() -> None:
    scheduler = make(fixed("12:00"))
    scheduler.record_away(local("Mon 11:40"), local("Mon 11:59"))
    cue = scheduler.next_cue(local("Mon 11:59"))
    assert cue is not None and shown(cue.at) == "Mon 2026-11-30 12:01"


def test_a_bell_moved_by_grace_past_its_window_does_not_ring() -> None:
    rule = fixed("11:59", "15:00", hours=(window("09:00-12:00"), window("14:00-16:00")))
    scheduler = make(rule)
    scheduler.record_away(local("Mon 11:30"), local("Mon 11:58"))
    cue = scheduler.next_cue(local("Mon 11:58"))
    assert cue is not None and shown(cue.at) == "Mon 2026-11-30 15:00"


def test_wake_from_sleep_never_rings_at_once() -> None:
    scheduler = make(every(45, *WORK), state=ScheduleState(last_pause_end=local("Mon 09:50")))
    scheduler.record_away(local("Mon 10:00"), local("Mon 16:00"))
    cue = scheduler.next_cue(local("Mon 16:00"))
    assert cue is not None and shown(cue.at) == "Mon 2026-11-30 16:45"


def test_skip_next_lets_exactly_one_bell_pass() -> None:
    scheduler = make(every(45, *WORK))
    scheduler.skip_next()
    first = scheduler.next_cue(local("Mon 08:00"))
    assert first is not None and (shown(first.at), first.passes) == ("Mon 2026-11-30 09:45", True)
    assert scheduler.next_cue(local("Mon 09:00")) == first  # asking again changes nothing
    scheduler.record_passed(first, first.at)
    second = scheduler.next_cue(first.at)
    assert second is not None and (shown(second.at), second.passes) == (
        "Mon 2026-11-30 10:30",
        False,
    )


def test_cancel_skip() -> None:
    scheduler = make(every(45, *WORK))
    scheduler.skip_next()
    scheduler.cancel_skip()
    cue = scheduler.next_cue(local("Mon 08:00"))
    assert cue is not None and not cue.passes


def test_a_skip_waits_for_a_bell_that_rings() -> None:
    scheduler = make(every(45, *WORK))
    scheduler.set_quiet(local("Mon 10:00"), None)
    scheduler.skip_next()
    cue = scheduler.next_cue(local("Mon 08:00"))
    assert cue is not None and (shown(cue.at), cue.passes) == ("Mon 2026-11-30 10:30", True)


def test_snooze_rings_the_due_bell_later_and_nothing_before() -> None:
    lunch = fixed("10:40", pause=3 * M)
    scheduler = make(
        every(45, *WORK), lunch, state=ScheduleState(last_pause_end=local("Mon 09:50"))
    )
    due = scheduler.next_cue(local("Mon 10:00"))
    assert due is not None and shown(due.at) == "Mon 2026-11-30 10:35"
    scheduler.snooze(local("Mon 10:45"), due)
    cue = scheduler.next_cue(local("Mon 10:36"))
    # The 10:40 lunch bell is within the snooze; the snoozed bell merges 10:45's neighbours.
    assert cue == Cue(at=local("Mon 10:45"), pause=M, rules=("Work",))
    scheduler.record_pause(local("Mon 10:45"), local("Mon 10:46"), cue)
    assert scheduler.state.snoozed_until is None
    after = scheduler.next_cue(local("Mon 10:46"))
    assert after is not None and shown(after.at) == "Mon 2026-11-30 11:31"


def test_a_snoozed_bell_that_passes_is_forgotten() -> None:
    scheduler = make(every(45, *WORK))
    scheduler.snooze(local("Mon 10:00"))
    cue = scheduler.next_cue(local("Mon 09:00"))
    assert cue == Cue(at=local("Mon 10:00"), pause=M, rules=())
    scheduler.record_passed(cue, cue.at)
    assert scheduler.state.snoozed_until is None
    after = scheduler.next_cue(local("Mon 10:00"))
    assert after is not None and shown(after.at) == "Mon 2026-11-30 10:45"


def test_update_takes_new_rules_and_keeps_the_state() -> None:
    scheduler = make(every(45, *WORK), state=ScheduleState(last_pause_end=local("Mon 10:00")))
    scheduler.update([every(20, *WORK)], default_pause=M, grace=2 * M)
    cue = scheduler.next_cue(local("Mon 10:01"))
    assert cue is not None and shown(cue.at) == "Mon 2026-11-30 10:20"
    assert scheduler.state.last_pause_end == local("Mon 10:00")


def test_jitter_is_reproducible_and_within_bounds() -> None:
    rule = every(45, *WORK, jitter=timedelta(minutes=10))
    first = [c.at for c in _bells(make(rule), local("Mon 08:00"), 8)]
    again = [c.at for c in _bells(make(rule), local("Mon 08:00"), 8)]
    other = [c.at for c in _bells(make(rule, state=ScheduleState(seed=8)), local("Mon 08:00"), 8)]
    assert first == again
    assert first != other
    previous = local("Mon 09:00")
    for at in first:
        wall = at.astimezone(BERLIN)
        opening = "09:00" if wall.hour < 13 else "13:30"
        anchor = max(previous, local(f"{wall:%Y-%m-%d} {opening}"))
        assert timedelta(minutes=35) <= at - anchor <= timedelta(minutes=55)
        previous = at


def test_jitter_never_brings_a_bell_closer_than_half_the_interval() -> None:
    rule = every(20, days=frozenset(range(7)), jitter=timedelta(minutes=20))
    bells = _bells(make(rule), local("Mon 08:00"), 200)
    gaps = [b.at - a.at for a, b in zip(bells, bells[1:], strict=False)]
    assert min(gaps) >= timedelta(minutes=10)
    assert max(gaps) <= timedelta(minutes=40)
    assert min(gaps) < timedelta(minutes=12) and max(gaps) > timedelta(minutes=35)


def test_jitter_offsets_fill_the_whole_range_evenly() -> None:
    key = rule_key(7, "Work")
    jitter = timedelta(minutes=10)
    start = local("Mon 09:00")
    offsets = [
        jitter_offset(key, start + timedelta(seconds=37 * n), jitter).total_seconds()
        for n in range(4000)
    ]
    assert min(offsets) >= -600 and max(offsets) <= 600
    assert min(offsets) < -590 and max(offsets) > 590
    assert abs(sum(offsets) / len(offsets)) < 20
    quarters = [sum(1 for o in offsets if lo <= o < lo + 300) for lo in (-600, -300, 0, 300)]
    assert all(900 < q < 1100 for q in quarters), quarters
    assert jitter_offset(key, start, timedelta(0)) == timedelta(0)


def test_a_fixed_bell_that_came_while_asleep_is_not_rung_late() -> None:
    scheduler = make(fixed("12:00", days=WEEKDAYS), every(45, *WORK))
    scheduler.record_pause(local("Mon 11:30"), local("Mon 11:31"))
    scheduler.record_away(local("Mon 11:50"), local("Mon 12:10"))
    cue = scheduler.next_cue(local("Mon 12:10"))
    # Not 12:00 at 12:10; the work countdown restarts from the return.
    assert cue is not None and (shown(cue.at), cue.rules) == ("Mon 2026-11-30 14:15", ("Work",))
    scheduler.record_passed(cue, cue.at)
    bells = _bells(scheduler, local("Tue 11:00"), 3)
    assert ("Tue 2026-12-01 12:00", ("Lunch", "Work")) in [(shown(c.at), c.rules) for c in bells]


def test_restart_from_disk_gives_the_same_bell(tmp_path: Path) -> None:
    rule = every(45, *WORK, jitter=timedelta(minutes=5))
    scheduler = make(rule, state=ScheduleState(seed=99))
    scheduler.record_pause(local("Mon 10:00"), local("Mon 10:02"))
    scheduler.skip_next()
    scheduler.set_quiet(local("Mon 10:30"), "you asked for quiet until 10:30")
    before = scheduler.next_cue(local("Mon 10:05"))
    store = StateStore(tmp_path / "schedule.json")
    store.save(scheduler.state)
    again = make(rule, state=store.load())
    assert again.next_cue(local("Mon 10:05")) == before
    assert before is not None and before.passes


def test_instants_are_kept_in_utc_and_naive_ones_refused() -> None:
    scheduler = make(every(45, *WORK))
    scheduler.record_pause(
        local("Mon 10:00").astimezone(BERLIN), local("Mon 10:01").astimezone(BERLIN)
    )
    assert scheduler.state.last_pause_end == local("Mon 10:01")
    assert scheduler.state.last_pause_end.tzinfo is UTC
    with pytest.raises(ValueError, match="aware instants"):
        scheduler.record_away(datetime(2026, 11, 30, 10), datetime(2026, 11, 30, 11))


def test_a_snoozed_bell_in_quiet_time_or_after_the_window_does_not_ring() -> None:
    scheduler = make(every(45, *WORK), state=ScheduleState(last_pause_end=local("Mon 11:35")))
    due = scheduler.next_cue(local("Mon 11:36"))
    assert due is not None and shown(due.at) == "Mon 2026-11-30 12:20"
    scheduler.snooze(local("Mon 12:35"), due)  # the window closed at 12:30
    cue = scheduler.next_cue(local("Mon 12:21"))
    assert cue is not None and shown(cue.at) == "Mon 2026-11-30 14:15"
    scheduler.snooze(local("Mon 12:25"), due)
    scheduler.set_quiet(local("Mon 12:28"), None)
    cue = scheduler.next_cue(local("Mon 12:21"))
    assert cue is not None and shown(cue.at) == "Mon 2026-11-30 14:15"


def test_update_can_move_to_another_zone() -> None:
    scheduler = make(fixed("12:00"))
    scheduler.update([fixed("12:00")], default_pause=M, grace=2 * M, zone=ZoneInfo("Asia/Tokyo"))
    cue = scheduler.next_cue(datetime(2026, 11, 30, 0, tzinfo=UTC))
    assert cue is not None and cue.at == datetime(2026, 11, 30, 3, tzinfo=UTC)
    assert scheduler.zone == ZoneInfo("Asia/Tokyo")
