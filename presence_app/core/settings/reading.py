"""Reading the settings file's bytes without ever hanging or filling memory.

Whatever stands at the settings path, reading it must come back at once
with the bytes or with a sentence for the user. The file is only ever read
here; nothing here writes.

- Only a regular file is read. A folder, a named pipe (FIFO), a device or a
  socket is refused by what ``stat`` says before anything is opened; the
  file is then opened with ``O_NONBLOCK`` (a pipe swapped in meanwhile cannot
  block) and ``fstat`` checks the opened file again.
- Its size is bounded (``MAX_BYTES``): a larger file, even a sparse one of
  2 GB that takes no room on disk, is refused by its size and never read.
  The read itself stops one byte past the limit, in case the file grows.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from presence_app.core.settings.results import FileState
from presence_app.core.settings.text import os_error_reason
from presence_app.i18n import N_, _, ngettext

MAX_BYTES = 1024 * 1024
"""1 MB: a settings file is a few kilobytes; anything this large is not one."""
UNCHANGED = N_("Presence runs on its defaults and has not changed the file.")
"""The end of every whole-file sentence, in English (translated where said)."""

_KINDS = (
    (stat.S_ISDIR, N_("a folder has that name")),
    (stat.S_ISFIFO, N_("it is a named pipe, not a file")),
    (stat.S_ISSOCK, N_("it is a socket, not a file")),
    (stat.S_ISCHR, N_("it is a device, not a file")),
    (stat.S_ISBLK, N_("it is a device, not a file")),
)


class ReadRefused(Exception):
    """The bytes could not be had; ``message`` is the whole sentence for the user."""

    def __init__(self, state: FileState, message: str, reason: str) -> None:
        super().__init__(message)
        self.state = state
        self.message = message
        self.reason = reason
        """Why, in a few words: "it is a named pipe, not a file"."""


def read_settings_bytes(path: Path) -> bytes:
    """Return the file's bytes, at most ``MAX_BYTES``.

    Raises:
        FileNotFoundError: there is nothing at ``path``.
        ReadRefused: something is there that cannot be read as settings.
    """
    try:
        _check_kind(path, os.stat(path))
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
        descriptor = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise
    except OSError as error:
        raise _refused(path, os_error_reason(error, reading=True)) from error
    try:
        return _read_open(path, descriptor)
    finally:
        os.close(descriptor)


def _read_open(path: Path, descriptor: int) -> bytes:
    try:
        _check_kind(path, os.fstat(descriptor))
        chunks: list[bytes] = []
        size = 0
        while size <= MAX_BYTES:
            chunk = os.read(descriptor, MAX_BYTES + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as error:
        raise _refused(path, os_error_reason(error, reading=True)) from error
    if size > MAX_BYTES:
        raise _refused(path, _too_large(size, grew=True))
    return b"".join(chunks)


def _check_kind(path: Path, status: os.stat_result) -> None:
    for is_kind, reason in _KINDS:
        if is_kind(status.st_mode):
            raise _refused(path, _(reason))
    if status.st_size > MAX_BYTES:
        raise _refused(path, _too_large(status.st_size))


def _too_large(size: int, *, grew: bool = False) -> str:
    if grew:
        return _("it kept growing past 1 MB while it was read; a settings file is a few kilobytes")
    return _("it is {size}, and a settings file is a few kilobytes").format(size=_size_words(size))


def _size_words(size: int) -> str:
    for unit, scale in (("GB", 1024**3), ("MB", 1024**2)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}".replace(".0 ", " ")
    return ngettext("{count} byte", "{count} bytes", size).format(count=size)


def _refused(path: Path, reason: str) -> ReadRefused:
    message = _("{file} could not be opened ({reason}); {unchanged}").format(
        file=path.name, reason=reason, unchanged=_(UNCHANGED)
    )
    return ReadRefused(FileState.UNREADABLE, message, reason)
