"""Which languages the user reads, and which region's clock they use, per platform.

Why: Presence speaks the user's language without being told. Linux says
it in the environment, in gettext's own order (``LANGUAGE``, then
``LC_ALL``, ``LC_MESSAGES``, ``LANG``); Windows and macOS keep it in the
user's settings, read here through ctypes (no extra package). The region,
which decides "2:30 PM" or "14:30" on the command line, comes from
``LC_ALL``, ``LC_TIME``, ``LANG`` on Linux and the user's locale elsewhere.

The system calls sit behind small seams (``windows_ui_language``,
``mac_preferred_languages`` and friends) so that tests give their answers
without Windows or macOS, as the shortcut backends' tests do. Any call may
fail on an odd system: then the environment is all there is, and English
the answer. Any thread.
"""

from __future__ import annotations

import locale
import logging
import os
import sys
from collections.abc import Callable, Mapping
from typing import Any

log = logging.getLogger(__name__)

LANGUAGE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
REGION_VARIABLES = ("LC_ALL", "LC_TIME", "LANG")


def from_environment(environ: Mapping[str, str], names: tuple[str, ...]) -> list[str]:
    """The first of ``names`` that is set, split on ":" as gettext does."""
    for name in names:
        value = environ.get(name, "")
        if value:
            return [part for part in value.split(":") if part]
    return []


def windows_locale_name(lcid: int) -> str | None:
    """Turn a Windows language id (0x0407) into a locale name ("de_DE")."""
    return locale.windows_locale.get(lcid)


def mac_locale_name(identifier: str) -> str:
    """Turn a macOS language ("de-DE", "zh-Hant-TW", "en_US@rg=gbzzzz") into "de_DE"."""
    base = identifier.split("@")[0].replace("-", "_")
    parts = base.split("_")
    # A script ("Hant") sits between language and region; gettext has no use for it.
    kept = [parts[0]] + [part for part in parts[1:] if not (len(part) == 4 and part.isalpha())]
    return "_".join(kept)


def system_languages(
    platform: str = sys.platform,
    environ: Mapping[str, str] = os.environ,
    *,
    windows: Callable[[], int | None] | None = None,
    mac: Callable[[], list[str]] | None = None,
) -> list[str]:
    """Return the user's languages, most wanted first ("de_DE", "en")."""
    found = from_environment(environ, LANGUAGE_VARIABLES)
    if found or platform == "linux":
        return found
    if platform == "win32":
        lcid = (windows or windows_ui_language)()
        name = windows_locale_name(lcid) if lcid is not None else None
        return [name] if name else []
    if platform == "darwin":
        return [mac_locale_name(name) for name in (mac or mac_preferred_languages)()]
    return []


def system_region(
    platform: str = sys.platform,
    environ: Mapping[str, str] = os.environ,
    *,
    windows: Callable[[], int | None] | None = None,
    mac: Callable[[], str | None] | None = None,
) -> str:
    """Return the locale whose clock the user reads ("en_US"); "C" when unknown."""
    found = from_environment(environ, REGION_VARIABLES)
    if found or platform not in ("win32", "darwin"):
        return found[0] if found else "C"
    if platform == "win32":
        lcid = (windows or windows_user_locale)()
        return (windows_locale_name(lcid) if lcid is not None else None) or "C"
    identifier = (mac or mac_current_locale)()
    return mac_locale_name(identifier) if identifier else "C"


def windows_ui_language() -> int | None:  # pragma: no cover - Windows only
    """Ask Windows for the user's display language (``GetUserDefaultUILanguage``)."""
    try:
        import ctypes

        return int(ctypes.windll.kernel32.GetUserDefaultUILanguage())  # type: ignore[attr-defined]
    except (AttributeError, OSError) as error:
        log.info("the Windows display language could not be read: %s", error)
        return None


def windows_user_locale() -> int | None:  # pragma: no cover - Windows only
    """Ask Windows for the user's region (``GetUserDefaultLCID``)."""
    try:
        import ctypes

        return int(ctypes.windll.kernel32.GetUserDefaultLCID())  # type: ignore[attr-defined]
    except (AttributeError, OSError) as error:
        log.info("the Windows region could not be read: %s", error)
        return None


def mac_preferred_languages() -> list[str]:  # pragma: no cover - macOS only
    """Ask macOS for the user's languages (``CFLocaleCopyPreferredLanguages``)."""
    try:
        foundation = _core_foundation()
        array = foundation.CFLocaleCopyPreferredLanguages()
        try:
            count = foundation.CFArrayGetCount(array)
            return [
                _cf_text(foundation, foundation.CFArrayGetValueAtIndex(array, index))
                for index in range(count)
            ]
        finally:
            foundation.CFRelease(array)
    except (AttributeError, OSError) as error:
        log.info("the macOS languages could not be read: %s", error)
        return []


def mac_current_locale() -> str | None:  # pragma: no cover - macOS only
    """Ask macOS for the user's region (``CFLocaleCopyCurrent``)."""
    try:
        foundation = _core_foundation()
        current = foundation.CFLocaleCopyCurrent()
        try:
            return _cf_text(foundation, foundation.CFLocaleGetIdentifier(current))
        finally:
            foundation.CFRelease(current)
    except (AttributeError, OSError) as error:
        log.info("the macOS region could not be read: %s", error)
        return None


def _core_foundation() -> Any:  # pragma: no cover - macOS only
    import ctypes
    import ctypes.util

    path = ctypes.util.find_library("CoreFoundation")
    if path is None:
        raise OSError("CoreFoundation was not found")
    foundation = ctypes.CDLL(path)
    pointer, uint32 = ctypes.c_void_p, ctypes.c_uint32
    for name, result, arguments in (
        ("CFLocaleCopyPreferredLanguages", pointer, []),
        ("CFLocaleCopyCurrent", pointer, []),
        ("CFLocaleGetIdentifier", pointer, [pointer]),
        ("CFArrayGetCount", ctypes.c_long, [pointer]),
        ("CFArrayGetValueAtIndex", pointer, [pointer, ctypes.c_long]),
        ("CFStringGetCString", ctypes.c_bool, [pointer, ctypes.c_char_p, ctypes.c_long, uint32]),
        ("CFRelease", None, [pointer]),
    ):
        function = getattr(foundation, name)
        function.restype = result
        function.argtypes = arguments
    return foundation


def _cf_text(foundation: Any, string: Any) -> str:  # pragma: no cover - macOS only
    import ctypes

    buffer = ctypes.create_string_buffer(256)
    utf8 = 0x08000100  # kCFStringEncodingUTF8
    if not foundation.CFStringGetCString(string, buffer, len(buffer), utf8):
        return ""
    return buffer.value.decode("utf-8")
