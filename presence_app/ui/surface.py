"""The app's face on the desktop: the tray icon, or a status window.

Where the desktop has a tray, the icon and its menu are the way in. Where
it has none (GNOME without the AppIndicator extension, a bare Wayland
session), a small status window opens instead, with the same words and a
button for every menu action; if a tray appears soon after (a panel that
starts after the app at login), the app moves into it. Both show the same
sentence: when the next bell comes, or why it is quiet. Main thread only.

The surface is the first thing on screen: the app builds and shows it
before anything else (the user sees the icon at once), and only then the
parts behind it, which it is given with ``attach``. It knows the app only
through two narrow things: ``Verbs`` (what a menu choice may ask) and a
``Glance`` (what it may show), read afresh at each refresh.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRect, QTimer
from PySide6.QtWidgets import QSystemTrayIcon

from presence_app.core.cue import Source
from presence_app.ui.tray import Tray

if TYPE_CHECKING:  # only for types: the surface is built before the app's parts
    from presence_app.actions import Verbs
    from presence_app.core.lifecycle_ports import Status
    from presence_app.ui.status_window import StatusWindow

log = logging.getLogger(__name__)

SYSTEM_TRAY = "system tray"
STATUS_WINDOW = "status window"
TRAY_RETRIES = (2, 5, 10, 30)
"""Seconds after start at which a missing tray is looked for again."""


@dataclass(frozen=True)
class Glance:
    """What the tray or status window shows: the app's state, as of ``now``."""

    status: Status
    now: datetime
    zone: tzinfo
    skip_next: bool


class Surface(QObject):
    """Shows the state and turns menu choices into the app's actions."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._actions: Verbs | None = None
        self._glance: Callable[[], Glance] | None = None
        self.tray: Tray | None = None
        self.window: StatusWindow | None = None
        if Tray.is_available():
            self._make_tray()
        else:
            from presence_app.ui.status_window import StatusWindow

            self.window = StatusWindow()
            self.kind = STATUS_WINDOW
            # At login the panel may come up a little after the app.
            for seconds in TRAY_RETRIES:
                QTimer.singleShot(seconds * 1000, self, self.look_for_tray)

    def attach(self, actions: Verbs, glance: Callable[[], Glance]) -> None:
        """Connect the menu to the app's verbs and its state, once they exist."""
        self._actions = actions
        self._glance = glance
        for face in (self.tray, self.window):
            if face is not None:
                self._connect(face)

    def _make_tray(self) -> Tray:
        self.tray = tray = Tray(self)
        self.kind = SYSTEM_TRAY
        tray.menu.aboutToShow.connect(self.refresh)
        tray.window_requested.connect(self.open_window)
        if self._actions is not None:
            self._connect(tray)
        return tray

    def open_window(self) -> None:
        """Show the status window where the tray's menu cannot open (Wayland)."""
        if self.window is None:
            from presence_app.ui.status_window import StatusWindow

            self.window = StatusWindow(hint="")
            self._connect(self.window)
        self.refresh()
        self.window.show()
        self.window.raise_()
        self.window.activateWindow()

    def look_for_tray(self) -> None:
        """Move into the tray if one has appeared since start-up."""
        if self.tray is not None or not Tray.is_available():
            return
        self._make_tray().show()
        if self.window is not None:
            self.window.close()
            self.window.deleteLater()
            self.window = None
        self.refresh()

    def _connect(self, face: Tray | StatusWindow) -> None:
        actions = self._actions
        assert actions is not None, "attach() first"
        face.pause_requested.connect(lambda: actions.pause_now(Source.TRAY))
        face.skip_toggled.connect(actions.set_skip)
        face.quiet_requested.connect(self._quiet)
        face.journal_requested.connect(lambda: actions.show_window("journal"))
        face.settings_requested.connect(lambda: actions.show_window("settings"))
        face.quit_requested.connect(actions.quit)

    def _quiet(self, spec: str) -> None:
        assert self._actions is not None
        try:
            self._actions.set_quiet(spec)
        except ValueError as error:  # the menu offers only valid times
            log.error("the quiet choice %r was refused: %s", spec, error)

    def show(self) -> None:
        if self.tray is not None:
            self.tray.show()
        if self.window is not None:
            self.window.show()
        self.refresh()

    def tray_geometry(self) -> QRect | None:
        return self.tray.geometry() if self.tray is not None else None

    def refresh(self) -> None:
        """Say the current state again (times are relative, so they age)."""
        if self._glance is None:
            return  # the app's parts are still being built
        glance = self._glance()
        line, tooltip, quiet = _words(glance)
        skip = glance.skip_next
        if self.tray is not None:
            self.tray.update(line, tooltip, quiet, skip)
        if self.window is not None:
            self.window.show_state(line, tooltip, quiet, skip)

    def words(self) -> tuple[str, str, bool]:
        """Return (menu line, full sentence, quiet?) for the current state."""
        assert self._glance is not None, "attach() first"
        return _words(self._glance())

    def withdraw_notice(self, message: str, remaining: list[str]) -> None:
        """Take back a message that no longer holds (the status window shows the last one)."""
        if self.window is not None:
            self.window.withdraw_notice(message, remaining[-1] if remaining else None)

    def notify(self, message: str) -> None:
        """Show a calm message: a tray balloon, or a line in the status window."""
        if self.tray is not None and QSystemTrayIcon.supportsMessages():
            self.tray.icon.showMessage(
                "Presence", message, QSystemTrayIcon.MessageIcon.Information, 15000
            )
        if self.window is not None:
            self.window.show_notice(message)


def _words(glance: Glance) -> tuple[str, str, bool]:
    from presence_app.ui.bell_text import state_words  # not needed to put the icon up

    return state_words(glance.status, glance.now, glance.zone)
