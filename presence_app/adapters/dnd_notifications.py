"""Whether the desktop's do-not-disturb is on.

Only one desktop offers a way to read it that an app can use: KDE Plasma's
notification server publishes a boolean property ``Inhibited`` on
``org.freedesktop.Notifications`` (a KDE extension; Plasma also turns it
on by itself while a full-screen app is focused or the screen is shared).
Other notification servers (GNOME Shell, XFCE, dunst) do not have the
property, and Windows and macOS have no public way to read it; there the
answer is "cannot tell" and bells ring as scheduled.

Main ideas:

- One blocking ``Properties.Get`` call on the session bus (jeepney), right
  before a bell: no signal is followed, so nothing runs in between.
- The call carries ``no_auto_start`` and a short timeout, so a bus that
  would start a notification server, or a server that hangs, never keeps
  the bell waiting long.
- Never raises at the app: every failure is logged once and answered with
  "cannot tell"; a broken connection is opened again at the next question.
"""

from __future__ import annotations

import logging
from typing import Any

from jeepney import (  # type: ignore[import-untyped]  # jeepney ships no type hints
    DBusAddress,
    MessageFlag,
    MessageType,
    Properties,
)
from jeepney.io.blocking import open_dbus_connection  # type: ignore[import-untyped]

log = logging.getLogger(__name__)

NAME = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
TIMEOUT_S = 0.5


class NotificationsDnd:
    """Reads ``Inhibited`` from the notification server. Main thread only."""

    def __init__(self, bus: str = "SESSION", *, timeout: float = TIMEOUT_S) -> None:
        """Remember where to ask; the connection opens at the first question.

        Args:
            bus: "SESSION" or a D-Bus address.
        """
        self._bus = bus
        self._timeout = timeout
        self._conn: Any = None
        self._logged: set[str] = set()

    def is_on(self) -> bool | None:
        try:
            conn = self._connection()
            message = Properties(DBusAddress(PATH, NAME, NAME)).get("Inhibited")
            message.header.flags |= MessageFlag.no_auto_start
            reply = conn.send_and_get_reply(message, timeout=self._timeout)
        except (OSError, ValueError, KeyError, RuntimeError) as error:
            # OSError: no bus, a lost connection, TimeoutError; KeyError: no
            # session bus address; ValueError, RuntimeError: an unusable one.
            self._log_once(type(error).__name__, str(error))
            self.close()
            return None
        if reply.header.message_type == MessageType.error:
            # No notification server, or one without the property (not KDE).
            self._log_once("reply", str(reply.body[0]) if reply.body else "an error")
            return None
        signature, value = reply.body[0]
        return bool(value) if signature == "b" else None

    def close(self) -> None:
        if self._conn is not None:
            conn, self._conn = self._conn, None
            conn.close()

    def _connection(self) -> Any:
        if self._conn is None:
            self._conn = open_dbus_connection(self._bus)
        return self._conn

    def _log_once(self, kind: str, detail: str) -> None:
        if kind not in self._logged:
            self._logged.add(kind)
            log.info("do-not-disturb cannot be read (%s); bells ring as scheduled", detail)
