"""The Wayland backend: the XDG desktop portal's GlobalShortcuts interface.

On Wayland an app cannot grab keys; it asks the desktop through D-Bus, and
the desktop (KDE, GNOME 48 and later, Hyprland...) may show its own dialog
where the user confirms or changes the chord.

Main ideas:

- jeepney speaks D-Bus (PySide6's QtDBus cannot send the portal's struct
  arrays). After the blocking handshake, the connection is read by a
  ``QSocketNotifier`` feeding jeepney's I/O-free parser, so every message
  is handled on the Qt main thread and no thread is needed.
- Portal calls answer later, with a ``Response`` signal on a request
  object whose path can be predicted from our bus name and a token we
  choose. The match rule for that path is added *before* the call, so the
  answer cannot slip past us. The steps are chained by those answers:
  CreateSession, then (when we bound before) ListShortcuts, then
  BindShortcuts if still needed.
- The session lives as long as the app (closing the connection would end
  it). A small state file remembers which chord was bound, so the next
  start lists the desktop's shortcuts instead of asking the user again.
- No portal, or a portal without GlobalShortcuts (sway, Xfce, Cinnamon...),
  is not an error: the status says so and points to the desktop's own
  keyboard settings and ``presence-app pause``.
"""

from __future__ import annotations

import contextlib
import json
import logging
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jeepney import (  # type: ignore[import-untyped]  # jeepney ships no type hints
    DBusAddress,
    HeaderFields,
    MatchRule,
    MessageType,
    new_method_call,
)
from jeepney.bus_messages import message_bus  # type: ignore[import-untyped]
from jeepney.io.blocking import open_dbus_connection  # type: ignore[import-untyped]
from PySide6.QtCore import QObject, QSocketNotifier

from presence_app.adapters.shortcut import (
    FALLBACK_HINT,
    OFF,
    GlobalShortcut,
    ShortcutStatus,
    unavailable_message,
)
from presence_app.adapters.shortcut.keysyms import portal_trigger
from presence_app.core.atomicfile import write_atomic
from presence_app.core.chord import Chord

log = logging.getLogger(__name__)

PORTAL = DBusAddress("/org/freedesktop/portal/desktop", bus_name="org.freedesktop.portal.Desktop")
SHORTCUTS = PORTAL.with_interface("org.freedesktop.portal.GlobalShortcuts")
REGISTRY = PORTAL.with_interface("org.freedesktop.host.portal.Registry")
SHORTCUT_ID = "pause"
STATE_FILE = "shortcut-portal.json"

CANCELLED_MESSAGE = (
    "The shortcut was not set, because the desktop's dialog was closed. "
    "Save the shortcut in Settings again to see the dialog once more."
)
FAILED_MESSAGE = f"The desktop could not set the shortcut. {FALLBACK_HINT}"
LOST_MESSAGE = (
    "The connection to the desktop was lost, so the shortcut no longer works. "
    "Restart Presence to bring it back."
)

# Errors that mean "there is no portal here, or it lacks GlobalShortcuts".
_MISSING = {
    f"org.freedesktop.DBus.Error.{name}"
    for name in (
        "ServiceUnknown",
        "NameHasNoOwner",
        "UnknownMethod",
        "UnknownInterface",
        "UnknownObject",
    )
}

ResponseHandler = Callable[[int, dict[str, Any]], None]


def waiting_message(chord: Chord) -> str:
    return f"Asking the desktop for {chord}. It may show a window where you can confirm it."


def working_message(trigger: str) -> str:
    return f"Your desktop starts a pause when you press {trigger}."


class PortalShortcut(GlobalShortcut):
    """Global shortcut through the desktop portal. Main thread only."""

    def __init__(
        self,
        *,
        app_id: str,
        state_dir: Path,
        bus: str = "SESSION",
        parent: QObject | None = None,
    ) -> None:
        """Connect to the session bus (or the address ``bus``) and register the app."""
        super().__init__(parent)
        self._app_id = app_id
        self._state_file = state_dir / STATE_FILE
        self._chord: Chord | None = None
        self._session: str | None = None
        self._requests: dict[str, ResponseHandler] = {}
        self._errors: dict[int, Callable[[str], None]] = {}
        self._conn: Any = None
        try:
            self._conn = open_dbus_connection(bus)
        except (OSError, KeyError, ValueError) as error:
            # KeyError: no DBUS_SESSION_BUS_ADDRESS; OSError: nobody listens there.
            log.warning("no session bus for the global shortcut: %s", error)
            return
        self._notifier = QSocketNotifier(self._conn.sock.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._on_readable)
        self._add_match(
            MatchRule(type="signal", interface=SHORTCUTS.interface, path=PORTAL.object_path)
        )
        if not Path("/.flatpak-info").exists():
            # Outside Flatpak the portal learns our app id from this call, which
            # must come before any other portal call. Old portals lack it.
            self._call(REGISTRY, "Register", "sa{sv}", (app_id, {}), on_error=lambda _: None)
        self._dispatch_parsed()

    def set_chord(self, chord: Chord | None) -> ShortcutStatus:
        if self._conn is None:
            return self._set_status(
                OFF
                if chord is None
                else ShortcutStatus(works=False, message=unavailable_message())
            )
        if chord == self._chord and self._session is not None:
            return self.status
        self._close_session()
        self._chord = chord
        if chord is None:
            return self._set_status(OFF)
        self._request(SHORTCUTS, "CreateSession", "a{sv}", (), self._on_session_created)
        return self._set_status(ShortcutStatus(works=False, message=waiting_message(chord)))

    def close(self) -> None:
        if self._conn is None:
            return
        self._close_session()
        self._notifier.setEnabled(False)
        self._conn.close()
        self._conn = None

    # The chain of portal requests.

    def _on_session_created(self, code: int, results: dict[str, Any]) -> None:
        if code != 0 or "session_handle" not in results:
            self._set_status(ShortcutStatus(works=False, message=FAILED_MESSAGE))
            return
        self._session = str(results["session_handle"][1])
        if self._remembered_chord() == str(self._chord):
            self._request(SHORTCUTS, "ListShortcuts", "oa{sv}", (self._session,), self._on_listed)
        else:
            self._bind()

    def _on_listed(self, code: int, results: dict[str, Any]) -> None:
        trigger = _trigger_of(results) if code == 0 else None
        if trigger is None:
            self._bind()
        else:
            self._set_status(ShortcutStatus(works=True, message=working_message(trigger)))

    def _bind(self) -> None:
        chord = self._chord
        assert chord is not None and self._session is not None
        shortcut = {
            "description": ("s", "Start a pause"),
            "preferred_trigger": ("s", portal_trigger(chord)),
        }
        body = (self._session, [(SHORTCUT_ID, shortcut)], "")
        self._request(SHORTCUTS, "BindShortcuts", "oa(sa{sv})sa{sv}", body, self._on_bound)

    def _on_bound(self, code: int, results: dict[str, Any]) -> None:
        if code == 1:
            self._set_status(ShortcutStatus(works=False, message=CANCELLED_MESSAGE))
            return
        trigger = _trigger_of(results) if code == 0 else None
        if trigger is None:
            self._set_status(ShortcutStatus(works=False, message=FAILED_MESSAGE))
            return
        self._remember(str(self._chord))
        self._set_status(ShortcutStatus(works=True, message=working_message(trigger)))

    def _on_call_failed(self, error_name: str) -> None:
        log.info("the desktop portal refused a global shortcut call: %s", error_name)
        self._session = None
        message = unavailable_message() if error_name in _MISSING else FAILED_MESSAGE
        self._set_status(ShortcutStatus(works=False, message=message))

    def _close_session(self) -> None:
        if self._session is not None:
            session = DBusAddress(self._session, PORTAL.bus_name, "org.freedesktop.portal.Session")
            self._call(session, "Close", None, (), on_error=lambda _: None)
            self._session = None
        self._requests.clear()

    # D-Bus plumbing.

    def _request(
        self,
        address: DBusAddress,
        method: str,
        signature: str,
        args: tuple[Any, ...],
        on_response: ResponseHandler,
    ) -> None:
        """Call a portal method whose answer comes as a Response signal."""
        token = f"presence_{secrets.token_hex(6)}"
        sender = self._conn.unique_name[1:].replace(".", "_")
        path = f"/org/freedesktop/portal/desktop/request/{sender}/{token}"
        self._add_match(
            MatchRule(
                type="signal",
                interface="org.freedesktop.portal.Request",
                member="Response",
                path=path,
            )
        )
        self._requests[path] = on_response
        options: dict[str, tuple[str, str]] = {"handle_token": ("s", token)}
        if method == "CreateSession":
            options["session_handle_token"] = ("s", f"presence_{secrets.token_hex(6)}")
        self._call(address, method, signature, (*args, options), on_error=self._on_call_failed)

    def _add_match(self, rule: Any) -> None:
        self._call(message_bus, "AddMatch", "s", (rule.serialise(),), on_error=None)

    def _call(
        self,
        address: Any,
        method: str,
        signature: str | None,
        body: tuple[Any, ...],
        on_error: Callable[[str], None] | None,
    ) -> None:
        serial = next(self._conn.outgoing_serial)
        if on_error is not None:
            self._errors[serial] = on_error
        try:
            self._conn.send(new_method_call(address, method, signature, body), serial=serial)
        except OSError:
            self._lose_connection()

    def _on_readable(self) -> None:
        if self._conn is None:
            return
        try:
            data = self._conn.sock.recv(65536)
        except OSError:
            data = b""
        if not data:
            self._lose_connection()
            return
        self._conn.parser.add_data(data)
        self._dispatch_parsed()

    def _dispatch_parsed(self) -> None:
        while self._conn is not None and (message := self._conn.parser.get_next_message()):
            self._dispatch(message)

    def _dispatch(self, message: Any) -> None:
        fields = message.header.fields
        kind = message.header.message_type
        if kind == MessageType.error:
            handler = self._errors.pop(fields.get(HeaderFields.reply_serial), None)
            if handler is not None:
                handler(str(fields.get(HeaderFields.error_name)))
        elif kind == MessageType.method_return:
            self._errors.pop(fields.get(HeaderFields.reply_serial), None)
        elif kind == MessageType.signal:
            self._on_signal(
                fields.get(HeaderFields.member), fields.get(HeaderFields.path), message.body
            )

    def _on_signal(self, member: str, path: str, body: tuple[Any, ...]) -> None:
        if member == "Response" and path in self._requests:
            self._requests.pop(path)(int(body[0]), dict(body[1]))
        elif member == "Activated" and self._session is not None:
            session, shortcut_id = body[0], body[1]
            if session == self._session and shortcut_id == SHORTCUT_ID:
                self.activated.emit()

    def _lose_connection(self) -> None:
        log.warning("the D-Bus connection of the global shortcut was closed")
        self._notifier.setEnabled(False)
        with contextlib.suppress(OSError):
            self._conn.close()
        self._conn = None
        self._session = None
        self._set_status(ShortcutStatus(works=False, message=LOST_MESSAGE))

    # Remembering what was bound.

    def _remembered_chord(self) -> str | None:
        try:
            saved = json.loads(self._state_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(saved, dict) or saved.get("app_id") != self._app_id:
            return None
        chord = saved.get("chord")
        return chord if isinstance(chord, str) else None

    def _remember(self, chord: str) -> None:
        data = json.dumps({"app_id": self._app_id, "chord": chord}).encode()
        try:
            write_atomic(self._state_file, data)
        except OSError as error:
            log.warning("could not remember the bound shortcut in %s: %s", self._state_file, error)


def _trigger_of(results: dict[str, Any]) -> str | None:
    """Find our shortcut's trigger description in a portal answer."""
    for shortcut_id, properties in results.get("shortcuts", ("", []))[1]:
        if shortcut_id == SHORTCUT_ID:
            description = properties.get("trigger_description", ("s", ""))[1]
            return str(description) or "the shortcut you chose"
    return None
