"""The rhythm of pauses: local days, wall-clock times, real lengths."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from presence_app.core.cue import Outcome, Source
from presence_app.core.journal import JournalEntry, Reflection
from presence_app.core.rhythm import (
    WEEKS,
    Bell,
    Pause,
    RhythmDay,
    hour_span,
    look_back,
)

BERLIN = ZoneInfo("Europe/Berlin")
# Sunday 29 March 2026: Berlin's clocks jump from 02:00 (CET) to 03:00 (CEST).
TODAY = date(2026, 3, 31)
THREE = timedelta(minutes=3)


def utc(day: int, hour: int, minute: int = 0, second: int = 0) -> datetime:
    return datetime(2026, 3, day, hour, minute, second, tzinfo=UTC)


def pause(
    start: datetime,
    ended: datetime | None,
    outcome: Outcome = Outcome.COMPLETED,
    planned: timedelta = THREE,
) -> JournalEntry:
    return JournalEntry(0, None, start, ended, outcome, Source.TRAY, (), planned, None)


def bell(at: datetime, outcome: Outcome) -> JournalEntry:
    return JournalEntry(0, at, None, None, outcome, Source.SCHEDULE, ("Work",), THREE, None)


def words_only(written: datetime) -> JournalEntry:
    words = Reflection(written, "What did you notice?", "Rain.", ())
    return JournalEntry(
        0, None, None, None, Outcome.COMPLETED, Source.COMMAND, (), timedelta(0), words
    )


ENTRIES = [
    # Tuesday 24 March, 10:00 CET: eight days ago, outside the week.
    pause(utc(24, 9), utc(24, 9, 3)),
    # 23:30 UTC on the 24th is already 00:30 on Wednesday the 25th in Berlin.
    pause(utc(24, 23, 30), utc(24, 23, 35)),
    bell(utc(25, 13, 30), Outcome.PASSED),
    pause(utc(25, 8), utc(25, 8, 3)),
    # The spring-forward day: 01:58 CET to 03:01 CEST is three real minutes.
    pause(utc(29, 0, 58), utc(29, 1, 1)),
    bell(utc(29, 8), Outcome.QUIET),
    # 23:30 UTC on the 29th is 01:30 CEST on Monday the 30th.
    pause(utc(29, 23, 30), None, planned=timedelta(minutes=5)),
    bell(utc(30, 7, 15), Outcome.RANG),
    pause(utc(31, 14), utc(31, 14, 1, 30), Outcome.ENDED_EARLY),
    words_only(utc(31, 15)),
    # Tomorrow (a clock set wrong once): not part of the look-back.
    pause(datetime(2026, 4, 1, 6, tzinfo=UTC), datetime(2026, 4, 1, 6, 3, tzinfo=UTC)),
]


def test_the_last_seven_days_in_local_time_oldest_first() -> None:
    assert look_back(ENTRIES, BERLIN, TODAY) == (
        RhythmDay(
            date(2026, 3, 25),
            pauses=(
                Pause(time(0, 30), timedelta(minutes=5), Outcome.COMPLETED),
                Pause(time(9, 0), THREE, Outcome.COMPLETED),
            ),
            bells=(Bell(time(14, 30), Outcome.PASSED),),
        ),
        RhythmDay(date(2026, 3, 26)),
        RhythmDay(date(2026, 3, 27)),
        RhythmDay(date(2026, 3, 28)),
        RhythmDay(
            date(2026, 3, 29),
            pauses=(Pause(time(1, 58), THREE, Outcome.COMPLETED),),
            bells=(Bell(time(10, 0), Outcome.QUIET),),
        ),
        RhythmDay(
            date(2026, 3, 30),
            pauses=(Pause(time(1, 30), timedelta(minutes=5), Outcome.COMPLETED),),
            bells=(Bell(time(9, 15), Outcome.RANG),),
        ),
        RhythmDay(
            date(2026, 3, 31),
            pauses=(Pause(time(16, 0), timedelta(seconds=90), Outcome.ENDED_EARLY),),
        ),
    )


def test_a_pause_across_the_jump_measured_in_its_own_zone_is_not_an_hour_long() -> None:
    start = datetime(2026, 3, 29, 1, 58, tzinfo=BERLIN)
    end = datetime(2026, 3, 29, 3, 1, tzinfo=BERLIN)
    (day,) = look_back([pause(start, end)], BERLIN, date(2026, 3, 29), days=1)
    assert day.pauses == (Pause(time(1, 58), THREE, Outcome.COMPLETED),)


def test_four_weeks_reach_back_twenty_eight_days() -> None:
    days = look_back(ENTRIES, BERLIN, TODAY, days=WEEKS)
    assert len(days) == 28
    assert days[0].day == date(2026, 3, 4)
    assert days[20].day == date(2026, 3, 24)
    assert days[20].pauses == (Pause(time(10, 0), THREE, Outcome.COMPLETED),)


def test_nothing_recorded_gives_seven_empty_days() -> None:
    days = look_back([], BERLIN, TODAY)
    assert [d.day for d in days] == [date(2026, 3, 25) + timedelta(days=n) for n in range(7)]
    assert all(d.is_empty for d in days)


def test_a_pause_that_ends_before_it_starts_counts_as_no_time() -> None:
    (day,) = look_back([pause(utc(31, 9), utc(31, 8))], UTC, TODAY, days=1)
    assert day.pauses == (Pause(time(9, 0), timedelta(0), Outcome.COMPLETED),)


def day_with(*marks: Pause | Bell) -> RhythmDay:
    pauses = tuple(m for m in marks if isinstance(m, Pause))
    bells = tuple(m for m in marks if isinstance(m, Bell))
    return RhythmDay(TODAY, pauses, bells)


@pytest.mark.parametrize(
    ("marks", "span"),
    [
        ((), (7, 21)),
        ((Pause(time(9), THREE, Outcome.COMPLETED),), (7, 21)),
        ((Pause(time(1, 58), THREE, Outcome.COMPLETED),), (1, 21)),
        ((Bell(time(6, 59, 30), Outcome.PASSED),), (6, 21)),
        ((Bell(time(21, 0), Outcome.QUIET),), (7, 21)),
        ((Pause(time(20, 50), timedelta(minutes=20), Outcome.COMPLETED),), (7, 22)),
        ((Pause(time(23, 55), timedelta(minutes=10), Outcome.COMPLETED),), (7, 24)),
        ((Pause(time(0, 0), THREE, Outcome.ENDED_EARLY),), (0, 21)),
    ],
)
def test_hour_span_fits_the_marks(marks: tuple[Pause | Bell, ...], span: tuple[int, int]) -> None:
    assert hour_span([RhythmDay(TODAY - timedelta(days=1)), day_with(*marks)]) == span


def test_the_hour_that_happens_twice_keeps_both_pauses_on_one_day() -> None:
    # Sunday 25 October 2026: Berlin's 02:00-03:00 comes twice (CEST, then CET).
    first = datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    second = datetime(2026, 10, 25, 1, 30, tzinfo=UTC)
    entries = [pause(second, second + THREE), pause(first, first + THREE)]
    (day,) = look_back(entries, BERLIN, date(2026, 10, 25), days=1)
    assert day == RhythmDay(
        date(2026, 10, 25),
        pauses=(
            Pause(time(2, 30), THREE, Outcome.COMPLETED),
            Pause(time(2, 30), THREE, Outcome.COMPLETED),
        ),
    )
