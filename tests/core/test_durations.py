from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from presence_app.core.durations import DurationError, format_duration, parse_duration


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("45m", timedelta(minutes=45)),
        ("1h30m", timedelta(hours=1, minutes=30)),
        ("90s", timedelta(seconds=90)),
        ("1h 30m", timedelta(hours=1, minutes=30)),
        (" 2H ", timedelta(hours=2)),
        ("1d2h3m4s", timedelta(days=1, hours=2, minutes=3, seconds=4)),
        ("0", timedelta(0)),
        ("0s", timedelta(0)),
    ],
)
def test_parse(text: str, expected: timedelta) -> None:
    assert parse_duration(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "a duration needs a number and a unit, such as 45m"),
        ("45", '"45" needs a unit: write 45s, 45m or 45h'),
        ("soon", '"soon" is not a duration; use forms such as 90s, 45m or 1h30m'),
        ("1.5h", '"1.5h" is not a duration; use forms such as 90s, 45m or 1h30m'),
        ("-5m", '"-5m" is not a duration; use forms such as 90s, 45m or 1h30m'),
        (
            "30m1h",
            '"30m1h" is not a duration; write each unit once, largest first (such as 1h30m)',
        ),
        ("99999999999d", '"99999999999d" is longer than any duration Presence can use'),
        ("5m5m", '"5m5m" is not a duration; write each unit once, largest first (such as 1h30m)'),
    ],
)
def test_parse_rejects_with_a_clear_message(text: str, message: str) -> None:
    with pytest.raises(DurationError) as caught:
        parse_duration(text)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("duration", "text"),
    [
        (timedelta(0), "0s"),
        (timedelta(seconds=90), "1m30s"),
        (timedelta(minutes=45), "45m"),
        (timedelta(hours=1, minutes=30), "1h30m"),
        (timedelta(days=2, seconds=1), "2d1s"),
        (timedelta(seconds=1.4), "1s"),
        (timedelta(minutes=-5), "-5m"),
    ],
)
def test_format(duration: timedelta, text: str) -> None:
    assert format_duration(duration) == text


@given(st.integers(min_value=0, max_value=10**8))
def test_round_trip_from_seconds(seconds: int) -> None:
    duration = timedelta(seconds=seconds)
    assert parse_duration(format_duration(duration)) == duration


@given(
    st.lists(st.integers(min_value=0, max_value=999), min_size=4, max_size=4),
    st.lists(st.booleans(), min_size=4, max_size=4),
)
def test_any_valid_spelling_formats_canonically(counts: list[int], used: list[bool]) -> None:
    text = "".join(f"{c}{u}" for c, u, keep in zip(counts, "dhms", used, strict=True) if keep)
    if not text:
        return
    duration = parse_duration(text)
    assert parse_duration(format_duration(duration)) == duration
    assert format_duration(parse_duration(format_duration(duration))) == format_duration(duration)
