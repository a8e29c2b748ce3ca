"""Loading settings: from bytes on disk to a ``LoadResult``, never raising
for what is at the path or what the file contains.

The steps: read the bytes (``reading``: missing means the defaults; a
folder, pipe, device, socket, unreadable or oversized file is a whole-file
problem, the file left alone), decode UTF-8, parse with tomllib, bound the
nesting depth (a broken file is named by line and column, never
overwritten; whatever the parser raises on hostile input becomes the same
calm "could not be read" sentence), check ``schema_version`` (newer: left
untouched, defaults; older: the ordered ``UPGRADES``), then check every key
against the rows and the schedule rules, collecting every problem and
falling back value by value.
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from presence_app.core.chord import ChordError, parse_chord
from presence_app.core.settings.checks import check_value
from presence_app.core.settings.model import (
    CUSTOM_CUE,
    SCHEMA_VERSION,
    SECTIONS,
    Settings,
    SoundSettings,
    fields_of,
)
from presence_app.core.settings.reading import UNCHANGED, ReadRefused, read_settings_bytes
from presence_app.core.settings.results import FileState, LoadResult, Problem
from presence_app.core.settings.rows import Field
from presence_app.core.settings.schedules import check_schedules, unknown_key
from presence_app.core.settings.text import problem, show
from presence_app.i18n import _

TOP_KEYS = ("schema_version", "schedules", *(f.name for f in fields_of("")), *SECTIONS)
_UNCHANGED = UNCHANGED
MAX_DEPTH = 32
"""Deepest nesting of tables and lists accepted; real settings need 4."""

Upgrade = Callable[[dict[str, Any]], dict[str, Any]]
UPGRADES: dict[int, Upgrade] = {}
"""``UPGRADES[n]`` turns a version-n document into a version n+1 one.

Each function's docstring says what changed. Version 1 is the first schema,
so the table is empty for now.
"""


# --- loading -------------------------------------------------------------------


def load_settings(path: Path) -> LoadResult:
    """Load and validate the settings file; never raises for what is there."""
    try:
        content = read_settings_bytes(path)
    except FileNotFoundError:
        return LoadResult(Settings(), (), FileState.MISSING)
    except ReadRefused as refused:
        return _whole_file(refused.state, refused.message)
    return parse_bytes(content, name=path.name)


def parse_bytes(content: bytes, *, name: str = "settings.toml") -> LoadResult:
    """Validate settings given as the bytes of a file; ``name`` is used in messages."""
    try:
        # utf-8-sig: some Windows editors start files with a byte-order mark.
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        where = _("byte {number} is not UTF-8 text").format(number=error.start + 1)
        return _broken(name, where)
    return parse_settings(text, name=name)


def parse_settings(text: str, *, name: str = "settings.toml") -> LoadResult:
    """Validate settings given as TOML text; ``name`` is used in messages."""
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return _broken(name, _where(error))
    # What hostile input makes the parser raise besides: nesting deeper than
    # Python's recursion limit, an integer of more than 4300 digits.
    except RecursionError:
        return _broken(name, _too_deep())
    except ValueError as error:
        return _broken(name, _value_reason(error))
    except MemoryError:
        return _broken(name, _("it is too large to read"))
    if _depth(document) > MAX_DEPTH:
        return _broken(name, _too_deep())
    return check_document(document, name=name)


def _too_deep() -> str:
    return _("it is nested more than {count} levels deep").format(count=MAX_DEPTH)


def _broken(name: str, reason: str) -> LoadResult:
    message = _("{file} could not be read ({reason}); {unchanged}").format(
        file=name, reason=reason, unchanged=_(_UNCHANGED)
    )
    return _whole_file(FileState.BROKEN, message)


def _value_reason(error: ValueError) -> str:
    if "digits" in str(error):
        return _("it holds a number with more than 4300 digits")
    return _("it holds a value that cannot be read")


def _depth(document: dict[str, Any]) -> int:
    """Return how deeply lists and tables nest, without recursing."""
    deepest = 0
    stack: list[tuple[object, int]] = [(document, 1)]
    while stack:
        value, depth = stack.pop()
        deepest = max(deepest, depth)
        if deepest > MAX_DEPTH:
            break
        children: list[object] = []
        if isinstance(value, dict):
            children = list(value.values())
        elif isinstance(value, list):
            children = value
        stack.extend((c, depth + 1) for c in children if isinstance(c, dict | list))
    return deepest


def check_document(document: dict[str, Any], *, name: str = "settings.toml") -> LoadResult:
    """Validate an already parsed document (the settings window checks its form this way)."""
    version, problems = _schema_version(document)
    if version > SCHEMA_VERSION:
        text = _(
            "{file} was written by a newer version of Presence (schema_version {found}, "
            "this version knows {known}); {unchanged}"
        ).format(file=name, found=show(version), known=SCHEMA_VERSION, unchanged=_(_UNCHANGED))
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
    match = re.fullmatch(r"(.*) \(at (?:line (\d+), column (\d+)|end of document)\)", text)
    if match is None:
        return text
    reason = match.group(1)
    # tomllib's reason stays in its own (English) words; where it is, in ours.
    if match.group(2) is None:
        where = _("end of document")
    else:
        where = _("line {line}, column {column}").format(
            line=match.group(2), column=match.group(3)
        )
    return f"{where}: {reason[:1].lower()}{reason[1:]}"


def _schema_version(document: dict[str, Any]) -> tuple[int, list[Problem]]:
    raw = document.get("schema_version", SCHEMA_VERSION)
    if isinstance(raw, int) and not isinstance(raw, bool) and raw >= 1:
        return raw, []
    return SCHEMA_VERSION, [
        problem(
            "schema_version",
            _("a whole number such as {example}").format(example=SCHEMA_VERSION),
            raw,
        )
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
    for field in fields_of(""):
        if field.name in document:
            value, found = _top_level(field, document[field.name])
            problems.extend(found)
            if value is not None:
                values[field.name] = value
    settings = Settings(**values)
    sound, found = _check_custom_cue(settings.sound)
    problems.extend(found)
    return dataclasses.replace(settings, sound=sound), problems


def _top_level(field: Field, raw: object) -> tuple[Any, list[Problem]]:
    if field.name == "shortcut":
        return _check_shortcut(field, raw)
    return check_value(field, raw)


def _check_shortcut(field: Field, raw: object) -> tuple[str | None, list[Problem]]:
    """Check the shortcut: text, and either empty (off) or a chord that can be pressed."""
    value, found = check_value(field, raw)
    if found or not value or not value.strip():
        return value, found
    try:
        parse_chord(value)
    except ChordError as error:
        rule = _('a key chord such as "Ctrl+Alt+P", or "" for none')
        message = _("{problem}: {reason}").format(
            problem=problem("shortcut", rule, raw).message, reason=error
        )
        return None, [Problem("shortcut", message, str(error))]
    return value, []


def _section(section: str, raw: object) -> tuple[Any, list[Problem]]:
    default = getattr(Settings(), section)
    if not isinstance(raw, dict):
        rule = _("a table that starts with {header}").format(header=f"[{section}]")
        return default, [problem(section, rule, raw)]
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
            text = _(
                '`{key}` is "custom" but `sound.custom_file` is empty, '
                'so "{default}" rings instead.'
            ).format(key=f"sound.{name}", default=default)
            hint = _("Choose your sound file below, or another bell.")
            problems.append(Problem(f"sound.{name}", text, hint))
            changes[name] = default
    return dataclasses.replace(sound, **changes), problems
