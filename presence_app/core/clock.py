"""Where the time comes from.

Everything that needs "now" receives a ``Clock``. The real one reads the
system clock; tests pass a ``FakeClock`` and move it by hand, so schedules
can be simulated over months in milliseconds. All instants are aware
datetimes in UTC; local wall-clock time is derived where it is shown or
where a rule is written in it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Protocol, overload


class Clock(Protocol):
    def now(self) -> datetime:
        """Return the current instant as an aware UTC datetime."""
        ...


class SystemClock:
    """The real clock. Safe to call from any thread."""

    def now(self) -> datetime:
        return datetime.now(UTC)


@dataclass
class FakeClock:
    """A clock that only moves when told to."""

    current: datetime

    def __post_init__(self) -> None:
        if self.current.tzinfo is None:
            raise ValueError("FakeClock needs an aware datetime")
        self.current = self.current.astimezone(UTC)

    def now(self) -> datetime:
        return self.current

    def advance(self, **delta: float) -> None:
        """Move forward by ``timedelta(**delta)``."""
        self.current += timedelta(**delta)

    def set(self, instant: datetime) -> None:
        """Jump to ``instant`` (which must be aware)."""
        if instant.tzinfo is None:
            raise ValueError("FakeClock needs an aware datetime")
        self.current = instant.astimezone(UTC)


@overload
def moved(instant: datetime, by: timedelta) -> datetime: ...
@overload
def moved(instant: None, by: timedelta) -> None: ...
@overload
def moved(instant: datetime | None, by: timedelta) -> datetime | None: ...


def moved(instant: datetime | None, by: timedelta) -> datetime | None:
    """Return ``instant + by`` (None stays None), within what a datetime can hold."""
    if instant is None:
        return None
    try:
        return instant + by
    except OverflowError:
        edge = datetime.max if by > timedelta(0) else datetime.min
        return edge.replace(tzinfo=instant.tzinfo)
