"""The settings window, offscreen: real widgets, real files, fake ports.

Covers issue 9's list: building a rule with the controls writes the
expected ``[[schedules]]`` table; the preview shows the engine's bells;
an invalid value disables Save with the words beside the control; Play
calls the player with the chosen cue and volume; key capture turns key
presses into chord text; plus keyboard use, outside edits and failures.
"""

from __future__ import annotations

import errno
import tempfile
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QLabel,
    QPushButton,
    QScrollArea,
    QSlider,
    QWidget,
)
from pytestqt.qtbot import QtBot

from presence_app import i18n
from presence_app.core.capabilities import Capability
from presence_app.core.schedule import preview
from presence_app.core.settings import FIELDS, Page, Settings, load_settings, save_settings
from presence_app.ui.settings import ChordCheck, SettingsPorts, SettingsWindow
from presence_app.ui.settings.wiring import check_sound_file

NOW = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)  # a Monday


@dataclass
class Fakes:
    played: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    chords: list[str] = field(default_factory=list)
    play_answer: str | None = None

    def play(self, cue: str, **how: Any) -> str | None:
        self.played.append((cue, how))
        return self.play_answer

    def check(self, text: str) -> ChordCheck:
        self.chords.append(text)
        if text == "Ctrl+Alt+T":
            return ChordCheck(False, "Ctrl+Alt+T is already used by another program.")
        return ChordCheck(True, f"{text} works on this desktop.")


@pytest.fixture
def path(tmp_path: Path) -> Path:
    file = tmp_path / "config" / "settings.toml"
    save_settings(file, Settings())
    return file


@pytest.fixture
def fakes() -> Fakes:
    return Fakes()


@pytest.fixture
def make(
    qtbot: QtBot, path: Path, fakes: Fakes, themed: QApplication
) -> Callable[..., SettingsWindow]:
    def build(settings: Settings | None = None) -> SettingsWindow:
        ports = SettingsPorts(
            settings=settings or load_settings(path).settings,
            path=path,
            now=lambda: NOW,
            zone=UTC,
            seed=7,
            play_cue=fakes.play,
            check_sound_file=check_sound_file,
            check_chord=fakes.check,
            capabilities=lambda: [
                Capability("System tray", True, "The bell sits in the panel's tray."),
                Capability("Global shortcut", False, "Not on this desktop.", "Bind it yourself."),
            ],
        )
        window = SettingsWindow(ports)
        window.ask = lambda title, text, yes: True  # type: ignore[method-assign]  # no modal box in tests
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    return build


@pytest.fixture
def window(make: Callable[..., SettingsWindow]) -> SettingsWindow:
    return make()


def settle(qtbot: QtBot, window: SettingsWindow) -> None:
    """Wait for the check that runs on the next turn of the event loop."""
    qtbot.waitUntil(lambda: not window._timer.isActive())


def save(qtbot: QtBot, window: SettingsWindow) -> Settings:
    settle(qtbot, window)
    with qtbot.waitSignal(window.settings_saved) as saved:
        qtbot.mouseClick(window.save_button, Qt.MouseButton.LeftButton)
    result: Settings = saved.args[0]
    return result


def test_every_setting_has_a_control_named_by_its_visible_label(window: SettingsWindow) -> None:
    for row in FIELDS:
        control = window.editor(row.key)
        assert control.accessibleName() == row.label, row.key
        assert control.toolTip() == row.sentence, row.key
        visible = (
            control.text()
            if isinstance(control, QCheckBox)
            else window.controls[row.key].label.text()
        )  # type: ignore[union-attr]
        assert visible == row.label
    assert isinstance(window.editor("sound.volume"), QSlider)
    assert isinstance(window.editor("start_at_login"), QCheckBox)
    assert window.editor("considerate.quiet_during_calls").accessibleName() == "Quiet during calls"
    language = window.editor("language")
    assert isinstance(language, QComboBox)
    assert [language.itemText(i) for i in range(language.count())] == [
        "System default",
        "English",
        "Deutsch",
    ]
    start = window.editor("sound.start")
    assert isinstance(start, QComboBox) and start.currentText() == "Singing bowl"


def test_building_a_rule_with_the_controls_writes_the_schedules_table(
    qtbot: QtBot, window: SettingsWindow, path: Path
) -> None:
    editor = window.rhythm.editor
    editor.name.clear()
    qtbot.keyClicks(editor.name, "Mornings")
    editor.every.number.setValue(50)
    editor.jitter.number.setValue(5)
    editor.days._choose(frozenset(range(5)))
    editor.hours.pairs[0].start.setTime(QTime(8, 30))
    editor.hours.pairs[0].end.setTime(QTime(12, 0))
    qtbot.mouseClick(editor.hours.add, Qt.MouseButton.LeftButton)
    editor.hours.pairs[1].start.setTime(QTime(22, 0))
    editor.hours.pairs[1].end.setTime(QTime(1, 0))
    assert editor.hours.pairs[1].words.text() == "22:00 – 01:00, into the next day"
    editor.own_pause.setChecked(True)
    editor.pause.number.setValue(2)
    save(qtbot, window)
    written = tomllib.loads(path.read_text(encoding="utf-8"))["schedules"]
    assert written == [
        {
            "name": "Mornings",
            "every": "50m",
            "jitter": "5m",
            "days": "weekdays",
            "hours": ["08:30-12:00", "22:00-01:00"],
            "pause": "2m",
        }
    ]


def test_fixed_times_and_single_days(qtbot: QtBot, window: SettingsWindow, path: Path) -> None:
    editor = window.rhythm.editor
    qtbot.mouseClick(editor.at_choice, Qt.MouseButton.LeftButton)
    editor.at.fields[0].setTime(QTime(21, 30))
    qtbot.mouseClick(editor.at.add, Qt.MouseButton.LeftButton)
    editor.at.fields[1].setTime(QTime(7, 5))
    editor.days._choose(frozenset({0, 2}))
    editor.hours.all_day.setChecked(True)
    save(qtbot, window)
    written = tomllib.loads(path.read_text(encoding="utf-8"))["schedules"]
    assert written == [
        {"name": "Through the day", "at": ["07:05", "21:30"], "days": ["mon", "wed"]}
    ]


def test_the_preview_shows_the_engines_bells_as_you_edit(
    qtbot: QtBot, window: SettingsWindow
) -> None:
    window.rhythm.editor.every.number.setValue(30)
    settle(qtbot, window)
    settings = window.draft.result.settings
    expected = preview(
        settings.schedules, UTC, start=NOW, days=7, default_pause=settings.pause.length, seed=7
    )
    shown = window.rhythm.preview
    assert shown.cues == expected
    days = shown.chart.days()
    assert [day.day for day in days] == [NOW.date() + timedelta(days=n) for n in range(7)]
    assert sum(len(day.pauses) for day in days) == len(expected)
    assert [p.start for p in days[0].pauses] == [
        c.at.time() for c in expected if c.at.date() == NOW.date()
    ]
    assert (
        shown.next_bells.text().splitlines()[0]
        == "Today at 09:30 · Through the day, 1-minute pause"
    )
    assert len(shown.next_bells.text().splitlines()) == 5
    assert window.update_ms < 500  # measured, and reported in the README


def test_an_invalid_value_disables_save_with_words_beside_it(
    qtbot: QtBot, window: SettingsWindow, path: Path
) -> None:
    before = path.read_bytes()
    window.show_page(Page.PAUSE)
    length = window.controls["pause.length"]
    length.edit.unit.setCurrentIndex(0)  # seconds  # type: ignore[attr-defined]
    length.edit.number.setValue(5)  # type: ignore[attr-defined]
    settle(qtbot, window)
    assert not window.save_button.isEnabled()
    assert length.hint.isVisible()
    assert length.hint.text() == "Choose from 10 seconds to 1 hour."
    assert window.message.text() == (
        "Save waits until the note beside “Pause length” on the Pause and reflection page "
        "is seen to."
    )
    qtbot.keyClick(window, Qt.Key.Key_Return)
    assert path.read_bytes() == before and window.isVisible()
    length.edit.number.setValue(50)  # type: ignore[attr-defined]
    settle(qtbot, window)
    assert window.save_button.isEnabled() and not length.hint.isVisible()


def test_a_rule_problem_is_told_beside_its_control(qtbot: QtBot, window: SettingsWindow) -> None:
    editor = window.rhythm.editor
    editor.every.number.setValue(20)
    editor.jitter.number.setValue(10)
    editor.days._choose(frozenset())
    settle(qtbot, window)
    assert (
        editor.hints["jitter"].text() == "Keep it below half the interval: less than 10 minutes."
    )
    assert editor.hints["days"].text() == "Choose at least one day."
    assert not window.save_button.isEnabled()


def test_play_calls_the_player_with_the_chosen_cue_and_volume(
    qtbot: QtBot, window: SettingsWindow, fakes: Fakes
) -> None:
    window.show_page(Page.SOUND)
    start = window.editor("sound.start")
    assert isinstance(start, QComboBox)
    start.setCurrentIndex(start.findText("Small bell"))
    window.editor("sound.volume").setValue(35)  # type: ignore[attr-defined]
    play = window.findChild(QPushButton, "play-start")
    assert play is not None and play.accessibleName() == "Play"
    qtbot.mouseClick(play, Qt.MouseButton.LeftButton)
    assert fakes.played == [
        (
            "small-bell",
            {
                "volume": 35,
                "fade_in": timedelta(milliseconds=300),
                "closing": False,
                "custom_file": "",
            },
        )
    ]
    status = window.findChild(QLabel, "sound-status")
    assert status is not None and status.text() == "Playing “Small bell” at volume 35."
    fakes.play_answer = "Nothing can be heard here, because no audio output was found."
    qtbot.mouseClick(window.findChild(QPushButton, "play-end"), Qt.MouseButton.LeftButton)
    assert fakes.played[-1][1]["closing"] is True
    assert status.text() == "Nothing can be heard here, because no audio output was found."


def test_the_own_file_is_checked_with_the_players_words(
    qtbot: QtBot, window: SettingsWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    empty = tmp_path / "bell.ogg"
    empty.write_bytes(b"")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(empty), ""))
    window.show_page(Page.SOUND)
    own = window.controls["sound.custom_file"]
    qtbot.mouseClick(own.choose, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert own.hint.text() == (
        f"The sound file {empty} could not be played (the file is empty), "
        "so the singing bowl plays instead."
    )
    assert own.value() == ""
    empty.write_bytes(b"RIFF....")
    qtbot.mouseClick(own.choose, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert own.value() == str(empty) and not own.hint.isVisible()


def test_key_capture_turns_key_presses_into_the_chord(
    qtbot: QtBot, window: SettingsWindow, fakes: Fakes, path: Path
) -> None:
    window.show_page(Page.START)
    capture = window.editor("shortcut")
    capture.setFocus()
    qtbot.waitUntil(capture.hasFocus)
    qtbot.keyClick(
        capture,
        Qt.Key.Key_K,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier,
    )
    assert window.controls["shortcut"].value() == "Ctrl+Alt+K"
    assert fakes.chords == ["Ctrl+Alt+K"]
    settle(qtbot, window)
    hint = window.controls["shortcut"].hint
    assert hint.text() == "Ctrl+Alt+K works on this desktop."
    qtbot.keyClick(
        capture,
        Qt.Key.Key_T,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier,
    )
    settle(qtbot, window)
    assert hint.text() == "Ctrl+Alt+T is already used by another program."
    qtbot.keyClick(capture, Qt.Key.Key_F5, Qt.KeyboardModifier.MetaModifier)
    assert save(qtbot, window).shortcut == "Super+F5"
    assert load_settings(path).settings.shortcut == "Super+F5"


def test_a_plain_letter_is_not_a_chord(qtbot: QtBot, window: SettingsWindow) -> None:
    window.show_page(Page.START)
    capture = window.editor("shortcut")
    capture.setFocus()
    qtbot.keyClick(capture, Qt.Key.Key_K)
    assert window.controls["shortcut"].value() == "Ctrl+Alt+P"


def test_rules_are_added_from_templates_duplicated_moved_and_removed_asking_once(
    qtbot: QtBot, window: SettingsWindow, path: Path
) -> None:
    rules = window.rhythm.list
    menu = rules.add.menu()
    templates = [a for a in menu.actions() if a.text().startswith("Template: Three fixed")]
    templates[0].trigger()
    assert [r["name"] for r in rules.rules] == ["Through the day", "Three fixed moments"]
    assert rules.view.item(1).text() == (
        "Three fixed moments\nAt 09:00, 13:00 and 17:30, all day, every day, 3-minute pause"
    )
    qtbot.mouseClick(rules.duplicate, Qt.MouseButton.LeftButton)
    assert [r["name"] for r in rules.rules][-1] == "Three fixed moments (copy)"
    qtbot.mouseClick(rules.up, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(rules.up, Qt.MouseButton.LeftButton)
    assert [r["name"] for r in rules.rules][0] == "Three fixed moments (copy)"
    asked: list[str] = []
    window.ask = lambda title, text, yes: asked.append(text) or True  # type: ignore[method-assign]
    qtbot.mouseClick(rules.remove, Qt.MouseButton.LeftButton)
    assert asked == [
        "Remove the rule “Three fixed moments (copy)”? Its bells will no longer ring."
    ]
    saved = save(qtbot, window)
    assert [rule.name for rule in saved.schedules] == ["Through the day", "Three fixed moments"]


def test_a_new_person_starts_from_a_template_in_one_click(
    qtbot: QtBot, window: SettingsWindow
) -> None:
    """While the rules are the shipped ones, a template button replaces them."""
    rules = window.rhythm.list
    window.show_page(Page.RHYTHM)
    assert rules.starters.isVisible()
    work_day = next(b for b in rules.starters.findChildren(QPushButton) if b.text() == "Work day")
    assert "weekdays" in work_day.accessibleDescription()
    qtbot.mouseClick(work_day, Qt.MouseButton.LeftButton)
    assert [r["name"] for r in rules.rules] == ["Work day"]
    assert not rules.starters.isVisible()  # the rules are the person's own now
    assert rules.view.item(0).text().startswith("Work day\nAbout every 45 minutes")
    assert [rule.name for rule in save(qtbot, window).schedules] == ["Work day"]


def test_template_buttons_never_replace_rules_the_person_changed(
    qtbot: QtBot, window: SettingsWindow
) -> None:
    rules = window.rhythm.list
    window.show_page(Page.RHYTHM)
    window.rhythm.editor.name.selectAll()
    qtbot.keyClicks(window.rhythm.editor.name, "Mornings")
    settle(qtbot, window)
    assert not rules.starters.isVisible()
    rules._start_from(Settings().schedules[0])  # even if it were somehow pressed
    assert [r["name"] for r in rules.rules] == ["Mornings"]


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_window_fits_a_laptop_screen_with_nothing_cut_off(
    make: Callable[..., SettingsWindow], language: str
) -> None:
    """On the tests' 1280×800 screen every page shows whole, German too: the
    window takes what its widest page needs but never more than the screen."""
    i18n.use_language(language, [])
    window = make()
    room = window.screen().availableGeometry()
    assert window.width() <= room.width() and window.height() <= room.height()
    for page in Page:
        window.show_page(page)
        form = window.stack.currentWidget()
        assert isinstance(form, QScrollArea)
        assert form.horizontalScrollBar().maximum() == 0, page  # nothing beyond the right edge


def test_on_a_small_screen_the_window_shrinks_and_its_pages_scroll(
    qtbot: QtBot, make: Callable[..., SettingsWindow]
) -> None:
    window = make()
    window.hide()
    window._fitted = False
    screen = window.screen()
    small = screen.availableGeometry().adjusted(0, 0, -400, -300)  # 880×500
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(type(screen), "availableGeometry", lambda self: small)
        window.show()
        qtbot.waitExposed(window)
    assert window.width() <= small.width() and window.height() <= small.height()
    window.show_page(Page.RHYTHM)
    form = window.stack.currentWidget()
    assert isinstance(form, QScrollArea)
    assert form.horizontalScrollBar().maximum() > 0  # reachable by scrolling, not cut off


def test_enter_saves_and_escape_asks_only_when_something_changed(
    qtbot: QtBot, make: Callable[..., SettingsWindow], path: Path
) -> None:
    window = make()
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert window.result() == QDialog.DialogCode.Rejected and not window.isVisible()
    window = make()
    window.editor("sound.volume").setValue(20)  # type: ignore[attr-defined]
    asked: list[str] = []
    window.ask = lambda title, text, yes: asked.append(title) or False  # type: ignore[method-assign]
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert asked == ["Leave without saving?"] and window.isVisible()
    settle(qtbot, window)
    with qtbot.waitSignal(window.settings_saved):
        qtbot.keyClick(window.editor("sound.volume"), Qt.Key.Key_Return)
    assert load_settings(path).settings.sound.volume == 20


def test_a_failed_save_keeps_the_window_and_says_why(
    qtbot: QtBot, window: SettingsWindow, path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = path.read_bytes()

    def full(*args: object, **kwargs: object) -> tuple[int, str]:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(tempfile, "mkstemp", full)
    window.editor("sound.volume").setValue(10)  # type: ignore[attr-defined]
    settle(qtbot, window)
    with qtbot.assertNotEmitted(window.settings_saved):
        qtbot.mouseClick(window.save_button, Qt.MouseButton.LeftButton)
    assert window.message.text() == (
        f"Your settings could not be saved to {path} because the disk is full. "
        "The file there is unchanged, so nothing is lost. "
        "Your changes are still here, so you can try again."
    )
    assert window.isVisible() and path.read_bytes() == before


@pytest.mark.parametrize("choice", ["reload", "overwrite", ""])
def test_a_save_after_an_outside_edit_asks_first(
    qtbot: QtBot, window: SettingsWindow, path: Path, choice: str
) -> None:
    window.editor("sound.volume").setValue(15)  # type: ignore[attr-defined]
    outside = path.read_text(encoding="utf-8").replace("volume = 60", "volume = 80")
    path.write_text(outside, encoding="utf-8")
    asked: list[bool] = []
    window.resolve_conflict = lambda: asked.append(True) or choice  # type: ignore[method-assign]
    settle(qtbot, window)
    qtbot.mouseClick(window.save_button, Qt.MouseButton.LeftButton)
    assert asked == [True]
    if choice == "overwrite":
        assert load_settings(path).settings.sound.volume == 15
        assert not window.isVisible()
    elif choice == "reload":
        assert window.editor("sound.volume").value() == 80  # type: ignore[attr-defined]
        assert path.read_text(encoding="utf-8") == outside
        assert window.isVisible() and not window.draft.is_dirty
    else:
        assert path.read_text(encoding="utf-8") == outside and window.isVisible()


def test_about_this_desktop_lists_what_works_here(window: SettingsWindow) -> None:
    window.show_page(Page.ABOUT)
    texts = [label.text() for label in window.findChildren(QLabel) if label.isVisible()]
    assert "System tray" in texts and "Works here" in texts
    assert "Not on this desktop.\nBind it yourself." in texts


def test_tab_reaches_every_control_of_a_page_in_order(
    qtbot: QtBot, window: SettingsWindow
) -> None:
    window.activateWindow()
    window.show_page(Page.QUIET)
    window.pages.setFocus()
    qtbot.waitUntil(window.pages.hasFocus)
    reached: list[QWidget] = []
    for _ in range(20):
        focused = QApplication.focusWidget()
        assert focused is not None
        reached.append(focused)
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    quiet = [window.editor(f.key) for f in FIELDS if f.page is Page.QUIET]
    order = [reached.index(w) for w in quiet]
    assert order == sorted(order)
    assert window.save_button in reached
    assert reached.index(window.save_button) > max(order)


def test_every_control_on_every_page_has_a_name(window: SettingsWindow) -> None:
    from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox

    window.rhythm.editor.hours.add.click()
    for page in Page:
        window.show_page(page)
        for widget in window.findChildren(QWidget):
            parent = widget.parentWidget()
            if not widget.isVisible() or isinstance(parent, QAbstractSpinBox | QComboBox):
                continue  # the inner line edit of a spin box or a combo box
            if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                continue
            name = widget.accessibleName()
            assert name, f"{type(widget).__name__} on {page} has no accessible name"
            if isinstance(widget, QAbstractButton) and widget.text():
                assert name == widget.text().replace("&", ""), name
