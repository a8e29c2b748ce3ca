"""The catalogs are fresh and complete, and the language machinery works.

The template must hold exactly the messages the code has (``scripts/i18n
extract`` makes it), every language must translate every one of them, with
nothing fuzzy or empty, and the committed ``.mo`` must be what its ``.po``
compiles to. Plurals are checked for German and, with a tiny catalog built
here, for Polish, which has three forms.
"""

from __future__ import annotations

import gettext
import io
from collections.abc import Iterator
from importlib.machinery import SourceFileLoader
from pathlib import Path
from types import ModuleType

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from presence_app import i18n
from presence_app.core.timewords import duration_words

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    """The ``scripts/i18n`` script, loaded as a module."""
    path = str(ROOT / "scripts" / "i18n")
    loader = SourceFileLoader("i18n_tool", path)
    module = ModuleType(loader.name)
    module.__file__ = path
    loader.exec_module(module)
    return module


@pytest.fixture
def german() -> Iterator[None]:
    i18n.use_language("de", [])
    yield
    i18n.use_language("en", [])


def test_the_template_holds_exactly_the_messages_of_the_code(tool: ModuleType) -> None:
    assert tool.keys(tool.extract()) == tool.keys(tool.read(tool.TEMPLATE)), (
        "po/presence.pot is stale: run scripts/i18n extract, then update"
    )


@pytest.mark.parametrize("language", ["de"])
def test_every_message_is_translated(tool: ModuleType, language: str) -> None:
    assert tool.problems_of(language) == []


@pytest.mark.parametrize("language", ["de"])
def test_the_compiled_catalog_is_fresh(tool: ModuleType, language: str) -> None:
    committed = tool.mo_path(language).read_bytes()
    assert committed == tool.compiled(language), "run scripts/i18n compile"


def test_the_check_finds_a_message_missing_from_a_language(
    tool: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    template = Catalog(locale=None)
    template.add("Pause now")
    template.add("Quit")
    language = Catalog(locale="de")
    language.add("Pause now", "Jetzt pausieren")
    language.add("Quit", "", flags=["fuzzy"])
    for path, catalog in ((tmp_path / "presence.pot", template), (tmp_path / "xx.po", language)):
        tool.write(path, catalog)
    monkeypatch.setattr(tool, "TEMPLATE", tmp_path / "presence.pot")
    monkeypatch.setattr(tool, "PO_DIR", tmp_path)
    assert tool.problems_of("xx") == ["xx: fuzzy: 'Quit'"]


def test_the_catalog_ships_in_the_package() -> None:
    assert i18n.available_languages() == ("en", "de")
    assert (i18n.LOCALE_DIR / "de" / "LC_MESSAGES" / "presence.mo").is_file()


@pytest.mark.parametrize(
    ("setting", "system", "chosen"),
    [
        ("", ["de_DE.UTF-8"], "de"),
        ("", ["de_AT"], "de"),
        ("", ["fr_FR", "de"], "de"),  # no French: the next one the user reads
        ("", ["en_GB", "de"], "en"),  # English comes first: it is what they asked for
        ("", ["C"], "en"),
        ("", [], "en"),
        ("de", ["en_US"], "de"),  # the setting wins
        ("en", ["de_DE"], "en"),
        ("xx", ["de_DE"], "de"),  # a language we do not have: the system's
    ],
)
def test_the_language_is_picked_from_the_setting_then_the_system(
    setting: str, system: list[str], chosen: str
) -> None:
    assert i18n.pick_language(setting, system) == chosen


@pytest.mark.usefixtures("german")
def test_german_is_spoken_after_use_language() -> None:
    assert i18n.language() == "de"
    assert i18n._("Pause now") == "Jetzt pausieren"
    assert i18n.pgettext("feeling", "calm") == "ruhig"
    assert i18n._("") == ""  # never the catalog's header


@pytest.mark.usefixtures("german")
@pytest.mark.parametrize(
    ("minutes", "words"), [(1, "1 Minute"), (2, "2 Minuten"), (5, "5 Minuten")]
)
def test_german_plurals_of_minutes(minutes: int, words: str) -> None:
    from datetime import timedelta

    assert duration_words(timedelta(minutes=minutes)) == words


@pytest.mark.parametrize(
    ("minutes", "words"), [(1, "1 minute"), (2, "2 minutes"), (5, "5 minutes")]
)
def test_english_plurals_of_minutes(minutes: int, words: str) -> None:
    from datetime import timedelta

    assert duration_words(timedelta(minutes=minutes)) == words


def polish() -> gettext.GNUTranslations:
    """A tiny Polish catalog, compiled here: three plural forms."""
    catalog = Catalog(locale="pl")
    catalog.add(
        ("{count} minute", "{count} minutes"),
        ("{count} minuta", "{count} minuty", "{count} minut"),
    )
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


@pytest.mark.parametrize(
    ("minutes", "words"),
    [
        (1, "1 minuta"),
        (2, "2 minuty"),
        (4, "4 minuty"),
        (5, "5 minut"),
        (12, "12 minut"),
        (22, "22 minuty"),
        (25, "25 minut"),
    ],
)
def test_a_language_with_three_plural_forms(minutes: int, words: str) -> None:
    from datetime import timedelta

    i18n.install(polish(), "pl")
    try:
        assert duration_words(timedelta(minutes=minutes)) == words
    finally:
        i18n.use_language("en", [])


def test_a_damaged_catalog_falls_back_to_english(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "xx" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "presence.mo").write_bytes(b"not a catalog at all")
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    assert i18n.use_language("xx", []) == "en"
    assert i18n._("Pause now") == "Pause now"
