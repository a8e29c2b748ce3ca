"""The command socket's listener on POSIX: a Unix socket that stays up.

Qt's ``QLocalServer`` closes itself, and removes its socket file, the first
time ``accept`` fails; when the process runs out of file handles (EMFILE),
every command after that would find no app. This listener is a plain
``AF_UNIX`` socket watched by ``QSocketNotifier`` (no polling), so every
failure is ours to handle:

- ``accept`` failing for want of handles or memory pauses accepting for a
  moment (``RETRY_MS``), closes the connections that have been silent for a
  second (at least the longest-idle one) to make room, logs what happened,
  and carries on. The socket is never given up.
- At most ``MAX_CONNECTIONS`` are open: a new one beyond that closes the
  longest-idle one. A connection silent for ``IDLE_TIMEOUT`` is closed. One
  single-shot timer watches the earliest deadline, and only while
  connections are open.
- On Linux a connection from another user is refused (``SO_PEERCRED``),
  though the private folder should already keep them out.

Each line received is handed to ``answer`` (which must not raise; if it
does, the client gets a calm failure and the log the traceback), and its
reply is written back as one line. Main thread only.
"""

from __future__ import annotations

import errno
import json
import logging
import os
import socket
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSocketNotifier, QTimer

from presence_app.i18n import N_, _
from presence_app.ipcclient import MAX_LINE
from presence_app.runtimedir import peer_uid

log = logging.getLogger(__name__)

MAX_CONNECTIONS = 128
IDLE_TIMEOUT = 10.0
"""Seconds a connection may stay silent (the client sends at once)."""
RETRY_MS = 100
"""How long accepting pauses after running out of file handles."""
SHORTAGE_IDLE = 1.0
"""When handles run out, connections silent this long are closed (a client
sends its request at once)."""
_SHORT_OF_RESOURCES = {errno.EMFILE, errno.ENFILE, errno.ENOBUFS, errno.ENOMEM}
FAILED_ERROR = N_("Presence ran into a problem with that command.")
"""The error of a command that failed, in English (translated as it is sent)."""

Answer = Callable[[bytes], dict[str, Any]]


@dataclass(eq=False)
class _Connection:
    sock: socket.socket
    reader: QSocketNotifier
    writer: QSocketNotifier
    last_active: float
    received: bytes = b""
    pending: bytes = b""
    closing: bool = False


class SocketServer(QObject):
    """A Unix-socket listener that recovers from running out of handles."""

    def __init__(
        self,
        answer: Answer,
        parent: QObject | None = None,
        *,
        max_connections: int = MAX_CONNECTIONS,
        idle_timeout: float = IDLE_TIMEOUT,
    ) -> None:
        super().__init__(parent)
        self._answer = answer
        self._max = max_connections
        self._idle = idle_timeout
        self._listener: socket.socket | None = None
        self._notifier: QSocketNotifier | None = None
        self._inode: int | None = None
        self._path: Path | None = None
        self._connections: list[_Connection] = []
        self._idle_timer = QTimer(self)
        self._idle_timer.setSingleShot(True)
        self._idle_timer.timeout.connect(self._close_idle)
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.timeout.connect(self._resume)
        self.accept_failures = 0

    @property
    def is_listening(self) -> bool:
        return self._listener is not None

    @property
    def connection_count(self) -> int:
        return len(self._connections)

    def listen(self, path: Path) -> None:
        """Bind and listen at ``path`` (nothing may be there).

        Raises:
            OSError: the socket cannot be made there.
        """
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            listener.bind(str(path))
            os.chmod(path, 0o600)
            listener.listen(64)
            listener.setblocking(False)
        except BaseException:
            listener.close()
            raise
        self._listener, self._path = listener, path
        self._inode = os.lstat(path).st_ino
        self._notifier = QSocketNotifier(listener.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._on_acceptable)

    def close(self) -> None:
        """Stop listening, remove the socket file (if still ours), end every connection.

        Replies already written still reach their clients.
        """
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
        if self._listener is not None:
            self._listener.close()
            self._listener = None
            self._remove_file()
        self._retry.stop()
        for connection in list(self._connections):
            self._flush(connection)
            self._drop(connection)

    def _remove_file(self) -> None:
        assert self._path is not None
        try:
            info = os.lstat(self._path)
            if stat.S_ISSOCK(info.st_mode) and info.st_ino == self._inode:
                self._path.unlink()
        except OSError:
            pass

    # --- accepting ---------------------------------------------------------

    def _on_acceptable(self) -> None:
        while self._listener is not None:
            try:
                sock, _ = self._listener.accept()
            except BlockingIOError:
                return
            except OSError as error:
                if error.errno in _SHORT_OF_RESOURCES:
                    self._short_of_resources(error)
                    return
                log.warning("a command connection could not be accepted: %s", error)
                continue
            self._admit(sock)

    def _short_of_resources(self, error: OSError) -> None:
        """Pause accepting a moment and make room; the socket stays."""
        self.accept_failures += 1
        if self.accept_failures == 1 or self.accept_failures % 100 == 0:
            log.warning(
                "command connections could not be accepted (%s; %d open; %d times so far); "
                "closing the idle ones and trying again shortly",
                error.strerror,
                len(self._connections),
                self.accept_failures,
            )
        limit = time.monotonic() - SHORTAGE_IDLE
        silent = [c for c in self._connections if c.last_active <= limit]
        if not silent and self._connections:
            silent = [min(self._connections, key=lambda c: c.last_active)]
        for connection in silent:
            self._drop(connection)
        if self._notifier is not None:
            self._notifier.setEnabled(False)
        self._retry.start(RETRY_MS)

    def _resume(self) -> None:
        if self._notifier is not None:
            self._notifier.setEnabled(True)
            self._on_acceptable()

    def _admit(self, sock: socket.socket) -> None:
        try:
            uid = peer_uid(sock)
        except OSError:
            uid = None
        if uid is not None and hasattr(os, "getuid") and uid != os.getuid():
            log.warning("a command connection from user %d was refused", uid)
            sock.close()
            return
        if len(self._connections) >= self._max:
            oldest = min(self._connections, key=lambda c: c.last_active)
            log.info("%d command connections open; closing the longest-idle one", self._max)
            self._drop(oldest)
        sock.setblocking(False)
        reader = QSocketNotifier(sock.fileno(), QSocketNotifier.Type.Read, self)
        writer = QSocketNotifier(sock.fileno(), QSocketNotifier.Type.Write, self)
        writer.setEnabled(False)
        connection = _Connection(sock, reader, writer, time.monotonic())
        reader.activated.connect(lambda *_: self._on_readable(connection))
        writer.activated.connect(lambda *_: self._on_writable(connection))
        self._connections.append(connection)
        self._arm_idle_timer()

    # --- one connection ----------------------------------------------------

    def _on_readable(self, connection: _Connection) -> None:
        try:
            data = connection.sock.recv(65536)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        if not data:
            self._drop(connection)
            return
        connection.last_active = time.monotonic()
        buffer = connection.received + data
        while b"\n" in buffer and not connection.closing:
            line, buffer = buffer.split(b"\n", 1)
            if line.strip():
                self._send(connection, self._reply(line))
        if len(buffer) > MAX_LINE and not connection.closing:
            self._send(connection, {"ok": False, "error": _("The request was too long.")})
            connection.closing = True
            buffer = b""
        connection.received = buffer
        if connection.closing and not connection.pending:
            self._drop(connection)
        self._arm_idle_timer()

    def _reply(self, line: bytes) -> dict[str, Any]:
        try:
            return self._answer(line)
        except Exception:  # the listener must outlive any bug in a handler
            log.exception("a command could not be answered")
            return {"ok": False, "error": _(FAILED_ERROR)}

    def _send(self, connection: _Connection, reply: dict[str, Any]) -> None:
        payload = json.dumps(reply, separators=(",", ":"), default=str).encode() + b"\n"
        connection.pending += payload
        self._flush(connection)
        if connection.pending and connection in self._connections:
            connection.writer.setEnabled(True)

    def _on_writable(self, connection: _Connection) -> None:
        self._flush(connection)
        if not connection.pending:
            connection.writer.setEnabled(False)
            if connection.closing:
                self._drop(connection)

    def _flush(self, connection: _Connection) -> None:
        try:
            while connection.pending:
                sent = connection.sock.send(connection.pending)
                connection.pending = connection.pending[sent:]
        except BlockingIOError:
            return
        except OSError:
            connection.pending = b""
            connection.closing = True

    def _drop(self, connection: _Connection) -> None:
        if connection not in self._connections:
            return
        self._connections.remove(connection)
        connection.reader.setEnabled(False)
        connection.writer.setEnabled(False)
        connection.reader.deleteLater()
        connection.writer.deleteLater()
        connection.sock.close()
        if not self._connections:
            self._idle_timer.stop()

    # --- idle connections --------------------------------------------------

    def _arm_idle_timer(self) -> None:
        if not self._connections:
            self._idle_timer.stop()
            return
        oldest = min(c.last_active for c in self._connections)
        wait = max(0.0, oldest + self._idle - time.monotonic())
        self._idle_timer.start(round(wait * 1000) + 1)

    def _close_idle(self) -> None:
        limit = time.monotonic() - self._idle
        idle = [c for c in self._connections if c.last_active <= limit]
        if idle:
            log.info("closed %d command connection(s) silent for %g s", len(idle), self._idle)
        for connection in idle:
            self._drop(connection)
        self._arm_idle_timer()
