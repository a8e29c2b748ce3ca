"""Human durations: ``"45m"``, ``"1h30m"``, ``"90s"`` and back.

Settings, the command line and messages all write durations this way, so
one module parses and formats them. Parsing accepts the units ``d``, ``h``,
``m`` and ``s`` (each at most once, largest first, spaces allowed between
parts); formatting writes the shortest canonical form, so that
``parse_duration(format_duration(d)) == d`` for every whole-second ``d``
and ``format_duration(parse_duration(s))`` is the canonical spelling of ``s``.
"""

from __future__ import annotations

import re
from datetime import timedelta

from presence_app.i18n import _

_UNITS: tuple[tuple[str, int], ...] = (("d", 86400), ("h", 3600), ("m", 60), ("s", 1))
_PART = re.compile(r"\s*(\d+)\s*([dhms])", re.IGNORECASE)


class DurationError(ValueError):
    """A text that is not a duration; the message says what is expected."""


class DurationTooLong(DurationError):
    """A duration longer than ``timedelta`` can hold (millions of years)."""


def parse_duration(text: str) -> timedelta:
    """Parse a duration such as ``"1h30m"``.

    Raises:
        DurationError: the text is not a duration (the message explains).
    """
    stripped = text.strip()
    if stripped == "0":
        return timedelta(0)
    if not stripped:
        raise DurationError(_("a duration needs a number and a unit, such as 45m"))
    if stripped.isdigit():
        raise DurationError(
            _('"{number}" needs a unit: write {number}s, {number}m or {number}h').format(
                number=stripped
            )
        )
    seconds = 0
    position = 0
    seen: list[str] = []
    order = [unit for unit, _size in _UNITS]
    while position < len(stripped):
        match = _PART.match(stripped, position)
        if match is None:
            raise DurationError(
                _('"{text}" is not a duration; use forms such as 90s, 45m or 1h30m').format(
                    text=text
                )
            )
        unit = match.group(2).lower()
        if seen and order.index(unit) <= order.index(seen[-1]):
            raise DurationError(
                _(
                    '"{text}" is not a duration; write each unit once, largest first '
                    "(such as 1h30m)"
                ).format(text=text)
            )
        seen.append(unit)
        seconds += int(match.group(1)) * dict(_UNITS)[unit]
        position = match.end()
    try:
        return timedelta(seconds=seconds)
    except OverflowError:
        raise DurationTooLong(
            _('"{text}" is longer than any duration Presence can use').format(text=text)
        ) from None


def format_duration(duration: timedelta) -> str:
    """Format a duration in its shortest canonical form (``"1h30m"``).

    Fractions of a second are rounded to the nearest second. Negative
    durations are written with a leading minus sign.
    """
    total = round(duration.total_seconds())
    if total == 0:
        return "0s"
    sign = "-" if total < 0 else ""
    total = abs(total)
    parts: list[str] = []
    for unit, size in _UNITS:
        count, total = divmod(total, size)
        if count:
            parts.append(f"{count}{unit}")
    return sign + "".join(parts)
