"""Desktop notifications with buttons: the invitation that never takes the keyboard.

Why: on Wayland an app cannot place a small window near the tray without
the compositor treating it as a new window to focus (GNOME focuses it, sway
tiles it and moves the keyboard to it). The desktop's own notifications are
made for exactly this: they appear in a corner, never take the keyboard,
and can carry buttons. GNOME Shell, KDE Plasma, and mako, dunst or swaync on
wlroots compositors all serve them.

Main ideas:
- Two ways to the same thing: the freedesktop ``org.freedesktop.Notifications``
  interface (``Notify`` with actions, ``ActionInvoked`` and
  ``NotificationClosed`` signals), and inside Flatpak the notification portal
  (``AddNotification`` with buttons, ``ActionInvoked``).
- The session bus's shared link (``bus.link``) is used from the first
  notification, not at start-up. Replies and signals arrive through a
  ``QSocketNotifier`` on the Qt main thread, so waiting for an answer
  costs nothing. A connection lost with notes on screen fails them; the
  next note opens a new one.
- Each notification gets our own handle at once; the server's id follows in
  its reply. A notification withdrawn before that reply is closed when it
  comes. Signals about other apps' notifications are ignored.
- Servers that ignore the expire timeout (GNOME keeps notifications in its
  list) are covered by the caller, which withdraws the notification itself.
- Main thread only.
"""

from __future__ import annotations

import itertools
import logging
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from jeepney import (  # type: ignore[import-untyped]  # no type hints
    DBusAddress,
    HeaderFields,
    MatchRule,
    new_method_call,
)
from PySide6.QtCore import QObject, Signal

from presence_app.adapters.bus.link import BUS_ERRORS, BusLink, link_to

log = logging.getLogger(__name__)

FREEDESKTOP = DBusAddress(
    "/org/freedesktop/Notifications",
    bus_name="org.freedesktop.Notifications",
    interface="org.freedesktop.Notifications",
)
PORTAL = DBusAddress(
    "/org/freedesktop/portal/desktop",
    bus_name="org.freedesktop.portal.Desktop",
    interface="org.freedesktop.portal.Notification",
)
DEFAULT_ACTION = "default"
"""The freedesktop key of a click on the notification itself."""
EXPIRED, DISMISSED, CLOSED_BY_CALL = 1, 2, 3
"""``NotificationClosed`` reasons (the fourth, 4, is "undefined")."""


@dataclass(frozen=True)
class Note:
    """One notification: its words, its buttons and how long it stays."""

    title: str
    body: str
    actions: tuple[tuple[str, str], ...]
    """(key, label) pairs; the first is also what a click on the notification does."""
    timeout: timedelta
    icon: str = ""
    """A file path or an icon name."""


def is_sandboxed(marker: Path = Path("/.flatpak-info")) -> bool:
    """Whether the app runs inside Flatpak, where only the portal is reachable."""
    return marker.exists()


class Notifications(QObject):
    """Shows notes and reports what became of them. Main thread only."""

    action_invoked = Signal(str, str)
    """(handle, action key) when the user chose a button or clicked the note."""
    dismissed = Signal(str)
    """The user closed the note without choosing."""
    expired = Signal(str)
    """The server let the note go by itself, after its timeout."""
    failed = Signal(str, str)
    """(handle, why) when the note could not be shown or its connection broke."""

    def __init__(
        self,
        app_id: str,
        *,
        bus: str | BusLink = "SESSION",
        sandboxed: bool | None = None,
        parent: QObject | None = None,
    ) -> None:
        """Remember where to show notes; nothing is sent until the first.

        Args:
            bus: the session bus's shared link, or "SESSION" or a D-Bus address.
        """
        super().__init__(parent)
        self._app_id = app_id
        self._bus = bus
        self._portal = is_sandboxed() if sandboxed is None else sandboxed
        self._link: BusLink | None = None
        """The link, once the first note was sent."""
        self._handles = (f"presence-{n}" for n in itertools.count(1))
        self._ids: dict[int, str] = {}
        """Server id → our handle, for the freedesktop interface."""
        self._waiting: set[str] = set()
        """Handles sent but not yet answered with an id."""
        self._withdrawn: set[str] = set()
        self._defaults: dict[str, str] = {}
        """Handle → the key a click on the note stands for."""

    @property
    def uses_portal(self) -> bool:
        return self._portal

    def show(self, note: Note) -> str:
        """Send ``note``; return its handle at once. Problems arrive as ``failed``."""
        handle = next(self._handles)
        link = self._connect(handle)
        if link is None:
            return handle
        if self._portal:
            self._add_to_portal(link, handle, note)
        else:
            self._notify(link, handle, note)
        return handle

    def withdraw(self, handle: str) -> None:
        """Take the note away (it was answered elsewhere, or its time is up)."""
        self._withdrawn.add(handle)
        if self._link is None or not self._link.is_open:
            return  # nothing is on screen: it went with the connection
        if self._portal:
            remove = new_method_call(PORTAL, "RemoveNotification", "s", (handle,))
            self._link.call(remove, on_error=_ignore)
            return
        server_id = next((i for i, h in self._ids.items() if h == handle), None)
        if server_id is not None:
            del self._ids[server_id]
            close = new_method_call(FREEDESKTOP, "CloseNotification", "u", (server_id,))
            self._link.call(close, on_error=_ignore)

    def close(self) -> None:
        """Stop hearing of notes (at quit); a link of its own is closed."""
        if self._link is not None:
            link, self._link = self._link, None
            link.unwatch(self._on_signal)
            link.lost.disconnect(self._on_lost)
            if link is not self._bus:
                link.close()

    # --- sending -------------------------------------------------------------

    def _connect(self, handle: str) -> BusLink | None:
        try:
            if self._link is not None:
                self._link.connection()  # opened again if it was lost
                return self._link
            link = link_to(self._bus, self)
            address = PORTAL if self._portal else FREEDESKTOP
            rule = MatchRule(type="signal", interface=address.interface, path=address.object_path)
            self._link = link
            link.lost.connect(self._on_lost)
            link.watch(rule, self._on_signal)  # kept, and asked for again on a new connection
        except BUS_ERRORS as error:
            self.failed.emit(handle, f"no session bus ({error})")
            return None
        return self._link

    def _notify(self, link: BusLink, handle: str, note: Note) -> None:
        actions: list[str] = []
        for index, (key, label) in enumerate(note.actions):
            if index == 0:
                actions += [DEFAULT_ACTION, label]
            actions += [key, label]
        hints = {
            "desktop-entry": ("s", self._app_id),
            "suppress-sound": ("b", True),  # the app rings its own bell
            "urgency": ("y", 1),
        }
        if note.actions:
            self._defaults[handle] = note.actions[0][0]
        timeout_ms = max(1, round(note.timeout.total_seconds() * 1000))
        body = ("Presence", 0, note.icon, note.title, note.body, actions, hints, timeout_ms)
        self._waiting.add(handle)
        link.call(
            new_method_call(FREEDESKTOP, "Notify", "susssasa{sv}i", body),
            on_error=lambda error: self._on_refused(handle, error),
            on_reply=lambda reply: self._on_id(handle, int(reply[0])),
        )

    def _add_to_portal(self, link: BusLink, handle: str, note: Note) -> None:
        buttons = [{"label": ("s", label), "action": ("s", key)} for key, label in note.actions]
        content: dict[str, tuple[str, Any]] = {
            "title": ("s", note.title),
            "body": ("s", note.body),
            "priority": ("s", "normal"),
            "buttons": ("aa{sv}", buttons),
        }
        if note.actions:
            content["default-action"] = ("s", note.actions[0][0])
        link.call(
            new_method_call(PORTAL, "AddNotification", "sa{sv}", (handle, content)),
            on_error=lambda error: self._on_refused(handle, error),
        )

    def _on_id(self, handle: str, server_id: int) -> None:
        self._waiting.discard(handle)
        self._ids[server_id] = handle
        if handle in self._withdrawn:  # withdrawn while the reply was on its way
            self.withdraw(handle)

    def _on_refused(self, handle: str, error: str) -> None:
        self._waiting.discard(handle)
        log.info("the desktop did not show a notification: %s", error)
        self.failed.emit(handle, error)

    # --- receiving -----------------------------------------------------------

    def _on_signal(self, message: Any) -> None:
        member, body = message.header.fields.get(HeaderFields.member), message.body
        if member not in ("ActionInvoked", "NotificationClosed") or len(body) < 2:
            return  # not about a note
        if self._portal:
            if member == "ActionInvoked" and body[0] not in self._withdrawn:
                self.action_invoked.emit(str(body[0]), str(body[1]))
            return
        server_id = int(body[0])
        handle = self._ids.get(server_id)
        if handle is None:
            return  # another app's notification
        if member == "NotificationClosed":
            del self._ids[server_id]
            self._defaults.pop(handle, None)
        if handle in self._withdrawn:
            return  # answered or let go already: no news
        if member == "ActionInvoked":
            self._withdrawn.add(handle)  # its closing, which follows, is no news either
            key = str(body[1])
            self.action_invoked.emit(
                handle, self._defaults.get(handle, key) if key == DEFAULT_ACTION else key
            )
        elif int(body[1]) == EXPIRED:
            self.expired.emit(handle)
        elif int(body[1]) != CLOSED_BY_CALL:
            self.dismissed.emit(handle)

    def _on_lost(self) -> None:
        open_handles = set(self._ids.values()) | self._waiting
        self._ids.clear()
        self._waiting.clear()
        for handle in sorted(open_handles - self._withdrawn):
            self.failed.emit(handle, "the connection to the desktop was lost")


def _ignore(error: str) -> None:
    log.debug("a notification was already gone: %s", error)
