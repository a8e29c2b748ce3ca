"""The settings: one small package that knows every setting once.

Import everything from here. The modules:

- ``rows``: the ``Field`` row and the functions that declare a setting;
- ``model``: the dataclasses, where each setting is one line carrying its
  default, kind, range or choices, label and sentence; ``FIELDS`` collects
  them (adding a setting is that one line);
- ``results``: ``FileState``, ``Problem`` and ``LoadResult``;
- ``reading``: the bounded read of the file's bytes;
- ``checks`` (one value against its row), ``schedules`` (rules),
  ``text`` (durations and message wording), ``words`` (rules in plain
  words), ``templates`` (rules to start from);
- ``load``, ``save`` (with ``keep``: saving into the user's own text) and
  ``comments``.

How a value travels from the file to a field:
1. ``load_settings`` reads the bytes, bounded (``reading``): a missing file
   means the defaults; a folder, pipe, device, socket, unreadable or
   oversized file is reported and left alone, without blocking.
2. The bytes are decoded and parsed with ``tomllib``, and the nesting depth
   is bounded. A file that does not parse is never overwritten: the defaults
   apply and the message names line and column (or what made it unreadable).
3. ``schema_version`` is checked: a newer file is left untouched and the
   defaults apply; an older one goes through the ordered ``UPGRADES``.
4. Every key is checked against its row or the schedule rules. Every problem
   is collected with key, rule and value found (and a plain hint for the
   window); unknown keys get a "did you mean"; only the bad value falls back
   to its default.

Saving goes the other way (``save``): the previous file is first kept as
``settings.toml.bak``, changed values are written into the user's own text
where it reads cleanly (comments and order kept), and the new file replaces
the old atomically; a failed write leaves the old file intact and raises
``SettingsSaveError``. Only the first start (``ensure_settings_file``) and
explicit saves ever write the file.
"""

from __future__ import annotations

from presence_app.core.settings.load import (
    MAX_DEPTH,
    UPGRADES,
    check_document,
    load_settings,
    parse_bytes,
    parse_settings,
    upgrade,
)
from presence_app.core.settings.model import (
    BUILTIN_CUES,
    CUE_NAMES,
    CUSTOM_CUE,
    FIELDS,
    LANGUAGES,
    NO_CUE,
    SCHEMA_VERSION,
    SECTIONS,
    ConsiderateSettings,
    InvitationForm,
    InvitationSettings,
    JournalSettings,
    PauseSettings,
    PauseStyle,
    ReflectionSettings,
    ScheduleRule,
    Settings,
    SoundSettings,
    TimeWindow,
    field_of,
    fields_of,
)
from presence_app.core.settings.reading import MAX_BYTES, ReadRefused, read_settings_bytes
from presence_app.core.settings.results import FileState, LoadResult, Problem
from presence_app.core.settings.rows import Field, Kind, Page
from presence_app.core.settings.save import (
    SettingsSaveError,
    backup_path,
    ensure_settings_file,
    field_to_toml,
    new_content,
    save_settings,
    settings_to_document,
    settings_to_toml,
)
from presence_app.core.settings.schedules import rule_to_toml
from presence_app.core.settings.text import (
    format_setting_duration,
    os_error_reason,
    parse_setting_duration,
)
from presence_app.core.settings.words import describe_rule

__all__ = [
    "BUILTIN_CUES",
    "CUE_NAMES",
    "CUSTOM_CUE",
    "FIELDS",
    "LANGUAGES",
    "MAX_BYTES",
    "MAX_DEPTH",
    "NO_CUE",
    "SCHEMA_VERSION",
    "SECTIONS",
    "UPGRADES",
    "ConsiderateSettings",
    "Field",
    "FileState",
    "InvitationForm",
    "InvitationSettings",
    "JournalSettings",
    "Kind",
    "LoadResult",
    "Page",
    "PauseSettings",
    "PauseStyle",
    "Problem",
    "ReadRefused",
    "ReflectionSettings",
    "ScheduleRule",
    "Settings",
    "SettingsSaveError",
    "SoundSettings",
    "TimeWindow",
    "backup_path",
    "check_document",
    "describe_rule",
    "ensure_settings_file",
    "field_of",
    "field_to_toml",
    "fields_of",
    "format_setting_duration",
    "load_settings",
    "new_content",
    "os_error_reason",
    "parse_bytes",
    "parse_setting_duration",
    "parse_settings",
    "read_settings_bytes",
    "rule_to_toml",
    "save_settings",
    "settings_to_document",
    "settings_to_toml",
    "upgrade",
]
