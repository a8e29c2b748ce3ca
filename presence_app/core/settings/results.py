"""What loading the settings tells the app besides the values: the state of
the file (``FileState``) and every problem found (``Problem``).

They travel together with a ``Settings`` value as a ``LoadResult``, so that
every caller (start-up, hot reload, ``config check``, the settings window)
tells the user the same sentences.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from presence_app.core.settings.problem import Problem
from presence_app.i18n import ngettext

__all__ = ["FileState", "LoadResult", "Problem"]

if TYPE_CHECKING:
    from presence_app.core.settings.model import Settings


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
class LoadResult:
    """Validated settings plus everything the user should hear about the file."""

    settings: Settings
    problems: tuple[Problem, ...] = ()
    file_state: FileState = FileState.OK

    def is_as_written(self, key: str) -> bool:
        """Tell whether the value of ``key`` is the user's own choice.

        It is when the file was read and that value had no problem, or when
        there is no file at all. A default that stands in for a value that
        could not be read is not, so nothing should act on it for good.
        """
        if self.file_state not in (FileState.OK, FileState.MISSING):
            return False
        return all(problem.key != key for problem in self.problems)

    def summary(self) -> str | None:
        """Return one calm sentence for a dialog or tooltip, or None if all is well."""
        for problem in self.problems:
            if not problem.key:
                return problem.message
        count = len(self.problems)
        if count == 0:
            return None
        return ngettext(
            "{count} setting could not be used, so its default applies.",
            "{count} settings could not be used, so their defaults apply.",
            count,
        ).format(count=count)
