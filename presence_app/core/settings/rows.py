"""The row that describes one setting, and the small functions that write it.

A setting is declared once, as an attribute of its dataclass in ``model``:

    volume: int = number(60, 0, 100, "Volume", "How loud the bells ring.")

The call returns a ``dataclasses.field`` whose default is the value and
whose metadata holds the whole ``Field`` row: kind, range or choices, a
human label, the sentence the settings window and the file comments show,
and the page of the window it belongs on. ``model.FIELDS`` collects the
rows, so the loader, ``config check``, the file comments, the window and the
README reference all follow from that one line.

Schedules are not rows: a rule is a group of related values
(``schedules`` checks them).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum
from typing import Any, TypeVar

from presence_app.core.settings.text import limit_text, one_of
from presence_app.i18n import _, pgettext

ROW = "presence.row"
"""The metadata key under which a dataclass field carries its ``Field``."""

T = TypeVar("T")


class Kind(StrEnum):
    BOOL = "true or false"
    INT = "whole number"
    DURATION = "duration"
    TEXT = "text"
    CHOICE = "choice"
    TEXT_LIST = "list of texts"


Limit = int | timedelta | None


class Page(StrEnum):
    """The page of the settings window a setting appears on."""

    RHYTHM = "rhythm"
    SOUND = "sound"
    PAUSE = "pause"
    QUIET = "quiet"
    START = "start"
    ABOUT = "about"


@dataclass(frozen=True)
class Field:
    """One setting: where it lives, what it may hold, what it means."""

    section: str
    """Table name such as ``"sound"``; ``""`` for a top-level key."""
    name: str
    kind: Kind
    default: Any
    label: str
    """Short human label for the settings window: "Opening bell"."""
    sentence: str
    """One sentence for the settings window and the file's comments."""
    minimum: Limit = None
    maximum: Limit = None
    """For INT and DURATION: the allowed range; for TEXT_LIST: most items."""
    choices: tuple[str, ...] = ()
    """For CHOICE: the values the file may hold."""
    names: tuple[tuple[str, str], ...] = ()
    """Human names of values, for the window: ("singing-bowl", "Singing bowl").
    For TEXT these are the values the window offers (the file may hold others)."""
    max_length: int = 0
    """For TEXT and the items of TEXT_LIST: most characters; 0 is no limit."""
    page: Page | None = None
    """Where the window shows it; None takes the section's page."""

    @property
    def key(self) -> str:
        return f"{self.section}.{self.name}" if self.section else self.name

    @property
    def title(self) -> str:
        """The label the settings window shows (kept for older callers)."""
        return self.label

    def name_of(self, value: str) -> str:
        """Return the human name of a value: "Singing bowl" for "singing-bowl"."""
        return dict(self.names).get(value, value)

    def range_text(self) -> str:
        """Describe the allowed range, such as "between 0 and 100" ("" when none)."""
        if self.minimum is None or self.maximum is None:
            return ""
        return _("between {low} and {high}").format(
            low=limit_text(self.minimum), high=limit_text(self.maximum)
        )

    def rule(self) -> str:
        """Describe what the field accepts, as the end of a "must be" sentence."""
        match self.kind:
            case Kind.BOOL:
                return _("true or false")
            case Kind.INT:
                return _("a whole number {range}").format(range=self.range_text())
            case Kind.DURATION:
                return _('a duration {range}, such as "{example}"').format(
                    range=self.range_text(), example=limit_text(self.default)
                )
            case Kind.CHOICE:
                return one_of(self.choices)
            case Kind.TEXT:
                return _("text in quotes")
            case Kind.TEXT_LIST:
                return _('a list of texts in quotes, such as ["calm", "clear"]')


def _row(default: T, kind: Kind, label: str, sentence: str, **more: Any) -> T:
    spec = Field("", "", kind, default, label, sentence, **more)
    return dataclasses.field(default=default, metadata={ROW: spec})


def _worded_row(
    default: T, make: Callable[[], T], kind: Kind, label: str, sentence: str, **more: Any
) -> T:
    """A row whose default is words: the row keeps them in English (the file's
    comments, the README), a new ``Settings`` has them in the user's language."""
    spec = Field("", "", kind, default, label, sentence, **more)
    field: T = dataclasses.field(default_factory=make, metadata={ROW: spec})
    return field


def flag(default: bool, label: str, sentence: str, *, page: Page | None = None) -> bool:
    """Declare a true-or-false setting."""
    return _row(default, Kind.BOOL, label, sentence, page=page)


def number(default: int, low: int, high: int, label: str, sentence: str) -> int:
    """Declare a whole number from ``low`` to ``high``."""
    return _row(default, Kind.INT, label, sentence, minimum=low, maximum=high)


def duration(
    default: timedelta, low: timedelta, high: timedelta, label: str, sentence: str
) -> timedelta:
    """Declare a duration from ``low`` to ``high`` (written "45m", "300ms")."""
    return _row(default, Kind.DURATION, label, sentence, minimum=low, maximum=high)


def text(
    default: str,
    label: str,
    sentence: str,
    *,
    max_length: int = 0,
    offers: tuple[tuple[str, str], ...] = (),
    page: Page | None = None,
    worded: bool = False,
) -> str:
    """Declare free text; ``offers`` are the values the window suggests, with names.

    ``worded``: the default is words for the user (a phrase), said in their language.
    """
    more: dict[str, Any] = {"max_length": max_length, "names": offers, "page": page}
    if worded:
        return _worded_row(default, lambda: _(default), Kind.TEXT, label, sentence, **more)
    return _row(default, Kind.TEXT, label, sentence, **more)


def choice(default: T, names: tuple[tuple[str, str], ...], label: str, sentence: str) -> T:
    """Declare a choice among ``names`` (value and human name, in the window's order)."""
    values = tuple(value for value, _ in names)
    return _row(default, Kind.CHOICE, label, sentence, choices=values, names=names)


def texts(
    default: tuple[str, ...],
    most: int,
    max_length: int,
    label: str,
    sentence: str,
    *,
    context: str = "",
) -> tuple[str, ...]:
    """Declare a list of at most ``most`` texts of at most ``max_length`` characters.

    ``context``: the default items are words for the user (feeling words),
    translated in this catalog context.
    """
    more: dict[str, Any] = {"maximum": most, "max_length": max_length}
    if context:

        def make() -> tuple[str, ...]:
            return tuple(pgettext(context, item) for item in default)

        return _worded_row(default, make, Kind.TEXT_LIST, label, sentence, **more)
    return _row(default, Kind.TEXT_LIST, label, sentence, **more)
