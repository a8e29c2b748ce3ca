"""The typed shape of the settings: plain frozen dataclasses.

Everything else in the app reads settings through these values, never
through raw TOML. ``presence_app.core.settings`` re-exports every name here
together with the loader, so callers import from there. This module also
holds the small result types of loading (``Problem``, ``FileState``,
``LoadResult``), because they travel with a ``Settings`` value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import time, timedelta
from enum import StrEnum

SCHEMA_VERSION = 1

BUILTIN_CUES: tuple[str, ...] = ("singing-bowl", "small-bell", "soft-chime", "wooden-tone")
"""Built-in sound cues; each exists in a start and a closing version."""

NO_CUE = "none"
CUSTOM_CUE = "custom"


class PauseStyle(StrEnum):
    WINDOW = "window"
    FULLSCREEN = "fullscreen"


class InvitationForm(StrEnum):
    CARD = "card"
    """A small card near the tray: "Take a pause" / "Let it pass"."""
    PAUSE = "pause"
    """The pause starts at once."""
    SOUND = "sound"
    """Only the bell; no window."""


@dataclass(frozen=True)
class TimeWindow:
    """An active window of a day; ``end <= start`` means it crosses midnight.

    ``"00:00-24:00"`` (the whole day) is stored as ``start == end == 00:00``.
    """

    start: time
    end: time


@dataclass(frozen=True)
class ScheduleRule:
    """One named rule. Exactly one of ``every`` and ``at`` is set."""

    name: str
    every: timedelta | None = None
    jitter: timedelta = timedelta(0)
    at: tuple[time, ...] = ()
    days: frozenset[int] = frozenset(range(7))
    """Weekdays on which the rule is active, Monday = 0."""
    hours: tuple[TimeWindow, ...] = ()
    """Active windows; empty means the whole day."""
    pause: timedelta | None = None
    """Pause length for this rule's cues; ``None`` uses ``pause.length``."""


@dataclass(frozen=True)
class SoundSettings:
    enabled: bool = True
    start: str = "singing-bowl"
    """Cue at the start of a pause: a built-in name, "none" or "custom"."""
    end: str = "singing-bowl"
    """Cue at the end (the closing version of a built-in cue is used)."""
    volume: int = 60
    custom_file: str = ""
    fade_in: timedelta = timedelta(milliseconds=300)


@dataclass(frozen=True)
class PauseSettings:
    length: timedelta = timedelta(minutes=1)
    style: PauseStyle = PauseStyle.WINDOW
    show_countdown: bool = False
    phrase: str = "Nothing needs you for a moment."


@dataclass(frozen=True)
class InvitationSettings:
    form: InvitationForm = InvitationForm.CARD
    card_timeout: timedelta = timedelta(seconds=60)


@dataclass(frozen=True)
class ReflectionSettings:
    enabled: bool = True
    prompts: tuple[str, ...] = ()
    """Own prompts; empty uses the built-in rotating prompts."""
    feelings: tuple[str, ...] = ("calm", "tired", "grateful", "restless", "clear", "tender")


@dataclass(frozen=True)
class ConsiderateSettings:
    quiet_when_away: bool = True
    away_after: timedelta = timedelta(minutes=3)
    quiet_when_fullscreen: bool = True
    quiet_when_dnd: bool = True
    grace_after_wake: timedelta = timedelta(minutes=2)


@dataclass(frozen=True)
class JournalSettings:
    keep_days: int = 0
    """Delete entries older than this many days; 0 keeps them forever."""


def _default_schedules() -> tuple[ScheduleRule, ...]:
    return (
        ScheduleRule(
            name="Through the day",
            every=timedelta(minutes=45),
            hours=(TimeWindow(time(9, 0), time(18, 0)),),
        ),
    )


@dataclass(frozen=True)
class Settings:
    schema_version: int = SCHEMA_VERSION
    schedules: tuple[ScheduleRule, ...] = field(default_factory=_default_schedules)
    sound: SoundSettings = field(default_factory=SoundSettings)
    pause: PauseSettings = field(default_factory=PauseSettings)
    invitation: InvitationSettings = field(default_factory=InvitationSettings)
    reflection: ReflectionSettings = field(default_factory=ReflectionSettings)
    shortcut: str = "Ctrl+Alt+P"
    """Global shortcut that starts a pause; "" turns it off."""
    start_at_login: bool = False
    """Start Presence when the user logs in; off until the user asks for it."""
    considerate: ConsiderateSettings = field(default_factory=ConsiderateSettings)
    journal: JournalSettings = field(default_factory=JournalSettings)


class FileState(StrEnum):
    """What the loader found on disk."""

    OK = "ok"
    """The file was read (its single bad values may still be listed as problems)."""
    MISSING = "missing"
    """There is no file; the defaults apply."""
    UNREADABLE = "unreadable"
    """The file exists but could not be opened or read."""
    BROKEN = "broken"
    """The file is not valid TOML (or not UTF-8 text); it was left as it is."""
    NEWER = "newer"
    """A newer Presence wrote the file; it was left as it is."""


@dataclass(frozen=True)
class Problem:
    """One thing the loader could not use, as a full sentence for the user."""

    key: str
    """Dotted key such as ``"schedules[0].every"``; ``""`` for the whole file."""
    message: str

    def __str__(self) -> str:
        return self.message


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
