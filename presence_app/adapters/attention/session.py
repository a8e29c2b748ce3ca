"""What the system announces by itself: the screen locking, the machine sleeping.

Idle time and full screen are questions the app asks (``Surroundings``);
a locked screen and a sleep are told as they happen, so the app hears of
them at once and pays nothing while it waits. Each platform has its own
way of telling (logind and the screen saver on Linux, session and power
messages on Windows, distributed notifications on macOS); they all report
to one ``SessionWatch``, which turns their reports into four Qt signals
for the app: ``locked``, ``unlocked``, ``sleeping`` and ``woke``.

Several sources may report the lock (logind's ``LockedHint`` and the
screen saver's ``ActiveChanged``, say): the latest report wins, and a
signal is emitted only when the state changes, so hearing the same lock
twice is harmless. Main thread only.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)


class SessionWatch(QObject):
    """Emits ``locked``/``unlocked`` and ``sleeping``/``woke``. Main thread only.

    The base class hears nothing (the fallback where nothing tells);
    platform backends subclass it, and say what they hear through
    ``lock_sources`` and ``sleep_source``.
    """

    locked = Signal()
    unlocked = Signal()
    sleeping = Signal()
    woke = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._is_locked = False
        self._is_asleep = False
        self.lock_sources: list[str] = []
        """Who tells of the lock here, in words ("logind", "the screen saver")."""
        self.sleep_source: str | None = None
        """Who tells of sleep here, or None (the clock comparison still notices it)."""

    @property
    def is_locked(self) -> bool:
        return self._is_locked

    def start(self) -> None:
        """Begin listening and report the state now; connect the signals first."""

    def close(self) -> None:
        """Stop listening."""

    def report_locked(self, is_locked: bool) -> None:
        """A source says whether the screen is locked now."""
        if is_locked != self._is_locked:
            self._is_locked = is_locked
            log.info("the screen %s", "locked" if is_locked else "unlocked")
            (self.locked if is_locked else self.unlocked).emit()

    def report_sleep(self, going_to_sleep: bool) -> None:
        """A source says the machine is about to sleep (True) or has woken (False)."""
        if going_to_sleep != self._is_asleep:
            self._is_asleep = going_to_sleep
            log.info("the machine %s", "is going to sleep" if going_to_sleep else "woke")
            (self.sleeping if going_to_sleep else self.woke).emit()
