"""A fake notification server with KDE's ``Inhibited`` property, for tests.

Run as a program on a private bus: ``python fake_notifications.py ADDRESS
[--without-inhibited | --silent]``. It owns ``org.freedesktop.Notifications``,
prints READY, and answers ``Properties.Get(..., "Inhibited")`` as KDE Plasma
does. ``--without-inhibited`` answers like a server without the property
(GNOME Shell, dunst); ``--silent`` never answers (a hung server). The test
switches do-not-disturb with ``org.presence.FakeNotifications.SetInhibited(b)``.
"""

from __future__ import annotations

import sys
from typing import Any

from jeepney import (  # type: ignore[import-untyped]
    HeaderFields,
    MessageType,
    new_error,
    new_method_return,
)
from jeepney.bus_messages import message_bus  # type: ignore[import-untyped]
from jeepney.io.blocking import open_dbus_connection  # type: ignore[import-untyped]

NAME = "org.freedesktop.Notifications"


def answer(conn: Any, msg: Any, state: dict[str, bool], flags: list[str]) -> None:
    fields = msg.header.fields
    interface = fields.get(HeaderFields.interface)
    member = fields.get(HeaderFields.member)
    if interface == "org.presence.FakeNotifications" and member == "SetInhibited":
        state["inhibited"] = bool(msg.body[0])
        conn.send(new_method_return(msg))
    elif "--silent" in flags:
        return
    elif (
        member == "Get" and msg.body == (NAME, "Inhibited") and "--without-inhibited" not in flags
    ):
        conn.send(new_method_return(msg, "v", (("b", state["inhibited"]),)))
    else:
        error = "org.freedesktop.DBus.Error.UnknownProperty"
        conn.send(new_error(msg, error, "s", (f"No such property {msg.body!r}",)))


def main() -> None:
    conn = open_dbus_connection(sys.argv[1])
    reply = conn.send_and_get_reply(message_bus.RequestName(NAME))
    assert reply.body == (1,), reply.body
    state = {"inhibited": False}
    sys.stdout.write("READY\n")
    sys.stdout.flush()
    while True:
        msg = conn.receive()
        if msg.header.message_type == MessageType.method_call:
            answer(conn, msg, state, sys.argv[2:])


if __name__ == "__main__":
    main()
