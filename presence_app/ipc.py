"""One running Presence per user, and the socket its thin clients talk to.

Three pieces, all main-thread only:

- ``InstanceLock`` (``presence_app.instancelock``): whoever holds it is *the*
  app; the system releases it when the app dies, however it dies.
- The runtime folder (``presence_app.runtimedir``): created private and
  checked (owner, mode, a real folder) before the lock or the socket goes in.
- ``CommandServer``: the command socket, in that folder, usable by this user
  only. Only the lock holder may remove a leftover socket before listening,
  so a crash never blocks the next start. On POSIX it is our own listener
  (``presence_app.ipcserver``), which survives running out of file handles
  and closes idle connections; on Windows Qt's ``QLocalServer`` on a named
  pipe. It reads one JSON request per line, checks it
  (``presence_app.protocol.check_request``), hands it to the app's handler,
  and writes back one JSON reply per line. Nothing a client sends can make
  it raise: bad JSON, bad requests and a handler that fails all get a calm
  failure reply, and tracebacks go to the log.
"""

from __future__ import annotations

import json
import logging
import os
import stat
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from presence_app import __version__
from presence_app.core.paths import Paths
from presence_app.i18n import _
from presence_app.instancelock import InstanceLock
from presence_app.ipcclient import server_name
from presence_app.protocol import check_request
from presence_app.runtimedir import NotPrivate, ensure_private_dir

__all__ = ["CommandServer", "Handler", "InstanceLock", "IpcSetupError", "ensure_private_dir"]

log = logging.getLogger(__name__)

Handler = Callable[[dict[str, Any]], dict[str, Any]]
"""Answers one checked request; runs on the main thread."""


class IpcSetupError(Exception):
    """The command socket could not be opened; the message says why."""


class CommandServer(QObject):
    """Serves the command socket. Main thread only."""

    request_failed = Signal(str)
    """A handler raised; the argument is the command name."""
    request_received = Signal()
    """A request arrived (a chance to look at the clocks before answering)."""

    def __init__(self, paths: Paths, handler: Handler, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._paths = paths
        self._handler = handler
        if os.name == "posix":
            from presence_app.ipcserver import SocketServer

            self.listener: Any = SocketServer(self.answer, self)
        else:  # pragma: no cover - Windows
            from presence_app.ipcpipe import PipeServer

            self.listener = PipeServer(self.answer, self)

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
        try:
            if os.name == "posix":
                self._listen_posix()
            else:  # pragma: no cover - Windows
                self.listener.listen(self.name)
        except NotPrivate as error:
            raise IpcSetupError(str(error)) from error
        except OSError as error:
            raise IpcSetupError(
                _(
                    "The command socket {name} could not be opened ({value}). Commands such as "
                    "`presence-app pause` will not reach this app; everything else works as usual."
                ).format(name=self.name, value=error.strerror or error)
            ) from error

    def _listen_posix(self) -> None:
        path = self._paths.socket_path
        ensure_private_dir(path.parent)
        try:
            if stat.S_ISSOCK(os.lstat(path).st_mode):
                path.unlink()  # left by an app that stopped: only sockets are removed
        except FileNotFoundError:
            pass
        self.listener.listen(path)

    def close(self) -> None:
        """Stop listening and remove the socket file.

        Replies already written still reach their clients: a ``quit``
        handler may close the server (best from ``QTimer.singleShot(0, ...)``)
        and its client still hears "ok".
        """
        self.listener.close()

    def answer(self, line: bytes) -> dict[str, Any]:
        """Turn one request line into its reply (never raises)."""
        try:
            request = json.loads(line)
        except (ValueError, RecursionError):
            return {"ok": False, "error": _("The request was not JSON.")}
        problem = check_request(request)
        if problem is not None:
            return {"ok": False, "error": problem}
        self.request_received.emit()
        try:
            reply = dict(self._handler(request))
        except Exception:
            log.exception("the %s command failed", request["command"])
            self.request_failed.emit(request["command"])
            return {
                "ok": False,
                "error": _(
                    "Presence ran into a problem with that command. Details are in its log file."
                ),
            }
        reply.setdefault("ok", True)
        if request["command"] == "status":
            reply.setdefault("version", __version__)
        if not reply["ok"]:
            reply.setdefault("error", _("Presence could not do that."))
        return reply
