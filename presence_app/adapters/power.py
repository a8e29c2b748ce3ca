"""Notice when the machine slept or the wall clock jumped.

Qt timers run on the monotonic clock, which stops while the machine sleeps
(on Linux and macOS), so a timer set before a suspend fires late by the time
asleep. The app does not depend on it: a coarse check, once a minute,
compares how far three clocks moved since the last check:

- wall clock (``time.time``): what the schedule is written in;
- boot clock (``CLOCK_BOOTTIME`` on Linux): keeps counting during sleep;
- monotonic clock: stops during sleep.

Boot moved more than monotonic → the machine slept for the difference.
Wall moved differently from boot → someone (or NTP) set the clock.
Where there is no boot clock (macOS, Windows) a wall gap larger than the
monotonic one counts as sleep. Each verdict is handed to the app, which
tells the schedule (time away) and recomputes the next bell.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal

CHECK_INTERVAL_MS = 60_000
TOLERANCE_S = 20.0
"""Gaps smaller than this are timer jitter or a busy machine, not sleep."""


@dataclass(frozen=True)
class ClockSample:
    wall: float
    monotonic: float
    boot: float | None


@dataclass(frozen=True)
class Verdict:
    slept_s: float = 0.0
    wall_jump_s: float = 0.0


def sample() -> ClockSample:
    """Read the three clocks now."""
    boot: float | None
    try:
        boot = time.clock_gettime(time.CLOCK_BOOTTIME)  # type: ignore[attr-defined,unused-ignore]
    except (AttributeError, OSError):
        boot = None
    return ClockSample(time.time(), time.monotonic(), boot)


def compare(before: ClockSample, after: ClockSample) -> Verdict:
    """Decide whether the machine slept or the wall clock jumped in between."""
    d_mono = after.monotonic - before.monotonic
    d_wall = after.wall - before.wall
    if before.boot is not None and after.boot is not None:
        d_boot = after.boot - before.boot
        slept = d_boot - d_mono
        jump = d_wall - d_boot
    else:
        slept = max(d_wall - d_mono, 0.0)
        jump = min(d_wall - d_mono, 0.0)
    return Verdict(
        slept_s=slept if slept > TOLERANCE_S else 0.0,
        wall_jump_s=jump if abs(jump) > TOLERANCE_S else 0.0,
    )


class SleepWatch(QObject):
    """Emits ``resumed(seconds_asleep)`` and ``clock_jumped(seconds)``. Main thread."""

    resumed = Signal(float)
    clock_jumped = Signal(float)
    checked = Signal()
    """After every check: a chance to refresh relative times ("in 12 min")."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._last = sample()
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_INTERVAL_MS)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    def rebase(self) -> None:
        """Start comparing afresh from now (after a sleep heard of in another way)."""
        self._last = sample()

    def check(self) -> None:
        """Compare the clocks with the previous check and report what happened."""
        self.notice()
        self.checked.emit()

    def notice(self) -> None:
        """Compare the clocks now, without the once-a-minute refresh.

        Any wake-up (a timer, a command) is a free chance to notice a sleep
        or a clock that was set before acting on the wall time.
        """
        now = sample()
        verdict = compare(self._last, now)
        self._last = now
        if verdict.slept_s:
            self.resumed.emit(verdict.slept_s)
        if verdict.wall_jump_s:
            self.clock_jumped.emit(verdict.wall_jump_s)
