"""The windows and the tray in German, and the tray's clock in the user's format.

Under German the tray menu, the status window, the invitation card, the
pause, the reflection (with its prompt and feeling words), the journal and
the settings window show German words. The tray tooltip follows the
region: a real process started with ``LANG=en_US.UTF-8`` sets up Qt and
writes "2:30 PM", one with ``en_GB`` or ``de_DE`` writes "14:30". The table
the command line uses for that (``core.hourcycle``) agrees with Qt's own
locale data for every locale Qt knows.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from presence_app import i18n
from presence_app.core.clock import FakeClock
from presence_app.core.cue import Cue
from presence_app.core.hourcycle import uses_twelve_hours as table_says_twelve_hours
from presence_app.core.lifecycle_ports import State, Status
from presence_app.core.prompts import read_prompts
from presence_app.core.settings import Settings
from presence_app.core.timefmt import TimeFormat, use_time_format
from presence_app.ui.assets import PROMPTS_FILE
from presence_app.ui.bell_text import state_words
from presence_app.ui.card import InvitationCard
from presence_app.ui.journal_window import JournalWindow
from presence_app.ui.pause_window import PauseWindow
from presence_app.ui.qtlocale import uses_twelve_hours
from presence_app.ui.reflection import ReflectionWindow
from presence_app.ui.settings import SettingsPorts, SettingsWindow
from presence_app.ui.status_window import StatusWindow
from presence_app.ui.tray import Tray

NOW = datetime(2026, 3, 2, 14, 18, tzinfo=UTC)  # a Monday


@pytest.fixture
def german() -> Iterator[None]:
    i18n.use_language("de", [])
    yield
    i18n.use_language("en", [])


@pytest.mark.usefixtures("german")
def test_the_tray_menu_in_german(qapp: QApplication) -> None:
    tray = Tray()
    try:
        texts = [action.text() for action in tray.menu.actions() if action.text()]
        assert texts[1:] == [
            "Jetzt pausieren",
            "Nächste Glocke vorüberziehen lassen",
            "Stille",
            "Tagebuch…",
            "Einstellungen…",
            "Beenden",
        ]
        assert [a.text() for a in tray.quiet_menu.actions()] == [
            "Für 30 Minuten",
            "Für 1 Stunde",
            "Bis morgen",
            "Nicht still (Glocken läuten wieder)",
        ]
    finally:
        tray.menu.deleteLater()


@pytest.mark.usefixtures("german")
def test_the_status_window_in_german(qtbot: QtBot) -> None:
    window = StatusWindow()
    qtbot.addWidget(window)
    assert [button.text() for button in window.buttons()][:2] == [
        "Jetzt pausieren",
        "Nächste Glocke vorüberziehen lassen",
    ]
    assert window.hint_label.text().startswith("Diese Arbeitsumgebung hat keinen Infobereich")


@pytest.mark.usefixtures("german")
def test_the_card_pause_and_reflection_in_german(qtbot: QtBot) -> None:
    card = InvitationCard(
        timedelta(minutes=1), reduced_motion=True, pause_length=timedelta(minutes=3)
    )
    qtbot.addWidget(card)
    assert (card.take_button.text(), card.pass_button.text()) == (
        "Pause machen",
        "Vorüberziehen lassen",
    )
    pause = PauseWindow(
        FakeClock(NOW),
        NOW + timedelta(minutes=1),
        phrase=Settings().pause.phrase,
        reduced_motion=True,
    )
    qtbot.addWidget(pause)
    assert pause.phrase_label.text() == "Für einen Moment braucht dich nichts."
    assert pause.end_button.text() == "Pause beenden"
    prompt = read_prompts(PROMPTS_FILE)[0]
    reflection = ReflectionWindow(prompt, Settings().reflection.feelings)
    qtbot.addWidget(reflection)
    assert reflection.prompt_label.text() == "Was hast du gerade bemerkt?"
    assert [b.text() for b in reflection.feeling_buttons] == [
        "ruhig",
        "müde",
        "dankbar",
        "unruhig",
        "klar",
        "zart",
    ]
    assert (reflection.save_button.text(), reflection.leave_button.text()) == (
        "Behalten",
        "Lassen",
    )


@pytest.mark.usefixtures("german")
def test_the_journal_in_german(qtbot: QtBot) -> None:
    window = JournalWindow(lambda query: [], lambda path, fmt: None, tz=UTC, now=lambda: NOW)
    qtbot.addWidget(window)
    window.show()
    assert window.windowTitle() == "Presence: Tagebuch"
    assert window.export_button.text() == "Exportieren…"
    assert window.status_label.text() == (
        "Hier ist noch nichts. Deine Pausen und Gedanken sammeln sich hier."
    )


@pytest.mark.usefixtures("german")
def test_the_settings_window_in_german(qtbot: QtBot, tmp_path: Path) -> None:
    ports = SettingsPorts(
        settings=Settings(), path=tmp_path / "settings.toml", now=lambda: NOW, zone=UTC
    )
    window = SettingsWindow(ports)
    qtbot.addWidget(window)
    assert window.windowTitle() == "Einstellungen von Presence"
    pages = [window.pages.item(i).text() for i in range(window.pages.count())]
    assert pages == [
        "Rhythmus",
        "Klang",
        "Pause und Nachspüren",
        "Stille Zeiten",
        "Tastenkürzel und Start",
        "Über diese Arbeitsumgebung",
    ]
    assert (window.save_button.text(), window.cancel_button.text()) == ("Speichern", "Abbrechen")
    assert window.editor("considerate.quiet_during_calls").accessibleName() == "Still bei Anrufen"
    buttons = {b.text() for b in window.findChildren(QPushButton)}
    assert {"Hinzufügen", "Duplizieren", "Umbenennen", "Abspielen", "Ausschalten"} <= buttons
    rules = window.rhythm.list.view
    assert (
        rules.item(0).text()
        == "Durch den Tag\nAlle 45 Minuten, 09:00–18:00, jeden Tag, Pause von 1 Minute"
    )


def status_with_bell(at: datetime) -> Status:
    cue = Cue(at=at, rules=("Work",), pause=timedelta(minutes=1))
    return Status(state=State.IDLE, next_cue=cue, quiet=None, kept_quiet=None, pause_ends=None)


@pytest.mark.parametrize(
    ("hour12", "tooltip"),
    [
        (True, "Next bell at 2:30 PM (in 12 min)"),
        (False, "Next bell at 14:30 (in 12 min)"),
    ],
)
def test_the_tray_tooltip_follows_the_time_format(hour12: bool, tooltip: str) -> None:
    use_time_format(TimeFormat(hour12=hour12))
    _line, words, _quiet = state_words(status_with_bell(NOW + timedelta(minutes=12)), NOW, UTC)
    assert words == tooltip


PROBE = """
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from PySide6.QtWidgets import QApplication
from presence_app.core.cue import Cue
from presence_app.core.lifecycle_ports import State, Status
from presence_app.ui.bell_text import state_words
from presence_app.ui.qtlocale import setup_qt_language
from presence_app.ui.tray import Tray

app = QApplication(sys.argv[:1])
setup_qt_language(app, Path(sys.argv[1]))
now = datetime(2026, 3, 2, 14, 18, tzinfo=UTC)
cue = Cue(at=now + timedelta(minutes=12), rules=("Work",), pause=timedelta(minutes=1))
status = Status(state=State.IDLE, next_cue=cue, quiet=None, kept_quiet=None, pause_ends=None)
line, tooltip, quiet = state_words(status, now, UTC)
tray = Tray()
tray.update(line, tooltip, quiet, False)
print(tray.icon.toolTip())
"""


@pytest.mark.parametrize(
    ("lang", "tooltip"),
    [
        ("en_US.UTF-8", "Next bell at 2:30 PM (in 12 min)"),
        ("en_GB.UTF-8", "Next bell at 14:30 (in 12 min)"),
        ("de_DE.UTF-8", "Nächste Glocke um 14:30 (in 12 Min.)"),
    ],
)
def test_the_tray_tooltip_in_a_real_process_follows_lang(
    lang: str, tooltip: str, tmp_path: Path
) -> None:
    env = {**os.environ, "LANG": lang, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(tmp_path / "settings.toml")],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert done.stdout.strip() == tooltip


@pytest.mark.parametrize(("name", "twelve"), [("en_US", True), ("en_GB", False), ("de_DE", False)])
def test_qt_says_which_regions_use_twelve_hours(name: str, twelve: bool) -> None:
    assert uses_twelve_hours(QLocale(name)) is twelve


def test_the_command_line_table_agrees_with_qt_for_every_locale() -> None:
    locales = QLocale.matchingLocales(
        QLocale.Language.AnyLanguage, QLocale.Script.AnyScript, QLocale.Country.AnyTerritory
    )
    names = {locale.name() for locale in locales}
    names |= {name.split("_")[0] for name in names}
    disagree = [
        name for name in names if table_says_twelve_hours(name) != uses_twelve_hours(QLocale(name))
    ]
    assert len(locales) > 300
    assert disagree == [], "run scripts/i18n hourcycle"
