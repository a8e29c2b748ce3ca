"""Times and lengths said in words, the way messages and the diary show them.

Every place that tells the user a time (the tray, ``presence-app status``,
quiet reasons, the diary) uses these functions, so all say it alike.

``"tomorrow at 09:00"`` reads more calmly than an ISO stamp. Day and month
names are English whatever the process locale (Qt sets the C locale from
the environment, the CLI does not), so the app and the CLI say the same.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo

SHORT_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def day_words(day: date) -> str:
    """Write a day in full: ``"Thursday, 26 November 2026"``."""
    return f"{DAYS[day.weekday()]}, {day.day} {MONTHS[day.month - 1]} {day.year}"


def duration_words(length: timedelta) -> str:
    """Write a length as words: ``"1 hour 5 minutes"``, ``"40 seconds"``."""
    total = max(0, round(length.total_seconds()))
    hours, rest = divmod(total, 3600)
    minutes, seconds = divmod(rest, 60)
    parts = [
        f"{count} {unit}{'' if count == 1 else 's'}"
        for count, unit in ((hours, "hour"), (minutes, "minute"), (seconds, "second"))
        if count
    ]
    return " ".join(parts) or "0 seconds"


def at_words(moment: datetime, now: datetime, zone: tzinfo) -> str:
    """Say when, in local time: ``"at 14:30"``, ``"tomorrow at 09:00"``, ``"on Friday at 09:00"``.

    Further than a week ahead (or in the past, on another day) the date is named.
    """
    local, today = moment.astimezone(zone), now.astimezone(zone).date()
    clock = f"{local:%H:%M}"
    days = (local.date() - today).days
    if days == 0:
        return f"at {clock}"
    if days == 1:
        return f"tomorrow at {clock}"
    if 1 < days < 7:
        return f"on {DAYS[local.weekday()]} at {clock}"
    return f"on {local.day} {MONTHS[local.month - 1]} at {clock}"


def until_words(moment: datetime, now: datetime, zone: tzinfo) -> str:
    """Say until when: ``"until 17:00"``, ``"until tomorrow at 09:00"``."""
    words = at_words(moment, now, zone)
    return "until " + words.removeprefix("at ").removeprefix("on ")


def kept_quiet_sentence(reason: str, at: datetime, now: datetime, zone: tzinfo) -> str:
    """Say why a bell stayed quiet: "Quiet during a call, so the bell at 09:45 did not ring."."""
    return f"{reason.rstrip('.')}, so the bell {at_words(at, now, zone)} did not ring."


def reason_clause(reason: str) -> str:
    """Return how a reason ends "The bell stayed quiet …": "during a call"."""
    clause = reason.removeprefix("Quiet ")
    return clause if clause != reason else f"({reason})"
