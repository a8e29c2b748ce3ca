"""A minimal org.kde.StatusNotifierWatcher for end-to-end tests.

Run as ``python fake_sni_watcher.py``, with DBUS_SESSION_BUS_ADDRESS pointing
at a private bus. It owns the watcher name, claims that a host is
registered (so Qt chooses its D-Bus tray), and prints one line
``REGISTERED <service> <path>`` for every item that registers, so the test
can find the app's icon and ask for its menu. It stops when its stdin closes
or it is terminated.
"""

from __future__ import annotations

import sys

from jeepney import HeaderFields, MessageType, new_error, new_method_return, new_signal
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import open_dbus_connection
from jeepney.low_level import Message
from jeepney.wrappers import DBusAddress

WATCHER = "org.kde.StatusNotifierWatcher"
PATH = "/StatusNotifierWatcher"
PROPERTIES = "org.freedesktop.DBus.Properties"


class Watcher:
    def __init__(self) -> None:
        self.connection = open_dbus_connection(bus="SESSION")
        self.connection.send_and_get_reply(message_bus.RequestName(WATCHER))
        self.items: list[str] = []

    def properties(self) -> dict[str, tuple[str, object]]:
        return {
            "RegisteredStatusNotifierItems": ("as", list(self.items)),
            "IsStatusNotifierHostRegistered": ("b", True),
            "ProtocolVersion": ("i", 0),
        }

    def answer(self, message: Message) -> Message:
        fields = message.header.fields
        member = fields.get(HeaderFields.member)
        interface = fields.get(HeaderFields.interface)
        if interface == PROPERTIES and member == "Get":
            _, name = message.body
            if name in self.properties():
                return new_method_return(message, "v", (self.properties()[name],))
        elif interface == PROPERTIES and member == "GetAll":
            return new_method_return(message, "a{sv}", (self.properties(),))
        elif member == "RegisterStatusNotifierItem":
            return self.register(message)
        elif member == "RegisterStatusNotifierHost":
            return new_method_return(message)
        elif member == "Introspect":
            return new_method_return(message, "s", (INTROSPECTION,))
        return new_error(message, "org.freedesktop.DBus.Error.UnknownMethod", "s", ("no",))

    def register(self, message: Message) -> Message:
        (argument,) = message.body
        sender = message.header.fields[HeaderFields.sender]
        service, path = (
            (sender, argument) if argument.startswith("/") else (argument, "/StatusNotifierItem")
        )
        self.items.append(f"{service}{path}")
        print(f"REGISTERED {service} {path}", flush=True)
        signal = new_signal(
            DBusAddress(PATH, interface=WATCHER), "StatusNotifierItemRegistered", "s", (service,)
        )
        self.connection.send(signal)
        return new_method_return(message)

    def serve(self) -> None:
        print("READY", flush=True)
        while True:
            message = self.connection.receive()
            if message.header.message_type is MessageType.method_call:
                self.connection.send(self.answer(message))


INTROSPECTION = """<node><interface name="org.kde.StatusNotifierWatcher">
<method name="RegisterStatusNotifierItem"><arg type="s" direction="in"/></method>
<method name="RegisterStatusNotifierHost"><arg type="s" direction="in"/></method>
<property name="RegisteredStatusNotifierItems" type="as" access="read"/>
<property name="IsStatusNotifierHostRegistered" type="b" access="read"/>
<property name="ProtocolVersion" type="i" access="read"/>
<signal name="StatusNotifierItemRegistered"><arg type="s"/></signal>
</interface></node>"""


if __name__ == "__main__":
    try:
        Watcher().serve()
    except (KeyboardInterrupt, BrokenPipeError):
        sys.exit(0)
