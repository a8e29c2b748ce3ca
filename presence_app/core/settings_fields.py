"""The one table that describes every scalar setting.

Each ``Field`` row names its key, kind, allowed range or choices and the
sentence the settings window shows; its default comes from the dataclasses
in ``settings_model`` so that it is written down only once. The loader, the
settings window and the README list are all driven by ``FIELDS``.

``settings_checks`` holds a value up against its row. Schedules are not in
this table (a rule is a group of related values); ``settings_schedules``
checks them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum
from typing import Any

from presence_app.core.settings_model import (
    BUILTIN_CUES,
    CUSTOM_CUE,
    NO_CUE,
    InvitationForm,
    PauseStyle,
    Settings,
)
from presence_app.core.settings_text import (
    limit_text,
    one_of,
)


class Kind(StrEnum):
    BOOL = "true or false"
    INT = "whole number"
    DURATION = "duration"
    TEXT = "text"
    CHOICE = "choice"
    TEXT_LIST = "list of texts"


Limit = int | timedelta | None


@dataclass(frozen=True)
class Field:
    """One scalar setting: where it lives, what it may hold, what it means."""

    section: str
    """Table name such as ``"sound"``; ``""`` for a top-level key."""
    name: str
    kind: Kind
    sentence: str
    """One sentence for the settings window (tooltip and description)."""
    minimum: Limit = None
    maximum: Limit = None
    """For INT and DURATION: the allowed range; for TEXT_LIST: most items."""
    choices: tuple[str, ...] = ()
    max_length: int = 0
    """For TEXT and the items of TEXT_LIST: most characters; 0 is no limit."""
    label: str = ""
    """Short label for the settings window; "" derives it from the name."""

    @property
    def key(self) -> str:
        return f"{self.section}.{self.name}" if self.section else self.name

    @property
    def title(self) -> str:
        """The label the settings window shows: ``card_timeout`` is "Card timeout"."""
        return self.label or self.name.replace("_", " ").capitalize()

    @property
    def default(self) -> Any:
        """The default value, as the dataclasses define it."""
        holder = getattr(_DEFAULTS, self.section) if self.section else _DEFAULTS
        return getattr(holder, self.name)

    def range_text(self) -> str:
        """Describe the allowed range, such as "between 0 and 100" ("" when none)."""
        return _range_text(self)

    def rule(self) -> str:
        """Describe what the field accepts, as the end of a "must be" sentence."""
        return _rule(self)


_DEFAULTS = Settings()
_CUES = (*BUILTIN_CUES, NO_CUE, CUSTOM_CUE)
_S = timedelta(seconds=1)
_M = timedelta(minutes=1)

FIELDS: tuple[Field, ...] = (
    Field(
        "sound",
        "enabled",
        Kind.BOOL,
        "Ring a bell at the start and end of a pause.",
        label="Ring bells",
    ),
    Field(
        "sound",
        "start",
        Kind.CHOICE,
        "The bell that invites a pause.",
        choices=_CUES,
        label="Opening bell",
    ),
    Field(
        "sound",
        "end",
        Kind.CHOICE,
        "The bell that closes a pause.",
        choices=_CUES,
        label="Closing bell",
    ),
    Field("sound", "volume", Kind.INT, "How loud the bells ring.", 0, 100),
    Field(
        "sound",
        "custom_file",
        Kind.TEXT,
        'A sound file of your own, used when a bell is set to "custom".',
        max_length=4096,
        label="Own sound file",
    ),
    Field(
        "sound",
        "fade_in",
        Kind.DURATION,
        "How gently each bell rises.",
        0 * _S,
        10 * _S,
        label="Fade-in",
    ),
    Field("pause", "length", Kind.DURATION, "How long a pause lasts.", 10 * _S, 60 * _M),
    Field(
        "pause",
        "style",
        Kind.CHOICE,
        "Show the pause in a small window or softly over the full screen.",
        choices=tuple(PauseStyle),
    ),
    Field("pause", "show_countdown", Kind.BOOL, "Show how much of the pause is left."),
    Field("pause", "phrase", Kind.TEXT, "A short phrase shown during a pause.", max_length=200),
    Field(
        "invitation",
        "form",
        Kind.CHOICE,
        "How a bell invites you: a small card, the pause at once, or the sound only.",
        choices=tuple(InvitationForm),
    ),
    Field(
        "invitation",
        "card_timeout",
        Kind.DURATION,
        "How long the invitation card waits before it quietly lets the bell pass.",
        10 * _S,
        10 * _M,
    ),
    Field(
        "reflection",
        "enabled",
        Kind.BOOL,
        "Offer a moment to note what you noticed.",
        label="Offer reflection",
    ),
    Field(
        "reflection",
        "prompts",
        Kind.TEXT_LIST,
        "Your own questions for reflection; when empty, the built-in ones take turns.",
        maximum=100,
        max_length=300,
    ),
    Field(
        "reflection",
        "feelings",
        Kind.TEXT_LIST,
        "Feeling words you can pick after a pause.",
        maximum=30,
        max_length=40,
    ),
    Field(
        "",
        "shortcut",
        Kind.TEXT,
        'The keys that start a pause from anywhere, such as "Ctrl+Alt+P"; empty turns it off.',
        # settings_load also checks that the text is a chord (core.chord).
    ),
    Field("", "start_at_login", Kind.BOOL, "Start Presence when you log in to this computer."),
    Field("considerate", "quiet_when_away", Kind.BOOL, "Stay quiet while you are away."),
    Field(
        "considerate",
        "away_after",
        Kind.DURATION,
        "How long without keyboard or mouse counts as being away.",
        1 * _M,
        120 * _M,
    ),
    Field(
        "considerate",
        "quiet_when_fullscreen",
        Kind.BOOL,
        "Stay quiet during full-screen apps, presentations and calls.",
        label="Quiet during full screen",
    ),
    Field(
        "considerate",
        "quiet_when_dnd",
        Kind.BOOL,
        "Stay quiet while do-not-disturb is on.",
        label="Quiet during do-not-disturb",
    ),
    Field(
        "considerate",
        "grace_after_wake",
        Kind.DURATION,
        "A quiet moment after the computer wakes or you return.",
        0 * _S,
        30 * _M,
    ),
    Field(
        "journal",
        "keep_days",
        Kind.INT,
        "Keep journal entries for this many days; 0 keeps them forever.",
        0,
        36500,
        label="Keep entries (days)",
    ),
)

SECTIONS: tuple[str, ...] = (
    "sound",
    "pause",
    "invitation",
    "reflection",
    "considerate",
    "journal",
)
"""The tables of scalar fields, in the order the file and the window show them."""


def fields_of(section: str) -> tuple[Field, ...]:
    return tuple(f for f in FIELDS if f.section == section)


def _range_text(field: Field) -> str:
    if field.minimum is None or field.maximum is None:
        return ""
    return f"between {limit_text(field.minimum)} and {limit_text(field.maximum)}"


def _rule(field: Field) -> str:
    match field.kind:
        case Kind.BOOL:
            return "true or false"
        case Kind.INT:
            return f"a whole number {_range_text(field)}"
        case Kind.DURATION:
            return f'a duration {_range_text(field)}, such as "{limit_text(field.default)}"'
        case Kind.CHOICE:
            return one_of(field.choices)
        case Kind.TEXT:
            return "text in quotes"
        case Kind.TEXT_LIST:
            return 'a list of texts in quotes, such as ["calm", "clear"]'
