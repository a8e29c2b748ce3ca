"""One problem the settings loader found: the sentence, and a short hint.

It lives apart from ``results`` so that the text helpers can build problems
without importing the settings model (``results`` needs the model; the
model's rows need the text helpers).
"""

from __future__ import annotations

from dataclasses import dataclass, field


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
