"""Keys typed in the first moment after a window appears are not answers.

Why: a bell rings while the user is in the middle of a sentence. If the
pause or reflection window reacted to the very next key, a space or an
Enter meant for the editor would dismiss it by accident. So for a short
moment (``GUARD_SECONDS``) after a window appears, its key presses are
swallowed; afterwards every key works as usual.

Main ideas:
- ``InputGuard`` is an event filter. ``arm()`` starts the quiet moment
  (windows call it from ``showEvent``); ``install(widget)`` filters the
  widget and all of its children, so a focused text field is guarded too.
- Time comes from an injected monotonic source (seconds as float), so tests
  move time by hand and never sleep.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget

GUARD_SECONDS = 0.7
"""How long after a window appears its key presses are ignored."""

Monotonic = Callable[[], float]

_GUARDED_EVENTS = frozenset(
    {QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride}
)


class FakeMonotonic:
    """A monotonic source for tests: seconds that only move when told to."""

    def __init__(self, start: float = 1000.0) -> None:
        self.value = start

    def __call__(self) -> float:
        return self.value

    def advance(self, seconds: float) -> None:
        self.value += seconds


class InputGuard(QObject):
    """Swallows key events for a short moment after ``arm()``."""

    def __init__(
        self,
        monotonic: Monotonic = time.monotonic,
        seconds: float = GUARD_SECONDS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._monotonic = monotonic
        self._seconds = seconds
        self._armed_at: float | None = None

    def arm(self) -> None:
        """Start the quiet moment now."""
        self._armed_at = self._monotonic()

    def accepts_keys(self) -> bool:
        """Return True once the quiet moment is over (or was never started)."""
        if self._armed_at is None:
            return True
        return self._monotonic() - self._armed_at >= self._seconds

    def install(self, widget: QWidget) -> None:
        """Guard ``widget`` and every widget inside it."""
        widget.installEventFilter(self)
        for child in widget.findChildren(QWidget):
            child.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _GUARDED_EVENTS and not self.accepts_keys():
            event.accept()
            return True
        return False
