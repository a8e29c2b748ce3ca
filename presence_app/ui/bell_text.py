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
from presence_app.core.timewords import at_words, kept_quiet_sentence, reason_label, until_words
from presence_app.core.timezone import local_zone
from presence_app.i18n import _, ngettext


def in_words(distance: timedelta) -> str:
    """Say how far away an instant is: "in 12 min", "in 1 h 5 min"."""
    seconds = distance.total_seconds()
    if seconds < 60:
        return _("in less than a minute")
    minutes = math.ceil(seconds / 60)
    hours, minutes = divmod(minutes, 60)
    if hours == 0:
        return ngettext("in {count} min", "in {count} min", minutes).format(count=minutes)
    if minutes == 0:
        return ngettext("in {count} h", "in {count} h", hours).format(count=hours)
    return _("in {hours} h {minutes} min").format(hours=hours, minutes=minutes)


def _zone(tz: tzinfo | None) -> tzinfo:
    return tz if tz is not None else local_zone()


def next_bell_line(next_at: datetime | None, now: datetime, tz: tzinfo | None = None) -> str:
    """Return "Next bell at 10:45" (short, for the tray menu)."""
    if next_at is None:
        return _("No bell is planned")
    return _("Next bell {when}").format(when=at_words(next_at, now, _zone(tz)))


def next_bell_tooltip(next_at: datetime | None, now: datetime, tz: tzinfo | None = None) -> str:
    """Return "Next bell at 10:45 (in 12 min)"."""
    if next_at is None:
        return _("No bell is planned. Your schedule has no bells ahead.")
    return _("{next_bell} ({distance})").format(
        next_bell=next_bell_line(next_at, now, tz), distance=in_words(next_at - now)
    )


def quiet_line(until: datetime | None, now: datetime, tz: tzinfo | None = None) -> str:
    """Return "Quiet until 17:00" (short, for the tray menu)."""
    if until is None:
        return _("Quiet for now")
    return _("Quiet {until}").format(until=until_words(until, now, _zone(tz)))


def state_words(status: Status, now: datetime, tz: tzinfo | None = None) -> tuple[str, str, bool]:
    """Return (menu line, full sentence, quiet?) for the app's current state.

    The sentence says when the next bell comes, or why it is quiet and
    until when, and mentions a bell that stayed quiet at a bad moment.
    """
    zone = _zone(tz)
    if status.state is State.INVITED:
        text = _("A bell is inviting you to a short pause.")
        return text, text, False
    if status.state is State.PAUSING and status.pause_ends is not None:
        text = _("Pausing {until}").format(until=until_words(status.pause_ends, now, zone))
        return text, text, False
    cue = status.next_cue
    if status.quiet is not None:
        until, reason = status.quiet
        sentence = _("Quiet: {reason}.").format(reason=reason_label(reason).rstrip("."))
        if cue:
            sentence = _("{quiet} Then the next bell rings {when}.").format(
                quiet=sentence, when=at_words(cue.at, now, zone)
            )
        return quiet_line(until, now, zone), sentence, True
    line = next_bell_line(cue.at if cue else None, now, zone)
    tooltip = next_bell_tooltip(cue.at if cue else None, now, zone)
    if cue is not None and cue.passes:
        tooltip = _("{next_bell}; you asked to let it pass").format(next_bell=tooltip)
    if status.kept_quiet is not None:
        at, reason = status.kept_quiet
        tooltip = _("{next_bell}. {kept_quiet}").format(
            next_bell=tooltip, kept_quiet=kept_quiet_sentence(reason, at, now, zone)
        )
    return line, tooltip, False
