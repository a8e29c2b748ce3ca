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
from presence_app.core.timewords import DAYS, SHORT_DAYS, duration_words

_GROUPS = {
    frozenset(range(7)): "every day",
    frozenset(range(5)): "weekdays",
    frozenset({5, 6}): "weekends",
}


def rule_summary(rule: ScheduleRule, default_pause: timedelta) -> str:
    """Say a rule in one line: when, which hours, which days, how long a pause."""
    parts = [_when(rule), hours_words(rule.hours), days_words(rule.days)]
    parts.append(pause_words(rule.pause or default_pause))
    text = ", ".join(part for part in parts if part)
    return text[:1].upper() + text[1:]


def _when(rule: ScheduleRule) -> str:
    if rule.every is None:
        return "at " + and_list([f"{moment:%H:%M}" for moment in rule.at])
    span = {timedelta(minutes=1): "minute", timedelta(hours=1): "hour"}.get(
        rule.every, duration_words(rule.every)
    )
    return f"{'about every' if rule.jitter else 'every'} {span}"


def hours_words(hours: tuple[TimeWindow, ...]) -> str:
    """Say the active windows: "09:00–12:30 and 13:30–18:00", or "all day"."""
    if not hours or any(window.start == window.end for window in hours):
        return "all day"
    return and_list([_short_window(window) for window in hours])


def _short_window(window: TimeWindow) -> str:
    text = f"{window.start:%H:%M}–{_end(window.end)}"
    return f"{text} (into the next day)" if crosses_midnight(window) else text


def window_words(window: TimeWindow) -> str:
    """Say one window as the editor shows it: "22:00 – 01:00, into the next day"."""
    if window.start == window.end:
        return "the whole day"
    text = f"{window.start:%H:%M} – {_end(window.end)}"
    return f"{text}, into the next day" if crosses_midnight(window) else text


def crosses_midnight(window: TimeWindow) -> bool:
    """True when the window ends on the next day (an end of 24:00 does not count)."""
    return window.end < window.start and window.end != time(0)


def _end(end: time) -> str:
    return "24:00" if end == time(0) else f"{end:%H:%M}"


def days_words(days: frozenset[int]) -> str:
    """Say the days: "weekdays", "every day", "Monday only", "Mon, Wed and Fri"."""
    if days in _GROUPS:
        return _GROUPS[days]
    if len(days) == 1:
        return f"{DAYS[next(iter(days))]} only"
    return and_list([SHORT_DAYS[day] for day in sorted(days)])


def pause_words(length: timedelta) -> str:
    """Say a pause length as an adjective where it reads well: "1-minute pause"."""
    seconds = round(length.total_seconds())
    if seconds % 60 == 0 and seconds < 3600:
        return f"{seconds // 60}-minute pause"
    if seconds < 60:
        return f"{seconds}-second pause"
    return f"pause of {duration_words(length)}"


def and_list(items: list[str]) -> str:
    """Join words the way a sentence does: "a", "a and b", "a, b and c"."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def describe_rule(rule: ScheduleRule) -> str:
    """Describe a rule in one line with the file's own words (``config`` messages, logs)."""
    if rule.every is not None:
        when = f"every {format_setting_duration(rule.every)}"
        if rule.jitter:
            when = f"about {when} (±{format_setting_duration(rule.jitter)})"
    else:
        when = "at " + ", ".join(moment.strftime("%H:%M") for moment in rule.at)
    days = days_to_toml(rule.days)
    on = {"daily": "every day", "weekdays": "on weekdays", "weekends": "at weekends"}.get(
        days if isinstance(days, str) else "", "on " + ", ".join(d.title() for d in days)
    )
    parts = [f"{rule.name}: {when}, {on}"]
    if rule.hours:
        parts.append(", ".join(window_text(w).replace("-", "–") for w in rule.hours))
    if rule.pause is not None:
        parts.append(f"pauses of {format_setting_duration(rule.pause)}")
    return ", ".join(parts)
