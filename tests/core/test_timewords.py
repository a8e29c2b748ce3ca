"""Times and lengths in words."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from presence_app.core.timewords import at_words, day_words, duration_words, until_words

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 26, 22, 30, tzinfo=UTC)  # Thursday 23:30 in Berlin


@pytest.mark.parametrize(
    ("moment", "words"),
    [
        (datetime(2026, 11, 26, 22, 45, tzinfo=UTC), "at 23:45"),
        (datetime(2026, 11, 26, 23, 15, tzinfo=UTC), "tomorrow at 00:15"),  # a local day later
        (datetime(2026, 12, 2, 8, 0, tzinfo=UTC), "on Wednesday at 09:00"),
        (datetime(2026, 12, 3, 8, 0, tzinfo=UTC), "on 3 December at 09:00"),
        (datetime(2026, 11, 25, 8, 0, tzinfo=UTC), "on 25 November at 09:00"),
    ],
)
def test_at_words(moment: datetime, words: str) -> None:
    assert at_words(moment, NOW, BERLIN) == words


@pytest.mark.parametrize(
    ("moment", "words"),
    [
        (datetime(2026, 11, 26, 22, 45, tzinfo=UTC), "until 23:45"),
        (datetime(2026, 11, 27, 8, 0, tzinfo=UTC), "until tomorrow at 09:00"),
        (datetime(2026, 11, 30, 8, 0, tzinfo=UTC), "until Monday at 09:00"),
    ],
)
def test_until_words(moment: datetime, words: str) -> None:
    assert until_words(moment, NOW, BERLIN) == words


def test_day_words() -> None:
    assert day_words(date(2027, 1, 1)) == "Friday, 1 January 2027"


@pytest.mark.parametrize(
    ("seconds", "words"),
    [
        (0, "0 seconds"),
        (1, "1 second"),
        (60, "1 minute"),
        (100, "1 minute 40 seconds"),
        (3900, "1 hour 5 minutes"),
        (7200, "2 hours"),
    ],
)
def test_duration_words(seconds: int, words: str) -> None:
    assert duration_words(timedelta(seconds=seconds)) == words
