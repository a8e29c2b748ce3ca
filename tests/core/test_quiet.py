"""Quiet time in the user's words, and how it is told back."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from presence_app.core.quiet import describe_quiet
from presence_app.core.schedule import Scheduler, ScheduleState, parse_quiet
from presence_app.core.settings import ScheduleRule, TimeWindow

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 30, 10, 20, tzinfo=UTC)  # Monday 11:20 in Berlin


def scheduler(*rules: ScheduleRule) -> Scheduler:
    return Scheduler(
        rules, BERLIN, ScheduleState(), default_pause=timedelta(minutes=1), grace=timedelta(0)
    )


WORK = ScheduleRule(
    name="Work",
    every=timedelta(minutes=45),
    days=frozenset(range(5)),
    hours=(TimeWindow(time(9), time(12, 30)), TimeWindow(time(13, 30), time(18))),
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1h", "2026-11-30T11:20"),
        ("30m", "2026-11-30T10:50"),
        ("for 1h30m", "2026-11-30T11:50"),
        (" 2H ", "2026-11-30T12:20"),
        ("until 17:00", "2026-11-30T16:00"),
        ("until 9:05", "2026-12-01T08:05"),  # already past today: tomorrow
        ("Until  11:20", "2026-12-01T10:20"),  # exactly now: tomorrow
        ("until tomorrow", "2026-12-01T08:00"),  # Tuesday's first window opens at 09:00
    ],
)
def test_parse_quiet(text: str, expected: str) -> None:
    until = parse_quiet(text, NOW, BERLIN, scheduler(WORK))
    assert until == datetime.fromisoformat(expected).replace(tzinfo=UTC)


def test_off() -> None:
    assert parse_quiet("off", NOW, BERLIN, scheduler(WORK)) is None


def test_until_tomorrow_on_friday_waits_for_monday() -> None:
    friday = datetime(2026, 12, 4, 15, tzinfo=UTC)
    until = parse_quiet("until tomorrow", friday, BERLIN, scheduler(WORK))
    assert until == datetime(2026, 12, 7, 8, tzinfo=UTC)


def test_until_tomorrow_without_rules_is_midnight() -> None:
    until = parse_quiet("until tomorrow", NOW, BERLIN, scheduler())
    assert until == datetime(2026, 11, 30, 23, tzinfo=UTC)


def test_until_a_skipped_time_is_the_first_valid_minute() -> None:
    now = datetime(2026, 3, 28, 22, tzinfo=UTC)  # Saturday 23:00 CET
    until = parse_quiet("until 02:30", now, BERLIN, scheduler())
    assert until == datetime(2026, 3, 29, 1, tzinfo=UTC)  # 03:00 CEST


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("soon", '"soon" is not a quiet time; write 1h, 30m, until 17:00, until tomorrow or off.'),
        ("", '"" is not a quiet time; write 1h, 30m, until 17:00, until tomorrow or off.'),
        ("0m", "Quiet for no time at all would end at once; write a length such as 1h."),
        ("until 25:00", '"25:00" is not a time of day; write it as HH:MM, such as 17:00.'),
        ("until noon", '"noon" is not a time of day; write it as HH:MM, such as 17:00.'),
    ],
)
def test_parse_quiet_explains_what_it_cannot_read(text: str, message: str) -> None:
    with pytest.raises(ValueError) as raised:
        parse_quiet(text, NOW, BERLIN, scheduler(WORK))
    assert str(raised.value) == message


@pytest.mark.parametrize(
    ("until", "expected"),
    [
        ("2026-11-30T16:00", "you asked for quiet until 17:00"),
        ("2026-12-01T08:00", "you asked for quiet until tomorrow at 09:00"),
        ("2026-12-03T08:00", "you asked for quiet until Thursday at 09:00"),
        ("2026-12-07T08:00", "you asked for quiet until 7 December at 09:00"),
    ],
)
def test_describe_quiet_says_until_when(until: str, expected: str) -> None:
    instant = datetime.fromisoformat(until).replace(tzinfo=UTC)
    assert describe_quiet(instant, NOW, BERLIN) == expected


def test_describe_quiet() -> None:
    until = datetime(2026, 11, 30, 16, tzinfo=UTC)
    assert describe_quiet(until, NOW, BERLIN) == "you asked for quiet until 17:00"
