"""A fake org.freedesktop.portal.Desktop that offers the Background portal.

Run as a program on a private bus: ``python fake_background_portal.py ADDRESS``.
It answers ``RequestBackground`` the way xdg-desktop-portal does: at once
with the request's object path, then with a ``Response`` signal on that
path. It records every call; a small control interface lets the test read
them and choose the answer (the user allowing, refusing or closing the
desktop's dialog):

- ``org.presence.FakePortal.Calls() -> s``: the calls so far, as JSON.
- ``org.presence.FakePortal.AnswerWith(u code, b allow)``: the next answers'
  response code (0 done, 1 cancelled, 2 other) and whether autostart is allowed.
"""

from __future__ import annotations

import json
from typing import Any

from fake_bus_service import serve  # a sibling: this file runs as a script
from jeepney import (  # type: ignore[import-untyped]
    DBusAddress,
    HeaderFields,
    new_error,
    new_method_return,
    new_signal,
)

PATH = "/org/freedesktop/portal/desktop"
calls: list[list[Any]] = []
answer = {"code": 0, "allow": True}


def handle(conn: Any, msg: Any) -> None:
    fields = msg.header.fields
    member = fields.get(HeaderFields.member)
    if fields.get(HeaderFields.interface) == "org.presence.FakePortal":
        if member == "Calls":
            conn.send(new_method_return(msg, "s", (json.dumps(calls),)))
            return
        answer["code"], answer["allow"] = msg.body
        conn.send(new_method_return(msg))
        return
    if member != "RequestBackground":
        conn.send(new_error(msg, "org.freedesktop.DBus.Error.UnknownMethod"))
        return
    parent_window, options = msg.body
    calls.append([member, parent_window, {key: value for key, (_, value) in options.items()}])
    sender = fields[HeaderFields.sender][1:].replace(".", "_")
    request = f"{PATH}/request/{sender}/{options['handle_token'][1]}"
    conn.send(new_method_return(msg, "o", (request,)))
    asked = bool(options["autostart"][1])
    results = {"background": ("b", True), "autostart": ("b", asked and bool(answer["allow"]))}
    emitter = DBusAddress(request, interface="org.freedesktop.portal.Request")
    conn.send(new_signal(emitter, "Response", "ua{sv}", (answer["code"], results)))


if __name__ == "__main__":
    serve("org.freedesktop.portal.Desktop", handle)
