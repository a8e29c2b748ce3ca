"""Idle time from ``org.freedesktop.ScreenSaver``, where the desktop offers it.

KDE Plasma on X11, and some other desktops, answer ``GetSessionIdleTime``
on the session bus with the milliseconds since the last input. It is the
backend for desktops that are neither GNOME (``gnome``) nor plain X11
(``x11``, which asks the X server itself and sees full screen too). KDE
Plasma on Wayland refuses the question ("not supported"); there the
Wayland backend (``wayland``) is used instead.

Main ideas: one blocking question when the app wants to know, over the
session bus link the lock watch shares (``bus.link``); every failure
logged once and answered with "cannot tell".
"""

from __future__ import annotations

import logging

from jeepney import DBusAddress, new_method_call  # type: ignore[import-untyped]

from presence_app.adapters.bus.link import BusLink
from presence_app.adapters.bus.question import BusQuestion

log = logging.getLogger(__name__)

NAME = "org.freedesktop.ScreenSaver"
PATH = "/org/freedesktop/ScreenSaver"
TIMEOUT_S = 0.5
FAILURE = "the screen saver cannot tell the idle time (%s); taken as unknown"


class ScreenSaverSurroundings:
    """Asks the screen saver service for the idle time. Main thread only."""

    def __init__(self, bus: str | BusLink = "SESSION", *, timeout: float = TIMEOUT_S) -> None:
        """Remember where to ask; the connection opens at the first question."""
        self._question = BusQuestion(bus, timeout, log, FAILURE)

    def idle_seconds(self) -> float | None:
        """Return seconds since the last input in this session, or None."""
        call = new_method_call(DBusAddress(PATH, NAME, NAME), "GetSessionIdleTime")
        body = self._question.ask(call)
        if not body or not isinstance(body[0], int):
            return None
        return body[0] / 1000.0

    def fullscreen_app(self) -> str | None:
        """Return None: the screen saver does not say."""
        return None

    def close(self) -> None:
        self._question.close()
