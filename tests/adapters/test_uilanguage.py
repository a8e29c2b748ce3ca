"""Which languages and which clock the user has, on Linux, Windows and macOS.

Linux is read from the environment, in gettext's order. Windows and macOS
answers are given through the module's seams, as the shortcut backends'
tests give theirs, so their conversions are checked without those systems.
"""

from __future__ import annotations

import pytest

from presence_app.adapters.uilanguage import (
    mac_locale_name,
    system_languages,
    system_region,
    windows_locale_name,
)


@pytest.mark.parametrize(
    ("environ", "languages"),
    [
        ({"LANGUAGE": "de:fr", "LANG": "en_US.UTF-8"}, ["de", "fr"]),
        ({"LC_ALL": "de_AT.UTF-8", "LANG": "en_US.UTF-8"}, ["de_AT.UTF-8"]),
        ({"LC_MESSAGES": "de_CH.UTF-8", "LANG": "en_US.UTF-8"}, ["de_CH.UTF-8"]),
        ({"LANG": "de_DE.UTF-8"}, ["de_DE.UTF-8"]),
        ({"LANGUAGE": "", "LANG": "C"}, ["C"]),
        ({}, []),
    ],
)
def test_linux_reads_gettexts_variables_in_order(
    environ: dict[str, str], languages: list[str]
) -> None:
    assert system_languages("linux", environ) == languages


def test_linux_never_asks_the_other_systems() -> None:
    def refuse() -> None:
        raise AssertionError("asked Windows on Linux")

    assert system_languages("linux", {}, windows=refuse, mac=refuse) == []  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("lcid", "name"), [(0x0407, "de_DE"), (0x0C07, "de_AT"), (0x0409, "en_US"), (0x0809, "en_GB")]
)
def test_windows_language_ids(lcid: int, name: str) -> None:
    assert windows_locale_name(lcid) == name
    assert system_languages("win32", {}, windows=lambda: lcid) == [name]


def test_windows_environment_wins_and_a_failed_call_means_english() -> None:
    assert system_languages("win32", {"LANGUAGE": "de"}, windows=lambda: 0x0409) == ["de"]
    assert system_languages("win32", {}, windows=lambda: None) == []
    assert system_region("win32", {}, windows=lambda: 0x0409) == "en_US"
    assert system_region("win32", {}, windows=lambda: None) == "C"


@pytest.mark.parametrize(
    ("identifier", "name"),
    [
        ("de-DE", "de_DE"),
        ("de", "de"),
        ("zh-Hant-TW", "zh_TW"),
        ("en_US@rg=gbzzzz", "en_US"),
    ],
)
def test_macos_language_names(identifier: str, name: str) -> None:
    assert mac_locale_name(identifier) == name


def test_macos_preferred_languages_in_order() -> None:
    assert system_languages("darwin", {}, mac=lambda: ["de-CH", "en-GB"]) == ["de_CH", "en_GB"]
    assert system_region("darwin", {}, mac=lambda: "en_US@rg=dezzzz") == "en_US"
    assert system_region("darwin", {}, mac=lambda: None) == "C"


@pytest.mark.parametrize(
    ("environ", "region"),
    [
        ({"LC_ALL": "en_GB.UTF-8", "LC_TIME": "en_US.UTF-8"}, "en_GB.UTF-8"),
        ({"LC_TIME": "en_US.UTF-8", "LANG": "de_DE.UTF-8"}, "en_US.UTF-8"),
        ({"LANG": "de_DE.UTF-8", "LANGUAGE": "en"}, "de_DE.UTF-8"),
        ({}, "C"),
    ],
)
def test_the_clock_follows_lc_all_lc_time_then_lang(environ: dict[str, str], region: str) -> None:
    assert system_region("linux", environ) == region
