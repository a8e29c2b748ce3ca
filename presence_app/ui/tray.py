"""The tray icon and its menu: the app's quiet home on the panel.

Why: most of the time Presence is only this icon. Its tooltip always says
when the next bell comes or why it is quiet, and every action lives in the
menu, because on some desktops (GNOME with AppIndicator) any click only
opens the menu.

Main ideas:
- The menu is built once, attached with ``setContextMenu`` before any
  action is added, and never replaced; ``update()`` only changes action
  text, checked state and the icon. Qt tray menus (StatusNotifierItem /
  dbusmenu) misbehave when menus are swapped at runtime.
- The tray reports what the user chose through signals; it decides nothing.
- On Wayland a Qt menu can pop up only as a "grabbing popup" of a window
  that has just had the user's input; a click on a tray icon reaches the
  app over D-Bus, with no such window (measured on sway: even with a
  Presence window focused, Qt reports "Failed to create grabbing popup"),
  and some hosts (swaybar) show no dbusmenu at all. So on Wayland every
  activation of the icon asks for the status window (``window_requested``),
  which has every menu action; a host that draws the menu itself from
  dbusmenu (KDE Plasma) still shows it on a right click.
- ``QUIET_CHOICES`` maps menu labels to the specs ``presence-app quiet``
  understands ("30m", "1h", "until tomorrow", "off").
"""

from __future__ import annotations

import os

from PySide6.QtCore import QObject, QRect, Signal, SignalInstance
from PySide6.QtGui import QAction, QCursor, QGuiApplication, QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from presence_app.adapters.desktop import is_wayland
from presence_app.i18n import N_, _
from presence_app.ui.assets import QUIET_ICON, TRAY_ICON, load_tray_icon

QUIET_CHOICES: tuple[tuple[str, str], ...] = (
    (N_("For 30 minutes"), "30m"),
    (N_("For 1 hour"), "1h"),
    (N_("Until tomorrow"), "until tomorrow"),
    (N_("Not quiet (bells ring again)"), "off"),
)
"""(menu label in English, spec for ``quiet_requested``), in menu order."""

PAUSE_NOW = N_("Pause now")
SKIP_NEXT = N_("Let the next bell pass")
QUIET_MENU = N_("Quiet")
JOURNAL = N_("Journal…")
SETTINGS = N_("Settings…")
QUIT = N_("Quit")
"""The menu's words in English; ``_()`` translates them where they are shown."""


class Tray(QObject):
    """Wraps a QSystemTrayIcon whose menu is built once."""

    pause_requested = Signal()
    skip_toggled = Signal(bool)
    quiet_requested = Signal(str)
    journal_requested = Signal()
    settings_requested = Signal()
    quit_requested = Signal()
    window_requested = Signal()
    """The icon was activated where the menu cannot pop up: show the status window."""

    def __init__(self, parent: QObject | None = None, *, menu_pops_up: bool | None = None) -> None:
        super().__init__(parent)
        if menu_pops_up is None:
            menu_pops_up = not is_wayland(QGuiApplication.platformName(), os.environ)
        self._menu_pops_up = menu_pops_up
        self._icon = load_tray_icon(TRAY_ICON)
        self._quiet_icon = load_tray_icon(QUIET_ICON)
        self.icon = QSystemTrayIcon(self._icon, self)
        self._quiet_shown = False
        self.menu = QMenu()
        # WORKAROUND(nextcloud/desktop#4655): attach the menu before adding actions,
        # or SNI hosts may show a stale, empty menu.
        self.icon.setContextMenu(self.menu)
        self.next_action = self._add(N_("Next bell…"), None)
        self.next_action.setEnabled(False)
        self.menu.addSeparator()
        self.pause_action = self._add(PAUSE_NOW, self.pause_requested)
        self.skip_action = self._add(SKIP_NEXT, None)
        self.skip_action.setCheckable(True)
        self.skip_action.toggled.connect(self.skip_toggled)
        self.quiet_menu = self.menu.addMenu(_(QUIET_MENU))
        self.quiet_actions = [self._add_quiet(label, spec) for label, spec in QUIET_CHOICES]
        self.menu.addSeparator()
        self.journal_action = self._add(JOURNAL, self.journal_requested)
        self.settings_action = self._add(SETTINGS, self.settings_requested)
        self.menu.addSeparator()
        self.quit_action = self._add(QUIT, self.quit_requested)
        self.icon.setToolTip("Presence")
        self.icon.activated.connect(self._on_activated)

    def _add(self, text: str, slot: SignalInstance | None) -> QAction:
        action = self.menu.addAction(_(text))
        if slot is not None:
            action.triggered.connect(slot)
        return action

    def _add_quiet(self, label: str, spec: str) -> QAction:
        action = self.quiet_menu.addAction(_(label))
        action.triggered.connect(lambda *_: self.quiet_requested.emit(spec))
        return action

    @staticmethod
    def is_available() -> bool:
        """Return True when the desktop has a place for tray icons."""
        return QSystemTrayIcon.isSystemTrayAvailable()

    def show(self) -> None:
        """Put the icon on the panel (harmless when there is no tray)."""
        self.icon.show()

    def hide(self) -> None:
        self.icon.hide()

    def geometry(self) -> QRect | None:
        """Where the icon is on screen, when the tray tells us (XEmbed does)."""
        rect = self.icon.geometry()
        return rect if rect.isValid() and not rect.isEmpty() else None

    def update(self, next_line: str, tooltip: str, quiet: bool, skip: bool) -> None:
        """Show the current state without rebuilding anything.

        Args:
            next_line: the disabled first line ("Next bell at 10:45").
            tooltip: the full sentence ("Next bell at 10:45 (in 12 min)").
            quiet: True swaps to the calm quiet icon.
            skip: whether "Let the next bell pass" is checked.
        """
        # Only what changed is handed on: a tray icon set again is drawn again
        # (and a StatusNotifierItem host is told to fetch it), every minute.
        self.next_action.setText(next_line)
        if self.icon.toolTip() != tooltip:
            self.icon.setToolTip(tooltip)
        if quiet != self._quiet_shown:
            self._quiet_shown = quiet
            self.icon.setIcon(self._quiet_icon if quiet else self._icon)
        self.skip_action.blockSignals(True)
        self.skip_action.setChecked(skip)
        self.skip_action.blockSignals(False)

    show_state = update
    """The same as ``update``; ``StatusWindow`` offers the same name."""

    def current_icon(self) -> QIcon:
        return self.icon.icon()

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if not self._menu_pops_up:
            self.window_requested.emit()
        elif reason == QSystemTrayIcon.ActivationReason.Trigger:
            # A plain click shows the menu too, so every desktop behaves the same.
            self.menu.popup(QCursor.pos())
