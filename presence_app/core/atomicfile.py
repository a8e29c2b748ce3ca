"""Write files so that a crash, a full disk or a power cut never leaves half
of one behind.

The new content goes to a temporary file in the same folder, is flushed and
fsynced, and then replaces the old file with ``os.replace`` (atomic on POSIX
and Windows). If anything fails, the temporary file is removed and the old
file is untouched; the ``OSError`` reaches the caller, who tells the user.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_atomic(
    path: Path, data: bytes, *, mode: int = 0o600, create_folder: bool = True
) -> None:
    """Replace ``path`` with ``data`` atomically, creating its folder if asked.

    Raises:
        OSError: the folder cannot be created or written, or the disk is full.
    """
    if create_folder:
        path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(
        prefix=f".{path.name}.", suffix=".tmp", dir=path.parent
    )
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _fsync_folder(path.parent)


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable where the platform allows it."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
