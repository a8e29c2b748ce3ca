"""Where an export may be written: an ordinary file in a folder that exists.

An export replaces its target in one step (``atomicfile``), and a rename
replaces whatever has that name: a symbolic link would become a file, and,
run as root, a device such as ``/dev/full`` would be replaced by one. So an
export writes only ordinary files. It refuses anything else at the path,
with a sentence that says what is there, and it never creates folders: a
missing folder is more often a typo than a wish, so it is named instead.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from presence_app.core.atomicfile import write_atomic
from presence_app.i18n import _


class ExportTargetError(OSError):
    """The export may not be written there; ``str()`` is a sentence for the user."""

    def __str__(self) -> str:
        return str(self.args[0])


def check_target(path: Path) -> None:
    """Refuse a path whose folder is missing or that holds anything but an ordinary file.

    Raises:
        ExportTargetError: the sentence says what is wrong and what to do.
    """
    folder = path.absolute().parent
    if not folder.is_dir():
        if folder.exists():
            message = _(
                "The folder {folder} is not a folder, so nothing was written. "
                "Create it first, or choose another place."
            )
        else:
            message = _(
                "The folder {folder} does not exist, so nothing was written. "
                "Create it first, or choose another place."
            )
        raise ExportTargetError(message.format(folder=folder))
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    if stat.S_ISLNK(info.st_mode):
        message = _(
            "{path} is a symbolic link, so it was left as it is. An export only writes "
            "ordinary files; choose another file name."
        )
    elif stat.S_ISDIR(info.st_mode):
        message = _(
            "{path} is a folder, so it was left as it is. An export only writes "
            "ordinary files; choose another file name."
        )
    elif not stat.S_ISREG(info.st_mode):
        message = _(
            "{path} is not an ordinary file (a device, a pipe or a socket), so it was left "
            "as it is. An export only writes ordinary files; choose another file name."
        )
    else:
        return
    raise ExportTargetError(message.format(path=path))


def write_export(path: Path, data: bytes) -> None:
    """Write an export to ``path`` (private to the user, replaced in one step).

    Raises:
        ExportTargetError: the path is refused (see ``check_target``).
        OSError: the file cannot be written (a full or read-only disk).
    """
    check_target(path)
    write_atomic(path, data, mode=0o600, create_folder=False)
