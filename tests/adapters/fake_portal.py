"""A fake org.freedesktop.portal.Desktop for the portal backend's tests.

Run as a program on a private bus: ``python fake_portal.py ADDRESS [--without-shortcuts]``.
It owns the portal's name, prints READY, and then answers the Registry and
GlobalShortcuts calls the way a real portal does (a request path, then a
Response signal on it). It records every call, and a small control
interface lets the test read them and make the "desktop" press the
shortcut:

- ``org.presence.FakePortal.Calls() -> s``: the calls so far, as JSON.
- ``org.presence.FakePortal.Press(s id)``: emit ``Activated`` for the last session.
- ``org.presence.FakePortal.ChangeTrigger(s description)``: the user changed
  the trigger in the desktop's settings (emits ``ShortcutsChanged``).
- ``org.presence.FakePortal.AnswerBindWith(u code)``: the Response code for binds.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from jeepney import (  # type: ignore[import-untyped]
    DBusAddress,
    HeaderFields,
    MessageType,
    new_error,
    new_method_return,
    new_signal,
)
from jeepney.bus_messages import message_bus  # type: ignore[import-untyped]
from jeepney.io.blocking import open_dbus_connection  # type: ignore[import-untyped]

PATH = "/org/freedesktop/portal/desktop"
SHORTCUTS = "org.freedesktop.portal.GlobalShortcuts"


class FakePortal:
    def __init__(self, conn: Any, *, with_shortcuts: bool) -> None:
        self.conn = conn
        self.with_shortcuts = with_shortcuts
        self.calls: list[list[Any]] = []
        self.session: str | None = None
        self.bound: list[Any] = []
        self.bind_code = 0

    def handle(self, msg: Any) -> None:
        fields = msg.header.fields
        interface = fields.get(HeaderFields.interface)
        member = fields.get(HeaderFields.member)
        if interface == "org.presence.FakePortal":
            self.control(msg, member)
            return
        if member == "Close":
            self.calls.append([member, fields[HeaderFields.path]])
        else:
            self.calls.append(_record(member, msg.body))
        if interface == SHORTCUTS and not self.with_shortcuts:
            error = "org.freedesktop.DBus.Error.UnknownMethod"
            self.conn.send(new_error(msg, error, "s", (f"No such interface {interface}",)))
        elif member == "Register" or member == "Close":
            self.conn.send(new_method_return(msg))
        elif member in ("CreateSession", "BindShortcuts", "ListShortcuts"):
            self.answer_request(msg, member)
        else:
            self.conn.send(new_error(msg, "org.freedesktop.DBus.Error.UnknownMethod"))

    def answer_request(self, msg: Any, member: str) -> None:
        sender = msg.header.fields[HeaderFields.sender][1:].replace(".", "_")
        options = msg.body[-1]
        request = f"{PATH}/request/{sender}/{options['handle_token'][1]}"
        self.conn.send(new_method_return(msg, "o", (request,)))
        code, results = 0, {}
        if member == "CreateSession":
            token = options["session_handle_token"][1]
            self.session = f"{PATH}/session/{sender}/{token}"
            results = {"session_handle": ("s", self.session)}
        elif member == "BindShortcuts":
            code = self.bind_code
            self.bound = [
                (name, {"trigger_description": ("s", props["preferred_trigger"][1])})
                for name, props in msg.body[1]
            ]
            results = {"shortcuts": ("a(sa{sv})", self.bound)}
        else:
            results = {"shortcuts": ("a(sa{sv})", self.bound)}
        emitter = DBusAddress(request, interface="org.freedesktop.portal.Request")
        self.conn.send(new_signal(emitter, "Response", "ua{sv}", (code, results)))

    def control(self, msg: Any, member: str) -> None:
        if member == "Calls":
            self.conn.send(new_method_return(msg, "s", (json.dumps(self.calls),)))
            return
        if member == "Press":
            emitter = DBusAddress(PATH, interface=SHORTCUTS)
            body = (self.session, msg.body[0], 1234, {})
            self.conn.send(new_signal(emitter, "Activated", "osta{sv}", body))
        elif member == "ChangeTrigger":
            emitter = DBusAddress(PATH, interface=SHORTCUTS)
            self.bound = [("pause", {"trigger_description": ("s", msg.body[0])})]
            body = (self.session, self.bound)
            self.conn.send(new_signal(emitter, "ShortcutsChanged", "oa(sa{sv})", body))
        elif member == "AnswerBindWith":
            self.bind_code = msg.body[0]
        self.conn.send(new_method_return(msg))


def _record(member: str, body: tuple[Any, ...]) -> list[Any]:
    """Describe a call as plain JSON values, without D-Bus variant signatures."""
    if not body:
        return [member]
    *args, options = body
    if member == "BindShortcuts":
        session, shortcuts, parent_window = args
        args = [session, [[name, _unwrap(props)] for name, props in shortcuts], parent_window]
    return [member, *args, _unwrap(options)] if isinstance(options, dict) else [member, *body]


def _unwrap(options: dict[str, tuple[str, Any]]) -> dict[str, Any]:
    return {key: value for key, (_, value) in options.items()}


def main() -> None:
    conn = open_dbus_connection(sys.argv[1])
    reply = conn.send_and_get_reply(message_bus.RequestName("org.freedesktop.portal.Desktop"))
    assert reply.body == (1,), reply.body
    portal = FakePortal(conn, with_shortcuts="--without-shortcuts" not in sys.argv)
    sys.stdout.write("READY\n")
    sys.stdout.flush()
    while True:
        msg = conn.receive()
        if msg.header.message_type == MessageType.method_call:
            portal.handle(msg)


if __name__ == "__main__":
    main()
