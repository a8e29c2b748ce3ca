"""Start at login from inside Flatpak: the desktop's Background portal.

A sandboxed app cannot write ``~/.config/autostart`` where the session
reads it, so inside Flatpak Presence asks the portal instead:
``org.freedesktop.portal.Background.RequestBackground`` with ``autostart``
and the ``commandline`` to run. The portal (and perhaps the user, in a
dialog) decides; its answer comes later as a ``Response`` signal.

Main ideas:

- The request goes over the session bus's shared link (``bus.portal``,
  as the shortcut portal's do), opened on first use.
- The portal cannot be asked what it wrote, so a small state file keeps
  what was asked and answered. At start-up nothing is asked when that
  matches the setting, so a user who said no is not asked at every start.
- A refusal, a closed dialog or a missing portal is one calm sentence for
  the user; the app keeps running.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from jeepney import DBusAddress  # type: ignore[import-untyped]  # jeepney ships no type hints
from PySide6.QtCore import QObject

from presence_app.adapters.bus.link import BUS_ERRORS, BusLink, link_to
from presence_app.adapters.bus.portal import PortalRequests
from presence_app.core.atomicfile import write_atomic
from presence_app.i18n import N_, _

log = logging.getLogger(__name__)

BACKGROUND = DBusAddress(
    "/org/freedesktop/portal/desktop",
    bus_name="org.freedesktop.portal.Desktop",
    interface="org.freedesktop.portal.Background",
)
STATE_FILE = "background-portal.json"
REASON = N_("Presence rings its bells from the tray, so it starts when you log in.")

DENIED = N_(
    "Your desktop did not allow Presence to start when you log in. You can allow it "
    "in your desktop's settings for background apps, then turn it on again in Settings."
)
CANCELLED = N_(
    "Presence will not start when you log in, because the desktop's question was closed. "
    "Turn it on again in Settings to see the question once more."
)
NO_PORTAL = N_("this desktop offers no background portal")
NO_ANSWER = N_("the desktop's background portal could not do it")

# D-Bus errors that mean "there is no portal here, or it lacks Background".
_MISSING = {
    "ServiceUnknown",
    "NameHasNoOwner",
    "UnknownMethod",
    "UnknownInterface",
    "UnknownObject",
}


def failure(enabled: bool, reason: str) -> str:
    """Say calmly that the portal could not make the change, and what helps."""
    if enabled:
        return _(
            "Presence could not set itself to start when you log in ({reason}). It keeps "
            "running now, and you can try again in Settings."
        ).format(reason=reason)
    return _(
        "Presence could not stop starting when you log in ({reason}). Your desktop's settings "
        "for background apps can turn it off."
    ).format(reason=reason)


class PortalLogin(QObject):
    """Start-at-login through the Background portal. Main thread only."""

    def __init__(
        self,
        state_file: Path,
        report: Callable[[str], None],
        command: Sequence[str],
        *,
        bus: str | BusLink = "SESSION",
        parent: QObject | None = None,
    ) -> None:
        """Remember where to ask; nothing is sent until ``apply``.

        Args:
            state_file: where what was asked and answered is kept.
            report: takes a sentence for the user when something did not work.
            command: what the desktop starts at login, as seen inside the sandbox.
            bus: the session bus's shared link, or "SESSION" or a D-Bus address.
        """
        super().__init__(parent)
        self._state_file = state_file
        self._report = report
        self._command = list(command)
        self._bus = bus
        self._link: PortalRequests | None = None

    def apply(self, enabled: bool, *, only_if_different: bool = False) -> None:
        """Ask the portal to start Presence at login, or not to."""
        asked = {"autostart": enabled, "commandline": self._command}
        if only_if_different and _without_answer(self._read_state()) == asked:
            return
        link = self._connect()
        if link is None:
            self._report(failure(enabled, _(NO_PORTAL)))
            return
        options = {
            "reason": ("s", _(REASON)),
            "autostart": ("b", enabled),
            "commandline": ("as", self._command),
            "dbus-activatable": ("b", False),
        }
        link.request(
            BACKGROUND,
            "RequestBackground",
            "sa{sv}",
            ("",),  # no parent window: Presence lives in the tray
            on_response=lambda code, results: self._on_response(enabled, code, results),
            on_error=lambda name: self._on_error(enabled, name),
            options=options,
        )

    def close(self) -> None:
        if self._link is not None:
            self._link.forget()
            if self._link.link is not self._bus:  # a link of its own
                self._link.link.close()
            self._link = None

    def _connect(self) -> PortalRequests | None:
        if self._link is None:
            self._link = PortalRequests(link_to(self._bus, self))
        try:
            self._link.link.connection()  # opened again if it was lost
        except BUS_ERRORS as error:
            log.warning("no session bus for the background portal: %s", error)
            return None
        return self._link

    def _on_response(self, enabled: bool, code: int, results: dict[str, Any]) -> None:
        granted = bool(results.get("autostart", ("b", False))[1])
        if code == 1:
            self._report(_(CANCELLED))
            return
        if code != 0:
            log.warning("the background portal answered %d", code)
            self._report(failure(enabled, _(NO_ANSWER)))
            return
        log.info("the background portal set autostart to %s", granted)
        self._write_state({"autostart": enabled, "commandline": self._command, "granted": granted})
        if enabled and not granted:
            self._report(_(DENIED))

    def _on_error(self, enabled: bool, name: str) -> None:
        log.warning("the background portal refused the request: %s", name)
        missing = name.rsplit(".", 1)[-1] in _MISSING
        self._report(failure(enabled, _(NO_PORTAL) if missing else _(NO_ANSWER)))

    def _read_state(self) -> dict[str, Any]:
        try:
            data = json.loads(self._state_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def _write_state(self, state: dict[str, Any]) -> None:
        try:
            write_atomic(self._state_file, json.dumps(state).encode("utf-8"))
        except OSError as error:  # only costs asking again at the next start
            log.warning("%s could not be saved: %s", self._state_file, error)


def _without_answer(state: dict[str, Any]) -> dict[str, Any]:
    return {key: state.get(key) for key in ("autostart", "commandline")}
