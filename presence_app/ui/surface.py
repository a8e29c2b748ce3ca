"""The app's face on the desktop: the tray icon, or a status window.

Where the desktop has a tray, the icon and its menu are the way in. Where
it has none (GNOME without the AppIndicator extension, a bare Wayland
session), a small status window opens instead, with the same words and a
button for every menu action; if a tray appears soon after (a panel that
starts after the app at login), the app moves into it. Both show the same sentence: when the next
bell comes, or why it is quiet. Main thread only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRect, QTimer
from PySide6.QtWidgets import QSystemTrayIcon

from presence_app.core.cue import Source
from presence_app.ui.bell_text import state_words
from presence_app.ui.status_window import StatusWindow
from presence_app.ui.tray import Tray

if TYPE_CHECKING:
    from presence_app.presence import Presence

SYSTEM_TRAY = "system tray"
STATUS_WINDOW = "status window"
TRAY_RETRIES = (2, 5, 10, 30)
"""Seconds after start at which a missing tray is looked for again."""


class Surface(QObject):
    """Shows the state and turns menu choices into the app's actions."""

    def __init__(self, presence: Presence) -> None:
        super().__init__(presence)
        self._presence = presence
        self.tray: Tray | None = None
        self.window: StatusWindow | None = None
        if Tray.is_available():
            self._make_tray()
        else:
            self.window = StatusWindow()
            self.kind = STATUS_WINDOW
            self._connect(self.window)
            # At login the panel may come up a little after the app.
            for seconds in TRAY_RETRIES:
                QTimer.singleShot(seconds * 1000, self, self.look_for_tray)

    def _make_tray(self) -> Tray:
        self.tray = tray = Tray(self)
        self.kind = SYSTEM_TRAY
        self._connect(tray)
        tray.menu.aboutToShow.connect(self.refresh)
        tray.window_requested.connect(self.open_window)
        return tray

    def open_window(self) -> None:
        """Show the status window where the tray's menu cannot open (Wayland)."""
        if self.window is None:
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
        presence = self._presence
        face.pause_requested.connect(lambda: presence.lifecycle.pause_now(Source.TRAY))
        face.skip_toggled.connect(presence.set_skip)
        face.quiet_requested.connect(presence.set_quiet)
        face.journal_requested.connect(lambda: presence.side.show("journal"))
        face.settings_requested.connect(lambda: presence.side.show("settings"))
        face.quit_requested.connect(presence.quit)

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
        line, tooltip, quiet = self.words()
        skip = self._presence.scheduler.state.skip_next
        if self.tray is not None:
            self.tray.update(line, tooltip, quiet, skip)
        if self.window is not None:
            self.window.show_state(line, tooltip, quiet, skip)

    def words(self) -> tuple[str, str, bool]:
        """Return (menu line, full sentence, quiet?) for the current state."""
        presence = self._presence
        return state_words(presence.lifecycle.status(), presence.clock_now(), presence.zone)

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
