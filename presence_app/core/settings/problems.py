"""What a settings file can be found to be, and one problem in it.

``FileState`` says what the loader found on disk; a ``Problem`` is one
thing it could not use, as a sentence for the user. They are kept apart
from ``LoadResult`` (which carries a ``Settings`` value) so that the
modules that describe the settings can report problems without needing
the settings' own shape.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class FileState(StrEnum):
    """What the loader found on disk."""

    OK = "ok"
    """The file was read (its single bad values may still be listed as problems)."""
    MISSING = "missing"
    """There is no file; the defaults apply."""
    UNREADABLE = "unreadable"
    """Something is at the path but could not be read: no permission, a folder,
    a named pipe or device, or a file far too large to be settings."""
    BROKEN = "broken"
    """The file is not valid TOML (or not UTF-8 text, or nested too deeply); it was
    left as it is."""
    NEWER = "newer"
    """A newer Presence wrote the file; it was left as it is."""

    @property
    def is_whole_file(self) -> bool:
        """True when nothing of the file could be used (the defaults apply)."""
        return self in (FileState.UNREADABLE, FileState.BROKEN, FileState.NEWER)


@dataclass(frozen=True)
class Problem:
    """One thing the loader could not use, as a full sentence for the user."""

    key: str
    """Dotted key such as ``"schedules[0].every"``; ``""`` for the whole file."""
    message: str
    hint: str = field(default="", compare=False)
    """The same in a few plain words for the settings window, shown beside
    the control (which already names the setting); "" when there is none."""

    def __str__(self) -> str:
        return self.message
