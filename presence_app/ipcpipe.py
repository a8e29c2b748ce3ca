"""The command channel on Windows: Qt's ``QLocalServer`` on a named pipe.

A named pipe in the local namespace has no file to remove or to check the
owner of; ``UserAccessOption`` keeps it to this user. Each line received is
handed to ``answer`` and its reply written back as one line. Main thread
only.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from presence_app.i18n import _
from presence_app.ipcclient import MAX_LINE

log = logging.getLogger(__name__)


class PipeServer(QObject):  # pragma: no cover - Windows
    def __init__(self, answer: Callable[[bytes], dict[str, Any]], parent: QObject) -> None:
        super().__init__(parent)
        self._answer = answer
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._on_new_connection)
        self._buffers: dict[QLocalSocket, bytes] = {}

    def listen(self, name: str) -> None:
        QLocalServer.removeServer(name)
        if not self._server.listen(name):
            raise OSError(self._server.errorString())

    def close(self) -> None:
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
                self._write(connection, self._answer(line))
        if len(data) > MAX_LINE:
            self._write(connection, {"ok": False, "error": _("The request was too long.")})
            connection.disconnectFromServer()
            data = b""
        if connection in self._buffers:
            self._buffers[connection] = data

    def _write(self, connection: QLocalSocket, reply: dict[str, Any]) -> None:
        payload = json.dumps(reply, separators=(",", ":"), default=str).encode() + b"\n"
        connection.write(payload)
        connection.flush()
