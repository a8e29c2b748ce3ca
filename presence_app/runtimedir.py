"""The runtime folder and the command socket: whose are they?

The command socket and the instance lock live in a folder only this user
may enter. Normally that is ``$XDG_RUNTIME_DIR/presence-app``, inside a
folder the system made private at login. Without ``XDG_RUNTIME_DIR`` it is
``/tmp/presence-app-<uid>``, in a folder every local user can write to: a
name anyone could have taken first. So the folder is never trusted by its
name alone:

- the app creates it private (0700), and before using it checks that it is
  a real folder (not a symbolic link), that it belongs to this user, and that
  nobody else can enter it (``ensure_private_dir``); a folder that fails is
  refused with a sentence that says what to do, never "fixed" by force;
- a client checks the same of the folder (``check_private_dir``) and of the
  socket file, and on Linux asks the kernel who listens on the other end
  (``SO_PEERCRED``) before it sends a single byte (``check_peer``). So no
  other user can stand in for the app and receive "quiet 2h" or "pause".

Standard library only: the command-line client uses it on its fast path.
"""

from __future__ import annotations

import contextlib
import os
import socket
import stat
import struct
from pathlib import Path

from presence_app.i18n import _


class NotPrivate(OSError):
    """The folder or socket may not be used (someone else's, or not there to be
    made); ``str()`` is a sentence that says what to do."""

    def __str__(self) -> str:
        return str(self.args[0])


def _uid() -> int:
    return os.getuid() if hasattr(os, "getuid") else -1


def ensure_private_dir(folder: Path) -> None:
    """Create ``folder`` private to this user, or check the one that is there.

    A folder of ours that others may enter is closed to them (0700); one
    that is not ours, or not a folder, is refused.

    Raises:
        NotPrivate: the folder belongs to another user or is not a folder.
        OSError: it cannot be created.
    """
    folder.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    with contextlib.suppress(FileExistsError):
        folder.mkdir(mode=0o700)
    if os.name != "posix":
        return
    info = _owned_folder(folder)
    if stat.S_IMODE(info.st_mode) & 0o077:
        os.chmod(folder, 0o700)
    check_private_dir(folder)


def check_private_dir(folder: Path) -> None:
    """Check that ``folder`` is a real folder of this user that nobody else may write in.

    (Only writing matters here: whoever may write in it could put a socket
    of their own there.)

    Raises:
        NotPrivate: it is not (the sentence says what to do).
        FileNotFoundError: there is no such folder.
    """
    if os.name != "posix":
        return
    info = _owned_folder(folder)
    if stat.S_IMODE(info.st_mode) & 0o022:
        raise NotPrivate(
            _(
                "Other users may write in the folder {folder}, so Presence does not trust a "
                "command socket there. Quit Presence and start it again: it makes the folder "
                "private."
            ).format(folder=folder)
        )


def _owned_folder(folder: Path) -> os.stat_result:
    info = os.lstat(folder)
    if stat.S_ISLNK(info.st_mode) or not stat.S_ISDIR(info.st_mode):
        if stat.S_ISLNK(info.st_mode):
            message = _(
                "{folder} is not a folder but a link, so Presence will not keep its command "
                "socket there. Remove it, or set XDG_RUNTIME_DIR to a folder only you can use, "
                "then start Presence again."
            )
        else:
            message = _(
                "{folder} is not a folder but a file, so Presence will not keep its command "
                "socket there. Remove it, or set XDG_RUNTIME_DIR to a folder only you can use, "
                "then start Presence again."
            )
        raise NotPrivate(message.format(folder=folder))
    if info.st_uid != _uid():
        raise NotPrivate(
            _(
                "The folder {folder} belongs to another user, so Presence will not use it for its "
                "command socket. Remove it (it may need the administrator), or set "
                "XDG_RUNTIME_DIR to a folder only you can use, then start Presence again."
            ).format(folder=folder)
        )
    return info


def check_socket_file(path: Path) -> None:
    """Check that ``path`` is a socket of this user (a leftover or the app's).

    Raises:
        NotPrivate: it is something else, or someone else's.
        FileNotFoundError: there is nothing at ``path``.
    """
    if os.name != "posix":
        return
    info = os.lstat(path)
    if not stat.S_ISSOCK(info.st_mode) or info.st_uid != _uid():
        raise NotPrivate(
            _(
                "{path} is not Presence's command socket (it is not a socket of yours), so "
                "nothing was sent to it."
            ).format(path=path)
        )


def peer_uid(connection: socket.socket) -> int | None:
    """Return the user id of the process on the other end, where the system says it."""
    option = getattr(socket, "SO_PEERCRED", None)
    if option is None:  # macOS and the BSDs: the folder and file checks stand alone
        return None
    raw = connection.getsockopt(socket.SOL_SOCKET, option, struct.calcsize("3i"))
    _, uid, _ = struct.unpack("3i", raw)
    return int(uid)


def check_peer(connection: socket.socket, path: Path) -> None:
    """Refuse a socket whose listener runs as another user.

    Raises:
        NotPrivate: the process on the other end is not this user's.
    """
    uid = peer_uid(connection)
    if uid is not None and uid != _uid():
        raise NotPrivate(
            _(
                "The program listening on {path} runs as another user, so it is not your "
                "Presence, and nothing was sent to it."
            ).format(path=path)
        )
