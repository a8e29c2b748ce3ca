"""Every attention backend of this desktop, built together.

The app needs four parts to be considerate: ``Surroundings`` (time away,
full screen), ``DoNotDisturb``, ``Calls`` and a ``SessionWatch`` (the lock
and sleep, as they happen). ``create_attention`` builds the ones that fit
this desktop, each backend that talks D-Bus over the app's one link to
its bus (``bus.Buses``: logind on the system bus; the screen saver,
Mutter and KDE's do-not-disturb on the session bus), and
``AttentionParts.capabilities`` says which of them work here.

Heavy or platform-only modules (jeepney, the Windows and macOS seams) are
imported only on the platform that uses them. Main thread only.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from PySide6.QtCore import QObject

from presence_app.adapters.attention import Surroundings, create_surroundings
from presence_app.adapters.attention.dnd import DesktopDnd, create_dnd
from presence_app.adapters.attention.session import SessionWatch
from presence_app.adapters.bus import Buses
from presence_app.core.considerate import Calls, NoCalls

log = logging.getLogger(__name__)


class DesktopCalls(Calls, Protocol):
    """``core.considerate.Calls`` plus ``close``. Main thread only."""

    def close(self) -> None: ...


@dataclass
class AttentionParts:
    """The backends the app asks, and the watch that tells it."""

    surroundings: Surroundings
    dnd: DesktopDnd
    calls: DesktopCalls
    session: SessionWatch
    platform_name: str = ""
    environ: Mapping[str, str] | None = None

    def close(self) -> None:
        self.session.close()
        self.surroundings.close()
        self.dnd.close()
        self.calls.close()


def create_attention(
    platform_name: str,
    buses: Buses,
    parent: QObject | None = None,
    *,
    surroundings: Surroundings | None = None,
    dnd: DesktopDnd | None = None,
    calls: DesktopCalls | None = None,
    session: SessionWatch | None = None,
    system: str = sys.platform,
) -> AttentionParts:
    """Build what this desktop offers; a part given here is used as it is (tests).

    Args:
        buses: the app's links to the buses; the parts never close them.
    """
    on_desktop = platform_name == "xcb" or platform_name.startswith(
        ("wayland", "windows", "cocoa")
    )
    links = _links(buses) if system.startswith("linux") and on_desktop else None
    session_link = links[1] if links is not None else None
    return AttentionParts(
        surroundings=surroundings or create_surroundings(session_link=session_link),
        dnd=dnd or create_dnd(platform_name, system, session_link=session_link),
        calls=calls or (create_calls(system) if on_desktop else NoCalls()),
        session=session or create_session_watch(system, links, parent),
        platform_name=platform_name,
    )


def create_calls(system: str = sys.platform) -> DesktopCalls:
    """Return the call detector for this system (nothing is asked yet)."""
    try:
        if system.startswith("linux"):
            from presence_app.adapters.attention.calls_pulse import PulseCalls

            return PulseCalls()  # without pactl it says so, once, and cannot tell
        if system == "win32":
            from presence_app.adapters.attention.windows import WindowsCalls

            return WindowsCalls()
        if system == "darwin":
            from presence_app.adapters.attention.macos import MacCalls

            return MacCalls()
    except OSError as error:  # the system's libraries could not be loaded
        log.warning("calls cannot be noticed: %s", error)
    return NoCalls()


def create_session_watch(
    system: str, links: tuple[Any, Any] | None, parent: QObject | None = None
) -> SessionWatch:
    """Return the watch that hears of the lock and sleep here (not started yet)."""
    try:
        if links is not None:
            from presence_app.adapters.attention.logind import LinuxSessionWatch

            return LinuxSessionWatch(*links, parent=parent)
        if system == "win32":
            from presence_app.adapters.attention.windows import WindowsSessionWatch

            return WindowsSessionWatch(parent)
        if system == "darwin":
            from presence_app.adapters.attention.macos import MacSessionWatch

            return MacSessionWatch(parent=parent)
    except OSError as error:
        log.warning("the lock and sleep cannot be heard: %s", error)
    return SessionWatch(parent)


def _links(buses: Buses) -> tuple[Any, Any] | None:
    """The app's link to the system bus and to the session bus, or None without jeepney."""
    try:
        return buses.system, buses.session
    except ImportError as error:  # jeepney is missing
        log.warning("the lock and sleep cannot be heard: %s", error)
        return None
