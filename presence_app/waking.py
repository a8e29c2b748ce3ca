"""The app's one alarm clock, and its watch on sleep and clock changes.

Nothing in Presence polls. ``WakeTimer`` owns the single-shot timer set to
the lifecycle's next wake-up: when it fires, the lifecycle handles what is
due (``tick``) and the timer is set again. After every change (a bell, a
pause, new settings) the app calls ``rearm``. The wait is capped at
``MAX_TIMER`` so a timer that drifted never sleeps through a day.

Qt timers run on the monotonic clock, which stops while the machine
sleeps, so the same object keeps ``SleepWatch``'s coarse once-a-minute
check and reports what it found: the machine slept (``slept``), the wall
clock was set (``clock_moved``), or only that a minute passed (``minute``,
a chance to notice a return from time away and to refresh "in 12 min").
Main thread only.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal

from presence_app.adapters.power import SleepWatch
from presence_app.core.clock import Clock

MAX_TIMER = timedelta(hours=6)
"""Longest single wait; the timer re-arms itself after it."""


class WakeTimer(QObject):
    """Wakes the lifecycle at its next deadline; reports sleep and clock jumps."""

    slept = Signal(float)
    """The machine slept for this many seconds (noticed after waking)."""
    clock_moved = Signal(float)
    """The wall clock was set by this many seconds (negative: back)."""
    minute = Signal()
    """The coarse check ran (about once a minute)."""

    def __init__(
        self,
        clock: Clock,
        next_wakeup: Callable[[], datetime | None],
        tick: Callable[[], None],
        parent: QObject | None = None,
    ) -> None:
        """Args:
        clock: the app's clock (the wall time deadlines are written in).
        next_wakeup: when there is next something to do (None: nothing).
        tick: handles whatever is due by now.
        """
        super().__init__(parent)
        self._clock = clock
        self._next_wakeup = next_wakeup
        self._tick = tick
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self.fire)
        self._watch = SleepWatch(self)
        self._watch.resumed.connect(self.slept)
        self._watch.clock_jumped.connect(self.clock_moved)
        self._watch.checked.connect(self.minute)

    def rearm(self) -> None:
        """Set the timer to the next wake-up (or stop it when there is none)."""
        wake = self._next_wakeup()
        if wake is None:
            self._timer.stop()
            return
        wait = min(max(wake - self._clock.now(), timedelta(0)), MAX_TIMER)
        self._timer.start(round(wait.total_seconds() * 1000))

    def fire(self) -> None:
        """Handle what is due now, then set the timer again (the timer's slot)."""
        self.check_clocks()  # a clock set since the last check must not look like lateness
        self._tick()
        self.rearm()

    def check_clocks(self) -> None:
        """Notice a sleep or clock change now, not only at the minute check."""
        self._watch.notice()

    def sleep_was_counted(self) -> None:
        """A sleep was heard of from the system: compare clocks afresh from now."""
        self._watch.rebase()

    def check_now(self) -> None:
        """Run the sleep and clock check at once (as the minute timer would)."""
        self._watch.check()


def qt_call_later(seconds: float, function: Callable[[], None]) -> QTimer:
    """Run ``function`` once after ``seconds``, on the main thread."""
    timer = QTimer(QCoreApplication.instance())
    timer.setSingleShot(True)
    timer.timeout.connect(function)
    timer.timeout.connect(timer.deleteLater)
    timer.start(max(0, round(seconds * 1000)))
    return timer
