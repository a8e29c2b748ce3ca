"""Whether the desktop's do-not-disturb is on.

KDE Plasma's notification server publishes a boolean property
``Inhibited`` on ``org.freedesktop.Notifications`` (a KDE extension;
Plasma also turns it on by itself while a full-screen app is focused or
the screen is shared). Other notification servers (GNOME Shell, XFCE,
dunst) do not have the property: GNOME's switch is read from its settings
instead (``dnd_gnome``); elsewhere the answer is "cannot tell" and bells
ring as scheduled.

Main ideas:

- One blocking ``Properties.Get`` call on the session bus, right before a
  bell: no signal is followed, so nothing runs in between.
- Asked through ``bus.question`` over the session bus's shared link: a
  short timeout, ``no_auto_start``, a connection opened at the first
  question, every failure logged once and answered with "cannot tell".
"""

from __future__ import annotations

import logging

from jeepney import DBusAddress, Properties  # type: ignore[import-untyped]

from presence_app.adapters.bus.link import BusLink
from presence_app.adapters.bus.question import BusQuestion

log = logging.getLogger(__name__)

NAME = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
TIMEOUT_S = 0.5
FAILURE = "do-not-disturb cannot be read (%s); bells ring as scheduled"


class NotificationsDnd:
    """Reads ``Inhibited`` from the notification server. Main thread only."""

    def __init__(self, bus: str | BusLink = "SESSION", *, timeout: float = TIMEOUT_S) -> None:
        """Remember where to ask; the connection opens at the first question.

        Args:
            bus: the session bus's shared link, or "SESSION" or a D-Bus address.
        """
        self._question = BusQuestion(bus, timeout, log, FAILURE)

    def is_on(self) -> bool | None:
        message = Properties(DBusAddress(PATH, NAME, NAME)).get("Inhibited")
        # No reply: no notification server, or one without the property (not KDE).
        body = self._question.ask(message)
        if not body:
            return None
        signature, value = body[0]
        return bool(value) if signature == "b" else None

    def close(self) -> None:
        self._question.close()
