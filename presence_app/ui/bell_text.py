"""The words the tray uses to say when the next bell comes, or why it is quiet.

Why: the tooltip must always answer "when is the next bell?" or "why is it
quiet?", in the user's local time and in plain words. Keeping the wording
in one pure module (no Qt) lets the tray, the status window and
``presence-app status`` say exactly the same thing, and lets tests check it
without a display.

Main ideas: instants arrive as aware UTC datetimes; a ``tzinfo`` (None: the
system's local zone) turns them into wall-clock text. Distances are rounded
up to whole minutes, because "in 0 min" would be untrue until the bell rings.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta, tzinfo

from presence_app.core.lifecycle_ports import State, Status
from presence_app.core.timewords import at_words, kept_quiet_sentence, until_words
from presence_app.core.timezone import local_zone


def in_words(distance: timedelta) -> str:
    """Say how far away an instant is: "in 12 min", "in 1 h 5 min"."""
    seconds = distance.total_seconds()
    if seconds < 60:
        return "in less than a minute"
    minutes = math.ceil(seconds / 60)
    hours, minutes = divmod(minutes, 60)
    if hours == 0:
        return f"in {minutes} min"
    if minutes == 0:
        return f"in {hours} h"
    return f"in {hours} h {minutes} min"


def _zone(tz: tzinfo | None) -> tzinfo:
    return tz if tz is not None else local_zone()


def next_bell_line(next_at: datetime | None, now: datetime, tz: tzinfo | None = None) -> str:
    """Return "Next bell at 10:45" (short, for the tray menu)."""
    if next_at is None:
        return "No bell is planned"
    return f"Next bell {at_words(next_at, now, _zone(tz))}"


def next_bell_tooltip(next_at: datetime | None, now: datetime, tz: tzinfo | None = None) -> str:
    """Return "Next bell at 10:45 (in 12 min)"."""
    if next_at is None:
        return "No bell is planned. Your schedule has no bells ahead."
    return f"{next_bell_line(next_at, now, tz)} ({in_words(next_at - now)})"


def quiet_line(until: datetime | None, now: datetime, tz: tzinfo | None = None) -> str:
    """Return "Quiet until 17:00" (short, for the tray menu)."""
    if until is None:
        return "Quiet for now"
    return f"Quiet {until_words(until, now, _zone(tz))}"


def state_words(status: Status, now: datetime, tz: tzinfo | None = None) -> tuple[str, str, bool]:
    """Return (menu line, full sentence, quiet?) for the app's current state.

    The sentence says when the next bell comes, or why it is quiet and
    until when, and mentions a bell that stayed quiet at a bad moment.
    """
    zone = _zone(tz)
    if status.state is State.INVITED:
        text = "A bell is inviting you to a short pause."
        return text, text, False
    if status.state is State.PAUSING and status.pause_ends is not None:
        text = f"Pausing {until_words(status.pause_ends, now, zone)}"
        return text, text, False
    cue = status.next_cue
    if status.quiet is not None:
        until, reason = status.quiet
        after = f" Then the next bell rings {at_words(cue.at, now, zone)}." if cue else ""
        return quiet_line(until, now, zone), f"Quiet: {reason}.{after}", True
    line = next_bell_line(cue.at if cue else None, now, zone)
    tooltip = next_bell_tooltip(cue.at if cue else None, now, zone)
    if cue is not None and cue.passes:
        tooltip += "; you asked to let it pass"
    if status.kept_quiet is not None:
        at, reason = status.kept_quiet
        tooltip += f". {kept_quiet_sentence(reason, at, now, zone)}"
    return line, tooltip, False
