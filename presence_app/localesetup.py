"""Set this process's language and time format at start-up (the command line).

Why: the command line must speak as the app does, and decide before it
builds its help. It reads only the ``language`` setting (a small TOML read,
not the whole settings machinery, so ``presence-app pause`` stays quick),
asks the platform for the user's languages and region, and installs the
catalog and the time format in ``presence_app.i18n``. The tray app does the
same with Qt's help in ``presence_app.ui.qtlocale``.
"""

from __future__ import annotations

import logging
import re
import stat
from pathlib import Path

from presence_app import i18n
from presence_app.adapters.uilanguage import system_languages, system_region
from presence_app.core.hourcycle import uses_twelve_hours
from presence_app.core.timefmt import TimeFormat, use_time_format

log = logging.getLogger(__name__)

MOST_SETTINGS_BYTES = 1 << 20
"""A settings file larger than this is not read here (the loader says why)."""
_MENTIONS_LANGUAGE = re.compile(rb"^\s*language\s*=", re.MULTILINE)


def read_language(settings_file: Path) -> str:
    """Return the ``language`` setting, or "" (follow the system) if it cannot be read."""
    try:
        if not stat.S_ISREG(settings_file.stat().st_mode):
            return ""  # a pipe or a device would block or never end; the loader says why
        with settings_file.open("rb") as stream:
            data = stream.read(MOST_SETTINGS_BYTES + 1)
        if len(data) > MOST_SETTINGS_BYTES or not _MENTIONS_LANGUAGE.search(data):
            return ""  # most files leave the language alone: no TOML parser to load
        import tomllib

        value = tomllib.loads(data.decode("utf-8")).get("language", "")
    except (OSError, UnicodeDecodeError, ValueError, RecursionError, MemoryError):
        # A broken or hostile file (tomllib raises ValueError for a number of
        # thousands of digits, RecursionError for deep nesting): the loader
        # reports it; here the system's language will do.
        return ""
    return value if isinstance(value, str) else ""


def setup_language(settings_file: Path) -> str:
    """Install the user's language and clock for this process; return the language."""
    language = i18n.use_language(read_language(settings_file), system_languages())
    use_time_format(TimeFormat(hour12=uses_twelve_hours(system_region())))
    return language
