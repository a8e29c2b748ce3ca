"""What every global shortcut backend shares: its status, its messages, its base class.

The backends (``x11``, ``portal``, ``windows``, ``macos``) build on
:class:`GlobalShortcut` and report :class:`ShortcutStatus`; the package's
``create_global_shortcut`` picks one. Kept apart from the package's
``__init__`` so that a backend never imports the module that chooses it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from presence_app.core.chord import Chord
from presence_app.i18n import N_, _

log = logging.getLogger(__name__)

FALLBACK_HINT = N_(
    "To start a pause with a key, bind the command “presence-app pause” "
    "in your desktop's keyboard settings."
)


@dataclass(frozen=True)
class ShortcutStatus:
    """Whether the global shortcut works, and what to tell the user if not."""

    works: bool
    message: str | None = None


OFF = ShortcutStatus(works=False, message=None)
"""The status while no chord is set (the shortcut is turned off)."""


def taken_message(chord: Chord) -> str:
    """Say that another program already holds ``chord``."""
    return _(
        "{shortcut} is already used by another program; choose another shortcut in Settings."
    ).format(shortcut=chord)


def unavailable_message() -> str:
    """Say that this desktop offers no way for apps to set a global shortcut."""
    return _("This desktop does not let apps set global shortcuts. {hint}").format(
        hint=_(FALLBACK_HINT)
    )


class GlobalShortcut(QObject):
    """One global shortcut that starts a pause; the base of every backend.

    Main thread only: every method is called there and every signal is
    emitted there.
    """

    activated = Signal()
    """The user pressed the shortcut."""

    status_changed = Signal(object)
    """The :class:`ShortcutStatus` changed (for example, a dialog was answered)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._status = OFF

    @property
    def status(self) -> ShortcutStatus:
        return self._status

    def set_chord(self, chord: Chord | None) -> ShortcutStatus:
        """Listen for ``chord`` instead of the current one; ``None`` turns it off."""
        raise NotImplementedError

    def close(self) -> None:
        """Release the shortcut and any connection; the object is then inert."""

    def _set_status(self, status: ShortcutStatus) -> ShortcutStatus:
        """Remember ``status``, announce it if it changed, and return it."""
        if status != self._status:
            self._status = status
            if status.message:
                log.info("global shortcut: %s", status.message)
            self.status_changed.emit(status)
        return status


class NullShortcut(GlobalShortcut):
    """The do-nothing backend for platforms without global shortcuts."""

    def __init__(self, message: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._message = message

    def set_chord(self, chord: Chord | None) -> ShortcutStatus:
        if chord is None:
            return self._set_status(OFF)
        return self._set_status(ShortcutStatus(works=False, message=self._message))
