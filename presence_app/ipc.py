"""One running Presence per user, and the socket its thin clients talk to.

Two pieces, both main-thread only:

- ``InstanceLock`` is a ``QLockFile`` in the runtime folder, held for the
  app's whole life. Whoever holds it is *the* app. Without it, two starts in
  the same instant would both remove "the stale socket" and listen, and one
  would orphan the other. A lock left by a crash is recovered at once: its
  PID is dead, and ``setStaleLockTime(0)`` makes that the only staleness test
  (no age limit that a long-running app could outlive).
- ``CommandServer`` is a ``QLocalServer`` on the absolute socket path, in a
  0700 folder, with user-only access. Only the lock holder may remove a
  leftover socket file before listening, so a crash never blocks the next
  start. It reads one JSON request per line, checks it
  (``presence_app.protocol.check_request``), hands it to the app's handler,
  and writes back one JSON reply per line. A handler that raises gets the
  client a calm failure reply, and the traceback goes to the log.

On Windows the server listens on a named pipe in the local namespace
(``ipcclient.server_name``) instead of a file.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from presence_app import __version__
from presence_app.core.paths import Paths
from presence_app.ipcclient import MAX_LINE, server_name
from presence_app.protocol import check_request

log = logging.getLogger(__name__)

Handler = Callable[[dict[str, Any]], dict[str, Any]]
"""Answers one checked request; runs on the main thread."""


class IpcSetupError(Exception):
    """The command socket could not be opened; the message says why."""


def ensure_private_dir(folder: Path) -> None:
    """Create ``folder`` (and parents) and make it reachable by this user only."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix":
        os.chmod(folder, 0o700)


class InstanceLock:
    """The claim to be the one running app. Main thread only."""

    def __init__(self, paths: Paths) -> None:
        self.path = paths.runtime_dir / "presence.lock"
        self._lock: QLockFile | None = None

    def try_acquire(self) -> bool:
        """Take the lock if nobody alive holds it; return whether we hold it now.

        Raises:
            OSError: the runtime folder cannot be created.
        """
        if self._lock is not None:
            return True
        ensure_private_dir(self.path.parent)
        lock = QLockFile(str(self.path))
        lock.setStaleLockTime(0)
        if not lock.tryLock(0):
            return False
        self._lock = lock
        return True

    @property
    def is_held(self) -> bool:
        return self._lock is not None

    def release(self) -> None:
        """Give the lock up (at quit); harmless when not held."""
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None


class CommandServer(QObject):
    """Serves the command socket. Main thread only."""

    request_failed = Signal(str)
    """A handler raised; the argument is the command name."""

    def __init__(self, paths: Paths, handler: Handler, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._paths = paths
        self._handler = handler
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._on_new_connection)
        self._buffers: dict[QLocalSocket, bytes] = {}

    @property
    def name(self) -> str:
        return server_name(self._paths)

    def listen(self, lock: InstanceLock) -> None:
        """Remove a leftover socket, then listen; ``lock`` must be held.

        Raises:
            RuntimeError: the lock is not held (removing the socket would
                break the app that holds it).
            IpcSetupError: the socket (or its folder) cannot be opened.
        """
        if not lock.is_held:
            raise RuntimeError("only the instance holding the lock may open the command socket")
        problem = ""
        try:
            if os.name == "posix":
                ensure_private_dir(self._paths.socket_path.parent)
        except OSError as error:
            problem = str(error)
        else:
            QLocalServer.removeServer(self.name)
            if not self._server.listen(self.name):
                problem = self._server.errorString()
        if problem:
            raise IpcSetupError(
                f"The command socket {self.name} could not be opened ({problem}). "
                "Commands such as `presence-app pause` will not reach this app; "
                "everything else works as usual."
            )

    def close(self) -> None:
        """Stop listening and remove the socket file.

        Replies already written still reach their clients: a ``quit``
        handler may close the server (best from ``QTimer.singleShot(0, ...)``)
        and its client still hears "ok".
        """
        self._server.close()
        for connection in list(self._buffers):
            connection.flush()
            connection.disconnectFromServer()
        self._buffers.clear()

    def _on_new_connection(self) -> None:
        while self._server.hasPendingConnections():
            connection = self._server.nextPendingConnection()
            self._buffers[connection] = b""
            connection.readyRead.connect(lambda c=connection: self._on_ready_read(c))
            connection.disconnected.connect(lambda c=connection: self._forget(c))

    def _forget(self, connection: QLocalSocket) -> None:
        self._buffers.pop(connection, None)
        connection.deleteLater()

    def _on_ready_read(self, connection: QLocalSocket) -> None:
        if connection not in self._buffers:
            return
        data = self._buffers[connection] + bytes(connection.readAll().data())
        while b"\n" in data:
            line, data = data.split(b"\n", 1)
            if line.strip():
                self._write(connection, self.answer(line))
        if len(data) > MAX_LINE:
            self._write(connection, {"ok": False, "error": "The request was too long."})
            connection.disconnectFromServer()
            data = b""
        if connection in self._buffers:
            self._buffers[connection] = data

    def answer(self, line: bytes) -> dict[str, Any]:
        """Turn one request line into its reply (never raises)."""
        try:
            request = json.loads(line)
        except ValueError:
            return {"ok": False, "error": "The request was not JSON."}
        problem = check_request(request)
        if problem is not None:
            return {"ok": False, "error": problem}
        try:
            reply = dict(self._handler(request))
        except Exception:
            log.exception("the %s command failed", request["command"])
            self.request_failed.emit(request["command"])
            return {
                "ok": False,
                "error": "Presence ran into a problem with that command. "
                "Details are in its log file.",
            }
        reply.setdefault("ok", True)
        if request["command"] == "status":
            reply.setdefault("version", __version__)
        if not reply["ok"]:
            reply.setdefault("error", "Presence could not do that.")
        return reply

    def _write(self, connection: QLocalSocket, reply: dict[str, Any]) -> None:
        payload = json.dumps(reply, separators=(",", ":"), default=str).encode() + b"\n"
        connection.write(payload)
        connection.flush()
