"""Time away, noticed from samples of how long the keyboard and mouse rested.

The app does not watch input continuously (that would cost wakeups while
it waits). Instead it asks the desktop now and then how long there has
been no input ("idle seconds"): once a minute with the sleep check, and
right before a bell. ``AwayTracker`` turns those samples into periods
away:

- A sample with ``idle >= away_after`` means the user has been away since
  ``now - idle``, the moment input stopped.
- A later sample whose last input is newer than that moment means the user
  came back. The time away (start, end) is reported exactly once, where end
  is that sample's last input, ``now - idle``: the moment input resumed as
  far as a sample can tell.
- If that same sample shows a new rest of at least ``away_after`` (input
  came and went between two samples), a new time away begins at once.

The clock the samples are read against and the desktop's idle counter run
on different clocks, so the moment input stopped wobbles slightly from
sample to sample; ``DRIFT`` absorbs that wobble.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

DRIFT = timedelta(seconds=10)
"""How far ``now - idle`` may move between samples without any input."""


@dataclass(frozen=True)
class TimeAway:
    """One time away: input stopped at ``start`` and resumed at ``end``."""

    start: datetime
    end: datetime


class AwayTracker:
    """Turns idle samples into times away. Pure; the caller brings the samples."""

    def __init__(self, away_after: timedelta) -> None:
        self.away_after = away_after
        self._since: datetime | None = None

    @property
    def away_since(self) -> datetime | None:
        """When input stopped, while the user counts as away; otherwise None."""
        return self._since

    def forget(self) -> None:
        """Drop a time away under way (when noticing being away is turned off)."""
        self._since = None

    def sample(self, now: datetime, idle_seconds: float | None) -> TimeAway | None:
        """Take one sample; return a time away that has just ended, once.

        Args:
            now: when the sample was taken.
            idle_seconds: seconds without input, or None if the desktop
                cannot tell (the sample is then ignored).
        """
        if idle_seconds is None:
            return None
        idle = timedelta(seconds=max(idle_seconds, 0.0))
        last_input = now - idle
        ended = None
        if self._since is not None and self._came_back(idle, last_input):
            if last_input > self._since:
                ended = TimeAway(self._since, last_input)
            self._since = None
        if self._since is None and idle >= self.away_after:
            self._since = last_input
        return ended

    def _came_back(self, idle: timedelta, last_input: datetime) -> bool:
        assert self._since is not None
        return idle < self.away_after or last_input - self._since > DRIFT
