"""The vocabulary shared by the schedule, the pause lifecycle and the journal.

A ``Cue`` is one bell the schedule wants to ring; an ``Outcome`` says what
became of it; a ``Source`` says what started a pause.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum


@dataclass(frozen=True)
class Cue:
    """One bell: when it rings, how long its pause is, which rules asked."""

    at: datetime
    """Aware instant (UTC)."""
    pause: timedelta
    rules: tuple[str, ...]
    passes: bool = False
    """True when the user asked to let this bell pass (skip-next): it does
    not ring, and is recorded as passed."""


class Outcome(StrEnum):
    COMPLETED = "completed"
    ENDED_EARLY = "ended early"
    PASSED = "passed"
    QUIET = "quiet"
    """The bell came due at a bad moment (away, full screen, do not disturb)."""
    RANG = "rang"
    """Sound-only invitations: the bell rang and no window asked anything."""
    UNFINISHED = "unfinished"
    """A pause under way, or one whose end was never recorded (Presence was
    stopped during it)."""


class Source(StrEnum):
    SCHEDULE = "schedule"
    TRAY = "tray"
    SHORTCUT = "shortcut"
    COMMAND = "command"
