"""Whether now is a good moment for a bell, and when the user came back.

A bell that comes due while the user is away, while a full-screen window
is open, or while the desktop's do-not-disturb is on, stays quiet: the
lifecycle records it as "quiet" and it counts as passed. Time away is
also worth knowing by itself: a time away at least as long as the pause
counts as a natural pause, and the schedule gives a short grace period
after it.

The desktop is reached through ``Surroundings`` and ``DoNotDisturb`` (real
backends live in ``presence_app.adapters``). ``Considerate`` asks them only
when needed, and only what the settings ask for: nothing at all when the
three ``quiet_when_*`` settings are off. Main thread only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from presence_app.core.away import AwayTracker, TimeAway
from presence_app.core.settings import ConsiderateSettings

AWAY = "you are away"
FULLSCREEN = "a full-screen window is open"
DND = "do-not-disturb is on"
JUST_BACK = "you have just come back"


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


class NoDoNotDisturb:
    """For desktops whose do-not-disturb cannot be read: it cannot tell."""

    def is_on(self) -> bool | None:
        return None

    def close(self) -> None:
        pass


def reason_to_wait(
    settings: ConsiderateSettings,
    idle_seconds: float | None,
    fullscreen_app: Callable[[], str | None],
    dnd_is_on: Callable[[], bool | None] = lambda: None,
) -> str | None:
    """Return why a bell should stay quiet now, or None if it may ring.

    Args:
        idle_seconds: seconds without input (None: cannot tell, not away).
        fullscreen_app, dnd_is_on: asked in this order, only while nothing
            before them has decided.
    """
    away_after = settings.away_after.total_seconds()
    if settings.quiet_when_away and idle_seconds is not None and idle_seconds >= away_after:
        return AWAY
    if settings.quiet_when_fullscreen and fullscreen_app() is not None:
        return FULLSCREEN
    if settings.quiet_when_dnd and dnd_is_on():
        return DND
    return None


@dataclass(frozen=True)
class BellCheck:
    """The answer right before a bell: why to wait, and a return noticed now."""

    reason: str | None
    came_back: TimeAway | None = None


class Considerate:
    """Samples the surroundings for the app and keeps the ``AwayTracker``."""

    def __init__(
        self,
        settings: ConsiderateSettings,
        surroundings: Surroundings,
        dnd: DoNotDisturb | None = None,
    ) -> None:
        self._settings = settings
        self._surroundings = surroundings
        self._dnd = dnd or NoDoNotDisturb()
        self._tracker = AwayTracker(settings.away_after)

    @property
    def away_since(self) -> datetime | None:
        return self._tracker.away_since

    def configure(self, settings: ConsiderateSettings) -> None:
        """Use new settings from the next sample on."""
        self._settings = settings
        self._tracker.away_after = settings.away_after
        if not settings.quiet_when_away:
            self._tracker.forget()

    def notice_return(self, now: datetime) -> TimeAway | None:
        """Sample idle time; return a time away that has just ended, once."""
        return self._tracker.sample(now, self._idle())

    def check_bell(self, now: datetime) -> BellCheck:
        """Decide about a bell due now (sampling once), and notice a return.

        A return noticed only now, within the grace period after it, keeps
        the bell quiet too: the schedule would have kept the grace period
        had it known of the return earlier.
        """
        idle = self._idle()
        came_back = self._tracker.sample(now, idle)
        world = self._surroundings
        reason = reason_to_wait(self._settings, idle, world.fullscreen_app, self._dnd.is_on)
        grace = self._settings.grace_after_wake
        if reason is None and came_back is not None and now < came_back.end + grace:
            reason = JUST_BACK
        return BellCheck(reason, came_back)

    def _idle(self) -> float | None:
        if not self._settings.quiet_when_away:
            return None
        return self._surroundings.idle_seconds()


__all__ = [
    "AWAY",
    "DND",
    "FULLSCREEN",
    "JUST_BACK",
    "BellCheck",
    "Considerate",
    "DoNotDisturb",
    "NoDoNotDisturb",
    "Surroundings",
    "TimeAway",
    "reason_to_wait",
]
