"""Carrying time away from where it is noticed to where it counts.

Time away is noticed in several places: the once-a-minute check sees that
the user came back (``Considerate.notice_return``), the check right before
a bell sees it too (``Considerate.check_bell``), the screen's unlocking
ends a time away that its locking began, and the machine's sleep is
reported when it wakes (by the system, or by comparing clocks). Wherever
it is noticed, it must reach the schedule (``record_away``), which then
counts the next bell from the return, and the next bell must be worked out
again. ``AwayBook`` is that one path, so no
caller can forget a step. It also knows how long the app itself was gone:
the time between the last moment the schedule's state remembers and this
start counts as time away too.

Pure Python, driven by the instants it is given; main thread only.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Protocol

from presence_app.core.considerate import Considerate, TimeAway
from presence_app.core.schedstate import ScheduleState

log = logging.getLogger(__name__)

LONGEST_REMEMBERED = timedelta(days=1)
"""How far back a start-up looks for the moment the app was last running."""


class AwayRecorder(Protocol):
    """Where time away counts: the schedule."""

    @property
    def state(self) -> ScheduleState: ...

    def record_away(self, start: datetime, end: datetime) -> None: ...


class AwayBook:
    """Hands every time away to the schedule and asks for the next bell again."""

    def __init__(
        self,
        considerate: Considerate,
        schedule: AwayRecorder,
        *,
        catch_up: Callable[[], None],
        recompute: Callable[[], None],
    ) -> None:
        """Args:
        considerate: decides whether a moment suits a bell; notices returns.
        schedule: records the time away.
        catch_up: handles what fell due meanwhile (the lifecycle's ``tick``).
        recompute: works out the next bell again (the lifecycle's ``refresh``).
        """
        self._considerate = considerate
        self._schedule = schedule
        self._catch_up = catch_up
        self._recompute = recompute

    def check_return(self, now: datetime) -> None:
        """The once-a-minute check: notice a return from time away."""
        self._count(self._considerate.notice_return(now))

    def screen_locked(self, now: datetime) -> None:
        """The screen locked: the user counts as away from now on."""
        self._considerate.screen_locked(now)

    def screen_unlocked(self, now: datetime) -> None:
        """The screen unlocked: the time away it ended counts."""
        self._count(self._considerate.screen_unlocked(now))

    def machine_sleeping(self, now: datetime) -> None:
        """The system says the machine is about to sleep."""
        self._considerate.machine_sleeping(now)

    def machine_woke(self, now: datetime) -> bool:
        """The system says the machine woke; return whether a sleep was counted."""
        asleep = self._considerate.machine_woke(now)
        if asleep is None:
            return False
        self.slept(now, (asleep.end - asleep.start).total_seconds())
        return True

    def _count(self, away: TimeAway | None) -> None:
        if away is not None:
            log.info("away from %s to %s", away.start, away.end)
            self._schedule.record_away(away.start, away.end)
            self._recompute()

    def reason_to_wait(self, now: datetime) -> str | None:
        """Asked right before a bell: why it should stay quiet, or None.

        A return noticed here is recorded without recomputing: the
        lifecycle works out the next bell right after this one anyway.
        """
        check = self._considerate.check_bell(now)
        if check.came_back is not None:
            self._schedule.record_away(check.came_back.start, check.came_back.end)
        return check.reason

    def slept(self, now: datetime, seconds: float) -> None:
        """The machine slept for ``seconds`` until ``now``: that was time away."""
        log.info("the machine slept for %.0f s", seconds)
        self._schedule.record_away(now - timedelta(seconds=seconds), now)
        self._catch_up()
        self._recompute()

    def last_known_alive(self, now: datetime) -> datetime:
        """The last moment the schedule's state remembers, at most a day ago."""
        state = self._schedule.state
        known = [t for t in (state.last_pause_end, state.last_bell, state.back_at) if t]
        return max([now - LONGEST_REMEMBERED, *known])
