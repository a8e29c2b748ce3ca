"""Set the tray app's language and time format, with Qt's help.

Why: the app speaks the language the ``language`` setting names, or the
system's; Qt's own words (standard buttons, file dialogs) follow through
Qt's translations of itself (``qtbase_<lang>.qm``, shipped in the PySide6
wheel). The hour cycle comes from ``QLocale.system()``, which also knows a
12/24-hour choice the user made in the Windows or macOS settings.

The language is chosen once, at start-up, before the first window or the
tray's menu says a word; a change in the settings takes effect at the next
start (the settings window says so).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from presence_app import i18n
from presence_app.adapters.uilanguage import system_languages
from presence_app.core.timefmt import TimeFormat, use_time_format
from presence_app.localesetup import read_language

log = logging.getLogger(__name__)


def uses_twelve_hours(locale: QLocale) -> bool:
    """True where the locale's short time has AM/PM ("h:mm AP")."""
    return "a" in locale.timeFormat(QLocale.FormatType.ShortFormat).lower()


def setup_qt_language(qapp: QCoreApplication, settings_file: Path) -> str:
    """Install the language, Qt's own translation and the clock; return the language."""
    language = i18n.use_language(read_language(settings_file), system_languages())
    use_time_format(TimeFormat(hour12=uses_twelve_hours(QLocale.system())))
    if QLocale.system().name().split("_")[0] != language:
        # Numbers in fields ("0,3 Sekunden") follow the language Presence speaks.
        QLocale.setDefault(QLocale(language))
    if language != i18n.SOURCE_LANGUAGE:
        translator = QTranslator(qapp)
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if translator.load(f"qtbase_{language}", folder):
            qapp.installTranslator(translator)
        else:
            log.info("Qt has no translation of its own words into %s here", language)
    return language
