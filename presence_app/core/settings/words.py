"""Schedule rules in plain words, for the settings window.

The window lists each rule with one line a person reads at a glance ("About
every 45 minutes, 09:00–12:30 and 13:30–18:00, weekdays, 1-minute pause")
and says an active window that crosses midnight as "22:00 – 01:00, into the
next day". Pure functions of the rule, so they are tested without Qt.
"""

from __future__ import annotations

from datetime import time, timedelta

from presence_app.core.settings.model import ScheduleRule, TimeWindow
from presence_app.core.settings.schedules import days_to_toml, window_text
from presence_app.core.settings.text import format_setting_duration
from presence_app.core.timefmt import short_weekday_name, time_format, weekday_name
from presence_app.core.timewords import duration_words
from presence_app.i18n import N_, _, ngettext, pgettext

_GROUPS = {
    frozenset(range(7)): N_("every day"),
    frozenset(range(5)): N_("weekdays"),
    frozenset({5, 6}): N_("weekends"),
}


def rule_summary(rule: ScheduleRule, default_pause: timedelta) -> str:
    """Say a rule in one line: when, which hours, which days, how long a pause."""
    parts = [_when(rule), hours_words(rule.hours), days_words(rule.days)]
    parts.append(pause_words(rule.pause or default_pause))
    # Translators: joins the parts of a rule's summary: "every 45 minutes, all day, …".
    text = pgettext("list", ", ").join(part for part in parts if part)
    return text[:1].upper() + text[1:]


def _when(rule: ScheduleRule) -> str:
    clock = time_format().clock
    if rule.every is None:
        return _("at {times}").format(times=and_list([clock(moment) for moment in rule.at]))
    if rule.every == timedelta(minutes=1):
        return _("about every minute") if rule.jitter else _("every minute")
    if rule.every == timedelta(hours=1):
        return _("about every hour") if rule.jitter else _("every hour")
    span = duration_words(rule.every)
    if rule.jitter:
        return _("about every {length}").format(length=span)
    return _("every {length}").format(length=span)


def hours_words(hours: tuple[TimeWindow, ...]) -> str:
    """Say the active windows: "09:00–12:30 and 13:30–18:00", or "all day"."""
    if not hours or any(window.start == window.end for window in hours):
        return _("all day")
    return and_list([_short_window(window) for window in hours])


def _short_window(window: TimeWindow) -> str:
    fmt = time_format()
    text = f"{fmt.clock(window.start)}–{fmt.end_clock(window.end)}"
    if crosses_midnight(window):
        return _("{hours} (into the next day)").format(hours=text)
    return text


def window_words(window: TimeWindow) -> str:
    """Say one window as the editor shows it: "22:00 – 01:00, into the next day"."""
    if window.start == window.end:
        return _("the whole day")
    fmt = time_format()
    text = f"{fmt.clock(window.start)} – {fmt.end_clock(window.end)}"
    if crosses_midnight(window):
        return _("{hours}, into the next day").format(hours=text)
    return text


def crosses_midnight(window: TimeWindow) -> bool:
    """True when the window ends on the next day (an end of 24:00 does not count)."""
    return window.end < window.start and window.end != time(0)


def days_words(days: frozenset[int]) -> str:
    """Say the days: "weekdays", "every day", "Monday only", "Mon, Wed and Fri"."""
    if days in _GROUPS:
        return _(_GROUPS[days])
    if len(days) == 1:
        return _("{weekday} only").format(weekday=weekday_name(next(iter(days))))
    return and_list([short_weekday_name(day) for day in sorted(days)])


def pause_words(length: timedelta) -> str:
    """Say a pause length as an adjective where it reads well: "1-minute pause"."""
    seconds = round(length.total_seconds())
    if seconds % 60 == 0 and seconds < 3600:
        minutes = seconds // 60
        return ngettext("{count}-minute pause", "{count}-minute pause", minutes).format(
            count=minutes
        )
    if seconds < 60:
        return ngettext("{count}-second pause", "{count}-second pause", seconds).format(
            count=seconds
        )
    return _("pause of {length}").format(length=duration_words(length))


def and_list(items: list[str]) -> str:
    """Join words the way a sentence does: "a", "a and b", "a, b and c"."""
    if len(items) <= 1:
        return "".join(items)
    return _("{items} and {last}").format(
        items=pgettext("list", ", ").join(items[:-1]), last=items[-1]
    )


def describe_rule(rule: ScheduleRule) -> str:
    """Describe a rule in one line with the file's own words (``config`` messages, logs)."""
    if rule.every is not None:
        every = format_setting_duration(rule.every)
        if rule.jitter:
            when = _("about every {length} (±{jitter})").format(
                length=every, jitter=format_setting_duration(rule.jitter)
            )
        else:
            when = _("every {length}").format(length=every)
    else:
        when = _("at {times}").format(times=", ".join(m.strftime("%H:%M") for m in rule.at))
    days = days_to_toml(rule.days)
    named = {
        "daily": N_("every day"),
        "weekdays": N_("on weekdays"),
        "weekends": N_("at weekends"),
    }
    if isinstance(days, str):
        on = _(named[days])
    else:
        on = _("on {days}").format(days=", ".join(d.title() for d in days))
    parts = [_("{name}: {when}, {days}").format(name=rule.name, when=when, days=on)]
    if rule.hours:
        parts.append(", ".join(window_text(w).replace("-", "–") for w in rule.hours))
    if rule.pause is not None:
        parts.append(_("pauses of {length}").format(length=format_setting_duration(rule.pause)))
    return ", ".join(parts)
