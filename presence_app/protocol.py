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
them, so the handler may trust every field; ``parse_request`` then turns a
checked request into one of the typed requests below, which the app's
command handler dispatches on by type. Quiet texts are read by
``core.quiet.parse_quiet`` everywhere; ``check_quiet`` is that reading
without a schedule, for the CLI's early usage errors.
This module imports only the standard library and ``core``: the CLI client
loads it on its fast path.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from presence_app.core.quiet import parse_quiet
from presence_app.i18n import _

COMMANDS = ("ping", "pause", "skip", "quiet", "status", "show", "quit")
WINDOWS = ("settings", "journal")
MAX_PAUSE = timedelta(hours=3)


@dataclass(frozen=True)
class Ping:
    """Is the app there?"""


@dataclass(frozen=True)
class Pause:
    """Start a pause now; ``length`` None means the settings' pause length."""

    length: timedelta | None = None


@dataclass(frozen=True)
class Skip:
    """Let the next bell pass."""


@dataclass(frozen=True)
class Quiet:
    """Stay quiet as ``spec`` says: a duration, "until 17:00", "off"."""

    spec: str


@dataclass(frozen=True)
class StatusQuery:
    """What is the app doing, and when is the next bell?"""


@dataclass(frozen=True)
class Show:
    """Open a window: "settings" or "journal"."""

    window: str


@dataclass(frozen=True)
class Quit:
    """End the app."""


Request = Ping | Pause | Skip | Quiet | StatusQuery | Show | Quit


def parse_request(request: dict[str, Any]) -> Request:
    """Turn a request that passed ``check_request`` into its typed form."""
    command = request["command"]
    if command == "pause":
        seconds = request.get("length_seconds")
        return Pause(timedelta(seconds=seconds) if seconds else None)
    if command == "quiet":
        return Quiet(str(request["spec"]))
    if command == "show":
        return Show(str(request["window"]))
    simple: dict[str, Request] = {
        "ping": Ping(),
        "skip": Skip(),
        "status": StatusQuery(),
        "quit": Quit(),
    }
    return simple[command]


class _NoRules:
    """Stands in for the schedule when a quiet text is only checked."""

    def next_day_opening(self, now: datetime) -> datetime:
        return now


def check_quiet(text: str) -> str | None:
    """Return why ``text`` is not a quiet time (a sentence), or None if it is one.

    The running app reads it again with its schedule and zone
    (``core.quiet.parse_quiet``); this is the same reading, so the command
    line can refuse a typo at once, with a usage error.
    """
    try:
        parse_quiet(text, datetime.now(UTC), UTC, _NoRules())
    except ValueError as error:
        return str(error)
    return None


def check_request(request: Any) -> str | None:
    """Return why ``request`` is not a valid request, or None if it is."""
    if not isinstance(request, dict):
        return _("A request must be a JSON object.")
    command = request.get("command")
    if command not in COMMANDS:
        return _("Unknown command {command}; known commands: {commands}.").format(
            command=repr(command), commands=", ".join(COMMANDS)
        )
    if command == "pause" and "length_seconds" in request:
        length = request["length_seconds"]
        if not isinstance(length, int | float) or isinstance(length, bool):
            return _("length_seconds must be a number of seconds.")
        if not 0 < length <= MAX_PAUSE.total_seconds():
            return _("A pause can last from 1 second to 3 hours.")
    if command == "quiet":
        spec = request.get("spec")
        if not isinstance(spec, str):
            return _('quiet needs a "spec" text.')
        problem = check_quiet(spec)
        if problem is not None:
            return problem
    if command == "show" and request.get("window") not in WINDOWS:
        return _("show needs a window: {windows}.").format(windows=" or ".join(WINDOWS))
    return None
