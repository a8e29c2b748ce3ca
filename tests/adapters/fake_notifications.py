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

from fake_bus_service import serve  # a sibling: this file runs as a script
from jeepney import (  # type: ignore[import-untyped]
    HeaderFields,
    new_error,
    new_method_return,
)

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
    state = {"inhibited": False}
    serve(NAME, lambda conn, msg: answer(conn, msg, state, sys.argv[2:]))


if __name__ == "__main__":
    main()
