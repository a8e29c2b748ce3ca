"""How far off a date on the command line may be.

Python's datetimes end at the years 1 and 9999; a preview adds days to its
start, and time zones shift it by hours, so a date near either end
overflows somewhere deep inside. Such dates mean nothing to a bell
schedule, so the commands refuse them up front with a sentence instead of a
traceback. The window is wide: from 1970 (where system clocks start) to
9997 (room for a year of preview and any time zone).
"""

from __future__ import annotations

from datetime import datetime

from presence_app.i18n import _

EARLIEST_YEAR = 1970
LATEST_YEAR = 9997


def out_of_range(moment: datetime, text: str) -> str | None:
    """Return why ``moment`` (written as ``text``) is too far off, or None if it is fine."""
    if EARLIEST_YEAR <= moment.year <= LATEST_YEAR:
        return None
    if moment.year < EARLIEST_YEAR:
        message = _(
            '"{text}" is too far in the past; choose a time between the years {first} and {last}'
        )
    else:
        message = _(
            '"{text}" is too far in the future; choose a time between the years {first} and {last}'
        )
    return message.format(text=text, first=EARLIEST_YEAR, last=LATEST_YEAR)
