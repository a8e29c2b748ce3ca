"""Quiet time as the user says it: "1h", "30m", "until 17:00", "until
tomorrow", "off".

The command line, the tray menu and the status all speak these words, so
the reading (``parse_quiet``) and the telling (``describe_quiet``) live
together. "Until tomorrow" means the opening of the next active window on
a later day, which only the scheduler knows; it is passed in.
"""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta, tzinfo
from typing import Protocol

from presence_app.core.durations import DurationError, parse_duration
from presence_app.core.timewords import until_words
from presence_app.core.timezone import wall_to_instant
from presence_app.i18n import _

FORMS = "1h, 30m, until 17:00, until tomorrow or off"
"""The forms, as typed (the command line's words stay English, so they are not translated)."""
MAX_QUIET = timedelta(days=366)
"""Longer quiet is refused: it is not a rest but a stop (and near the end of
the calendar it would not even fit in a date)."""
_CLOCK = re.compile(r"(\d{1,2}):(\d{2})")


class OpeningSource(Protocol):
    def next_day_opening(self, now: datetime) -> datetime: ...


def parse_quiet(
    text: str, now: datetime, zone: tzinfo, scheduler: OpeningSource
) -> datetime | None:
    """Return the instant quiet should end, or None for "off".

    Raises:
        ValueError: the text is none of the forms (the message says which
            forms there are).
    """
    words = " ".join(text.lower().split())
    if words == "off":
        return None
    if words == "until tomorrow":
        return scheduler.next_day_opening(now)
    if words.startswith("until "):
        return _next_wall_time(words.removeprefix("until "), now, zone)
    try:
        length = parse_duration(words.removeprefix("for "))
    except DurationError:
        raise ValueError(
            _('"{text}" is not a quiet time; write {forms}.').format(
                text=text.strip(), forms=FORMS
            )
        ) from None
    if length <= timedelta(0):
        raise ValueError(
            _("Quiet for no time at all would end at once; write a length such as 1h.")
        )
    if length > MAX_QUIET:
        raise ValueError(
            _(
                '"{text}" is longer than a year; for a long rest, quit Presence '
                "and start it again when you want the bells back."
            ).format(text=text.strip())
        )
    return now + length


def _next_wall_time(clock: str, now: datetime, zone: tzinfo) -> datetime:
    """Return the next time the local clock shows ``clock`` after ``now``."""
    match = _CLOCK.fullmatch(clock)
    if match is None or int(match[1]) > 23 or int(match[2]) > 59:
        raise ValueError(
            _('"{text}" is not a time of day; write it as HH:MM, such as 17:00.').format(
                text=clock
            )
        )
    wall = time(int(match[1]), int(match[2]))
    day = now.astimezone(zone).date()
    for offset in range(3):
        instant = wall_to_instant(day + timedelta(days=offset), wall, zone)
        if instant > now:
            return instant
    raise AssertionError("a wall time recurs within three days")  # pragma: no cover


def describe_quiet(until: datetime, now: datetime, zone: tzinfo) -> str:
    """Return the reason shown while quiet, such as "you asked for quiet until 17:00"."""
    return _("you asked for quiet {until}").format(until=until_words(until, now, zone))
