"""The loop every fake D-Bus service in these tests runs.

Imported by the fake service programs (``fake_*.py``), which run as
scripts beside this file: own a well-known name on the bus given as the
first argument, print READY (``dbus_support.service`` waits for it), then
hand each method call to the fake until the test stops the process.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from jeepney import MessageType  # type: ignore[import-untyped]
from jeepney.bus_messages import message_bus  # type: ignore[import-untyped]
from jeepney.io.blocking import open_dbus_connection  # type: ignore[import-untyped]


def serve(name: str, answer: Callable[[Any, Any], None]) -> None:
    """Own ``name`` on the bus ``sys.argv[1]``; call ``answer(conn, msg)`` per method call."""
    conn = open_dbus_connection(sys.argv[1])
    reply = conn.send_and_get_reply(message_bus.RequestName(name))
    assert reply.body == (1,), reply.body
    sys.stdout.write("READY\n")
    sys.stdout.flush()
    while True:
        msg = conn.receive()
        if msg.header.message_type == MessageType.method_call:
            answer(conn, msg)
