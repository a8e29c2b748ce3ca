"""A global keyboard shortcut that starts a pause, on every desktop we can reach.

Each platform offers a different mechanism (an X11 key grab, the Wayland
desktop portal, Windows ``RegisterHotKey``, macOS Carbon hot keys), so this
package has one small backend per platform behind one interface,
:class:`GlobalShortcut`, and :func:`create_global_shortcut` picks the
backend once at start-up.

Main ideas:

- A backend never raises at the app: whatever happens (the chord is taken,
  the desktop has no portal, the key does not exist on this keyboard) it
  reports a :class:`ShortcutStatus` whose message tells the user what
  happened and what they can do. The app keeps running either way.
- ``activated`` is always emitted on the Qt main thread; no backend starts
  a thread. All methods are called on the main thread too.
- Backend modules import their platform libraries (python-xlib, jeepney,
  ctypes Win32/Carbon) only when they are chosen, so a missing library
  costs nothing elsewhere.
- The reliable fallback everywhere is the desktop's own shortcut settings
  bound to ``presence-app pause``; messages point there.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QGuiApplication

from presence_app.adapters.bus import Buses
from presence_app.adapters.desktop import choose_backend
from presence_app.adapters.shortcut.base import (
    FALLBACK_HINT,
    OFF,
    GlobalShortcut,
    NullShortcut,
    ShortcutStatus,
    taken_message,
    unavailable_message,
)

log = logging.getLogger(__name__)

__all__ = [
    "FALLBACK_HINT",
    "OFF",
    "GlobalShortcut",
    "NullShortcut",
    "ShortcutStatus",
    "choose_backend",
    "create_global_shortcut",
    "taken_message",
    "unavailable_message",
]


def create_global_shortcut(
    *, app_id: str, state_dir: Path, parent: QObject | None = None, buses: Buses | None = None
) -> GlobalShortcut:
    """Build the backend that fits this desktop; main thread, after QApplication.

    Args:
        app_id: the reverse-DNS application id (the portal needs it).
        state_dir: where the portal backend remembers that it has bound.
        buses: the app's links to the buses (the portal is on the session
            bus); without them, the portal backend has a link of its own.
    """
    backend = choose_backend(QGuiApplication.platformName(), os.environ, sys.platform)
    try:
        return _build(backend, app_id=app_id, state_dir=state_dir, parent=parent, buses=buses)
    except (ImportError, OSError) as error:
        # ImportError: a platform library is missing; OSError: no display or
        # bus could be reached. Both leave the app working, without a shortcut.
        log.warning("global shortcut backend %s failed to start: %s", backend, str(error))
        return NullShortcut(unavailable_message(), parent)


def _build(
    backend: str, *, app_id: str, state_dir: Path, parent: QObject | None, buses: Buses | None
) -> GlobalShortcut:
    """Import and construct one backend by name."""
    if backend == "x11":
        from presence_app.adapters.shortcut.x11 import X11Shortcut

        return X11Shortcut(parent=parent)
    if backend == "portal":
        from presence_app.adapters.shortcut.portal import PortalShortcut

        bus = buses.session if buses is not None else "SESSION"
        return PortalShortcut(app_id=app_id, state_dir=state_dir, bus=bus, parent=parent)
    if backend == "windows":
        from presence_app.adapters.shortcut.windows import WindowsShortcut

        return WindowsShortcut(parent=parent)
    if backend == "macos":
        from presence_app.adapters.shortcut.macos import MacShortcut

        return MacShortcut(parent=parent)
    return NullShortcut(unavailable_message(), parent)
