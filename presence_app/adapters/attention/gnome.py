"""The GNOME backend of ``Surroundings``: idle time from Mutter.

In a Wayland session no app can see the user's input, so GNOME's
compositor, Mutter, is asked instead: ``GetIdletime`` on
``org.gnome.Mutter.IdleMonitor`` at ``/org/gnome/Mutter/IdleMonitor/Core``
returns the milliseconds since the last input anywhere in the session, on
Wayland and on X11 alike.

Main ideas:

- One blocking call on the session bus when the app wants to know,
  through ``bus.question`` over the session bus's shared link (short
  timeout, ``no_auto_start``, connection opened at the first question,
  every failure logged once and answered with "cannot tell").
- Full screen cannot be seen: Wayland hides other apps' windows. On GNOME
  with X11, ``attention`` pairs this backend with the X11 one, which
  sees full-screen windows (and idle time, should Mutter not answer).
"""

from __future__ import annotations

import logging

from jeepney import DBusAddress, new_method_call  # type: ignore[import-untyped]
from jeepney.bus_messages import message_bus  # type: ignore[import-untyped]

from presence_app.adapters.bus.link import BusLink
from presence_app.adapters.bus.question import BusQuestion

log = logging.getLogger(__name__)

NAME = "org.gnome.Mutter.IdleMonitor"
PATH = "/org/gnome/Mutter/IdleMonitor/Core"
TIMEOUT_S = 0.5
FAILURE = "GNOME cannot tell the idle time (%s); taken as unknown"


class MutterSurroundings:
    """Asks Mutter for the idle time. Main thread only."""

    def __init__(self, bus: str | BusLink = "SESSION", *, timeout: float = TIMEOUT_S) -> None:
        """Remember where to ask; the connection opens at the first question.

        Args:
            bus: the session bus's shared link, or "SESSION" or a D-Bus address.
        """
        self._question = BusQuestion(bus, timeout, log, FAILURE, logging.WARNING)

    def idle_seconds(self) -> float | None:
        """Return seconds since the last input in this session, or None."""
        body = self._question.ask(new_method_call(DBusAddress(PATH, NAME, NAME), "GetIdletime"))
        if not body or not isinstance(body[0], int):
            return None
        return body[0] / 1000.0

    def fullscreen_app(self) -> str | None:
        """Return None: Wayland does not show apps each other's windows."""
        return None

    def close(self) -> None:
        self._question.close()


def mutter_on_bus(bus: str | BusLink = "SESSION", *, timeout: float = TIMEOUT_S) -> bool:
    """Return whether Mutter's idle monitor is running on ``bus``."""
    question = BusQuestion(bus, timeout, log, "the session bus cannot be asked for GNOME (%s)")
    try:
        body = question.ask(message_bus.NameHasOwner(NAME))
    finally:
        question.close()
    return bool(body and body[0])
