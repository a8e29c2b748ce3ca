"""Checking one raw TOML value against its field's rule.

``check_value`` turns a raw value into a typed field value, or into
problems whose messages name the key, the rule and the value found:
"`sound.volume` must be between 0 and 100 (found 150)". A ``None`` value
means "use the default". List fields keep their good items and report each
bad one by index. Each problem also carries a short ``hint`` in plain words,
which the settings window shows beside the control.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from presence_app.core.durations import DurationError
from presence_app.core.settings.problem import Problem
from presence_app.core.settings.rows import Field, Kind, Limit
from presence_app.core.settings.text import (
    limit_text,
    parse_setting_duration,
    problem,
    range_hint,
)
from presence_app.i18n import _, ngettext

Checked = tuple[Any, list[Problem]]
"""A checked value (``None``: use the default) and the problems found."""


def check_value(field: Field, raw: object) -> Checked:
    """Check one raw TOML value against its field's rule."""
    match field.kind:
        case Kind.BOOL:
            return (raw, []) if isinstance(raw, bool) else (None, [_bad(field, raw)])
        case Kind.INT:
            return _check_int(field, raw)
        case Kind.DURATION:
            return check_duration(field.key, raw, field.minimum, field.maximum, field.rule())
        case Kind.CHOICE:
            if isinstance(raw, str) and raw in field.choices:
                return type(field.default)(raw), []
            return None, [_bad(field, raw)]
        case Kind.TEXT:
            return _check_text(field.key, field, raw)
        case Kind.TEXT_LIST:
            return _check_text_list(field, raw)


def _bad(field: Field, raw: object) -> Problem:
    return _hinted(problem(field.key, field.rule(), raw), _("Choose one of the offered values."))


def _hinted(found: Problem, hint: str) -> Problem:
    return Problem(found.key, found.message, hint)


def _check_int(field: Field, raw: object) -> Checked:
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if not isinstance(raw, int) or isinstance(raw, bool):
        return None, [_bad(field, raw)]
    assert isinstance(field.minimum, int) and isinstance(field.maximum, int)
    if not field.minimum <= raw <= field.maximum:
        found = problem(field.key, field.range_text(), raw)
        return None, [_hinted(found, range_hint(field.minimum, field.maximum))]
    return raw, []


def check_duration(key: str, raw: object, minimum: Limit, maximum: Limit, rule: str) -> Checked:
    """Check a duration string against ``minimum`` and ``maximum`` (inclusive).

    ``rule`` is the sentence used when the value is not a duration at all.
    """
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        rule_text = _('a duration with a unit, such as "{minutes}" or "{seconds}"').format(
            minutes=f"{raw}m", seconds=f"{raw}s"
        )
        return None, [problem(key, rule_text, raw)]
    if not isinstance(raw, str):
        return None, [problem(key, rule, raw)]
    try:
        value = parse_setting_duration(raw)
    except DurationError:
        return None, [problem(key, rule, raw)]
    assert isinstance(minimum, timedelta) and isinstance(maximum, timedelta)
    if not minimum <= value <= maximum:
        text = _("between {low} and {high}").format(
            low=limit_text(minimum), high=limit_text(maximum)
        )
        return None, [_hinted(problem(key, text, raw), range_hint(minimum, maximum))]
    return value, []


def _check_text(key: str, field: Field, raw: object) -> Checked:
    if not isinstance(raw, str):
        return None, [problem(key, _("text in quotes"), raw)]
    if field.max_length and len(raw) > field.max_length:
        most = field.max_length
        rule_text = ngettext(
            "at most {count} character long", "at most {count} characters long", most
        ).format(count=most)
        found = problem(key, rule_text, raw)
        hint = ngettext(
            "Use at most {count} character.", "Use at most {count} characters.", most
        ).format(count=most)
        return None, [_hinted(found, hint)]
    return raw, []


def _check_text_list(field: Field, raw: object) -> Checked:
    if not isinstance(raw, list):
        return None, [_bad(field, raw)]
    assert isinstance(field.maximum, int)
    if len(raw) > field.maximum:
        most = field.maximum
        rule_text = ngettext(
            "a list of at most {count} text", "a list of at most {count} texts", most
        ).format(count=most)
        hint = ngettext("Use at most {count} entry.", "Use at most {count} entries.", most)
        too_many = problem(field.key, rule_text, raw)
        return None, [_hinted(too_many, hint.format(count=most))]
    items: list[str] = []
    problems: list[Problem] = []
    for index, item in enumerate(raw):
        value, found = _check_text(f"{field.key}[{index}]", field, item)
        if found:
            problems.extend(found)
        elif not value.strip():
            problems.append(problem(f"{field.key}[{index}]", _("text that is not empty"), item))
        else:
            items.append(value)
    return tuple(items), problems
