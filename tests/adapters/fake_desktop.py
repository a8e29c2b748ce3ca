"""A fake desktop session bus: the portal, the notification server, the screen saver.

Run as a program on a private bus: ``python fake_desktop.py ADDRESS``. One
connection owns ``org.freedesktop.portal.Desktop`` (GlobalShortcuts,
Registry and Background, as ``fake_portal`` and ``fake_background_portal``
answer them), ``org.freedesktop.Notifications`` (notes with buttons as
``fake_notify_server`` keeps them, and KDE's ``Inhibited`` property as
``fake_notifications`` answers it) and ``org.freedesktop.ScreenSaver`` (as
``fake_screensaver``), so that the whole app can be run against one
session bus. It prints READY, then answers; the other fakes' control
interfaces work as they do there, and one more tells who called:

- ``org.presence.FakeDesktop.Callers() -> s``: JSON ``[sender, destination,
  interface, member]`` for every call to the desktop's services, in order.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import fake_background_portal  # siblings: this file runs as a script
import fake_notifications
import fake_notify_server
import fake_screensaver
from fake_portal import FakePortal
from jeepney import HeaderFields, MessageType, new_method_return  # type: ignore[import-untyped]
from jeepney.bus_messages import message_bus  # type: ignore[import-untyped]
from jeepney.io.blocking import open_dbus_connection  # type: ignore[import-untyped]

PORTAL = "org.freedesktop.portal.Desktop"
NOTIFICATIONS = "org.freedesktop.Notifications"
SCREEN_SAVER = "org.freedesktop.ScreenSaver"
CONTROL = "org.presence.FakeDesktop"


class FakeDesktop:
    def __init__(self, conn: Any) -> None:
        self.conn = conn
        self.portal = FakePortal(conn, with_shortcuts=True)
        self.inhibited = {"inhibited": False}
        self.saver: dict[str, Any] = {"active": False, "idle_ms": 0}
        self.callers: list[list[str]] = []

    def handle(self, msg: Any) -> None:
        fields = msg.header.fields
        interface = fields.get(HeaderFields.interface)
        member = fields.get(HeaderFields.member)
        if interface == CONTROL:
            self.conn.send(new_method_return(msg, "s", (json.dumps(self.callers),)))
            return
        destination = fields.get(HeaderFields.destination)
        if not str(interface).startswith("org.presence."):
            self.callers.append([fields.get(HeaderFields.sender), destination, interface, member])
        if destination == SCREEN_SAVER:
            fake_screensaver.answer(self.conn, msg, self.saver, [])
        elif destination == NOTIFICATIONS and member in ("Get", "SetInhibited"):
            fake_notifications.answer(self.conn, msg, self.inhibited, [])
        elif destination == NOTIFICATIONS:
            fake_notify_server.answer(self.conn, msg)
        elif interface == "org.freedesktop.portal.Background" or member == "AnswerWith":
            fake_background_portal.handle(self.conn, msg)
        else:
            self.portal.handle(msg)


def main() -> None:
    conn = open_dbus_connection(sys.argv[1])
    for name in (PORTAL, NOTIFICATIONS, SCREEN_SAVER):
        reply = conn.send_and_get_reply(message_bus.RequestName(name))
        assert reply.body == (1,), reply.body
    desktop = FakeDesktop(conn)
    sys.stdout.write("READY\n")
    sys.stdout.flush()
    while True:
        msg = conn.receive()
        if msg.header.message_type == MessageType.method_call:
            desktop.handle(msg)


if __name__ == "__main__":
    main()
