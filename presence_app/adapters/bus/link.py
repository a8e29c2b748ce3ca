"""One D-Bus connection per bus, shared by every backend that talks to it.

Many backends talk to the same two buses: logind's lock and sleep signals
on the system bus; on the session bus the screen saver, Mutter's idle
time, KDE's do-not-disturb, the desktop notifications and the portals
(the global shortcut, start at login). Each bus gets one ``BusLink``, and
every backend on it uses that link, so the app holds at most one
connection per bus, however many backends there are.

Main ideas:

- jeepney does the handshake and the wire format (PySide6's QtDBus cannot
  send the struct arrays the portals need). The connection opens at the
  first use, not at start-up, and again at the next use after it was lost.
- Nothing waits in between: a ``QSocketNotifier`` on the connection's
  socket wakes the Qt loop only when the bus has sent something. No
  thread, no timer, no polling. Everything runs on the main thread.
- Four ways to talk, for what the backends need:
  ``ask`` sends a method call and waits for its reply, briefly (the
  questions right before a bell); ``call`` sends one and hands its reply
  or error to callbacks later; ``watch`` follows the signals a match rule
  selects (``AddMatch``), on every connection this link opens;
  ``watch_once`` hears one signal, such as a portal's ``Response``.
- Replies are told apart by their serial, so a reply that comes after its
  question gave up is recognised and dropped, and the connection is kept.
  Whatever arrives while a question waits (signals, other replies) is kept
  and handed out right after it, from the Qt loop, never inside it.
- A lost connection is logged, ``lost`` is emitted, and the next use
  opens a new one and asks again for every watched signal. Callbacks and
  handlers never raise at the app: an error is logged and the next
  message is handled as usual.
- Without a Qt application (the command line, some tests) questions still
  work; signals and the replies to ``call`` need the Qt loop.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from jeepney import HeaderFields, MessageType  # type: ignore[import-untyped]
from jeepney.bus_messages import message_bus  # type: ignore[import-untyped]
from jeepney.io.blocking import open_dbus_connection  # type: ignore[import-untyped]
from PySide6.QtCore import QCoreApplication, QObject, QSocketNotifier, QTimer, Signal

log = logging.getLogger(__name__)

TIMEOUT_S = 0.5
"""How long subscribing to a signal may take."""
BUS_ERRORS = (OSError, ValueError, KeyError, RuntimeError)
"""What reaching a bus can raise: no bus, a lost connection, no reply in time (an
OSError), an unusable address (ValueError, RuntimeError), no session bus named
(KeyError; ``BusLink`` says it as an OSError)."""

Handler = Callable[[Any], None]
ReplyHandler = Callable[[tuple[Any, ...]], None]
ErrorHandler = Callable[[str], None]


@dataclass(eq=False)
class _Watch:
    rule: Any
    handler: Handler
    once: bool
    """Heard once, then forgotten; never asked for again on a new connection."""


class BusLink(QObject):
    """The shared connection to one bus. Main thread only."""

    lost = Signal()
    """The connection ended without ``close`` (the bus went away)."""

    def __init__(self, bus: str, parent: QObject | None = None) -> None:
        """Remember the bus ("SESSION", "SYSTEM" or an address); nothing opens yet."""
        super().__init__(parent)
        self.bus = bus
        self._conn: Any = None
        self._notifier: QSocketNotifier | None = None
        self._watches: list[_Watch] = []
        self._replies: dict[int, tuple[ReplyHandler | None, ErrorHandler | None]] = {}
        self._pending: deque[Any] = deque()
        self._dispatching = False

    @property
    def is_open(self) -> bool:
        return self._conn is not None

    @property
    def unique_name(self) -> str:
        """The bus's name for this connection (":1.42"), opening it if needed."""
        return str(self.connection().unique_name)

    def connection(self) -> Any:
        """Return the open jeepney connection, opening it (and subscribing) if needed.

        Raises:
            OSError, ValueError, RuntimeError: the bus cannot be reached.
        """
        if self._conn is None:
            self._open()
        return self._conn

    def watch(self, rule: Any, handler: Handler) -> None:
        """Call ``handler(message)`` for every signal matching ``rule`` (a ``MatchRule``).

        Raises:
            OSError, ValueError, RuntimeError: the bus cannot be reached now
                (the rule is still kept, and asked for again when the
                connection opens).
        """
        self._watches.append(_Watch(rule, handler, once=False))
        had_connection = self._conn is not None
        self.connection()  # a new connection subscribes every rule itself
        if had_connection:
            self._subscribe(rule)

    def watch_once(self, rule: Any, handler: Handler) -> None:
        """Call ``handler(message)`` for the first signal matching ``rule``, then forget it.

        The bus is asked for the signal without waiting for its reply: it
        handles one connection's messages in order, so a method call sent
        next cannot be answered before the rule holds.

        Raises:
            OSError, ValueError, RuntimeError: the bus cannot be reached.
        """
        self.connection()
        self._watches.append(_Watch(rule, handler, once=True))
        self.call(message_bus.AddMatch(rule), on_error=self._on_refused_match)

    def unwatch(self, handler: Handler) -> None:
        """Stop calling ``handler``; the bus stops sending what only it wanted."""
        gone = [watch for watch in self._watches if watch.handler == handler]
        for watch in gone:
            self._forget(watch)

    def ask(self, message: Any, timeout: float) -> Any:
        """Send a method call and return its reply (a jeepney message, maybe an error).

        Raises:
            OSError (TimeoutError included), ValueError, RuntimeError: no
                bus, a lost connection, or no reply within ``timeout`` seconds.
        """
        conn = self.connection()
        serial = next(conn.outgoing_serial)
        deadline = time.monotonic() + timeout
        try:
            conn.send(message, serial=serial)
            while True:
                incoming = conn.receive(timeout=max(0.0, deadline - time.monotonic()))
                if incoming.header.fields.get(HeaderFields.reply_serial) == serial:
                    return incoming
                self._pending.append(incoming)
        except TimeoutError:
            raise  # the connection stays; a late reply is known by its serial and dropped
        except (OSError, ValueError, RuntimeError) as error:
            self._lose(error)
            raise
        finally:
            if self._notifier is not None:
                # The wait may have read messages, or the start of one, past the reply.
                QTimer.singleShot(0, self, self._on_readable)

    def call(
        self,
        message: Any,
        on_reply: ReplyHandler | None = None,
        on_error: ErrorHandler | None = None,
    ) -> None:
        """Send a method call; its reply's body goes to ``on_reply``, an error to ``on_error``.

        A connection lost while sending is told through ``lost``.

        Raises:
            OSError, ValueError, RuntimeError: the bus cannot be reached.
        """
        conn = self.connection()
        serial = next(conn.outgoing_serial)
        if on_reply is not None or on_error is not None:
            self._replies[serial] = (on_reply, on_error)
        try:
            conn.send(message, serial=serial)
        except OSError as error:
            self._lose(error)

    def close(self) -> None:
        """Close the connection; the next use opens a new one. ``lost`` is not emitted."""
        self._drop()
        self._pending.clear()

    def _open(self) -> None:
        try:
            conn = open_dbus_connection(self.bus)
        except KeyError as error:
            raise OSError("DBUS_SESSION_BUS_ADDRESS is not set") from error
        self._conn = conn
        try:
            for watch in self._watches:
                self._subscribe(watch.rule)
        except BaseException:
            self._drop()
            raise
        if QCoreApplication.instance() is not None:  # else only questions: nothing would listen
            self._notifier = QSocketNotifier(conn.sock.fileno(), QSocketNotifier.Type.Read, self)
            self._notifier.activated.connect(self._on_readable)
            # Subscribing may have read signals already; hand them out soon.
            QTimer.singleShot(0, self, self._on_readable)

    def _subscribe(self, rule: Any) -> None:
        reply = self.ask(message_bus.AddMatch(rule), TIMEOUT_S)
        if reply.header.message_type == MessageType.error:
            raise RuntimeError(f"the bus refused to pass on signals: {reply.body}")

    def _forget(self, watch: _Watch) -> None:
        if watch in self._watches:
            self._watches.remove(watch)
            if self._conn is not None:
                self.call(message_bus.RemoveMatch(watch.rule))

    def _on_refused_match(self, error_name: str) -> None:
        log.info("the %s bus refused to pass on a signal (%s)", _name(self.bus), error_name)

    def _on_readable(self) -> None:
        """Read whatever the bus sent, then hand it out."""
        conn = self._conn
        try:
            while conn is not None and conn is self._conn:
                self._pending.append(conn.receive(timeout=0))
        except TimeoutError:
            pass  # everything sent so far is read
        except (OSError, ValueError, RuntimeError) as error:
            self._lose(error)
        self._dispatch()

    def _dispatch(self) -> None:
        if self._dispatching:
            return  # a handler asked a question; the outer loop goes on
        self._dispatching = True
        try:
            while self._pending:
                self._deliver(self._pending.popleft())
        finally:
            self._dispatching = False

    def _deliver(self, message: Any) -> None:
        kind = message.header.message_type
        fields = message.header.fields
        if kind == MessageType.signal:
            for watch in list(self._watches):
                if watch in self._watches and watch.rule.matches(message):
                    if watch.once:
                        self._forget(watch)
                    self._call(watch.handler, message)
            return
        if kind not in (MessageType.method_return, MessageType.error):
            return  # nobody calls methods on Presence
        on_reply, on_error = self._replies.pop(fields.get(HeaderFields.reply_serial), (None, None))
        if kind == MessageType.error and on_error is not None:
            self._call(on_error, str(fields.get(HeaderFields.error_name)))
        elif kind == MessageType.method_return and on_reply is not None:
            self._call(on_reply, tuple(message.body))

    def _call(self, handler: Callable[[Any], None], argument: Any) -> None:
        try:
            handler(argument)
        except Exception:  # a message must never take the app down
            log.exception("a message from the %s bus could not be handled", _name(self.bus))

    def _lose(self, error: BaseException) -> None:
        log.info("the connection to the %s bus ended (%s)", _name(self.bus), error)
        self._drop()
        self.lost.emit()

    def _drop(self) -> None:
        """Forget the connection and all it was waiting for; lasting watches stay."""
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
        if self._conn is not None:
            conn, self._conn = self._conn, None
            conn.close()
        self._replies.clear()
        self._watches = [watch for watch in self._watches if not watch.once]


def link_to(bus: str | BusLink, parent: QObject | None = None) -> BusLink:
    """Return the shared link as it is, or a new link of its own to the bus named."""
    return BusLink(bus, parent) if isinstance(bus, str) else bus


def _name(bus: str) -> str:
    return bus.lower() if bus in ("SESSION", "SYSTEM") else bus
