"""Daylight saving: rules are local wall time, countdowns are real time.

Each case previews one local day on which the clocks change, in both
directions, in Europe/Berlin (1 hour at 02:00/03:00), America/New_York
(1 hour at 02:00) and Australia/Lord_Howe (30 minutes at 02:00). Expected
bells are written in UTC, with the local reading in the comment.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from presence_app.core.schedule import Scheduler, ScheduleState, preview
from presence_app.core.settings import ScheduleRule, TimeWindow
from presence_app.core.timezone import wall_to_instant

M = timedelta(minutes=1)
DAILY = frozenset(range(7))


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def night_interval(start: str = "01:00", end: str = "04:00") -> ScheduleRule:
    return ScheduleRule(
        name="Night",
        every=timedelta(minutes=45),
        hours=(TimeWindow(time.fromisoformat(start), time.fromisoformat(end)),),
    )


def bells_on(zone: str, day: date, rule: ScheduleRule) -> list[datetime]:
    """The preview of one local day: bells answered with a 1-minute pause."""
    tz = ZoneInfo(zone)
    start = wall_to_instant(day, time(0, 0), tz)
    end = wall_to_instant(day + timedelta(days=1), time(0, 0), tz)
    cues = preview([rule], tz, start=start, days=1, default_pause=M, seed=1)
    return [cue.at for cue in cues if cue.at < end]


@pytest.mark.parametrize(
    ("zone", "day", "expected"),
    [
        # Berlin, spring: 01:00 CET opens, 01:45 CET, then 03:31 and (04:17 past close).
        ("Europe/Berlin", date(2026, 3, 29), ["2026-03-29T00:45", "2026-03-29T01:31"]),
        # Berlin, autumn: the window lasts four real hours (01:00 CEST-04:00 CET).
        (
            "Europe/Berlin",
            date(2026, 10, 25),
            ["2026-10-24T23:45", "2026-10-25T00:31", "2026-10-25T01:17", "2026-10-25T02:03"]
            + ["2026-10-25T02:49"],
        ),
        # New York, spring: 01:45 EST, then 03:31 EDT (04:17 is past the close).
        ("America/New_York", date(2026, 3, 8), ["2026-03-08T06:45", "2026-03-08T07:31"]),
        # New York, autumn: 01:00 EDT opens; 04:00 EST closes four real hours later.
        (
            "America/New_York",
            date(2026, 11, 1),
            ["2026-11-01T05:45", "2026-11-01T06:31", "2026-11-01T07:17", "2026-11-01T08:03"]
            + ["2026-11-01T08:49"],
        ),
        # Lord Howe, spring (02:00 +10:30 → 02:30 +11): 01:45, 03:01, 03:47 local.
        (
            "Australia/Lord_Howe",
            date(2026, 10, 4),
            ["2026-10-03T15:15", "2026-10-03T16:01", "2026-10-03T16:47"],
        ),
        # Lord Howe, autumn (02:00 +11 → 01:30 +10:30): three and a half real hours.
        (
            "Australia/Lord_Howe",
            date(2026, 4, 5),
            ["2026-04-04T14:45", "2026-04-04T15:31", "2026-04-04T16:17", "2026-04-04T17:03"],
        ),
    ],
)
def test_interval_rules_count_real_time_across_a_change(
    zone: str, day: date, expected: list[str]
) -> None:
    assert bells_on(zone, day, night_interval()) == [utc(e) for e in expected]


@pytest.mark.parametrize(
    ("zone", "day", "at", "expected"),
    [
        # A skipped wall time rings at the first valid minute after it.
        ("Europe/Berlin", date(2026, 3, 29), "02:30", "2026-03-29T01:00"),  # 03:00 CEST
        ("America/New_York", date(2026, 3, 8), "02:15", "2026-03-08T07:00"),  # 03:00 EDT
        ("Australia/Lord_Howe", date(2026, 10, 4), "02:10", "2026-10-03T15:30"),  # 02:30 +11
        # A wall time that happens twice rings once, at its first occurrence.
        ("Europe/Berlin", date(2026, 10, 25), "02:30", "2026-10-25T00:30"),  # CEST
        ("America/New_York", date(2026, 11, 1), "01:30", "2026-11-01T05:30"),  # EDT
        ("Australia/Lord_Howe", date(2026, 4, 5), "01:45", "2026-04-04T14:45"),  # +11
    ],
)
def test_fixed_times_across_a_change(zone: str, day: date, at: str, expected: str) -> None:
    rule = ScheduleRule(name="Fixed", at=(time.fromisoformat(at),))
    assert bells_on(zone, day, rule) == [utc(expected)]


@pytest.mark.parametrize(
    ("zone", "first", "second", "next_day"),
    [
        ("Europe/Berlin", "2026-10-25T00:30", "2026-10-25T01:30", "2026-10-26T01:30"),
        ("America/New_York", "2026-11-01T05:30", "2026-11-01T06:30", "2026-11-02T06:30"),
        ("Australia/Lord_Howe", "2026-04-04T14:45", "2026-04-04T15:15", "2026-04-05T15:15"),
    ],
)
def test_a_repeated_time_does_not_ring_again_at_its_second_occurrence(
    zone: str, first: str, second: str, next_day: str
) -> None:
    tz = ZoneInfo(zone)
    at = utc(first).astimezone(tz).time()
    rule = ScheduleRule(name="Fixed", at=(at,))
    scheduler = Scheduler([rule], tz, ScheduleState(), default_pause=M, grace=2 * M)
    cue = scheduler.next_cue(utc(first) - timedelta(hours=1))
    assert cue is not None and cue.at == utc(first)
    scheduler.record_passed(cue, cue.at)
    after = scheduler.next_cue(utc(second) - M)
    assert after is not None and after.at == utc(next_day)


def test_two_skipped_times_ring_once() -> None:
    rule = ScheduleRule(name="Fixed", at=(time(2, 10), time(2, 20)))
    assert bells_on("Australia/Lord_Howe", date(2026, 10, 4), rule) == [utc("2026-10-03T15:30")]
