"""One running Presence per user: a lock the system lets go of when the app dies.

Whoever holds the lock is *the* app; without it, two starts in the same
instant would both remove "the stale socket" and listen, and one would
orphan the other.

On POSIX the lock is an ``flock`` on ``presence.lock`` in the private runtime
folder, held through an open file for the app's whole life. The kernel
releases it the moment the process ends, however it ends (even SIGKILL), so
there is no such thing as a stale lock to judge: a PID written in a file
and since reused by an unrelated process (the way a PID-based lock can be
fooled) means nothing here. The PID and start time are still written into
the file, for people reading it. Elsewhere (Windows) Qt's ``QLockFile``
is used, which judges staleness by the PID and the process name.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import IO, Any

from presence_app.core.paths import Paths
from presence_app.i18n import _
from presence_app.runtimedir import NotPrivate, ensure_private_dir

LOCK_NAME = "presence.lock"


class InstanceLock:
    """The claim to be the one running app. Main thread only."""

    def __init__(self, paths: Paths) -> None:
        self.path = paths.runtime_dir / LOCK_NAME
        self._held: Any = None

    def try_acquire(self) -> bool:
        """Take the lock if no running app holds it; return whether we hold it now.

        Raises:
            NotPrivate: the runtime folder is another user's or cannot be made
                (the sentence says which, and what to do).
        """
        if self._held is not None:
            return True
        folder = self.path.parent
        try:
            ensure_private_dir(folder)
        except NotPrivate:
            raise
        except OSError as error:
            raise NotPrivate(
                _(
                    "Presence could not make its private folder {folder} ({value}), so it cannot "
                    "start. Check that the folder above it exists and is yours, or set "
                    "XDG_RUNTIME_DIR to one that is."
                ).format(folder=folder, value=error.strerror or error)
            ) from error
        self._held = _flock(self.path) if os.name == "posix" else _qlock(self.path)
        return self._held is not None

    @property
    def is_held(self) -> bool:
        return self._held is not None

    def release(self) -> None:
        """Give the lock up (at quit); harmless when not held."""
        held, self._held = self._held, None
        if held is None:
            return
        if os.name == "posix":
            held.close()  # closing the file releases the flock
        else:  # pragma: no cover - Windows
            held.unlock()


def _flock(path: Path) -> IO[str] | None:
    import fcntl

    descriptor = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
    stream = os.fdopen(descriptor, "r+", encoding="utf-8")
    try:
        fcntl.flock(stream.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        stream.close()
        return None
    except BaseException:
        stream.close()
        raise
    stream.truncate(0)
    stream.write(f"{os.getpid()}\nstarted {time.strftime('%Y-%m-%dT%H:%M:%S%z')}\n")
    stream.flush()
    return stream


def _qlock(path: Path) -> Any:  # pragma: no cover - Windows
    from PySide6.QtCore import QLockFile

    lock = QLockFile(str(path))
    lock.setStaleLockTime(0)
    return lock if lock.tryLock(0) else None
