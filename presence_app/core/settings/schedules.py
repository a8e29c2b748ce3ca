"""Schedule rules: from ``[[schedules]]`` tables to ``ScheduleRule`` and back.

A rule has ``name``, exactly one of ``every`` and ``at``, and optionally
``jitter``, ``days``, ``hours`` and ``pause`` (see DESIGN.md, "Schedules").

What falls back when a rule has a bad value (the rest of the rule is kept):
- ``every`` outside 1m–24h or not a duration: 45m, the usual interval.
- ``jitter`` not below half of ``every``, or given with ``at``: no jitter.
- ``days``: bad names are left out; if no day is left, every day.
- ``hours``: bad ranges are left out; if none is left, the whole day.
- ``at``: bad times are left out; if none is left the rule is not used,
  because there is no sensible time to ring instead.
- ``pause`` outside 10s–60m: the general ``pause.length``.
- ``name`` not text: "Schedule N".
A rule is left out entirely only when it cannot be made to mean anything:
it is not a table, it has both ``every`` and ``at`` or neither, or none of
its ``at`` times can be read. Each such case has its own message.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import time, timedelta
from typing import Any

from presence_app.core.settings.checks import check_duration
from presence_app.core.settings.model import ScheduleRule, TimeWindow
from presence_app.core.settings.problem import Problem
from presence_app.core.settings.text import (
    format_setting_duration,
    limit_words,
    one_of,
    problem,
)
from presence_app.i18n import N_, _

RULE_FIELDS: tuple[tuple[str, str, str, str], ...] = (
    ("name", "no", "text", 'What the rule is called ("Schedule 1" and so on if left out).'),
    (
        "every",
        "`every` or `at`",
        "1m to 24h",
        "Time between pauses, counted from the last pause or the opening of the window.",
    ),
    (
        "jitter",
        "no",
        "`0s` to less than half of `every`",
        "Ring *about* every so often: up to this much earlier or later.",
    ),
    ("at", "`every` or `at`", 'list of `"HH:MM"`', "Fixed times of day."),
    (
        "days",
        "no (every day)",
        'list of `"mon"` … `"sun"`, or `"daily"`, `"weekdays"`, `"weekends"`',
        "Days on which the rule is active.",
    ),
    (
        "hours",
        "no (whole day)",
        'list of `"HH:MM-HH:MM"`',
        "Active hours; an end before the start crosses midnight, "
        '`"00:00-24:00"` is the whole day.',
    ),
    ("pause", "no (`pause.length`)", "10s to 1h", "Length of the pauses this rule invites."),
)
"""Each key of a ``[[schedules]]`` table: whether it is needed, what it allows,
what it means (for the README reference and the file's comments)."""
RULE_KEYS = tuple(key for key, *_ in RULE_FIELDS)
EVERY_RANGE = (timedelta(minutes=1), timedelta(hours=24))
PAUSE_RANGE = (timedelta(seconds=10), timedelta(minutes=60))
DEFAULT_EVERY = timedelta(minutes=45)
DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_GROUPS: dict[str, frozenset[int]] = {
    "daily": frozenset(range(7)),
    "weekdays": frozenset(range(5)),
    "weekends": frozenset({5, 6}),
}


def _not_used(text: str) -> str:
    return _("{problem}, so this rule is not used.").format(problem=text)


_NO_LIMIT = timedelta.max

_TIME = r"([01]?\d|2[0-3]):([0-5]\d)"
_CLOCK = re.compile(_TIME)
_RANGE = re.compile(rf"\s*{_TIME}\s*-\s*(?:{_TIME}|(24):(00))\s*")
_FULL_DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DAY_WORDS = {word: i for names in (DAY_NAMES, _FULL_DAY_NAMES) for i, word in enumerate(names)}
"""Day spellings accepted on reading: "mon" and "Monday"; "mon" is written."""
_DAYS_RULE = N_('a list of days such as ["mon", "tue"], or "daily", "weekdays" or "weekends"')
_Checked = tuple[Any, list[Problem]]


def _hinted(found: Problem, hint: str) -> Problem:
    return Problem(found.key, found.message, hint)


def unknown_key(key: str, known: Iterable[str], prefix: str = "") -> Problem:
    """Say that a key is unknown and suggest the nearest known one."""
    full = prefix + (key or '""')  # an empty key must not look like the whole file
    import difflib  # only for a misspelt key

    close = difflib.get_close_matches(key, list(known), n=1, cutoff=0.6)
    if close:
        text = _(
            "`{key}` is not a setting Presence knows, so it is ignored; did you mean `{near}`?"
        )
        return Problem(full, text.format(key=full, near=f"{prefix}{close[0]}"))
    text = _("`{key}` is not a setting Presence knows, so it is ignored.")
    return Problem(full, text.format(key=full))


def check_schedules(raw: object) -> _Checked:
    """Check the ``schedules`` array; ``None`` means "use the default rules"."""
    if not isinstance(raw, list):
        return None, [
            problem("schedules", _("a list of rules, each starting with [[schedules]]"), raw)
        ]
    rules: list[ScheduleRule] = []
    problems: list[Problem] = []
    for index, item in enumerate(raw):
        rule, found = check_rule(index, item)
        problems.extend(found)
        if rule is not None:
            rules.append(rule)
    return tuple(rules), problems


def check_rule(index: int, raw: object) -> tuple[ScheduleRule | None, list[Problem]]:
    """Check one rule; ``None`` when it cannot be used at all."""
    key = f"schedules[{index}]"
    if not isinstance(raw, dict):
        text = problem(key, _("a table that starts with [[schedules]]"), raw).message
        return None, [Problem(key, _not_used(text))]
    problems = [unknown_key(name, RULE_KEYS, f"{key}.") for name in raw if name not in RULE_KEYS]
    if ("every" in raw) == ("at" in raw):
        if "every" in raw:
            text = _("`{key}` has both `every` and `at`, but a rule needs exactly one of them")
        else:
            text = _('`{key}` needs `every` (such as "45m") or `at` (such as ["21:30"])')
        hint = _("Choose either a bell every so often or bells at fixed times.")
        return None, [*problems, Problem(key, _not_used(text.format(key=key)), hint)]
    values: dict[str, Any] = {"name": _name(key, index, raw.get("name"), problems)}
    if "every" in raw:
        values.update(_every_and_jitter(key, raw, problems))
    else:
        values["at"] = _at(key, raw["at"], problems)
        if not values["at"]:
            return None, problems
        if "jitter" in raw:
            text = _("`{key}` only works together with `every`, so it is ignored.")
            hint = _("This only works with “every”.")
            problems.append(Problem(f"{key}.jitter", text.format(key=f"{key}.jitter"), hint))
    values.update(_days_hours_pause(key, raw, problems))
    return ScheduleRule(**values), problems


def _name(key: str, index: int, raw: object, problems: list[Problem]) -> str:
    fallback = _("Schedule {number}").format(number=index + 1)
    if raw is None:
        return fallback
    if not isinstance(raw, str) or not raw.strip() or len(raw) > 100:
        found = problem(f"{key}.name", _("text of 1 to 100 characters in quotes"), raw)
        problems.append(_hinted(found, _("Give the rule a name of 1 to 100 characters.")))
        return fallback
    return raw


def _every_and_jitter(key: str, raw: dict[str, Any], problems: list[Problem]) -> dict[str, Any]:
    every, found = check_duration(
        f"{key}.every", raw["every"], *EVERY_RANGE, _duration_rule(*EVERY_RANGE, "45m")
    )
    problems.extend(found)
    every = every if every is not None else DEFAULT_EVERY
    if "jitter" not in raw:
        return {"every": every}
    half = every / 2
    # The upper limit depends on `every`, so it is checked here with its own words.
    jitter, found = check_duration(
        f"{key}.jitter", raw["jitter"], timedelta(0), _NO_LIMIT, _('a duration such as "5m"')
    )
    if jitter is not None and jitter >= half:
        rule = _("less than half of `every`, here {half}").format(
            half=format_setting_duration(half)
        )
        hint = _("Keep it below half the interval: less than {half}.").format(
            half=limit_words(half)
        )
        found, jitter = [_hinted(problem(f"{key}.jitter", rule, raw["jitter"]), hint)], None
    problems.extend(found)
    return {"every": every, "jitter": jitter or timedelta(0)}


def _duration_rule(low: timedelta, high: timedelta, example: str) -> str:
    return _('a duration between {low} and {high}, such as "{example}"').format(
        low=format_setting_duration(low), high=format_setting_duration(high), example=example
    )


def _at(key: str, raw: object, problems: list[Problem]) -> tuple[time, ...]:
    items = [raw] if isinstance(raw, str) else raw
    if not isinstance(items, list) or not items:
        rule = _('a list of times of day such as ["12:30", "21:30"]')
        text = problem(f"{key}.at", rule, raw).message
        problems.append(Problem(f"{key}.at", _not_used(text), _("Add at least one time.")))
        return ()
    times: set[time] = set()
    for index, item in enumerate(items):
        parsed = _clock(item)
        if parsed is None:
            found = problem(f"{key}.at[{index}]", _('a time of day such as "21:30"'), item)
            problems.append(_hinted(found, _("Write a time of day such as 21:30.")))
        else:
            times.add(parsed)
    if not times:
        text = _("`{key}` has no time that can be used").format(key=f"{key}.at")
        problems.append(Problem(f"{key}.at", _not_used(text), _("Add at least one time.")))
    return tuple(sorted(times))


def _clock(raw: object) -> time | None:
    if isinstance(raw, time) and raw.second == 0 and raw.microsecond == 0:
        return raw.replace(tzinfo=None)
    if isinstance(raw, str) and (match := _CLOCK.fullmatch(raw.strip())):
        return time(int(match.group(1)), int(match.group(2)))
    return None


def _days_hours_pause(key: str, raw: dict[str, Any], problems: list[Problem]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    if "days" in raw:
        days, found = _days(f"{key}.days", raw["days"])
        problems.extend(found)
        if days:
            values["days"] = days
    if "hours" in raw:
        hours, found = _hours(f"{key}.hours", raw["hours"])
        problems.extend(found)
        values["hours"] = hours
    if "pause" in raw:
        pause, found = check_duration(
            f"{key}.pause", raw["pause"], *PAUSE_RANGE, _duration_rule(*PAUSE_RANGE, "1m")
        )
        problems.extend(found)
        values["pause"] = pause
    return values


def _days(key: str, raw: object) -> tuple[frozenset[int], list[Problem]]:
    if isinstance(raw, str) and raw.strip().lower() in DAY_GROUPS:
        return DAY_GROUPS[raw.strip().lower()], []
    if not isinstance(raw, list) or not raw:
        found = problem(key, _(_DAYS_RULE), raw)
        return frozenset(), [_hinted(found, _("Choose at least one day."))]
    days: set[int] = set()
    problems: list[Problem] = []
    for index, item in enumerate(raw):
        day = _DAY_WORDS.get(item.strip().lower()) if isinstance(item, str) else None
        if day is None:
            found = problem(f"{key}[{index}]", one_of(DAY_NAMES), item)
            problems.append(_hinted(found, _("Choose days from the week.")))
        else:
            days.add(day)
    return frozenset(days), problems


def _hours(key: str, raw: object) -> tuple[tuple[TimeWindow, ...], list[Problem]]:
    items = [raw] if isinstance(raw, str) else raw
    if not isinstance(items, list):
        return (), [problem(key, _('a list of time ranges such as ["09:00-12:30"]'), raw)]
    windows: list[TimeWindow] = []
    problems: list[Problem] = []
    for index, item in enumerate(items):
        window = _window(item)
        if window is None:
            rule = _('a time range such as "09:00-12:30" (or "00:00-24:00" for the whole day)')
            hint = _("A window needs different times to start and end.")
            problems.append(_hinted(problem(f"{key}[{index}]", rule, item), hint))
        elif window not in windows:
            windows.append(window)
    return tuple(windows), problems


def _window(raw: object) -> TimeWindow | None:
    match = _RANGE.fullmatch(raw) if isinstance(raw, str) else None
    if match is None:
        return None
    start = time(int(match.group(1)), int(match.group(2)))
    if match.group(5):  # "24:00" may only end a range
        end = time(0, 0)
        return TimeWindow(start, end) if start != end or start == time(0, 0) else None
    end = time(int(match.group(3)), int(match.group(4)))
    return TimeWindow(start, end) if start != end else None


# --- writing and describing ------------------------------------------------------


def rule_to_toml(rule: ScheduleRule) -> dict[str, Any]:
    """Write one rule as the table ``check_rule`` reads back to the same value."""
    table: dict[str, Any] = {"name": rule.name}
    if rule.every is not None:
        table["every"] = format_setting_duration(rule.every)
        if rule.jitter:
            table["jitter"] = format_setting_duration(rule.jitter)
    else:
        table["at"] = [moment.strftime("%H:%M") for moment in rule.at]
    table["days"] = days_to_toml(rule.days)
    if rule.hours:
        table["hours"] = [window_text(window) for window in rule.hours]
    if rule.pause is not None:
        table["pause"] = format_setting_duration(rule.pause)
    return table


def days_to_toml(days: frozenset[int]) -> str | list[str]:
    for group, members in DAY_GROUPS.items():
        if days == members:
            return group
    return [DAY_NAMES[day] for day in sorted(days)]


def window_text(window: TimeWindow) -> str:
    end = "24:00" if window.end == time(0, 0) else window.end.strftime("%H:%M")
    return f"{window.start.strftime('%H:%M')}-{end}"
