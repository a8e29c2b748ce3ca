"""The settings: their typed shape and how they travel between
``settings.toml`` and validated values. Import everything from here.

How a value travels from the file to a field:
1. ``load_settings`` reads bytes (a missing file means the defaults; a file
   that cannot be opened or is not UTF-8 is reported and left alone).
2. ``tomllib`` parses the text. A file that does not parse is never
   overwritten: the defaults apply and the message names line and column.
3. ``schema_version`` is checked: a newer file is left untouched and the
   defaults apply; an older one goes through the ordered ``UPGRADES``.
4. Every key is checked against the field table (``settings_fields``) or the
   schedule rules (``settings_schedules``). Every problem is collected with
   key, rule and value found; unknown keys get a "did you mean"; only the bad
   value falls back to its default.

Saving goes the other way through ``tomli-w`` and ``write_atomic``: the
previous file is first kept as ``settings.toml.bak``, and a failed write
leaves the old file intact and raises ``SettingsSaveError``. Only the first
start (``ensure_settings_file``) and explicit saves ever write the file.
"""

from __future__ import annotations

import dataclasses
import errno
import re
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import tomli_w

from presence_app.core.atomicfile import write_atomic
from presence_app.core.settings_fields import (
    FIELDS,
    SECTIONS,
    Field,
    Kind,
    check_value,
    fields_of,
    format_setting_duration,
    problem,
)
from presence_app.core.settings_model import (
    BUILTIN_CUES,
    CUSTOM_CUE,
    NO_CUE,
    SCHEMA_VERSION,
    ConsiderateSettings,
    FileState,
    InvitationForm,
    InvitationSettings,
    JournalSettings,
    LoadResult,
    PauseSettings,
    PauseStyle,
    Problem,
    ReflectionSettings,
    ScheduleRule,
    Settings,
    SoundSettings,
    TimeWindow,
)
from presence_app.core.settings_schedules import check_schedules, rule_to_toml, unknown_key

__all__ = [
    "BUILTIN_CUES",
    "CUSTOM_CUE",
    "FIELDS",
    "NO_CUE",
    "SCHEMA_VERSION",
    "UPGRADES",
    "ConsiderateSettings",
    "Field",
    "FileState",
    "InvitationForm",
    "InvitationSettings",
    "JournalSettings",
    "LoadResult",
    "PauseSettings",
    "PauseStyle",
    "Problem",
    "ReflectionSettings",
    "ScheduleRule",
    "Settings",
    "SettingsSaveError",
    "SoundSettings",
    "TimeWindow",
    "backup_path",
    "ensure_settings_file",
    "load_settings",
    "parse_settings",
    "save_settings",
    "settings_to_toml",
    "upgrade",
]

TOP_KEYS = ("schema_version", "schedules", "shortcut", *SECTIONS)
_UNCHANGED = "Presence runs on its defaults and has not changed the file."

Upgrade = Callable[[dict[str, Any]], dict[str, Any]]
UPGRADES: dict[int, Upgrade] = {}
"""``UPGRADES[n]`` turns a version-n document into a version n+1 one.

Each function's docstring says what changed. Version 1 is the first schema,
so the table is empty for now.
"""


class SettingsSaveError(Exception):
    """The settings could not be written; the message is for the user."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.message = message
        self.reason = reason
        """Why, in a few words, such as "the disk is full"."""


def backup_path(path: Path) -> Path:
    """Return where the previous file is kept: ``settings.toml.bak``."""
    return path.with_name(path.name + ".bak")


# --- loading -------------------------------------------------------------------


def load_settings(path: Path) -> LoadResult:
    """Load and validate the settings file; never raises for its content."""
    try:
        content = path.read_bytes()
    except FileNotFoundError:
        return LoadResult(Settings(), (), FileState.MISSING)
    except OSError as error:
        text = f"{path.name} could not be opened ({_reason(error, reading=True)}); {_UNCHANGED}"
        return _whole_file(FileState.UNREADABLE, text)
    try:
        # utf-8-sig: some Windows editors start files with a byte-order mark.
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        where = f"byte {error.start + 1} is not UTF-8 text"
        return _whole_file(
            FileState.BROKEN, f"{path.name} could not be read ({where}); {_UNCHANGED}"
        )
    return parse_settings(text, name=path.name)


def parse_settings(text: str, *, name: str = "settings.toml") -> LoadResult:
    """Validate settings given as TOML text; ``name`` is used in messages."""
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return _whole_file(
            FileState.BROKEN, f"{name} could not be read ({_where(error)}); {_UNCHANGED}"
        )
    version, problems = _schema_version(document)
    if version > SCHEMA_VERSION:
        text = (
            f"{name} was written by a newer version of Presence (schema_version {version}, "
            f"this version knows {SCHEMA_VERSION}); {_UNCHANGED}"
        )
        return _whole_file(FileState.NEWER, text)
    settings, found = _from_document(upgrade(document, version))
    return LoadResult(settings, (*problems, *found), FileState.OK)


def upgrade(
    document: dict[str, Any],
    version: int,
    upgrades: dict[int, Upgrade] | None = None,
    target: int = SCHEMA_VERSION,
) -> dict[str, Any]:
    """Bring a document of an older ``version`` up to ``target``, step by step."""
    steps = UPGRADES if upgrades is None else upgrades
    for current in range(version, target):
        document = steps[current](document)
    return document


def _whole_file(state: FileState, message: str) -> LoadResult:
    return LoadResult(Settings(), (Problem("", message),), state)


def _where(error: tomllib.TOMLDecodeError) -> str:
    """Turn tomllib's "Reason (at line 3, column 7)" into "line 3, column 7: reason"."""
    text = str(error)
    match = re.fullmatch(r"(.*) \(at (line \d+, column \d+|end of document)\)", text)
    if match is None:
        return text
    reason = match.group(1)
    return f"{match.group(2)}: {reason[:1].lower()}{reason[1:]}"


def _schema_version(document: dict[str, Any]) -> tuple[int, list[Problem]]:
    raw = document.get("schema_version", SCHEMA_VERSION)
    if isinstance(raw, int) and not isinstance(raw, bool) and raw >= 1:
        return raw, []
    return SCHEMA_VERSION, [
        problem("schema_version", f"a whole number such as {SCHEMA_VERSION}", raw)
    ]


def _from_document(document: dict[str, Any]) -> tuple[Settings, list[Problem]]:
    problems = [unknown_key(key, TOP_KEYS) for key in document if key not in TOP_KEYS]
    values: dict[str, Any] = {}
    if "schedules" in document:
        schedules, found = check_schedules(document["schedules"])
        problems.extend(found)
        if schedules is not None:
            values["schedules"] = schedules
    for section in SECTIONS:
        if section in document:
            values[section], found = _section(section, document[section])
            problems.extend(found)
    if "shortcut" in document:
        (shortcut,) = (field for field in FIELDS if field.key == "shortcut")
        value, found = check_value(shortcut, document["shortcut"])
        problems.extend(found)
        if value is not None:
            values["shortcut"] = value
    settings = Settings(**values)
    sound, found = _check_custom_cue(settings.sound)
    problems.extend(found)
    return dataclasses.replace(settings, sound=sound), problems


def _section(section: str, raw: object) -> tuple[Any, list[Problem]]:
    default = getattr(Settings(), section)
    if not isinstance(raw, dict):
        return default, [problem(section, f"a table that starts with [{section}]", raw)]
    fields = {field.name: field for field in fields_of(section)}
    problems = [unknown_key(key, fields, f"{section}.") for key in raw if key not in fields]
    changes: dict[str, Any] = {}
    for name, value in raw.items():
        if name in fields:
            checked, found = check_value(fields[name], value)
            problems.extend(found)
            if checked is not None:
                changes[name] = checked
    return dataclasses.replace(default, **changes), problems


def _check_custom_cue(sound: SoundSettings) -> tuple[SoundSettings, list[Problem]]:
    """A "custom" cue needs a file; without one, that cue's default is used."""
    if sound.custom_file.strip():
        return sound, []
    problems: list[Problem] = []
    changes: dict[str, Any] = {}
    for name in ("start", "end"):
        if getattr(sound, name) == CUSTOM_CUE:
            default = getattr(SoundSettings(), name)
            text = (
                f'`sound.{name}` is "custom" but `sound.custom_file` is empty, '
                f'so "{default}" rings instead.'
            )
            problems.append(Problem(f"sound.{name}", text))
            changes[name] = default
    return dataclasses.replace(sound, **changes), problems


# --- writing -------------------------------------------------------------------


def settings_to_toml(settings: Settings) -> str:
    """Write settings as TOML text that ``parse_settings`` reads back unchanged."""
    document: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "shortcut": settings.shortcut,
        "schedules": [rule_to_toml(rule) for rule in settings.schedules],
    }
    for section in SECTIONS:
        values = getattr(settings, section)
        document[section] = {
            field.name: _to_toml(field, getattr(values, field.name))
            for field in fields_of(section)
        }
    return tomli_w.dumps(document)


def _to_toml(field: Field, value: Any) -> Any:
    if field.kind is Kind.DURATION:
        return format_setting_duration(value)
    if field.kind is Kind.TEXT_LIST:
        return list(value)
    if field.kind is Kind.CHOICE:
        return str(value)
    return value


def save_settings(path: Path, settings: Settings) -> None:
    """Write settings atomically, keeping the previous file as ``.bak``.

    Raises:
        SettingsSaveError: nothing was changed; the message says why.
    """
    data = settings_to_toml(settings).encode("utf-8")
    try:
        previous: bytes | None = path.read_bytes()
    except FileNotFoundError:
        previous = None
    except OSError as error:
        raise _save_error(path, error) from error
    try:
        if previous is not None and previous != data:
            write_atomic(backup_path(path), previous)
        write_atomic(path, data)
    except OSError as error:
        raise _save_error(path, error) from error


def _save_error(path: Path, error: OSError) -> SettingsSaveError:
    reason = _reason(error)
    text = (
        f"Your settings could not be saved to {path} because {reason}. "
        "The file there is unchanged, so nothing is lost."
    )
    return SettingsSaveError(text, reason)


def _reason(error: OSError, *, reading: bool = False) -> str:
    """Say in a few plain words why a file operation failed."""
    denied = (
        "there is no permission to read it" if reading else "there is no permission to write there"
    )
    known = {
        errno.ENOSPC: "the disk is full",
        errno.EROFS: "the disk is read-only",
        errno.EACCES: denied,
        errno.EPERM: denied,
        errno.EISDIR: "a folder has that name",
    }
    if error.errno in known:
        return known[error.errno]
    text = error.strerror or str(error) or type(error).__name__
    return text[:1].lower() + text[1:]


def ensure_settings_file(path: Path) -> LoadResult:
    """On the first start, write the default file if there is none; then load."""
    result = load_settings(path)
    if result.file_state is not FileState.MISSING:
        return result
    try:
        save_settings(path, result.settings)
    except SettingsSaveError as error:
        text = f"{path.name} could not be created in {path.parent} because {error.reason}; "
        return _whole_file(FileState.MISSING, text + "Presence runs on its defaults.")
    return load_settings(path)
