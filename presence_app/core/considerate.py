"""Whether now is a good moment for a bell, and when the user came back.

A bell that comes due while the user is away (idle, or the screen
locked), while a full-screen window is open, while the desktop's
do-not-disturb is on, or while a microphone is recording (a call), stays
quiet: the lifecycle records it as "quiet", with the reason, and it counts
as passed. Time away is also worth knowing by itself: a time away at least
as long as the pause counts as a natural pause, and the schedule gives a
short grace period after it.

The desktop is reached through small protocols (``Surroundings``,
``DoNotDisturb``, ``Calls``; the real backends live in
``presence_app.adapters``). ``Considerate`` asks them only when needed, and
only what the settings ask for: nothing at all when every ``quiet_*``
setting is off. What the desktop announces by itself (the screen locking
and unlocking, the machine going to sleep and waking) arrives as calls to
``screen_locked`` and the like: a locked screen counts as away at once,
without waiting for ``away_after``, and the whole time locked or asleep
counts as time away. Main thread only.

Each reason is a short label that starts with "Quiet" ("Quiet during a
call"); ``reason_clause`` turns it into the end of a sentence ("stayed
quiet during a call").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from presence_app.core.away import AwayTracker, TimeAway
from presence_app.core.settings import ConsiderateSettings
from presence_app.core.timewords import reason_clause

AWAY = "Quiet while you were away"
LOCKED = "Quiet while the screen was locked"
FULLSCREEN = "Quiet during a full-screen window"
DND = "Quiet during do-not-disturb"
CALL = "Quiet during a call"
JUST_BACK = "Quiet just after you came back"


class Surroundings(Protocol):
    """What the desktop can tell about the user's moment. Main thread only."""

    def idle_seconds(self) -> float | None:
        """Return seconds since the last keyboard or mouse input; None if unknown."""
        ...

    def fullscreen_app(self) -> str | None:
        """Return a short name of the program whose window fills the screen, or None."""
        ...


class DoNotDisturb(Protocol):
    """The desktop's do-not-disturb switch. Main thread only."""

    def is_on(self) -> bool | None:
        """Return whether do-not-disturb is on; None if this desktop cannot tell."""
        ...


class Calls(Protocol):
    """Whether a call is under way: a microphone is being recorded. Main thread only."""

    def in_call(self) -> bool | None:
        """Return whether a microphone is in use; None if this system cannot tell."""
        ...


class NoDoNotDisturb:
    """For desktops whose do-not-disturb cannot be read: it cannot tell."""

    def is_on(self) -> bool | None:
        return None

    def close(self) -> None:
        pass


class NoCalls:
    """For systems where a microphone in use cannot be seen: it cannot tell."""

    def in_call(self) -> bool | None:
        return None

    def close(self) -> None:
        pass


def reason_to_wait(
    settings: ConsiderateSettings,
    idle_seconds: float | None,
    fullscreen_app: Callable[[], str | None],
    dnd_is_on: Callable[[], bool | None] = lambda: None,
    in_call: Callable[[], bool | None] = lambda: None,
    *,
    quiet_during_calls: bool = True,
) -> str | None:
    """Return why a bell should stay quiet now, or None if it may ring.

    Args:
        idle_seconds: seconds without input (None: cannot tell, not away).
        fullscreen_app, dnd_is_on, in_call: asked in this order, only while
            nothing before them has decided (the call is the dearest to ask).
        quiet_during_calls: the ``quiet_during_calls`` setting.
    """
    away_after = settings.away_after.total_seconds()
    if settings.quiet_when_away and idle_seconds is not None and idle_seconds >= away_after:
        return AWAY
    if settings.quiet_when_fullscreen and fullscreen_app() is not None:
        return FULLSCREEN
    if settings.quiet_when_dnd and dnd_is_on():
        return DND
    if quiet_during_calls and in_call():
        return CALL
    return None


def calls_setting(settings: ConsiderateSettings) -> bool:
    """Return ``considerate.quiet_during_calls`` (on when the settings have no such field)."""
    return bool(getattr(settings, "quiet_during_calls", True))


@dataclass(frozen=True)
class BellCheck:
    """The answer right before a bell: why to wait, and a return noticed now."""

    reason: str | None
    came_back: TimeAway | None = None


class Considerate:
    """Samples the surroundings for the app and keeps track of time away."""

    def __init__(
        self,
        settings: ConsiderateSettings,
        surroundings: Surroundings,
        dnd: DoNotDisturb | None = None,
        calls: Calls | None = None,
        *,
        quiet_during_calls: bool | None = None,
    ) -> None:
        """Args:
        quiet_during_calls: the setting; None reads it from ``settings``.
        """
        self._surroundings = surroundings
        self._dnd = dnd or NoDoNotDisturb()
        self._calls = calls or NoCalls()
        self._tracker = AwayTracker(settings.away_after)
        self._locked_since: datetime | None = None
        self._asleep_since: datetime | None = None
        self._settings = settings
        self._quiet_during_calls = True
        self.configure(settings, quiet_during_calls=quiet_during_calls)

    @property
    def away_since(self) -> datetime | None:
        """When the user went away (idle or locked), while away; otherwise None."""
        starts = [t for t in (self._tracker.away_since, self._locked_since) if t is not None]
        return min(starts, default=None)

    @property
    def is_locked(self) -> bool:
        return self._locked_since is not None

    def configure(
        self, settings: ConsiderateSettings, *, quiet_during_calls: bool | None = None
    ) -> None:
        """Use new settings from the next sample on."""
        self._settings = settings
        self._quiet_during_calls = (
            calls_setting(settings) if quiet_during_calls is None else quiet_during_calls
        )
        self._tracker.away_after = settings.away_after
        if not settings.quiet_when_away:
            self._tracker.forget()

    def notice_return(self, now: datetime) -> TimeAway | None:
        """Sample idle time; return a time away that has just ended, once."""
        return self._tracker.sample(now, self._idle())

    def screen_locked(self, now: datetime) -> None:
        """The screen locked: away from now on (if not already away)."""
        if self._locked_since is None:
            self._locked_since = now

    def screen_unlocked(self, now: datetime) -> TimeAway | None:
        """The screen unlocked: return the time away it ended (from idle or lock)."""
        since, self._locked_since = self._locked_since, None
        if since is None or not self._settings.quiet_when_away:
            return None
        start = min(since, self._tracker.away_since or since)
        self._tracker.forget()  # the unlock is the return; the next sample starts afresh
        return TimeAway(start, now) if now > start else None

    def machine_sleeping(self, now: datetime) -> None:
        """The machine is about to sleep."""
        self._asleep_since = now

    def machine_woke(self, now: datetime) -> TimeAway | None:
        """The machine woke: return the time asleep (None if the sleep went unheard)."""
        since, self._asleep_since = self._asleep_since, None
        return TimeAway(since, now) if since is not None and now > since else None

    def check_bell(self, now: datetime) -> BellCheck:
        """Decide about a bell due now (sampling once), and notice a return.

        A return noticed only now, within the grace period after it, keeps
        the bell quiet too: the schedule would have kept the grace period
        had it known of the return earlier.
        """
        idle = self._idle()
        came_back = self._tracker.sample(now, idle)
        reason = self._reason(idle)
        grace = self._settings.grace_after_wake
        if reason is None and came_back is not None and now < came_back.end + grace:
            reason = JUST_BACK
        return BellCheck(reason, came_back)

    def _reason(self, idle: float | None) -> str | None:
        if self._locked_since is not None and self._settings.quiet_when_away:
            return LOCKED
        return reason_to_wait(
            self._settings,
            idle,
            self._surroundings.fullscreen_app,
            self._dnd.is_on,
            self._calls.in_call,
            quiet_during_calls=self._quiet_during_calls,
        )

    def _idle(self) -> float | None:
        if not self._settings.quiet_when_away:
            return None
        return self._surroundings.idle_seconds()


__all__ = [
    "AWAY",
    "CALL",
    "DND",
    "FULLSCREEN",
    "JUST_BACK",
    "LOCKED",
    "BellCheck",
    "Calls",
    "Considerate",
    "DoNotDisturb",
    "NoCalls",
    "NoDoNotDisturb",
    "Surroundings",
    "TimeAway",
    "calls_setting",
    "reason_clause",
    "reason_to_wait",
]
