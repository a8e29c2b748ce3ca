"""Talk to the running app over its command socket, without loading Qt.

``presence-app pause`` is often bound to a desktop shortcut, so it must
answer in tens of milliseconds; importing PySide6 alone takes longer. On
POSIX systems the client is therefore a plain ``socket.AF_UNIX`` connection
to the socket the app's ``QLocalServer`` listens on. On Windows the app
listens on a named pipe, which the standard library cannot open as a
stream, so there (and only there) the client uses ``QLocalSocket``.

Before sending anything the client makes sure the socket is this user's
app (``presence_app.runtimedir``): the folder and the socket file belong to
this user, and on Linux the listening process does too.

The protocol itself (one JSON line each way) is described in
``presence_app.protocol``.
"""

from __future__ import annotations

import json
import os
import socket
import struct
import time
from pathlib import Path
from typing import Any

from presence_app import APP_NAME
from presence_app.core.paths import Paths
from presence_app.i18n import _
from presence_app.runtimedir import NotPrivate, check_peer, check_private_dir, check_socket_file

MAX_LINE = 64 * 1024
"""Longest request or reply line either side accepts, in bytes."""


class NoRunningApp(Exception):
    """Nobody listens on the command socket: Presence is not running."""


class IpcError(Exception):
    """The app was reached but did not answer properly; the message says how."""


def server_name(paths: Paths) -> str:
    """Return the name the app listens on: a socket path, or a pipe name on Windows."""
    if os.name == "nt":
        import getpass  # Windows only

        return f"{APP_NAME}-{getpass.getuser()}"
    return str(paths.socket_path)


def send_command(paths: Paths, request: dict[str, Any], *, timeout: float = 2.0) -> dict[str, Any]:
    """Send one request to the running app and return its reply.

    Raises:
        NoRunningApp: no app listens (no socket file, or the connection is refused).
        IpcError: the app did not answer within ``timeout`` seconds, or answered
            something that is not a reply.
    """
    line = json.dumps(request, separators=(",", ":")).encode() + b"\n"
    if os.name == "nt":  # pragma: no cover - exercised on Windows only
        raw = _exchange_qt(server_name(paths), line, timeout)
    else:
        raw = _exchange_unix(str(paths.socket_path), line, timeout)
    return decode_reply(raw)


def _exchange_unix(path: str, line: bytes, timeout: float) -> bytes:
    deadline = time.monotonic() + timeout
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
        try:
            # Whose socket is it? Asked before a single byte is sent.
            check_private_dir(Path(path).parent)
            check_socket_file(Path(path))
            connect_waiting(connection, path, timeout)
            connection.settimeout(max(deadline - time.monotonic(), 0.001))
            check_peer(connection, Path(path))
        except NotPrivate as error:
            raise IpcError(str(error)) from error
        except (FileNotFoundError, ConnectionRefusedError) as error:
            raise NoRunningApp(str(error)) from error
        except BlockingIOError:  # still no room after ``timeout``: the app is swamped or stuck
            raise _no_answer(timeout) from None
        except OSError as error:
            raise IpcError(
                _("Presence could not be reached at {path} ({error}).").format(
                    path=path, error=error
                )
            ) from error
        try:
            connection.sendall(line)
            return _read_line(connection, deadline, timeout)
        except TimeoutError:
            raise _no_answer(timeout) from None
        except OSError as error:
            raise IpcError(
                _("The connection to Presence broke off ({error}).").format(error=error)
            ) from error


def connect_waiting(connection: socket.socket, path: str, timeout: float) -> None:
    """Connect, waiting up to ``timeout`` seconds while the app's backlog is full.

    A flood of connections can fill the listen backlog for a moment while the
    app makes room. A socket with a Python timeout is non-blocking, and a
    non-blocking connect to a full Unix socket fails at once (EAGAIN), which
    would tell the user Presence cannot be reached. A blocking connect waits
    in the kernel for room instead, for as long as the send timeout allows;
    after that it fails with EAGAIN too (``BlockingIOError``).
    """
    seconds = max(timeout, 0.001)
    connection.settimeout(None)
    whole = int(seconds)
    connection.setsockopt(
        socket.SOL_SOCKET,
        socket.SO_SNDTIMEO,
        struct.pack("ll", whole, int((seconds - whole) * 1_000_000)),
    )
    connection.connect(path)


def _read_line(connection: socket.socket, deadline: float, timeout: float) -> bytes:
    received = b""
    while b"\n" not in received:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise _no_answer(timeout)
        connection.settimeout(remaining)
        chunk = connection.recv(4096)
        if not chunk:
            raise IpcError(_("Presence closed the connection without answering."))
        received += chunk
        if len(received) > MAX_LINE:
            raise IpcError(_("Presence sent a reply too long to be one."))
    return received.split(b"\n", 1)[0]


def _no_answer(timeout: float) -> IpcError:
    return IpcError(
        _(
            "Presence did not answer within {timeout} seconds. It may be busy for a moment; "
            "please try again."
        ).format(timeout=f"{timeout:g}")
    )


def decode_reply(raw: bytes) -> dict[str, Any]:
    """Parse one reply line, checking it has ``ok`` (and ``error`` when not ok).

    Raises:
        IpcError: the line is not a reply.
    """
    try:
        reply = json.loads(raw)
    except ValueError:
        reply = None
    if not isinstance(reply, dict) or not isinstance(reply.get("ok"), bool):
        raise IpcError(_("Presence answered with something that is not a reply."))
    if not reply["ok"] and not isinstance(reply.get("error"), str):
        reply["error"] = _("Presence could not do that, and did not say why.")
    return reply


def _exchange_qt(name: str, line: bytes, timeout: float) -> bytes:  # pragma: no cover
    """Windows: the same exchange over a named pipe with ``QLocalSocket``."""
    from PySide6.QtNetwork import QLocalSocket

    connection = QLocalSocket()
    connection.connectToServer(name)
    milliseconds = round(timeout * 1000)
    if not connection.waitForConnected(milliseconds):
        if connection.error() in (
            QLocalSocket.LocalSocketError.ServerNotFoundError,
            QLocalSocket.LocalSocketError.ConnectionRefusedError,
        ):
            raise NoRunningApp(connection.errorString())
        raise IpcError(
            _("Presence could not be reached ({errorString}).").format(
                errorString=connection.errorString()
            )
        )
    connection.write(line)
    connection.waitForBytesWritten(milliseconds)
    received = b""
    deadline = time.monotonic() + timeout
    while b"\n" not in received:
        remaining = round((deadline - time.monotonic()) * 1000)
        if remaining <= 0 or not connection.waitForReadyRead(remaining):
            raise _no_answer(timeout)
        received += bytes(connection.readAll().data())
    connection.disconnectFromServer()
    return received.split(b"\n", 1)[0]
