"""What the pause lifecycle is waiting for, besides the next bell.

``core.lifecycle`` keeps one ``Moment``: the open invitation and when it
lapses, the pause under way, the closing bell of a sound-only bell, and the
sound it has prepared for. Every one of them is an instant on the wall
clock, so when the clock is set (``shifted``) they all move with it: a pause
that had 40 seconds left still has 40 seconds left.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from presence_app.core.clock import moved
from presence_app.core.cue import Cue, Source


@dataclass
class Pause:
    started: datetime
    length: timedelta
    source: Source
    cue: Cue | None
    entry_id: int | None = None
    """The journal entry written when the pause began (None if it could not be)."""

    @property
    def ends(self) -> datetime:
        return self.started + self.length


@dataclass
class Moment:
    """What the lifecycle is waiting for, besides the next bell."""

    invitation: Cue | None = None
    invitation_expires: datetime | None = None
    pause: Pause | None = None
    closing_bell_at: datetime | None = None
    prepared_for: datetime | None = None
    pending: Cue | None = None

    def shift(self, by: timedelta) -> None:
        """Move every instant by ``by`` (the wall clock was set by that much)."""
        self.invitation_expires = moved(self.invitation_expires, by)
        self.closing_bell_at = moved(self.closing_bell_at, by)
        self.prepared_for = moved(self.prepared_for, by)
        if self.invitation is not None:
            self.invitation = replace(self.invitation, at=moved(self.invitation.at, by))
        if self.pause is not None:
            self.pause.started = moved(self.pause.started, by)
            if self.pause.cue is not None:
                self.pause.cue = replace(self.pause.cue, at=moved(self.pause.cue.at, by))
        self.pending = None  # asked again right after
