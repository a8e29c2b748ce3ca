"""One D-Bus connection per bus, shared: questions asked and signals heard.

Several backends listen to the same bus: logind's lock and sleep signals
on the system bus; the screen saver's ``ActiveChanged`` and its idle time
on the session bus. Each bus gets one ``BusLink``, and every backend on
that bus uses it, so the app holds at most one connection per bus.

Main ideas:

- A blocking jeepney connection, opened at the first use. Signals cost
  nothing until they come: a ``QSocketNotifier`` on the connection's
  socket wakes the Qt loop only when the bus has sent something. No
  thread, no timer, no polling.
- ``watch(rule, handler)`` asks the bus for the signals ``rule`` matches
  (``AddMatch``) and calls ``handler(message)`` for each, on the main
  thread. If the connection is lost it is opened again at the next use,
  and every rule is asked for again.
- Questions (``BusQuestion`` in ``bus``) go over the same connection. A
  signal that arrives while a question waits for its reply is kept and
  handed out right after, from the Qt loop, never inside the question.
- Never raises at the app from a signal: a handler's error is logged and
  the next signal is handled as usual.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable
from typing import Any

from jeepney import MatchRule, MessageType  # type: ignore[import-untyped]
from jeepney.bus_messages import message_bus  # type: ignore[import-untyped]
from jeepney.io.blocking import open_dbus_connection  # type: ignore[import-untyped]
from PySide6.QtCore import QObject, QSocketNotifier, QTimer

log = logging.getLogger(__name__)

TIMEOUT_S = 0.5
"""How long subscribing to a signal may take."""

Handler = Callable[[Any], None]


class BusLink(QObject):
    """The shared connection to one bus. Main thread only."""

    def __init__(self, bus: str, parent: QObject | None = None) -> None:
        """Remember the bus ("SESSION", "SYSTEM" or an address); nothing opens yet."""
        super().__init__(parent)
        self.bus = bus
        self._conn: Any = None
        self._notifier: QSocketNotifier | None = None
        self._watches: list[tuple[Any, Handler]] = []
        self._pending: deque[Any] = deque()
        self._dispatching = False

    def connection(self) -> Any:
        """Return the open connection, opening it (and subscribing) if needed.

        Raises:
            OSError, ValueError, KeyError, RuntimeError: the bus cannot be reached.
        """
        if self._conn is None:
            conn = open_dbus_connection(self.bus)
            # Signals read while a question waits for its reply land here.
            conn.filter(MatchRule(type=MessageType.signal), queue=self._pending)
            self._conn = conn
            try:
                for rule, _handler in self._watches:
                    self._subscribe(rule)
            except BaseException:
                self.close()
                raise
            self._notifier = QSocketNotifier(conn.sock.fileno(), QSocketNotifier.Type.Read, self)
            self._notifier.activated.connect(self._on_readable)
        return self._conn

    def watch(self, rule: Any, handler: Handler) -> None:
        """Call ``handler(message)`` for every signal matching ``rule`` (a ``MatchRule``).

        Raises:
            OSError, ValueError, KeyError, RuntimeError: the bus cannot be
                reached now (the rule is still kept, and asked for again
                when the connection opens).
        """
        self._watches.append((rule, handler))
        had_connection = self._conn is not None
        self.connection()  # a new connection subscribes every rule itself
        if had_connection:
            self._subscribe(rule)

    def ask(self, message: Any, timeout: float) -> Any:
        """Send a method call and return its reply (a jeepney message).

        Raises:
            OSError (TimeoutError included), ValueError, KeyError,
                RuntimeError: no bus, a lost connection or no reply in time.
        """
        try:
            reply = self.connection().send_and_get_reply(message, timeout=timeout)
        except (OSError, ValueError, KeyError, RuntimeError):
            self.close()  # a late reply must not be taken for the next one's
            raise
        # The wait may have read signals, or the start of one, past the reply.
        QTimer.singleShot(0, self, self._on_readable)
        return reply

    def close(self) -> None:
        """Close the connection; the next use opens a new one."""
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
        if self._conn is not None:
            conn, self._conn = self._conn, None
            conn.close()

    def _subscribe(self, rule: Any) -> None:
        reply = self._conn.send_and_get_reply(message_bus.AddMatch(rule), timeout=TIMEOUT_S)
        if reply.header.message_type == MessageType.error:
            raise RuntimeError(f"the bus refused to pass on signals: {reply.body}")

    def _on_readable(self) -> None:
        """Read whatever the bus sent, then hand out the signals."""
        conn = self._conn
        try:
            while conn is not None:
                message = conn.receive(timeout=0)
                if message.header.message_type == MessageType.signal:
                    self._pending.append(message)
        except TimeoutError:
            pass  # everything sent so far is read
        except (OSError, ValueError, RuntimeError) as error:
            log.info("the connection to the %s bus ended (%s)", _name(self.bus), error)
            self.close()
        self._dispatch()

    def _dispatch(self) -> None:
        if self._dispatching:
            return  # a handler asked a question; the outer loop goes on
        self._dispatching = True
        try:
            while self._pending:
                message = self._pending.popleft()
                for rule, handler in list(self._watches):
                    if rule.matches(message):
                        self._call(handler, message)
        finally:
            self._dispatching = False

    def _call(self, handler: Handler, message: Any) -> None:
        try:
            handler(message)
        except Exception:  # a signal must never take the app down
            log.exception("a signal from the %s bus could not be handled", _name(self.bus))


def _name(bus: str) -> str:
    return bus.lower() if bus in ("SESSION", "SYSTEM") else bus
