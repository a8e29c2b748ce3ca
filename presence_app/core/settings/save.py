"""Writing settings: atomically, keeping a backup and the user's own text.

``save_settings`` reads the current file (bounded, like every read: a
pipe, device or huge file is refused and left alone), keeps it as
``settings.toml.bak``, and replaces it through ``write_atomic`` (temporary
file in the same folder, flush, fsync, ``os.replace``). Over a file that
reads cleanly it writes only what changed, keeping comments and order
(``keep``); otherwise it writes a fresh file through tomli-w with
Presence's own comments (``comments``). Any ``OSError`` becomes a
``SettingsSaveError`` whose message says what happened and that the old
file is intact. A settings file that is a symbolic link (dotfile managers)
stays one: the file it points to is replaced. ``ensure_settings_file`` is
the only other writer: on the first start it writes the defaults so users
find a file to edit.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from presence_app.core.atomicfile import write_atomic
from presence_app.core.settings.comments import add_comments
from presence_app.core.settings.keep import merged_text
from presence_app.core.settings.load import load_settings, parse_bytes
from presence_app.core.settings.model import SCHEMA_VERSION, SECTIONS, Settings, fields_of
from presence_app.core.settings.reading import ReadRefused, read_settings_bytes
from presence_app.core.settings.results import FileState, LoadResult, Problem
from presence_app.core.settings.rows import Field, Kind
from presence_app.core.settings.schedules import rule_to_toml
from presence_app.core.settings.text import format_setting_duration, os_error_reason
from presence_app.i18n import _


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


def settings_to_toml(settings: Settings, *, comments: bool = False) -> str:
    """Write settings as TOML text that ``parse_settings`` reads back unchanged.

    With ``comments``, each key is explained (a fresh file on disk and
    ``config show`` use that); without, the text is plain TOML.
    """
    import tomli_w  # only when writing, never at start-up

    text = tomli_w.dumps(settings_to_document(settings))
    return add_comments(text) if comments else text


def settings_to_document(settings: Settings) -> dict[str, Any]:
    """Turn settings into the plain TOML values of the file."""
    document: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        **{f.name: field_to_toml(f, getattr(settings, f.name)) for f in fields_of("")},
        "schedules": [rule_to_toml(rule) for rule in settings.schedules],
    }
    for section in SECTIONS:
        values = getattr(settings, section)
        document[section] = {
            field.name: field_to_toml(field, getattr(values, field.name))
            for field in fields_of(section)
        }
    return document


def field_to_toml(field: Field, value: Any) -> Any:
    """Turn one field value into the plain value the file holds."""
    if field.kind is Kind.DURATION:
        return format_setting_duration(value)
    if field.kind is Kind.TEXT_LIST:
        return list(value)
    if field.kind is Kind.CHOICE:
        return str(value)
    return value


def save_settings(path: Path, settings: Settings) -> bytes:
    """Write settings atomically, keeping the previous file as ``.bak``.

    Returns:
        The bytes now in the file (the file watcher knows its own save by them).

    Raises:
        SettingsSaveError: nothing was changed; the message says why.
    """
    try:
        # Replace the file a symbolic link points to, not the link itself.
        path = path.resolve() if path.is_symlink() else path
        previous: bytes | None = read_settings_bytes(path)
    except FileNotFoundError:
        previous = None
    except ReadRefused as refused:
        raise SettingsSaveError(_save_message(path, refused.reason), refused.reason) from None
    except OSError as error:
        raise _save_error(path, error) from error
    data = new_content(previous, settings)
    try:
        if previous is not None and previous != data:
            write_atomic(backup_path(path), previous)
        write_atomic(path, data)
    except OSError as error:
        raise _save_error(path, error) from error
    return data


def new_content(previous: bytes | None, settings: Settings) -> bytes:
    """Return the file's new bytes: ``previous`` updated in place where it can be."""
    fresh = settings_to_toml(settings, comments=True).encode("utf-8")
    if previous is None:
        return fresh
    old = parse_bytes(previous)
    if old.file_state is not FileState.OK:
        return fresh  # a broken file cannot be edited in place; it stays as .bak
    text = merged_text(previous.decode("utf-8-sig"), old, settings, settings_to_document(settings))
    if text is None:
        return fresh
    data = text.encode("utf-8")
    # Trust the update only if it reads back as exactly these settings.
    return data if parse_bytes(data).settings == settings else fresh


def _save_error(path: Path, error: OSError) -> SettingsSaveError:
    reason = os_error_reason(error)
    return SettingsSaveError(_save_message(path, reason), reason)


def _save_message(path: Path, reason: str) -> str:
    return _(
        "Your settings could not be saved to {path} because {reason}. "
        "The file there is unchanged, so nothing is lost."
    ).format(path=path, reason=reason)


def ensure_settings_file(path: Path) -> LoadResult:
    """On the first start, write the default file if there is none; then load."""
    result = load_settings(path)
    if result.file_state is not FileState.MISSING:
        return result
    try:
        save_settings(path, result.settings)
    except SettingsSaveError as error:
        message = _(
            "{file} could not be created in {folder} because {reason}; "
            "Presence runs on its defaults."
        ).format(file=path.name, folder=path.parent, reason=error.reason)
        return LoadResult(result.settings, (Problem("", message),), FileState.MISSING)
    return load_settings(path)
