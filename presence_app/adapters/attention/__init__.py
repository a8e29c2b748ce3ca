"""What the desktop can tell about the user's moment: idle time, full screen.

``Surroundings`` (defined in ``presence_app.core.considerate``, where the
decisions are made) has two questions, each one cheap call to the desktop,
asked on the main thread only when the app needs an answer; nothing here
runs in between, so waiting costs nothing.

Backends:

- X11 (``attention.x11``): the MIT-SCREEN-SAVER extension for idle time,
  EWMH properties of the active window for full screen.
- GNOME (``attention.gnome``): Mutter's idle monitor for idle time, on
  Wayland and X11; full screen cannot be seen through it. On GNOME with
  X11, ``PairedSurroundings`` asks Mutter for idle time (the X11 backend
  when Mutter cannot tell) and X11 for full screen.
- Other Wayland desktops (KDE Plasma, sway, …): the compositor's idle
  notifications (``attention.wayland``: ``ext_idle_notifier_v1`` or
  ``org_kde_kwin_idle``), else the screen saver service's
  ``GetSessionIdleTime`` (``attention.screensaver``).

The backends that ask over D-Bus (Mutter, the screen saver) use the
session bus's one shared link (``bus``), given to ``create_surroundings``.
- Windows (``attention.windows``): ``GetLastInputInfo`` and
  ``SHQueryUserNotificationState``. macOS (``attention.macos``): the time
  since the last input event; full screen is not seen.
- Everything else (an X server without the extension, no display at
  all): ``NullSurroundings``, which says it cannot tell, so bells simply
  ring as scheduled.

``choose_surroundings`` names the backend; it is a pure function, given
the one question to the session bus it may need, asked only when the
environment cannot tell. X11 is used like the global
shortcut's: only when Qt runs on xcb with a DISPLAY and the session is not
Wayland (under XWayland the X server only sees input into X11 windows, so
idle time would be wrong). GNOME is recognised by ``XDG_CURRENT_DESKTOP``
or, failing that, by Mutter's idle monitor being on the session bus.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Mapping
from typing import Any, Protocol

from PySide6.QtGui import QGuiApplication

from presence_app.adapters.desktop import choose_backend, is_gnome, is_wayland
from presence_app.core import considerate

log = logging.getLogger(__name__)


class Surroundings(considerate.Surroundings, Protocol):
    """``core.considerate.Surroundings`` plus ``close``. Main thread only."""

    def close(self) -> None:
        """Release any connection; afterwards every answer is "cannot tell"."""
        ...


class NullSurroundings:
    """The do-nothing backend: it cannot tell, so nothing keeps a bell quiet."""

    def idle_seconds(self) -> float | None:
        return None

    def fullscreen_app(self) -> str | None:
        return None

    def close(self) -> None:
        pass


class PairedSurroundings:
    """Idle time from one backend (another when it cannot tell), full screen from one."""

    def __init__(self, idle: Surroundings, fallback: Surroundings) -> None:
        """Ask ``idle`` first, then ``fallback``; full screen only from ``fallback``."""
        self._idle = idle
        self._fallback = fallback

    @property
    def first(self) -> Surroundings:
        """The backend asked first for idle time."""
        return self._idle

    def idle_seconds(self) -> float | None:
        seconds = self._idle.idle_seconds()
        return seconds if seconds is not None else self._fallback.idle_seconds()

    def fullscreen_app(self) -> str | None:
        return self._fallback.fullscreen_app()

    def close(self) -> None:
        self._idle.close()
        self._fallback.close()


def choose_surroundings(
    platform_name: str,
    environ: Mapping[str, str],
    system: str,
    mutter_on_bus: Callable[[], bool],
) -> str:
    """Name the backend: "x11", "gnome", "gnome+x11", "wayland", "windows", "macos" or "none".

    Args:
        platform_name: ``QGuiApplication.platformName()``.
        environ: the process environment.
        system: ``sys.platform``.
        mutter_on_bus: asked only on a Linux desktop that ``environ`` does
            not name as GNOME.
    """
    if system == "win32" and platform_name == "windows":
        return "windows"
    if system == "darwin" and platform_name == "cocoa":
        return "macos"
    on_desktop = platform_name == "xcb" or platform_name.startswith("wayland")
    if not (system.startswith("linux") and on_desktop):
        return "none"
    x11 = choose_backend(platform_name, environ, system) == "x11"
    if is_gnome(environ) or mutter_on_bus():
        return "gnome+x11" if x11 else "gnome"
    if x11:
        return "x11"
    return "wayland" if is_wayland(platform_name, environ) else "none"


def create_surroundings(session_link: Any = None) -> Surroundings:
    """Build the backend that fits this desktop; main thread, after QApplication.

    Args:
        session_link: the session bus's shared ``BusLink``; without it, the
            backends that ask D-Bus each have a link of their own.
    """
    platform = QGuiApplication.platformName()
    session = session_link or "SESSION"
    kind = choose_surroundings(platform, os.environ, sys.platform, lambda: _mutter_on_bus(session))
    other = _other(kind, session)
    if other is not None:
        return other
    gnome = _gnome(session) if kind.startswith("gnome") else None
    x11 = _x11() if kind.endswith("x11") else None
    if gnome is not None and x11 is not None:
        return PairedSurroundings(gnome, x11)
    backend = gnome if gnome is not None else x11
    if backend is not None:
        return backend
    if kind == "none":
        log.info("idle time and full-screen windows cannot be seen on this desktop")
    return NullSurroundings()


def _other(kind: str, session: Any) -> Surroundings | None:
    """The backends outside X11 and GNOME, or None."""
    try:
        if kind == "wayland":
            return _wayland(session)
        if kind == "windows":
            from presence_app.adapters.attention.windows import WindowsSurroundings

            return WindowsSurroundings()
        if kind == "macos":
            from presence_app.adapters.attention.macos import MacSurroundings

            return MacSurroundings()
    except (ImportError, OSError) as error:  # jeepney or a system library is missing
        log.warning("time away cannot be seen: %s", error)
        return NullSurroundings()
    return None


def _wayland(session: Any) -> Surroundings:
    """The compositor's idle notifications, else the screen saver service."""
    from presence_app.adapters.attention.screensaver import ScreenSaverSurroundings
    from presence_app.adapters.attention.wayland import WaylandIdle

    saver = ScreenSaverSurroundings(session)
    compositor = WaylandIdle()
    if compositor.protocol is None:
        return saver
    return PairedSurroundings(compositor, saver)


def _mutter_on_bus(session: Any) -> bool:
    try:
        from presence_app.adapters.attention.gnome import mutter_on_bus
    except ImportError:  # jeepney is missing
        return False
    return mutter_on_bus(session)


def _gnome(session: Any) -> Surroundings | None:
    try:
        from presence_app.adapters.attention.gnome import MutterSurroundings
    except ImportError as error:  # jeepney is missing
        log.warning("idle time cannot be read from GNOME: %s", str(error))
        return None
    return MutterSurroundings(session)


def _x11() -> Surroundings | None:
    try:
        from presence_app.adapters.attention.x11 import X11Surroundings

        return X11Surroundings()
    except (ImportError, OSError) as error:
        # ImportError: python-xlib is missing; OSError: the display is out of reach.
        log.warning("idle and full-screen detection could not start: %s", str(error))
        return None
