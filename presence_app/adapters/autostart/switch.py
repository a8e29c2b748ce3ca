"""Which way start-at-login goes: an entry file, or the Background portal.

The app only says "on" or "off" (and, at start-up, "only if it differs");
this module picks who carries it out. Outside a sandbox that is the login
entry file of ``autostart`` (Desktop Entry, launch agent, registry value),
answered at once. Inside Flatpak it is the Background portal, answered
later; the portal module is imported only there.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject

from presence_app.adapters.autostart import launch_command, set_autostart, sync_autostart
from presence_app.adapters.bus import Buses
from presence_app.adapters.installation import in_flatpak

FLATPAK_COMMAND = ("presence-app",)
"""What the portal starts inside the sandbox (``/app/bin`` is on its ``PATH``)."""

Report = Callable[[str], None]


class LoginSwitch(Protocol):
    """Makes the platform start Presence at login, or not. Main thread only."""

    def apply(self, enabled: bool, *, only_if_different: bool = False) -> None:
        """Make the change; a problem reaches the user through ``report``."""
        ...

    def close(self) -> None: ...


class FileLogin:
    """The login entry file this platform reads (see ``autostart``)."""

    def __init__(self, report: Report) -> None:
        self._report = report

    def apply(self, enabled: bool, *, only_if_different: bool = False) -> None:
        change = sync_autostart if only_if_different else set_autostart
        message = change(enabled, command=launch_command())
        if message:
            self._report(message)

    def close(self) -> None:
        pass


def create_login_switch(
    state_dir: Path,
    report: Report,
    parent: QObject | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    buses: Buses | None = None,
) -> LoginSwitch:
    """Return the Background portal inside Flatpak, the entry file elsewhere.

    Args:
        buses: the app's links to the buses (the portal is on the session
            bus); without them, the portal has a link of its own.
    """
    if not in_flatpak(environ):
        return FileLogin(report)
    from presence_app.adapters.autostart.portal import STATE_FILE, PortalLogin

    bus = buses.session if buses is not None else "SESSION"
    return PortalLogin(state_dir / STATE_FILE, report, FLATPAK_COMMAND, bus=bus, parent=parent)
