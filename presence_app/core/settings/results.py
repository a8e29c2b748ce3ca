"""What loading the settings tells the app besides the values: the state of
the file (``FileState``) and every problem found (``Problem``).

They travel together with a ``Settings`` value as a ``LoadResult``, so that
every caller (start-up, hot reload, ``config check``, the settings window)
tells the user the same sentences.
"""

from __future__ import annotations

from dataclasses import dataclass

from presence_app.core.settings.model import Settings
from presence_app.core.settings.problems import FileState, Problem

__all__ = ["FileState", "LoadResult", "Problem"]


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
        if count == 1:
            return "1 setting could not be used, so its default applies."
        return f"{count} settings could not be used, so their defaults apply."
