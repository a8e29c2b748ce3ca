"""The bell's invitation: the gentlest one this desktop allows.

Why: the invitation must never take the keyboard from a user in mid-sentence.
On X11 (and Windows, macOS) the invitation card does that well: a small
window that never takes focus. On Wayland no app window can promise it:
GNOME focused the card within milliseconds, sway tiled it as half the screen
and moved the keyboard to it. There, the desktop's own notification is the
invitation: it appears in the corner, never takes the keyboard, and carries
"Take a pause" and "Let it pass" (a click on it takes the pause).

Main ideas:
- ``uses_notification`` chooses by the session: Wayland → notification,
  anything else → the card. ``form = "card"`` in the settings means exactly
  this choice: "the gentlest invitation this desktop allows".
- Where no notification can be shown (no notification server, a refused
  call), the bell has already rung and the invitation simply waits, unseen:
  "Pause now" in the tray or the shortcut takes it, and after the timeout it
  passes. The user is told once why, and what to do.
- Every invitation has the card's signals: ``accepted()`` and
  ``passed(timed_out)``, each emitted once; ``show()`` and ``close()``.
- Main thread only. A timer runs only while an invitation is open.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from datetime import timedelta
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QRect, QTimer, Signal, SignalInstance
from PySide6.QtGui import QGuiApplication

from presence_app import APP_ID
from presence_app.adapters.desktop import is_wayland
from presence_app.core.cue import Cue
from presence_app.i18n import N_, _
from presence_app.ui.assets import APP_ICON, icon_path
from presence_app.ui.card import MESSAGE, card_title

if TYPE_CHECKING:  # D-Bus is needed only where a bell invites with a notification
    from presence_app.adapters.notify import Note, Notifications

TAKE, PASS = "take", "pass"
TAKE_LABEL, PASS_LABEL = N_("Take a pause"), N_("Let it pass")
NO_NOTIFICATIONS_MESSAGE = N_(
    "This desktop could not show the bell's invitation, so a bell only rings. "
    "To take the pause, choose “Pause now” in Presence's menu or press your "
    "shortcut; if you do nothing, the bell passes."
)
"""Words in English, translated where shown."""


class Invitation(Protocol):
    """What the view needs of any invitation (the card has the same)."""

    @property
    def accepted(self) -> SignalInstance: ...
    @property
    def passed(self) -> SignalInstance: ...
    def show(self) -> None: ...
    def close(self) -> bool: ...
    def blockSignals(self, b: bool) -> bool: ...  # Qt names it so
    def deleteLater(self) -> None: ...  # Qt names it so


def uses_notification(
    platform_name: str, environ: Mapping[str, str], system: str = sys.platform
) -> bool:
    """Whether a bell invites with a desktop notification instead of the card."""
    return system.startswith("linux") and is_wayland(platform_name, environ)


class NotificationInvitation(QObject):
    """An invitation shown as a desktop notification, or waiting unseen."""

    accepted = Signal()
    passed = Signal(bool)

    def __init__(
        self,
        notifications: Notifications,
        note: Note,
        *,
        on_unshown: Callable[[str], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._notifications = notifications
        self._note = note
        self._on_unshown = on_unshown
        self._handle: str | None = None
        self._answered = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(max(1, round(note.timeout.total_seconds() * 1000)))
        self._timer.timeout.connect(lambda: self._answer(timed_out=True))
        self._connections = [
            (notifications.action_invoked, self._on_action),
            (notifications.dismissed, self._on_dismissed),
            (notifications.expired, self._on_expired),
            (notifications.failed, self._on_failed),
        ]
        for signal, slot in self._connections:
            signal.connect(slot)

    @property
    def handle(self) -> str | None:
        return self._handle

    def show(self) -> None:
        self._timer.start()
        self._handle = self._notifications.show(self._note)

    def close(self) -> bool:
        self._timer.stop()
        self._disconnect()
        if self._handle is not None and not self._answered:
            self._notifications.withdraw(self._handle)
        self._answered = True
        return True

    def _on_action(self, handle: str, key: str) -> None:
        if handle == self._handle:
            self._answer(accepted=key == TAKE)

    def _on_dismissed(self, handle: str) -> None:
        if handle == self._handle:
            self._answer()

    def _on_expired(self, handle: str) -> None:
        if handle == self._handle:
            self._answer(timed_out=True)

    def _on_failed(self, handle: str, why: str) -> None:
        if handle == self._handle:
            # The bell rang; the invitation waits unseen for the tray or shortcut.
            self._handle = None
            self._on_unshown(why)

    def _answer(self, *, accepted: bool = False, timed_out: bool = False) -> None:
        if self._answered:
            return
        if self._handle is not None:
            self._notifications.withdraw(self._handle)
        self._answered = True
        self._timer.stop()
        self._disconnect()
        if accepted:
            self.accepted.emit()
        else:
            self.passed.emit(timed_out)

    def _disconnect(self) -> None:
        connections, self._connections = self._connections, []
        for signal, slot in connections:
            signal.disconnect(slot)


class Invitations(QObject):
    """Opens the invitation this desktop allows. Main thread only."""

    def __init__(
        self,
        report: Callable[[str], None],
        *,
        notification: bool | None = None,
        notifications: Callable[[], Notifications] | None = None,
        parent: QObject | None = None,
    ) -> None:
        """Args:
        report: tells the user something (once per distinct message).
        notification: force the choice (tests); None follows the session.
        notifications: builds the notification service at the first bell.
        """
        super().__init__(parent)
        self._report = report
        self._notification = notification
        self._make_notifications = notifications or self._notification_server
        self._notifications: Notifications | None = None

    def _notification_server(self) -> Notifications:
        from presence_app.adapters.notify import Notifications

        return Notifications(APP_ID, parent=self)

    @property
    def uses_notification(self) -> bool:
        if self._notification is None:
            self._notification = uses_notification(QGuiApplication.platformName(), os.environ)
        return self._notification

    def open(
        self,
        cue: Cue,
        timeout: timedelta,
        *,
        tray_geometry: QRect | None,
        reduced_motion: bool,
    ) -> Invitation:
        """Build (not yet show) the invitation for ``cue``."""
        if not self.uses_notification:
            from presence_app.ui.card import InvitationCard  # built at the first bell

            return InvitationCard(
                timeout,
                tray_geometry=tray_geometry,
                reduced_motion=reduced_motion,
                pause_length=cue.pause,
            )
        if self._notifications is None:
            self._notifications = self._make_notifications()
        from presence_app.adapters.notify import Note

        note = Note(
            title=card_title(cue.pause),
            body=_(MESSAGE),
            actions=((TAKE, _(TAKE_LABEL)), (PASS, _(PASS_LABEL))),
            timeout=timeout,
            icon=str(icon_path(APP_ICON)),
        )
        return NotificationInvitation(self._notifications, note, on_unshown=self._unshown)

    def _unshown(self, why: str) -> None:
        self._report(_(NO_NOTIFICATIONS_MESSAGE))

    def close(self) -> None:
        if self._notifications is not None:
            self._notifications.close()
