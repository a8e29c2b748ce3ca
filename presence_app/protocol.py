"""The command socket's language, shared by the app and its thin clients.

One request is one JSON object on one line; the app answers each with one
JSON object on one line. Every reply has ``"ok"``; a failed one also has
``"error"``, a calm sentence meant for the user. Requests and their replies:

- ``{"command": "ping"}`` → ``{"ok": true}``
- ``{"command": "pause", "length_seconds": 120}`` → ``{"ok": true}``; the
  length is optional (the settings' pause length applies without it).
- ``{"command": "skip"}`` → ``{"ok": true}``: the next bell passes.
- ``{"command": "quiet", "spec": "1h"}`` → ``{"ok": true, "quiet_until":
  ISO|null}``; spec is a duration, ``"until 17:00"``, ``"until tomorrow"``
  or ``"off"``.
- ``{"command": "status"}`` → see below.
- ``{"command": "show", "window": "settings"|"journal"}`` → ``{"ok": true}``
- ``{"command": "quit"}`` → ``{"ok": true}``, then the app ends.

The ``status`` reply has at least ``state`` (``idle``, ``invited``,
``pausing`` or ``reflecting``), ``next_cue``, ``quiet_until`` (ISO-8601 with
offset, or null), ``quiet_reason`` (a sentence, or null) and ``version``
(the server adds it when the handler does not). Optional fields the CLI
reads when present: ``next_cue_passes`` (bool) and ``pause_ends`` (ISO).

``check_request`` rejects malformed requests before the app's handler sees
them, so the handler may trust every field. ``parse_quiet`` is the one
reading of a quiet spec, used by the CLI (to give a usage error early) and
by the app (to turn it into an instant with ``QuietSpec.until_instant``).
This module imports only the standard library and ``core``: the CLI client
loads it on its fast path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta, tzinfo
from typing import Any, Literal

from presence_app.core.durations import DurationError, parse_duration

COMMANDS = ("ping", "pause", "skip", "quiet", "status", "show", "quit")
WINDOWS = ("settings", "journal")
STATES = ("idle", "invited", "pausing", "reflecting")
MAX_PAUSE = timedelta(hours=3)

_UNTIL = re.compile(r"until\s+(\d{1,2}):(\d{2})", re.IGNORECASE)


class QuietSpecError(ValueError):
    """A quiet spec that cannot be read; the message says what works."""


@dataclass(frozen=True)
class QuietSpec:
    """One reading of ``quiet 1h | until 17:00 | until tomorrow | off``."""

    kind: Literal["off", "for", "until", "tomorrow"]
    length: timedelta | None = None
    at: time | None = None

    def until_instant(self, now: datetime, zone: tzinfo) -> datetime | None:
        """Return when quiet ends (aware), or None for ``off``.

        ``until 17:00`` after 17:00 means tomorrow at 17:00; ``until tomorrow``
        means the next local midnight.
        """
        if self.kind == "off":
            return None
        if self.kind == "for":
            assert self.length is not None
            return now + self.length
        local = now.astimezone(zone)
        if self.kind == "tomorrow":
            midnight = datetime.combine(local.date() + timedelta(days=1), time(0), zone)
            return midnight
        assert self.at is not None
        candidate = datetime.combine(local.date(), self.at, zone)
        if candidate <= local:
            candidate = datetime.combine(local.date() + timedelta(days=1), self.at, zone)
        return candidate


def parse_quiet(text: str) -> QuietSpec:
    """Read a quiet spec.

    Raises:
        QuietSpecError: the text is none of the accepted forms.
    """
    spec = " ".join(text.split()).lower()
    if spec == "off":
        return QuietSpec("off")
    if spec == "until tomorrow":
        return QuietSpec("tomorrow")
    match = _UNTIL.fullmatch(spec)
    if match:
        hour, minute = int(match.group(1)), int(match.group(2))
        if hour > 23 or minute > 59:
            raise QuietSpecError(f'"{text}" is not a time of day; use 24-hour time such as 17:00')
        return QuietSpec("until", at=time(hour, minute))
    try:
        length = parse_duration(spec)
    except DurationError:
        raise QuietSpecError(
            f'"{text}" is not something quiet understands; use a length such as 1h, '
            '"until 17:00", "until tomorrow" or "off"'
        ) from None
    if length <= timedelta(0):
        raise QuietSpecError("quiet needs a length longer than zero, such as 30m")
    return QuietSpec("for", length=length)


def check_request(request: Any) -> str | None:
    """Return why ``request`` is not a valid request, or None if it is."""
    if not isinstance(request, dict):
        return "A request must be a JSON object."
    command = request.get("command")
    if command not in COMMANDS:
        return f"Unknown command {command!r}; known commands: {', '.join(COMMANDS)}."
    if command == "pause" and "length_seconds" in request:
        length = request["length_seconds"]
        if not isinstance(length, int | float) or isinstance(length, bool):
            return "length_seconds must be a number of seconds."
        if not 0 < length <= MAX_PAUSE.total_seconds():
            return "A pause can last from 1 second to 3 hours."
    if command == "quiet":
        spec = request.get("spec")
        if not isinstance(spec, str):
            return 'quiet needs a "spec" text.'
        try:
            parse_quiet(spec)
        except QuietSpecError as error:
            return f"{str(error)[0].upper()}{str(error)[1:]}."
    if command == "show" and request.get("window") not in WINDOWS:
        return f"show needs a window: {' or '.join(WINDOWS)}."
    return None
