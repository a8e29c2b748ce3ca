"""Times and lengths said in words, the way messages and the diary show them.

Every place that tells the user a time (the tray, ``presence-app status``,
quiet reasons, the diary) uses these functions, so all say it alike, in
the app's language, with the clock written the user's way (``TimeFormat``:
"14:30" or "2:30 PM"; the one installed in ``presence_app.i18n`` unless a
caller passes its own).

``"tomorrow at 09:00"`` reads more calmly than an ISO stamp. Each phrase
is translated whole ("tomorrow at {time}"), never put together from
"tomorrow" and "at", so every language can order its words its own way.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo

from presence_app.core.timefmt import (
    SHORT_WEEKDAYS,
    WEEKDAYS,
    TimeFormat,
    month_name,
    short_weekday_name,
    time_format,
    weekday_name,
)
from presence_app.i18n import N_, _, ngettext, pgettext

__all__ = [
    "SHORT_WEEKDAYS",
    "WEEKDAYS",
    "at_words",
    "day_words",
    "duration_words",
    "kept_quiet_sentence",
    "month_name",
    "reason_clause",
    "reason_label",
    "short_weekday_name",
    "until_words",
    "weekday_name",
]


def day_words(day: date, fmt: TimeFormat | None = None) -> str:
    """Write a day in full: ``"Thursday, 26 November 2026"``."""
    return (fmt or time_format()).long_date(day)


def duration_words(length: timedelta) -> str:
    """Write a length as words: ``"1 hour 5 minutes"``, ``"40 seconds"``."""
    total = max(0, round(length.total_seconds()))
    hours, rest = divmod(total, 3600)
    minutes, seconds = divmod(rest, 60)
    parts = []
    if hours:
        parts.append(ngettext("{count} hour", "{count} hours", hours).format(count=hours))
    if minutes:
        parts.append(ngettext("{count} minute", "{count} minutes", minutes).format(count=minutes))
    if seconds or not parts:
        parts.append(ngettext("{count} second", "{count} seconds", seconds).format(count=seconds))
    text = parts[0]
    for part in parts[1:]:
        # Translators: a length in two units, such as "1 hour" and "5 minutes".
        text = pgettext("duration", "{larger} {smaller}").format(larger=text, smaller=part)
    return text


def at_words(moment: datetime, now: datetime, zone: tzinfo, fmt: TimeFormat | None = None) -> str:
    """Say when, in local time: ``"at 14:30"``, ``"tomorrow at 09:00"``, ``"on Friday at 09:00"``.

    Further than a week ahead (or in the past, on another day) the date is named.
    """
    fmt = fmt or time_format()
    local, today = moment.astimezone(zone), now.astimezone(zone).date()
    clock = fmt.clock(local)
    days = (local.date() - today).days
    # Translators: these phrases end sentences such as "Next bell {when}".
    if days == 0:
        return _("at {time}").format(time=clock)
    if days == 1:
        return _("tomorrow at {time}").format(time=clock)
    if 1 < days < 7:
        return _("on {weekday} at {time}").format(
            weekday=weekday_name(local.weekday()), time=clock
        )
    return _("on {date} at {time}").format(date=fmt.day_month(local.date()), time=clock)


def until_words(
    moment: datetime, now: datetime, zone: tzinfo, fmt: TimeFormat | None = None
) -> str:
    """Say until when: ``"until 17:00"``, ``"until tomorrow at 09:00"``."""
    fmt = fmt or time_format()
    local, today = moment.astimezone(zone), now.astimezone(zone).date()
    clock = fmt.clock(local)
    days = (local.date() - today).days
    # Translators: these phrases end sentences such as "Quiet {until}".
    if days == 0:
        return _("until {time}").format(time=clock)
    if days == 1:
        return _("until tomorrow at {time}").format(time=clock)
    if 1 < days < 7:
        return _("until {weekday} at {time}").format(
            weekday=weekday_name(local.weekday()), time=clock
        )
    return _("until {date} at {time}").format(date=fmt.day_month(local.date()), time=clock)


REASON_CLAUSES = {
    N_("Quiet while you were away"): N_("while you were away"),
    N_("Quiet while the screen was locked"): N_("while the screen was locked"),
    N_("Quiet during a full-screen window"): N_("during a full-screen window"),
    N_("Quiet during do-not-disturb"): N_("during do-not-disturb"),
    N_("Quiet during a call"): N_("during a call"),
    N_("Quiet just after you came back"): N_("just after you came back"),
}
"""Each reason a bell stays quiet (the journal keeps it in English) and how a
sentence says it: "a bell that stayed quiet {reason}". Each is translated
whole, as words that say when."""


def reason_label(reason: str) -> str:
    """Say a kept reason ("Quiet during a call") in the app's language."""
    return _(reason)


def reason_clause(reason: str) -> str:
    """Say when a bell stayed quiet, to end a sentence: "during a call"."""
    clause = REASON_CLAUSES.get(reason)
    if clause is not None:
        return _(clause)
    return f"({_(reason)})"


def kept_quiet_sentence(
    reason: str, at: datetime, now: datetime, zone: tzinfo, fmt: TimeFormat | None = None
) -> str:
    """Say why a bell stayed quiet: "Quiet during a call, so the bell at 09:45 did not ring."."""
    return _("{reason}, so the bell {when} did not ring.").format(
        reason=reason_label(reason).rstrip("."), when=at_words(at, now, zone, fmt)
    )
