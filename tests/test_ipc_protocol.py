"""The command protocol's pure parts: quiet specs and request checks."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from presence_app.protocol import QuietSpec, QuietSpecError, check_request, parse_quiet

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.mark.parametrize(
    ("text", "spec"),
    [
        ("off", QuietSpec("off")),
        ("OFF", QuietSpec("off")),
        ("1h", QuietSpec("for", length=timedelta(hours=1))),
        ("1h 30m", QuietSpec("for", length=timedelta(minutes=90))),
        ("until 17:00", QuietSpec("until", at=time(17, 0))),
        ("until  7:05", QuietSpec("until", at=time(7, 5))),
        ("Until tomorrow", QuietSpec("tomorrow")),
    ],
)
def test_parse_quiet(text: str, spec: QuietSpec) -> None:
    assert parse_quiet(text) == spec


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("until 24:00", '"until 24:00" is not a time of day; use 24-hour time such as 17:00'),
        (
            "until noon",
            '"until noon" is not something quiet understands; use a length such as '
            '1h, "until 17:00", "until tomorrow" or "off"',
        ),
        ("0s", "quiet needs a length longer than zero, such as 30m"),
    ],
)
def test_parse_quiet_explains_what_works(text: str, message: str) -> None:
    with pytest.raises(QuietSpecError) as caught:
        parse_quiet(text)
    assert str(caught.value) == message


# 26 November 2026 is in winter time (UTC+1) in Berlin.
@pytest.mark.parametrize(
    ("text", "now", "until"),
    [
        ("off", datetime(2026, 11, 26, 10, 0, tzinfo=UTC), None),
        (
            "45m",
            datetime(2026, 11, 26, 10, 0, tzinfo=UTC),
            datetime(2026, 11, 26, 10, 45, tzinfo=UTC),
        ),
        # 11:00 local: 17:00 is still ahead today ...
        (
            "until 17:00",
            datetime(2026, 11, 26, 10, 0, tzinfo=UTC),
            datetime(2026, 11, 26, 16, 0, tzinfo=UTC),
        ),
        # ... at 18:00 local it means tomorrow.
        (
            "until 17:00",
            datetime(2026, 11, 26, 17, 0, tzinfo=UTC),
            datetime(2026, 11, 27, 16, 0, tzinfo=UTC),
        ),
        (
            "until tomorrow",  # 23:30 local: the local midnight is half an hour away
            datetime(2026, 11, 26, 22, 30, tzinfo=UTC),
            datetime(2026, 11, 26, 23, 0, tzinfo=UTC),
        ),
        # Across the spring change the wall-clock time is kept (UTC+2 from 29 March).
        (
            "until 09:00",
            datetime(2026, 3, 28, 20, 0, tzinfo=UTC),
            datetime(2026, 3, 29, 7, 0, tzinfo=UTC),
        ),
    ],
)
def test_until_instant(text: str, now: datetime, until: datetime | None) -> None:
    assert parse_quiet(text).until_instant(now, BERLIN) == until


@pytest.mark.parametrize(
    "request_",
    [
        {"command": "ping"},
        {"command": "pause"},
        {"command": "pause", "length_seconds": 120},
        {"command": "pause", "length_seconds": 0.5},
        {"command": "quiet", "spec": "until tomorrow"},
        {"command": "show", "window": "journal"},
        {"command": "status", "extra": "ignored"},
    ],
)
def test_valid_requests_pass(request_: dict[str, object]) -> None:
    assert check_request(request_) is None


def test_a_boolean_is_not_a_length() -> None:
    assert check_request({"command": "pause", "length_seconds": True}) == (
        "length_seconds must be a number of seconds."
    )
