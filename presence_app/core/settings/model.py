"""The typed shape of the settings: plain frozen dataclasses, one row each.

Everything else in the app reads settings through these values, never
through raw TOML. Each scalar setting is declared here exactly once, with
its default, kind, allowed range or choices, human label and sentence (see
``rows``); ``FIELDS`` collects those rows in file order. To add a setting,
add one line to its dataclass: the loader, ``config check``, the file's
comments, the settings window and the README reference follow from it.

Schedule rules (``ScheduleRule``) are a group of related values and are
checked by ``schedules``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import time, timedelta
from enum import StrEnum

from presence_app.core.settings.rows import (
    ROW,
    Field,
    Page,
    choice,
    duration,
    flag,
    number,
    text,
    texts,
)
from presence_app.i18n import N_, NP_, _

SCHEMA_VERSION = 1

BUILTIN_CUES: tuple[str, ...] = ("singing-bowl", "small-bell", "soft-chime", "wooden-tone")
"""Built-in sound cues; each exists in a start and a closing version."""

NO_CUE = "none"
CUSTOM_CUE = "custom"

CUE_NAMES: tuple[tuple[str, str], ...] = (
    ("singing-bowl", N_("Singing bowl")),
    ("small-bell", N_("Small bell")),
    ("soft-chime", N_("Soft chime")),
    ("wooden-tone", N_("Wooden tone")),
    (NO_CUE, N_("No sound")),
    (CUSTOM_CUE, N_("My own sound file")),
)
LANGUAGES: tuple[tuple[str, str], ...] = (
    ("", N_("System default")),
    ("en", "English"),
    ("de", "Deutsch"),
)
"""The languages Presence ships ("" follows the system), each named in itself."""

_S = timedelta(seconds=1)
_M = timedelta(minutes=1)


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
    enabled: bool = flag(
        True, N_("Ring bells"), N_("Ring a bell at the start and end of a pause.")
    )
    start: str = choice(
        "singing-bowl", CUE_NAMES, N_("Opening bell"), N_("The bell that invites a pause.")
    )
    """Cue at the start of a pause: a built-in name, "none" or "custom"."""
    end: str = choice(
        "singing-bowl", CUE_NAMES, N_("Closing bell"), N_("The bell that closes a pause.")
    )
    """Cue at the end (the closing version of a built-in cue is used)."""
    volume: int = number(60, 0, 100, N_("Volume"), N_("How loud the bells ring."))
    custom_file: str = text(
        "",
        N_("Own sound file"),
        N_('A sound file of your own, used when a bell is set to "custom".'),
        max_length=4096,
    )
    fade_in: timedelta = duration(
        timedelta(milliseconds=300),
        0 * _S,
        10 * _S,
        N_("Fade-in"),
        N_("How gently each bell rises."),
    )


@dataclass(frozen=True)
class PauseSettings:
    length: timedelta = duration(
        1 * _M, 10 * _S, 60 * _M, N_("Pause length"), N_("How long a pause lasts.")
    )
    style: PauseStyle = choice(
        PauseStyle.WINDOW,
        (("window", N_("In a small window")), ("fullscreen", N_("Softly over the whole screen"))),
        N_("Show the pause"),
        N_("Show the pause in a small window or softly over the full screen."),
    )
    show_countdown: bool = flag(
        False, N_("Show the time left"), N_("Show how much of the pause is left.")
    )
    phrase: str = text(
        N_("Nothing needs you for a moment."),
        N_("Phrase"),
        N_("A short phrase shown during a pause."),
        max_length=200,
        worded=True,
    )


@dataclass(frozen=True)
class InvitationSettings:
    form: InvitationForm = choice(
        InvitationForm.CARD,
        (
            ("card", N_("A small card asks first")),
            ("pause", N_("The pause begins at once")),
            ("sound", N_("Only the bell rings")),
        ),
        N_("When a bell rings"),
        N_("How a bell invites you: a small card, the pause at once, or the sound only."),
    )
    card_timeout: timedelta = duration(
        60 * _S,
        10 * _S,
        10 * _M,
        N_("The card waits"),
        N_("How long the invitation card waits before it quietly lets the bell pass."),
    )


@dataclass(frozen=True)
class ReflectionSettings:
    enabled: bool = flag(
        True, N_("Offer reflection"), N_("Offer a moment to note what you noticed.")
    )
    prompts: tuple[str, ...] = texts(
        (),
        100,
        300,
        N_("Your own questions"),
        N_("Your own questions for reflection; when empty, the built-in ones take turns."),
    )
    """Own prompts; empty uses the built-in rotating prompts."""
    feelings: tuple[str, ...] = texts(
        (
            NP_("feeling", "calm"),
            NP_("feeling", "tired"),
            NP_("feeling", "grateful"),
            NP_("feeling", "restless"),
            NP_("feeling", "clear"),
            NP_("feeling", "tender"),
        ),
        30,
        40,
        N_("Feeling words"),
        N_("Feeling words you can pick after a pause."),
        context="feeling",
    )


@dataclass(frozen=True)
class ConsiderateSettings:
    quiet_when_away: bool = flag(
        True, N_("Quiet while you are away"), N_("Stay quiet while you are away.")
    )
    away_after: timedelta = duration(
        3 * _M,
        1 * _M,
        120 * _M,
        N_("Away after"),
        N_("How long without keyboard or mouse counts as being away."),
    )
    quiet_when_fullscreen: bool = flag(
        True,
        N_("Quiet during full screen"),
        N_("Stay quiet during full-screen apps, presentations and calls."),
    )
    quiet_when_dnd: bool = flag(
        True, N_("Quiet during do-not-disturb"), N_("Stay quiet while do-not-disturb is on.")
    )
    quiet_during_calls: bool = flag(
        True,
        N_("Quiet during calls"),
        N_("Stay quiet while the microphone is in use, as in a call."),
    )
    grace_after_wake: timedelta = duration(
        2 * _M,
        0 * _S,
        30 * _M,
        N_("Quiet moment after waking"),
        N_("A quiet moment after the computer wakes or you return."),
    )


@dataclass(frozen=True)
class JournalSettings:
    keep_days: int = number(
        0,
        0,
        36500,
        N_("Keep entries (days)"),
        N_("Keep journal entries for this many days; 0 keeps them forever."),
    )
    """Delete entries older than this many days; 0 keeps them forever."""


def _default_schedules() -> tuple[ScheduleRule, ...]:
    return (
        ScheduleRule(
            name=_("Through the day"),  # in the user's language: it is the user's rule now
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
    shortcut: str = text(
        "Ctrl+Alt+P",
        N_("Shortcut"),
        N_('The keys that start a pause from anywhere, such as "Ctrl+Alt+P"; empty turns it off.'),
        page=Page.START,
    )
    """Global shortcut that starts a pause; "" turns it off (``load`` checks the chord)."""
    start_at_login: bool = flag(
        False,
        N_("Start at login"),
        N_("Start Presence when you log in to this computer."),
        page=Page.START,
    )
    """Start Presence when the user logs in; off until the user asks for it."""
    language: str = text(
        "",
        N_("Language"),
        N_(
            "The language of Presence's windows and messages, from its next start; "
            "empty follows the system."
        ),
        max_length=35,
        offers=LANGUAGES,
        page=Page.START,
    )
    considerate: ConsiderateSettings = field(default_factory=ConsiderateSettings)
    journal: JournalSettings = field(default_factory=JournalSettings)


SECTION_PAGES: dict[str, Page] = {
    "sound": Page.SOUND,
    "pause": Page.PAUSE,
    "invitation": Page.PAUSE,
    "reflection": Page.PAUSE,
    "considerate": Page.QUIET,
    "journal": Page.PAUSE,
}
"""The window page of each table's settings (a row may name its own)."""


def _collect() -> tuple[tuple[Field, ...], tuple[str, ...]]:
    """Read the rows off the dataclasses, in the order the file writes them."""
    rows: list[Field] = []
    sections: list[str] = []
    for member in dataclasses.fields(Settings):
        spec: Field | None = member.metadata.get(ROW)
        if spec is not None:
            assert spec.page is not None, f"the top-level setting {member.name} needs a page"
            rows.append(dataclasses.replace(spec, name=member.name))
            continue
        holder: object = member.default_factory
        if not (isinstance(holder, type) and dataclasses.is_dataclass(holder)):
            continue  # schema_version and schedules are not rows
        sections.append(member.name)
        for inner in dataclasses.fields(holder):
            spec = inner.metadata[ROW]
            page = spec.page or SECTION_PAGES[member.name]
            rows.append(dataclasses.replace(spec, section=member.name, name=inner.name, page=page))
    return tuple(rows), tuple(sections)


FIELDS, SECTIONS = _collect()
"""Every scalar setting, and the tables that hold them, in file order."""


def fields_of(section: str) -> tuple[Field, ...]:
    """Return the rows of one table ("" for the top-level keys)."""
    return tuple(f for f in FIELDS if f.section == section)


def field_of(key: str) -> Field:
    """Return the row of a dotted key such as ``"sound.volume"``."""
    return next(f for f in FIELDS if f.key == key)
