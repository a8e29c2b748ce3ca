"""The X11 backend of ``Surroundings``: idle time and full-screen windows.

Main ideas:

- Its own python-xlib connection, separate from Qt's. Only requests with
  replies are sent and no events are selected, so nothing arrives between
  questions and no socket needs watching.
- Idle time: the MIT-SCREEN-SAVER extension (``XScreenSaverQueryInfo``),
  whose ``idle`` field counts milliseconds since the last input anywhere
  on the display. One round trip.
- Full screen: the EWMH properties a window manager keeps up to date: the
  root's ``_NET_ACTIVE_WINDOW``, then that window's ``_NET_WM_STATE``
  holding ``_NET_WM_STATE_FULLSCREEN``; the program's name comes from its
  ``WM_CLASS``. Two round trips (a third only when full screen). Without
  a window manager there is no active window, so nothing is full screen.
- Never raises at the app: an X error (the active window closed between
  two requests, say) is logged once and answered with "cannot tell"; a
  lost connection makes every later answer "cannot tell".
"""

from __future__ import annotations

import contextlib
import logging
from typing import Any

from Xlib import Xatom
from Xlib import error as xerror

from presence_app.adapters.xdisplay import open_display

log = logging.getLogger(__name__)

SCREEN_SAVER = "MIT-SCREEN-SAVER"


class X11Surroundings:
    """Answers from an X server. Main thread only."""

    def __init__(self, display_name: str | None = None) -> None:
        """Connect to ``display_name`` (default: ``$DISPLAY``).

        Raises:
            OSError: the display cannot be reached.
        """
        self._display: Any = open_display(display_name, extensions=(SCREEN_SAVER,))
        self._root = self._display.screen().root
        self._has_idle = bool(self._display.has_extension(SCREEN_SAVER))
        if not self._has_idle:
            log.info("the X server has no %s extension: idle time is unknown", SCREEN_SAVER)
        atom = self._display.intern_atom
        self._active = atom("_NET_ACTIVE_WINDOW")
        self._state = atom("_NET_WM_STATE")
        self._fullscreen = atom("_NET_WM_STATE_FULLSCREEN")
        self._closed = False
        self._logged: set[str] = set()

    def idle_seconds(self) -> float | None:
        """Return seconds since the last input on this display, or None."""
        if self._closed or not self._has_idle:
            return None
        try:
            return float(self._root.screensaver_query_info().idle) / 1000.0
        except xerror.XError as error:
            self._log_once("idle", error)
        except (xerror.ConnectionClosedError, OSError) as error:
            self._lost(error)
        return None

    def fullscreen_app(self) -> str | None:
        """Return the WM_CLASS name of the active window if it fills the screen."""
        if self._closed:
            return None
        try:
            return self._fullscreen_app()
        except xerror.XError as error:
            self._log_once("fullscreen", error)
        except (xerror.ConnectionClosedError, OSError) as error:
            self._lost(error)
        return None

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._display.close()

    def _fullscreen_app(self) -> str | None:
        active = self._root.get_full_property(self._active, Xatom.WINDOW)
        if active is None or len(active.value) == 0 or not active.value[0]:
            return None
        window_id = int(active.value[0])
        window = self._display.create_resource_object("window", window_id)
        state = window.get_full_property(self._state, Xatom.ATOM)
        if state is None or self._fullscreen not in state.value:
            return None
        names = window.get_wm_class() or ()
        return next((n for n in reversed(names) if n), f"window 0x{window_id:x}")

    def _log_once(self, question: str, error: Exception) -> None:
        key = f"{question}:{type(error).__name__}"
        if key not in self._logged:
            self._logged.add(key)
            log.warning("X11 could not answer (%s): %s; taken as unknown", question, error)

    def _lost(self, error: Exception) -> None:
        log.warning("the connection to the X display was lost (%s); idle time is unknown", error)
        self._closed = True
        # The connection is already gone; closing only releases our side.
        with contextlib.suppress(xerror.ConnectionClosedError, OSError):
            self._display.close()
