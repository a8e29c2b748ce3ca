"""Times and dates written the way the user writes them.

Why: "2:30 PM" in the United States, "14:30" in Britain and Germany, and
day and month names in the app's language. ``core`` cannot ask Qt, so the
format arrives from outside: the app builds a ``TimeFormat`` from
``QLocale`` (which also knows the user's own 12/24-hour choice on Windows
and macOS), the command line from ``hourcycle`` (a table taken from Qt's
locale data, so both say the same), and tests build one by hand.

The format in use is held here, like the language in ``presence_app.i18n``
and for the same reason: it is a fact about the whole process.

Only the hour cycle differs between regions here; the names and the order
of day, month and year come from the catalog of the app's language, so
every window, the tray, the command line and the diary agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from presence_app.i18n import NP_, pgettext

WEEKDAYS = (
    NP_("weekday", "Monday"),
    NP_("weekday", "Tuesday"),
    NP_("weekday", "Wednesday"),
    NP_("weekday", "Thursday"),
    NP_("weekday", "Friday"),
    NP_("weekday", "Saturday"),
    NP_("weekday", "Sunday"),
)
SHORT_WEEKDAYS = (
    NP_("short weekday", "Mon"),
    NP_("short weekday", "Tue"),
    NP_("short weekday", "Wed"),
    NP_("short weekday", "Thu"),
    NP_("short weekday", "Fri"),
    NP_("short weekday", "Sat"),
    NP_("short weekday", "Sun"),
)
MONTHS = (
    NP_("month", "January"),
    NP_("month", "February"),
    NP_("month", "March"),
    NP_("month", "April"),
    NP_("month", "May"),
    NP_("month", "June"),
    NP_("month", "July"),
    NP_("month", "August"),
    NP_("month", "September"),
    NP_("month", "October"),
    NP_("month", "November"),
    NP_("month", "December"),
)


def weekday_name(index: int) -> str:
    """Return a weekday's name in the app's language (Monday = 0)."""
    return pgettext("weekday", WEEKDAYS[index])


def short_weekday_name(index: int) -> str:
    """Return a weekday's short name: "Mon", "Mo"."""
    return pgettext("short weekday", SHORT_WEEKDAYS[index])


def month_name(index: int) -> str:
    """Return a month's name as a date writes it (January = 1)."""
    return pgettext("month", MONTHS[index - 1])


@dataclass(frozen=True)
class TimeFormat:
    """How to write a time of day and a date for this user."""

    hour12: bool = False
    """True where the region writes "2:30 PM" rather than "14:30"."""

    def clock(self, moment: time | datetime) -> str:
        """Write a time of day: "14:30" or "2:30 PM"."""
        if not self.hour12:
            return f"{moment.hour:02d}:{moment.minute:02d}"
        hour = moment.hour % 12 or 12
        if moment.hour < 12:
            return pgettext("time", "{hour}:{minute} AM").format(
                hour=hour, minute=f"{moment.minute:02d}"
            )
        return pgettext("time", "{hour}:{minute} PM").format(
            hour=hour, minute=f"{moment.minute:02d}"
        )

    def end_clock(self, moment: time) -> str:
        """Write the end of a span, where midnight is the end of the day: "24:00"."""
        if moment == time(0) and not self.hour12:
            return "24:00"
        return self.clock(moment)

    def day_month(self, day: date) -> str:
        """Write a day of a month: "26 November", "26. November"."""
        return pgettext("date", "{day} {month}").format(day=day.day, month=month_name(day.month))

    def long_date(self, day: date) -> str:
        """Write a whole date: "Thursday, 26 November 2026"."""
        return pgettext("date", "{weekday}, {day} {month} {year}").format(
            weekday=weekday_name(day.weekday()),
            day=day.day,
            month=month_name(day.month),
            year=day.year,
        )

    def day_heading(self, day: date) -> str:
        """Write a day as a heading in the journal: "Thursday 26 November 2026"."""
        return pgettext("date", "{weekday} {day} {month} {year}").format(
            weekday=weekday_name(day.weekday()),
            day=day.day,
            month=month_name(day.month),
            year=day.year,
        )

    def weekday_date(self, day: date) -> str:
        """Write a day without its year: "Thursday 26 November"."""
        return pgettext("date", "{weekday} {day} {month}").format(
            weekday=weekday_name(day.weekday()), day=day.day, month=month_name(day.month)
        )

    def short_date_time(self, moment: datetime) -> str:
        """Write a moment for a list: "Thu 2026-11-26 14:30"."""
        return pgettext("date", "{weekday} {date} {time}").format(
            weekday=short_weekday_name(moment.weekday()),
            date=moment.date().isoformat(),
            time=self.clock(moment),
        )


_installed = TimeFormat()


def use_time_format(time_format: TimeFormat) -> None:
    """Write times in this format from now on (set once at start-up, with the language)."""
    global _installed
    _installed = time_format


def time_format() -> TimeFormat:
    """Return the user's time format (24-hour until one is set)."""
    return _installed
