"""What the desktop can tell about the user's moment: idle time, full screen.

``Surroundings`` (defined in ``presence_app.core.considerate``, where the
decisions are made) has two questions, each one cheap call to the desktop,
asked on the main thread only when the app needs an answer; nothing here
runs in between, so waiting costs nothing.

Backends:

- X11 (``considerate_x11``): the MIT-SCREEN-SAVER extension for idle time,
  EWMH properties of the active window for full screen.
- Everything else (Wayland, Windows, macOS, an X server without the
  extension, no display at all): ``NullSurroundings``, which says it cannot
  tell, so bells simply ring as scheduled.

The backend is chosen like the global shortcut's: X11 only when Qt runs on
xcb with a DISPLAY and the session is not Wayland (under XWayland the X
server only sees input into X11 windows, so idle time would be wrong).
"""

from __future__ import annotations

import logging
import os
import sys
from typing import Protocol

from PySide6.QtGui import QGuiApplication

from presence_app.adapters.shortcut import choose_backend
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


def create_surroundings() -> Surroundings:
    """Build the backend that fits this desktop; main thread, after QApplication."""
    backend = choose_backend(QGuiApplication.platformName(), os.environ, sys.platform)
    if backend != "x11":
        log.info("idle time and full-screen windows cannot be seen on this desktop")
        return NullSurroundings()
    try:
        from presence_app.adapters.considerate_x11 import X11Surroundings

        return X11Surroundings()
    except (ImportError, OSError) as error:
        # ImportError: python-xlib is missing; OSError: the display is out of reach.
        log.warning("idle and full-screen detection could not start: %s", str(error))
        return NullSurroundings()
