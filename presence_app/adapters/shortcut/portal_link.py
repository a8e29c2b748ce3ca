"""A D-Bus connection for desktop portal requests, read on the Qt main thread.

The portal answers most calls twice: at once with the path of a request
object, and later with a ``Response`` signal on that path (after the user
has answered a dialog, say). This module hides that dance.

Main ideas:

- jeepney does the connection and the wire format (PySide6's QtDBus cannot
  send the struct arrays the portal needs). After jeepney's blocking
  handshake, a ``QSocketNotifier`` on the socket feeds jeepney's I/O-free
  parser, so every message is handled on the Qt main thread, no thread.
- The request path can be predicted from our unique bus name and a token we
  choose. The match rule for its ``Response`` is added *before* the call,
  so a quick answer cannot slip past us (the bus handles one connection's
  messages in order).
- Method errors (no portal, no such interface) go to the caller's
  ``on_error``; a closed connection goes to ``on_lost``.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable
from typing import Any

from jeepney import (  # type: ignore[import-untyped]  # jeepney ships no type hints
    HeaderFields,
    MatchRule,
    MessageType,
    new_method_call,
)
from jeepney.bus_messages import message_bus  # type: ignore[import-untyped]
from jeepney.io.blocking import open_dbus_connection  # type: ignore[import-untyped]
from PySide6.QtCore import QObject, QSocketNotifier

log = logging.getLogger(__name__)

REQUEST_PREFIX = "/org/freedesktop/portal/desktop/request"

ResponseHandler = Callable[[int, dict[str, Any]], None]
ErrorHandler = Callable[[str], None]
ReplyHandler = Callable[[tuple[Any, ...]], None]
SignalHandler = Callable[[str, str, tuple[Any, ...]], None]


class PortalLink(QObject):
    """One session-bus connection, read by the Qt loop. Main thread only."""

    def __init__(
        self,
        bus: str,
        on_signal: SignalHandler,
        on_lost: Callable[[], None],
        parent: QObject | None = None,
    ) -> None:
        """Connect to ``bus`` ("SESSION" or a D-Bus address).

        Raises:
            OSError: there is no session bus, or nobody listens at the address.
        """
        super().__init__(parent)
        try:
            self._conn: Any = open_dbus_connection(bus)
        except KeyError as error:
            raise OSError("DBUS_SESSION_BUS_ADDRESS is not set") from error
        except ValueError as error:
            raise OSError(f"unusable D-Bus address: {error}") from error
        self._on_signal = on_signal
        self._on_lost = on_lost
        self._requests: dict[str, ResponseHandler] = {}
        self._errors: dict[int, ErrorHandler] = {}
        self._replies: dict[int, ReplyHandler] = {}
        self._notifier = QSocketNotifier(self._conn.sock.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._on_readable)

    @property
    def is_open(self) -> bool:
        return self._conn is not None

    def add_match(self, rule: Any) -> None:
        """Ask the bus to send us the signals ``rule`` (a jeepney MatchRule) matches."""
        self.call(message_bus, "AddMatch", "s", (rule.serialise(),))

    def call(
        self,
        address: Any,
        method: str,
        signature: str | None,
        body: tuple[Any, ...],
        on_error: ErrorHandler | None = None,
        on_reply: ReplyHandler | None = None,
    ) -> None:
        """Send a method call; its reply's body goes to ``on_reply``, an error to ``on_error``."""
        if self._conn is None:
            return
        serial = next(self._conn.outgoing_serial)
        if on_error is not None:
            self._errors[serial] = on_error
        if on_reply is not None:
            self._replies[serial] = on_reply
        try:
            self._conn.send(new_method_call(address, method, signature, body), serial=serial)
        except OSError:
            self._lose()

    def request(
        self,
        address: Any,
        method: str,
        signature: str,
        args: tuple[Any, ...],
        *,
        on_response: ResponseHandler,
        on_error: ErrorHandler,
        options: dict[str, tuple[str, Any]] | None = None,
    ) -> None:
        """Call a portal method whose answer comes as a ``Response`` signal.

        The last argument of such methods is an options dict; ``handle_token``
        is added to ``options`` here.
        """
        if self._conn is None:
            return
        token = new_token()
        sender = self._conn.unique_name[1:].replace(".", "_")
        path = f"{REQUEST_PREFIX}/{sender}/{token}"
        rule = MatchRule(
            type="signal", interface="org.freedesktop.portal.Request", member="Response", path=path
        )
        self.add_match(rule)
        self._requests[path] = on_response
        full_options = {**(options or {}), "handle_token": ("s", token)}
        self.call(address, method, signature, (*args, full_options), on_error=on_error)

    def forget_requests(self) -> None:
        """Drop the answers still awaited; they no longer matter."""
        self._requests.clear()

    def close(self) -> None:
        if self._conn is None:
            return
        self._notifier.setEnabled(False)
        with contextlib.suppress(OSError):
            self._conn.close()
        self._conn = None

    def _on_readable(self) -> None:
        if self._conn is None:
            return
        try:
            data = self._conn.sock.recv(65536)
        except OSError:
            data = b""
        if not data:
            self._lose()
            return
        self._conn.parser.add_data(data)
        while self._conn is not None and (message := self._conn.parser.get_next_message()):
            self._dispatch(message)

    def _dispatch(self, message: Any) -> None:
        fields = message.header.fields
        kind = message.header.message_type
        if kind in (MessageType.error, MessageType.method_return):
            serial = fields.get(HeaderFields.reply_serial)
            on_error = self._errors.pop(serial, None)
            on_reply = self._replies.pop(serial, None)
            if on_error is not None and kind == MessageType.error:
                on_error(str(fields.get(HeaderFields.error_name)))
            elif on_reply is not None and kind == MessageType.method_return:
                on_reply(tuple(message.body))
        elif kind == MessageType.signal:
            member, path = fields.get(HeaderFields.member), fields.get(HeaderFields.path)
            if member == "Response" and path in self._requests:
                self._requests.pop(path)(int(message.body[0]), dict(message.body[1]))
            else:
                self._on_signal(member, path, message.body)

    def _lose(self) -> None:
        log.warning("the D-Bus connection to the desktop portal was closed")
        self.close()
        self._on_lost()


def new_token() -> str:
    """Return a fresh token, valid as one element of an object path."""
    return f"presence_{os.urandom(6).hex()}"
