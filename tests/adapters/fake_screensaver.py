"""A fake ``org.freedesktop.ScreenSaver`` (as KDE Plasma offers it), for tests.

Run as a program on a private bus: ``python fake_screensaver.py ADDRESS
[--wayland]``. It owns ``org.freedesktop.ScreenSaver``, prints READY, and
answers ``GetActive`` and ``GetSessionIdleTime`` (milliseconds) at
``/org/freedesktop/ScreenSaver`` and ``/ScreenSaver``. ``--wayland``
answers ``GetSessionIdleTime`` with the error KDE gives on Wayland. The
test drives it through ``org.presence.FakeScreenSaver``: ``SetActive(b)``
(emits ``ActiveChanged``) and ``SetIdle(u)``.
"""

from __future__ import annotations

import sys
from typing import Any

from fake_bus_service import serve  # a sibling: this file runs as a script
from jeepney import (  # type: ignore[import-untyped]
    DBusAddress,
    HeaderFields,
    new_error,
    new_method_return,
    new_signal,
)

NAME = "org.freedesktop.ScreenSaver"
PATHS = ("/org/freedesktop/ScreenSaver", "/ScreenSaver")


def answer(conn: Any, msg: Any, state: dict[str, Any], flags: list[str]) -> None:
    fields = msg.header.fields
    interface = fields.get(HeaderFields.interface)
    member = fields.get(HeaderFields.member)
    path = fields.get(HeaderFields.path)
    if interface == "org.presence.FakeScreenSaver":
        if member == "SetActive":
            state["active"] = bool(msg.body[0])
            for where in PATHS:  # KDE emits on both paths
                address = DBusAddress(where, interface=NAME)
                conn.send(new_signal(address, "ActiveChanged", "b", (state["active"],)))
        elif member == "SetIdle":
            state["idle_ms"] = int(msg.body[0])
        conn.send(new_method_return(msg))
    elif path in PATHS and member == "GetActive":
        conn.send(new_method_return(msg, "b", (state["active"],)))
    elif path in PATHS and member == "GetSessionIdleTime" and "--wayland" not in flags:
        conn.send(new_method_return(msg, "u", (state["idle_ms"],)))
    elif member == "GetSessionIdleTime":
        error = "org.freedesktop.DBus.Error.NotSupported"
        conn.send(new_error(msg, error, "s", ("GetSessionIdleTime is not supported",)))
    else:
        error = "org.freedesktop.DBus.Error.UnknownMethod"
        conn.send(new_error(msg, error, "s", (f"No such method {member!r}",)))


def main() -> None:
    state: dict[str, Any] = {"active": False, "idle_ms": 0}
    serve(NAME, lambda conn, msg: answer(conn, msg, state, sys.argv[2:]))


if __name__ == "__main__":
    main()
