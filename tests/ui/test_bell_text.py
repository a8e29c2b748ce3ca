"""The tray's words for the next bell and for quiet times."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from presence_app.core.cue import Cue
from presence_app.core.lifecycle_ports import State, Status
from presence_app.ui.bell_text import (
    in_words,
    next_bell_line,
    next_bell_tooltip,
    quiet_line,
    state_words,
)

NOW = datetime(2026, 3, 2, 10, 33, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("distance", "text"),
    [
        (timedelta(seconds=20), "in less than a minute"),
        (timedelta(minutes=1), "in 1 min"),
        (timedelta(minutes=11, seconds=30), "in 12 min"),
        (timedelta(minutes=60), "in 1 h"),
        (timedelta(minutes=65), "in 1 h 5 min"),
        (timedelta(hours=3, minutes=59, seconds=1), "in 4 h"),
    ],
)
def test_distance_in_words(distance: timedelta, text: str) -> None:
    assert in_words(distance) == text


def test_next_bell_tooltip_today() -> None:
    at = datetime(2026, 3, 2, 10, 45, tzinfo=UTC)
    assert next_bell_tooltip(at, NOW, UTC) == "Next bell at 10:45 (in 12 min)"
    assert next_bell_line(at, NOW, UTC) == "Next bell at 10:45"


def test_next_bell_tomorrow_names_the_day() -> None:
    at = datetime(2026, 3, 3, 8, 0, tzinfo=UTC)
    assert next_bell_tooltip(at, NOW, UTC) == "Next bell tomorrow at 08:00 (in 21 h 27 min)"


def test_next_bell_later_names_the_date() -> None:
    at = datetime(2026, 3, 5, 9, 0, tzinfo=UTC)
    assert next_bell_line(at, NOW, UTC) == "Next bell on Thursday at 09:00"


def test_local_time_is_shown() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    at = datetime(2026, 3, 2, 10, 45, tzinfo=UTC)
    assert next_bell_tooltip(at, NOW, berlin) == "Next bell at 11:45 (in 12 min)"


def test_no_bell_planned() -> None:
    assert next_bell_line(None, NOW, UTC) == "No bell is planned"
    assert next_bell_tooltip(None, NOW, UTC) == (
        "No bell is planned. Your schedule has no bells ahead."
    )


def test_quiet_says_until_when_and_why() -> None:
    until = datetime(2026, 3, 2, 17, 0, tzinfo=UTC)
    status = Status(State.IDLE, None, (until, "you asked for quiet until 17:00"), None)
    assert state_words(status, NOW, UTC) == (
        "Quiet until 17:00",
        "Quiet: you asked for quiet until 17:00.",
        True,
    )
    assert quiet_line(until, NOW, UTC) == "Quiet until 17:00"


def test_quiet_without_end() -> None:
    assert quiet_line(None, NOW, UTC) == "Quiet for now"


def test_quiet_names_the_bell_after_it() -> None:
    until = datetime(2026, 3, 2, 17, 0, tzinfo=UTC)
    cue = Cue(datetime(2026, 3, 2, 17, 45, tzinfo=UTC), timedelta(minutes=1), ("Work",))
    status = Status(State.IDLE, cue, (until, "you asked for quiet until 17:00"), None)
    assert state_words(status, NOW, UTC)[1] == (
        "Quiet: you asked for quiet until 17:00. Then the next bell rings at 17:45."
    )


def test_a_pause_says_until_when() -> None:
    ends = datetime(2026, 3, 2, 10, 36, tzinfo=UTC)
    status = Status(State.PAUSING, None, None, ends)
    assert state_words(status, NOW, UTC) == ("Pausing until 10:36", "Pausing until 10:36", False)


def test_while_a_bell_invites_the_words_say_so() -> None:
    status = Status(state=State.INVITED, next_cue=None, quiet=None, pause_ends=None)
    text = "A bell is inviting you to a short pause."
    assert state_words(status, NOW, UTC) == (text, text, False)
