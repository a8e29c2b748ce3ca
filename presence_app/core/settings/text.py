"""Small text helpers shared by the settings modules: durations as the file
writes them, found values as messages show them, and the standard message
form "`key` must be <rule> (found <value>)".

Everything here must hold up against hostile values: an integer of
thousands of digits (Python refuses to turn it into text), a duration
string of a megabyte. Such values are reported, never crashed on.
"""

from __future__ import annotations

import errno
import json
import re
from datetime import time, timedelta

from presence_app.core.durations import DurationError, DurationTooLong, parse_duration
from presence_app.core.settings.problem import Problem
from presence_app.core.timewords import duration_words
from presence_app.i18n import _, ngettext

# --- durations -----------------------------------------------------------------

_MILLISECONDS = re.compile(r"\s*(\d+)\s*ms\s*", re.IGNORECASE)
MAX_DURATION_TEXT = 64
"""Longer texts are not durations; parsing them would only cost time."""


def parse_setting_duration(text: str) -> timedelta:
    """Parse a duration, also accepting milliseconds such as ``"300ms"``.

    A duration too long for ``timedelta`` (such as ``"99999999999d"``) comes
    back as ``timedelta.max``, so that range checks report it as too long
    instead of the loader crashing on it.

    Raises:
        DurationError: the text is not a duration.
    """
    if len(text) > MAX_DURATION_TEXT:
        # No real duration is this long; its digits could exceed Python's
        # limit for turning text into a number (ValueError).
        if text.strip()[:1].isdigit():
            return timedelta.max
        raise DurationError(
            ngettext(
                "a text of {count} character is not a duration",
                "a text of {count} characters is not a duration",
                len(text),
            ).format(count=len(text))
        )
    match = _MILLISECONDS.fullmatch(text)
    try:
        if match:
            return timedelta(milliseconds=int(match.group(1)))
        return parse_duration(text)
    except (OverflowError, DurationTooLong):
        return timedelta.max


def format_setting_duration(duration: timedelta) -> str:
    """Write a duration for the file and messages: ``"24h"``, ``"1h30m"``, ``"300ms"``.

    Unlike ``format_duration`` it never uses days (``"24h"`` reads better in a
    schedule than ``"1d"``), and it keeps fractions of a second as milliseconds.
    """
    milliseconds = round(duration.total_seconds() * 1000)
    if milliseconds % 1000:
        return f"{milliseconds}ms"
    total = milliseconds // 1000
    if total == 0:
        return "0s"
    parts = []
    for unit, size in (("h", 3600), ("m", 60), ("s", 1)):
        count, total = divmod(total, size)
        if count:
            parts.append(f"{count}{unit}")
    return "".join(parts)


# --- messages --------------------------------------------------------------------


def show(value: object) -> str:
    """Write a found value as TOML would, shortened, for a message."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, str):
        text = json.dumps(value, ensure_ascii=False)
    elif isinstance(value, dict):
        return _("a table")
    elif isinstance(value, list):
        # Only the first items: a list may hold a million of them.
        items = [show(item) for item in value[:8]]
        text = "[" + ", ".join(items) + (", …]" if len(value) > 8 else "]")
    elif isinstance(value, time):
        text = value.isoformat()
    elif isinstance(value, int) and value.bit_length() > 200:
        return _("a number with more than 60 digits")
    else:
        text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def limit_text(limit: int | timedelta) -> str:
    return format_setting_duration(limit) if isinstance(limit, timedelta) else str(limit)


def one_of(choices: tuple[str, ...]) -> str:
    """Write choices as ``"a", "b" or "c"``."""
    quoted = [json.dumps(choice) for choice in choices]
    if len(quoted) == 1:
        return quoted[0]
    return _("{choices} or {last}").format(choices=", ".join(quoted[:-1]), last=quoted[-1])


def problem(key: str, rule: str, value: object) -> Problem:
    """Build the standard message: "`key` must be <rule> (found <value>)"."""
    return Problem(
        key,
        _("`{key}` must be {rule} (found {value})").format(key=key, rule=rule, value=show(value)),
    )


def os_error_reason(error: OSError, *, reading: bool = False) -> str:
    """Say in a few plain words why a file operation failed."""
    denied = (
        _("there is no permission to read it")
        if reading
        else _("there is no permission to write there")
    )
    known = {
        errno.ENOSPC: _("the disk is full"),
        errno.EROFS: _("the disk is read-only"),
        errno.EACCES: denied,
        errno.EPERM: denied,
        errno.EISDIR: _("a folder has that name"),
    }
    if error.errno in known:
        return known[error.errno]
    text = error.strerror or str(error) or type(error).__name__
    return text[:1].lower() + text[1:]


# --- words for the settings window ---------------------------------------------


def limit_words(limit: int | timedelta) -> str:
    """Say a limit in words: "10 seconds", "1 hour 30 minutes", "300 milliseconds"."""
    if not isinstance(limit, timedelta):
        return str(limit)
    milliseconds = round(limit.total_seconds() * 1000)
    if milliseconds % 1000:
        return ngettext("{count} millisecond", "{count} milliseconds", milliseconds).format(
            count=milliseconds
        )
    return duration_words(limit)


def range_hint(low: int | timedelta, high: int | timedelta) -> str:
    """The window's words for a value out of range: "Choose from 10 seconds to 1 hour."."""
    return _("Choose from {low} to {high}.").format(low=limit_words(low), high=limit_words(high))
