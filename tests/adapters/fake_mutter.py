"""A fake GNOME Mutter idle monitor, for tests.

Run as a program on a private bus: ``python fake_mutter.py ADDRESS
[--idle=MS | --silent]``. It owns ``org.gnome.Mutter.IdleMonitor``,
prints READY, and answers ``GetIdletime`` on
``/org/gnome/Mutter/IdleMonitor/Core`` with the milliseconds the test
last set through ``org.presence.FakeMutter.SetIdletime(t)`` (at first
``--idle``, or 0). ``--silent`` never answers ``GetIdletime`` (a hung
compositor).
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

NAME = "org.gnome.Mutter.IdleMonitor"
PATH = "/org/gnome/Mutter/IdleMonitor/Core"


def answer(conn: Any, msg: Any, state: dict[str, int], flags: list[str]) -> None:
    fields = msg.header.fields
    interface = fields.get(HeaderFields.interface)
    member = fields.get(HeaderFields.member)
    path = fields.get(HeaderFields.path)
    if interface == "org.presence.FakeMutter" and member == "SetIdletime":
        state["idle_ms"] = int(msg.body[0])
        conn.send(new_method_return(msg))
    elif "--silent" in flags:
        return
    elif interface in (NAME, None) and member == "GetIdletime" and path == PATH:
        conn.send(new_method_return(msg, "t", (state["idle_ms"],)))
    else:
        error = "org.freedesktop.DBus.Error.UnknownMethod"
        conn.send(new_error(msg, error, "s", (f"No such method {member!r} at {path!r}",)))


def main() -> None:
    idle = [int(flag.split("=")[1]) for flag in sys.argv[2:] if flag.startswith("--idle=")]
    state = {"idle_ms": idle[0] if idle else 0}
    serve(NAME, lambda conn, msg: answer(conn, msg, state, sys.argv[2:]))


if __name__ == "__main__":
    main()
