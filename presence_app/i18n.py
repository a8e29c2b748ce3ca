"""The words of Presence in the user's language: one gettext catalog per language.

Why: every sentence Presence shows, in the windows, the tray, notices and
the command line, goes through the functions here, so one catalog
(``assets/locale/<lang>/LC_MESSAGES/presence.mo``, compiled from ``po/``)
can give all of them in another language. It is the standard library's
gettext: no runtime dependency, and nothing to load for English, the
language the code is written in.

Why module-level state: the chosen language is a fact about the whole
process, like the logging set-up, and nearly every module that speaks to
the user needs it, many of them (``core`` included) far from any object
that could carry it. So the installed translation lives here, set once at
start-up by ``use_language`` (the user's time format likewise lives in
``core.timefmt``); every other object still receives what it needs.

How to write strings (``scripts/i18n extract`` finds them by these names):
- ``_("Next bell at {time}").format(time=...)``: whole sentences with named
  placeholders, never sentences glued together from pieces;
- ``ngettext("{count} minute", "{count} minutes", n).format(count=n)``;
- ``pgettext("context", "word")`` where one English word has two meanings;
- ``N_("...")`` marks text defined at import time (tables, constants); it
  is translated with ``_()`` where it is shown.
"""

from __future__ import annotations

import gettext
from collections.abc import Iterable
from pathlib import Path

DOMAIN = "presence"
LOCALE_DIR = Path(__file__).parent / "assets" / "locale"
SOURCE_LANGUAGE = "en"
"""The language of the code itself: it needs no catalog."""

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = SOURCE_LANGUAGE


def _(message: str) -> str:
    """Translate a message ("" stays "", not the catalog's header)."""
    return _translation.gettext(message) if message else message


def ngettext(singular: str, plural: str, count: int) -> str:
    """Translate a message with a number in it, in the right plural form."""
    return _translation.ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """Translate a message whose meaning depends on ``context``."""
    return _translation.pgettext(context, message) if message else message


def npgettext(context: str, singular: str, plural: str, count: int) -> str:
    """Translate a message with a number in it, within ``context``."""
    return _translation.npgettext(context, singular, plural, count)


def N_(message: str) -> str:
    """Mark a message for translation without translating it (yet)."""
    return message


def NP_(context: str, message: str) -> str:
    """Mark a message in ``context`` for translation (``pgettext`` translates it)."""
    return message


def available_languages() -> tuple[str, ...]:
    """Return the languages Presence speaks: English and every shipped catalog."""
    found = sorted(p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.mo"))
    return (SOURCE_LANGUAGE, *found)


def pick_language(setting: str, system_languages: Iterable[str]) -> str:
    """Return the language to speak: the setting's, else the system's first we have.

    Each candidate is tried as given and without its region ("de_AT.UTF-8"
    tries "de_AT", then "de"). English, "C" and "POSIX" stop the search:
    the user asked for English, which needs no catalog.
    """
    have = set(available_languages())
    candidates = [setting] if setting.strip() else []
    candidates += list(system_languages)
    for candidate in candidates:
        for name in _expand(candidate):
            if name in ("C", "POSIX") or name == SOURCE_LANGUAGE:
                return SOURCE_LANGUAGE
            if name in have:
                return name
    return SOURCE_LANGUAGE


def _expand(candidate: str) -> list[str]:
    name = candidate.strip().split(".")[0].split("@")[0].replace("-", "_")
    if not name:
        return []
    base = name.split("_")[0].lower()
    return [name, base] if base != name else [name]


def use_language(setting: str, system_languages: Iterable[str]) -> str:
    """Choose the language (see ``pick_language``), install its catalog, return it."""
    language = pick_language(setting, system_languages)
    if language == SOURCE_LANGUAGE:
        install(gettext.NullTranslations(), language)
    else:
        path = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
        try:
            with path.open("rb") as catalog:
                install(gettext.GNUTranslations(catalog), language)
        except (OSError, UnicodeDecodeError, ValueError):
            # A damaged catalog must not stop Presence: it speaks English.
            install(gettext.NullTranslations(), SOURCE_LANGUAGE)
    return _language


def install(translation: gettext.NullTranslations, language: str) -> None:
    """Make ``translation`` the one every message goes through (tests use this too)."""
    global _translation, _language
    _translation = translation
    _language = language


def language() -> str:
    """Return the language in use, such as "en" or "de"."""
    return _language
