"""The window's working copy of the settings, as plain file values.

Every control writes the value the file would hold (``"45m"``, ``60``,
``["calm"]``, a ``[[schedules]]`` table) into ``Draft.document``, and the
draft is checked with the loader's own ``check_document``: a value the
window accepts is exactly a value the file accepts, with the same rules.
Each problem is found again by the control that owns its key. No Qt here.
"""

from __future__ import annotations

import copy
from typing import Any

from presence_app.core.settings import (
    LoadResult,
    Problem,
    Settings,
    check_document,
    settings_to_document,
)


class Draft:
    """The document being edited, its check, and whether it differs from the start."""

    def __init__(self, settings: Settings) -> None:
        self.reset(settings)

    def reset(self, settings: Settings) -> None:
        """Start again from ``settings`` (on opening, and after a reload)."""
        document = settings_to_document(settings)
        if hasattr(self, "document"):  # the rules list is shared with the Rhythm page
            rules = self.document["schedules"]
            rules[:] = document["schedules"]
            document["schedules"] = rules
        self.document: dict[str, Any] = document
        self._start = copy.deepcopy(self.document)
        self.result = check_document(self.document)

    def get(self, key: str) -> Any:
        section, _, name = key.rpartition(".")
        return (self.document[section] if section else self.document)[name]

    def set(self, key: str, value: Any) -> None:
        section, _, name = key.rpartition(".")
        (self.document[section] if section else self.document)[name] = value

    @property
    def rules(self) -> list[dict[str, Any]]:
        rules: list[dict[str, Any]] = self.document["schedules"]
        return rules

    def check(self) -> LoadResult:
        self.result = check_document(self.document)
        return self.result

    @property
    def is_dirty(self) -> bool:
        return self.document != self._start

    def problems_for(self, key: str) -> list[Problem]:
        """Problems of ``key`` and of anything inside it (``key[1]``, ``key.every``)."""
        return [p for p in self.result.problems if owns(key, p.key)]


def owns(key: str, problem_key: str) -> bool:
    return problem_key == key or problem_key.startswith((f"{key}[", f"{key}."))
