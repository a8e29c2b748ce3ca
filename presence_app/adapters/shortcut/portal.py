"""The Wayland backend: the XDG desktop portal's GlobalShortcuts interface.

On Wayland an app cannot grab keys; it asks the desktop through D-Bus, and
the desktop (KDE, GNOME 48 and later, Hyprland...) may show its own dialog
where the user confirms or changes the chord.

Main ideas:

- The steps are chained by the portal's answers (see ``bus.portal``):
  CreateSession, then ListShortcuts when we bound this chord before, then
  BindShortcuts if the desktop does not know our shortcut yet.
- The calls go over the session bus's shared link, opened when the first
  chord is asked for (no shortcut set: no connection). The session lives
  as long as that connection; when it is lost, so is the shortcut. A new
  chord needs a new session, because a session binds only once.
- A small state file remembers which chord was bound, so the next start
  lists the desktop's shortcuts instead of asking the user again.
- The desktop decides the real trigger; the status shows the desktop's own
  description of it, and follows ``ShortcutsChanged``.
- No portal, or a portal without GlobalShortcuts (sway, Xfce, Cinnamon...),
  is not an error: the status says so and points to the desktop's own
  keyboard settings and ``presence-app pause``.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from jeepney import (  # type: ignore[import-untyped]  # no type hints
    DBusAddress,
    HeaderFields,
    MatchRule,
    new_method_call,
)
from PySide6.QtCore import QObject

from presence_app.adapters.bus.link import BUS_ERRORS, BusLink, ErrorHandler, link_to
from presence_app.adapters.bus.portal import PortalRequests, ResponseHandler, new_token
from presence_app.adapters.shortcut.base import (
    FALLBACK_HINT,
    OFF,
    GlobalShortcut,
    ShortcutStatus,
    unavailable_message,
)
from presence_app.adapters.shortcut.keysyms import portal_trigger
from presence_app.core.atomicfile import write_atomic
from presence_app.core.chord import Chord
from presence_app.i18n import N_, _

log = logging.getLogger(__name__)

PORTAL = DBusAddress("/org/freedesktop/portal/desktop", bus_name="org.freedesktop.portal.Desktop")
SHORTCUTS = PORTAL.with_interface("org.freedesktop.portal.GlobalShortcuts")
REGISTRY = PORTAL.with_interface("org.freedesktop.host.portal.Registry")
SHORTCUT_ID = "pause"
STATE_FILE = "shortcut-portal.json"

CANCELLED_MESSAGE = N_(
    "The shortcut was not set, because the desktop's dialog was closed. "
    "Save the shortcut in Settings again to see the dialog once more."
)
LOST_MESSAGE = N_(
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


def failed_message() -> str:
    return _("The desktop could not set the shortcut. {hint}").format(hint=_(FALLBACK_HINT))


def waiting_message(chord: Chord) -> str:
    return _(
        "Asking the desktop for {shortcut}. It may show a window where you can confirm it."
    ).format(shortcut=chord)


def working_message(trigger: str) -> str:
    return _("Your desktop starts a pause when you press {shortcut}.").format(shortcut=trigger)


class PortalShortcut(GlobalShortcut):
    """Global shortcut through the desktop portal. Main thread only."""

    def __init__(
        self,
        *,
        app_id: str,
        state_dir: Path,
        bus: str | BusLink = "SESSION",
        parent: QObject | None = None,
    ) -> None:
        """Remember where the portal is; nothing is sent until the first chord.

        Args:
            bus: the session bus's shared link, or "SESSION" or a D-Bus address.
        """
        super().__init__(parent)
        self._app_id = app_id
        self._state_file = state_dir / STATE_FILE
        self._chord: Chord | None = None
        self._session: str | None = None
        self._bus = bus
        self._link: PortalRequests | None = None
        self._lost = False

    def set_chord(self, chord: Chord | None) -> ShortcutStatus:
        if chord is None:
            self._close_session()
            self._chord = None
            return self._set_status(OFF)
        if self._start() is None:
            message = _(LOST_MESSAGE) if self._lost else unavailable_message()
            return self._set_status(ShortcutStatus(works=False, message=message))
        if self._is_settled_on(chord):
            return self.status
        self._close_session()
        self._chord = chord
        self._ask(
            "CreateSession",
            "a{sv}",
            (),
            self._on_session_created,
            self._on_refused,
            options={"session_handle_token": ("s", new_token())},
        )
        return self._set_status(ShortcutStatus(works=False, message=waiting_message(chord)))

    def _start(self) -> PortalRequests | None:
        """Follow the portal's shortcut signals and register the app, once; None if it cannot."""
        if self._link is not None or self._lost:
            return None if self._lost else self._link
        link = link_to(self._bus, self)
        rule = MatchRule(type="signal", interface=SHORTCUTS.interface, path=PORTAL.object_path)
        try:
            link.watch(rule, self._on_signal)
            if not Path("/.flatpak-info").exists():
                # Outside Flatpak the portal learns our app id from this call, which
                # must come before any other portal call. Old portals lack it.
                register = new_method_call(REGISTRY, "Register", "sa{sv}", (self._app_id, {}))
                link.call(register, on_error=_ignore)
        except BUS_ERRORS as error:
            log.warning("no session bus for the global shortcut: %s", error)
            link.unwatch(self._on_signal)
            return None
        link.lost.connect(self._on_lost)
        self._link = PortalRequests(link)
        return self._link

    def _is_settled_on(self, chord: Chord | None) -> bool:
        """Whether ``chord`` is bound already, or the desktop is still asking the user."""
        if chord is None or chord != self._chord or self._session is None:
            return False
        return self.status.works or self.status.message == waiting_message(chord)

    def close(self) -> None:
        if self._link is not None:
            self._close_session()
            link, self._link = self._link.link, None
            link.unwatch(self._on_signal)
            link.lost.disconnect(self._on_lost)
            if link is not self._bus:  # a link of its own
                link.close()

    def _on_session_created(self, code: int, results: dict[str, Any]) -> None:
        if code != 0 or "session_handle" not in results:
            self._set_status(ShortcutStatus(works=False, message=failed_message()))
            return
        self._session = str(results["session_handle"][1])
        if self._remembered_chord() == str(self._chord):
            self._ask(
                "ListShortcuts",
                "oa{sv}",
                (self._session,),
                self._on_listed,
                lambda _: self._bind(),
            )
        else:
            self._bind()

    def _on_listed(self, code: int, results: dict[str, Any]) -> None:
        trigger = _trigger_of(results.get("shortcuts", ("", []))[1]) if code == 0 else None
        if trigger is None:
            self._bind()
        else:
            self._set_status(ShortcutStatus(works=True, message=working_message(trigger)))

    def _bind(self) -> None:
        assert self._chord is not None and self._session is not None
        shortcut = {
            "description": ("s", _("Start a pause")),
            "preferred_trigger": ("s", portal_trigger(self._chord)),
        }
        body = (self._session, [(SHORTCUT_ID, shortcut)], "")
        self._ask("BindShortcuts", "oa(sa{sv})sa{sv}", body, self._on_bound, self._on_refused)

    def _on_bound(self, code: int, results: dict[str, Any]) -> None:
        if code == 1:
            self._set_status(ShortcutStatus(works=False, message=_(CANCELLED_MESSAGE)))
            return
        trigger = _trigger_of(results.get("shortcuts", ("", []))[1]) if code == 0 else None
        if trigger is None:
            self._set_status(ShortcutStatus(works=False, message=failed_message()))
            return
        self._remember(str(self._chord))
        self._set_status(ShortcutStatus(works=True, message=working_message(trigger)))

    def _ask(
        self,
        method: str,
        signature: str,
        args: tuple[Any, ...],
        on_response: ResponseHandler,
        on_error: ErrorHandler,
        options: dict[str, tuple[str, Any]] | None = None,
    ) -> None:
        """Send one GlobalShortcuts request on the open link."""
        if self._link is not None and not self._lost:  # else ``_on_lost`` has said so
            self._link.request(
                SHORTCUTS,
                method,
                signature,
                args,
                on_response=on_response,
                on_error=on_error,
                options=options,
            )

    def _on_refused(self, error_name: str) -> None:
        log.info("the desktop portal refused a global shortcut call: %s", error_name)
        self._session = None
        message = unavailable_message() if error_name in _MISSING else failed_message()
        self._set_status(ShortcutStatus(works=False, message=message))

    def _on_signal(self, message: Any) -> None:
        member, body = message.header.fields.get(HeaderFields.member), message.body
        if self._session is None or not body or body[0] != self._session:
            return
        if member == "Activated" and body[1] == SHORTCUT_ID:
            self.activated.emit()
        elif member == "ShortcutsChanged":
            trigger = _trigger_of(body[1])
            if trigger is not None:
                self._set_status(ShortcutStatus(works=True, message=working_message(trigger)))

    def _on_lost(self) -> None:
        self._lost = True  # our session ended with the connection
        self._session = None
        self._set_status(ShortcutStatus(works=False, message=_(LOST_MESSAGE)))

    def _close_session(self) -> None:
        if self._link is None:
            return
        self._link.forget()
        if self._session is not None and self._link.link.is_open:
            session = DBusAddress(self._session, PORTAL.bus_name, "org.freedesktop.portal.Session")
            self._link.link.call(new_method_call(session, "Close"), on_error=_ignore)
        self._session = None

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


def _ignore(_error_name: str) -> None:
    """For calls whose failure changes nothing (an old portal without Registry)."""


def _trigger_of(shortcuts: list[tuple[str, dict[str, Any]]]) -> str | None:
    """Find our shortcut's trigger description in a portal's list of shortcuts."""
    for shortcut_id, properties in shortcuts:
        if shortcut_id == SHORTCUT_ID:
            description = properties.get("trigger_description", ("s", ""))[1]
            return str(description) or _("the shortcut you chose")
    return None
