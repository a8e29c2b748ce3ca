"""A fake logind, for tests: the session's lock and the manager's sleep signal.

Run as a program on a private bus (used as the system bus): ``python
fake_logind.py ADDRESS [--no-session]``. It owns ``org.freedesktop.login1``,
prints READY, answers ``GetSession`` with ``SESSION_PATH`` (``--no-session``:
an error, as for a process outside any session) and ``Get(Session,
"LockedHint")``. The test drives it through ``org.presence.FakeLogind``:
``SetLockedHint(b)`` (emits ``PropertiesChanged`` as logind does), ``Lock()``
and ``Unlock()`` (emit the session's signals) and ``PrepareForSleep(b)``.
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

NAME = "org.freedesktop.login1"
MANAGER_PATH = "/org/freedesktop/login1"
MANAGER = "org.freedesktop.login1.Manager"
SESSION = "org.freedesktop.login1.Session"
SESSION_PATH = "/org/freedesktop/login1/session/_32"
CONTROL = "org.presence.FakeLogind"


def emit(conn: Any, path: str, interface: str, member: str, signature: str = "", body=()) -> None:
    conn.send(new_signal(DBusAddress(path, interface=interface), member, signature, body))


def control(conn: Any, msg: Any, member: str, state: dict[str, bool]) -> None:
    if member == "SetLockedHint":
        state["locked"] = bool(msg.body[0])
        changed = {"LockedHint": ("b", state["locked"])}
        props = "org.freedesktop.DBus.Properties"
        emit(conn, SESSION_PATH, props, "PropertiesChanged", "sa{sv}as", (SESSION, changed, []))
    elif member in ("Lock", "Unlock"):
        emit(conn, SESSION_PATH, SESSION, member)
    elif member == "PrepareForSleep":
        emit(conn, MANAGER_PATH, MANAGER, "PrepareForSleep", "b", (bool(msg.body[0]),))
    conn.send(new_method_return(msg))


def answer(conn: Any, msg: Any, state: dict[str, bool], flags: list[str]) -> None:
    fields = msg.header.fields
    interface = fields.get(HeaderFields.interface)
    member = fields.get(HeaderFields.member)
    if interface == CONTROL:
        control(conn, msg, member, state)
    elif member == "GetSession" and "--no-session" not in flags:
        conn.send(new_method_return(msg, "o", (SESSION_PATH,)))
    elif member == "Get" and msg.body == (SESSION, "LockedHint"):
        conn.send(new_method_return(msg, "v", (("b", state["locked"]),)))
    else:
        error = "org.freedesktop.login1.NoSessionForPID"
        conn.send(new_error(msg, error, "s", (f"No answer to {member!r}",)))


def main() -> None:
    state = {"locked": "--locked" in sys.argv[2:]}
    serve(NAME, lambda conn, msg: answer(conn, msg, state, sys.argv[2:]))


if __name__ == "__main__":
    main()
