"""A fake notification server (freedesktop and portal), driven by the test.

Run as a program on a private bus: ``python fake_notify_server.py ADDRESS
[--portal | --refuse]``. It owns ``org.freedesktop.Notifications`` (or, with
``--portal``, ``org.freedesktop.portal.Desktop``), prints READY, keeps the
notifications it was given, and acts like a user on the test's orders
through ``org.presence.FakeNotify``: ``Shown() -> s`` (JSON of what is on
screen), ``Invoke(s id, s key)``, ``Dismiss(s id)``, ``Expire(s id)``.
``--refuse`` answers every ``Notify`` with an error.
"""

from __future__ import annotations

import json
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

FREEDESKTOP = DBusAddress(
    "/org/freedesktop/Notifications",
    "org.freedesktop.Notifications",
    "org.freedesktop.Notifications",
)
PORTAL = DBusAddress(
    "/org/freedesktop/portal/desktop",
    "org.freedesktop.portal.Desktop",
    "org.freedesktop.portal.Notification",
)
shown: dict[str, dict[str, Any]] = {}
next_id = [41]


def plain(value: Any) -> Any:
    """Variants ((signature, value)) as plain JSON values."""
    if isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], str):
        return plain(value[1])
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


def freedesktop(conn: Any, msg: Any, member: str) -> None:
    if member == "Notify":
        if "--refuse" in sys.argv:
            conn.send(new_error(msg, "org.freedesktop.DBus.Error.Failed", "s", ("no",)))
            return
        app, _replaces, icon, title, body, actions, hints, timeout = msg.body
        next_id[0] += 1
        shown[str(next_id[0])] = {
            "app": app, "icon": icon, "title": title, "body": body, "actions": actions,
            "hints": plain(hints), "timeout": timeout,
        }  # fmt: skip
        conn.send(new_method_return(msg, "u", (next_id[0],)))
    elif member == "CloseNotification":
        if shown.pop(str(msg.body[0]), None) is not None:
            conn.send(new_signal(FREEDESKTOP, "NotificationClosed", "uu", (msg.body[0], 3)))
        conn.send(new_method_return(msg))


def portal(conn: Any, msg: Any, member: str) -> None:
    if member == "AddNotification":
        shown[msg.body[0]] = plain(msg.body[1])
    elif member == "RemoveNotification":
        shown.pop(msg.body[0], None)
    conn.send(new_method_return(msg))


def control(conn: Any, msg: Any, member: str) -> None:
    if member == "Shown":
        conn.send(new_method_return(msg, "s", (json.dumps(shown),)))
        return
    key = msg.body[0]
    shown.pop(key, None)
    if "--portal" in sys.argv:
        if member == "Invoke":
            conn.send(new_signal(PORTAL, "ActionInvoked", "ssav", (key, msg.body[1], [])))
    elif member == "Invoke":  # as GNOME does: the action, then the note closes
        conn.send(new_signal(FREEDESKTOP, "ActionInvoked", "us", (int(key), msg.body[1])))
        conn.send(new_signal(FREEDESKTOP, "NotificationClosed", "uu", (int(key), 2)))
    else:
        reason = 2 if member == "Dismiss" else 1
        conn.send(new_signal(FREEDESKTOP, "NotificationClosed", "uu", (int(key), reason)))
    conn.send(new_method_return(msg))


def answer(conn: Any, msg: Any) -> None:
    fields = msg.header.fields
    interface, member = fields.get(HeaderFields.interface), fields.get(HeaderFields.member)
    if interface == "org.presence.FakeNotify":
        control(conn, msg, member)
    elif interface == PORTAL.interface:
        portal(conn, msg, member)
    elif interface == FREEDESKTOP.interface:
        freedesktop(conn, msg, member)
    else:
        conn.send(new_error(msg, "org.freedesktop.DBus.Error.UnknownMethod", "s", (member,)))


def main() -> None:
    name = PORTAL.bus_name if "--portal" in sys.argv else FREEDESKTOP.bus_name
    serve(name, answer)


if __name__ == "__main__":
    main()
