"""The settings: their typed shape and how they travel between
``settings.toml`` and validated values. Import everything from here; the
work is split over ``settings_model`` (dataclasses and load results),
``settings_fields`` (the field table), ``settings_checks`` (one value
against its row), ``settings_schedules`` (rules), ``settings_text``
(durations and message wording), ``settings_load`` and ``settings_save``.

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

from presence_app.core.settings_fields import FIELDS, SECTIONS, Field, Kind
from presence_app.core.settings_load import (
    UPGRADES,
    check_document,
    load_settings,
    parse_settings,
    upgrade,
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
from presence_app.core.settings_save import (
    SettingsSaveError,
    backup_path,
    ensure_settings_file,
    field_to_toml,
    save_settings,
    settings_to_document,
    settings_to_toml,
)

__all__ = [
    "BUILTIN_CUES",
    "CUSTOM_CUE",
    "FIELDS",
    "SECTIONS",
    "NO_CUE",
    "SCHEMA_VERSION",
    "UPGRADES",
    "ConsiderateSettings",
    "Field",
    "Kind",
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
    "check_document",
    "ensure_settings_file",
    "field_to_toml",
    "load_settings",
    "parse_settings",
    "save_settings",
    "settings_to_document",
    "settings_to_toml",
    "upgrade",
]
