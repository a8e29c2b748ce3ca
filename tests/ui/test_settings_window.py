"""The settings window, offscreen: real widgets, real files."""

from __future__ import annotations

import errno
import tempfile
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from presence_app.core.settings import (
    FIELDS,
    Settings,
    load_settings,
    save_settings,
    settings_to_toml,
)
from presence_app.ui.settings_window import SettingsWindow


@pytest.fixture
def path(tmp_path: Path) -> Path:
    file = tmp_path / "config" / "settings.toml"
    save_settings(file, Settings())
    return file


@pytest.fixture
def window(qtbot: QtBot, path: Path) -> SettingsWindow:
    dialog = SettingsWindow(Settings(), path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def button(window: SettingsWindow, name: str) -> QPushButton:
    found = window.findChild(QPushButton, name)
    assert found is not None
    return found


def test_every_field_has_a_labelled_control(window: SettingsWindow) -> None:
    for field in FIELDS:
        control = window.editor(field.key)
        assert control.accessibleName(), field.key
        assert control.accessibleDescription() == field.sentence
        assert control.toolTip() == field.sentence
        assert control.focusPolicy() & Qt.FocusPolicy.TabFocus, field.key
    volume = window.editor("sound.volume")
    assert isinstance(volume, QSpinBox)
    assert (volume.minimum(), volume.maximum(), volume.value()) == (0, 100, 60)
    assert isinstance(window.editor("pause.style"), QComboBox)
    assert isinstance(window.editor("sound.enabled"), QCheckBox)
    assert isinstance(window.editor("reflection.feelings"), QPlainTextEdit)
    assert window.editor("shortcut").accessibleName() == "Shortcut"


def test_save_writes_file_and_emits_new_settings(
    qtbot: QtBot, window: SettingsWindow, path: Path
) -> None:
    volume = window.editor("sound.volume")
    assert isinstance(volume, QSpinBox)
    volume.setValue(30)
    shortcut = window.editor("shortcut")
    assert isinstance(shortcut, QLineEdit)
    shortcut.clear()
    qtbot.keyClicks(shortcut, "Ctrl+Alt+K")
    length = window.editor("pause.length")
    assert isinstance(length, QLineEdit)
    length.setText("2m30s")
    with qtbot.waitSignal(window.settings_saved) as saved:
        qtbot.mouseClick(button(window, "save"), Qt.MouseButton.LeftButton)
    new = saved.args[0]
    assert isinstance(new, Settings)
    assert (new.sound.volume, new.shortcut) == (30, "Ctrl+Alt+K")
    assert new.pause.length == timedelta(minutes=2, seconds=30)
    on_disk = load_settings(path)
    assert on_disk.problems == ()
    assert on_disk.settings == new
    assert window.result() == QDialog.DialogCode.Accepted


def test_failed_save_shows_message_and_keeps_dialog_open(
    qtbot: QtBot, window: SettingsWindow, path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = path.read_bytes()

    def full(*args: object, **kwargs: object) -> tuple[int, str]:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(tempfile, "mkstemp", full)
    volume = window.editor("sound.volume")
    assert isinstance(volume, QSpinBox)
    volume.setValue(10)
    with qtbot.assertNotEmitted(window.settings_saved):
        qtbot.mouseClick(button(window, "save"), Qt.MouseButton.LeftButton)
    assert window.message() == (
        f"Your settings could not be saved to {path} because the disk is full. "
        "The file there is unchanged, so nothing is lost. "
        "Your changes are still here, so you can try again."
    )
    assert window.isVisible()
    assert volume.value() == 10
    assert path.read_bytes() == before


def test_invalid_value_is_explained_and_nothing_is_written(
    qtbot: QtBot, window: SettingsWindow, path: Path
) -> None:
    before = path.read_bytes()
    length = window.editor("pause.length")
    assert isinstance(length, QLineEdit)
    length.setText("5s")
    with qtbot.assertNotEmitted(window.settings_saved):
        qtbot.mouseClick(button(window, "save"), Qt.MouseButton.LeftButton)
    assert window.message() == '`pause.length` must be between 10s and 1h (found "5s")'
    assert window.isVisible()
    assert path.read_bytes() == before


@pytest.mark.parametrize("close", ["cancel", "escape"])
def test_cancel_and_escape_close_without_writing(
    qtbot: QtBot, window: SettingsWindow, path: Path, close: str
) -> None:
    before = path.read_bytes()
    volume = window.editor("sound.volume")
    assert isinstance(volume, QSpinBox)
    volume.setValue(5)
    with qtbot.assertNotEmitted(window.settings_saved):
        if close == "cancel":
            qtbot.mouseClick(button(window, "cancel"), Qt.MouseButton.LeftButton)
        else:
            qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert window.result() == QDialog.DialogCode.Rejected
    assert not window.isVisible()
    assert path.read_bytes() == before


def test_schedules_are_summarised_and_the_file_can_be_opened(
    window: SettingsWindow, path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = window.findChild(QLabel, "schedules")
    assert summary is not None
    assert summary.text() == "Through the day: every 45m, every day, 09:00–18:00"
    opened: list[QUrl] = []

    def open_url(url: QUrl) -> bool:
        opened.append(url)
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", open_url)
    open_button = window.findChildren(QPushButton)
    (open_file,) = [b for b in open_button if b.accessibleName() == "Open settings file"]
    open_file.click()
    assert opened == [QUrl.fromLocalFile(str(path))]


def test_rule_edits_made_in_the_file_meanwhile_are_kept(
    qtbot: QtBot, window: SettingsWindow, path: Path
) -> None:
    text = settings_to_toml(Settings()).replace('every = "45m"', 'every = "20m"')
    path.write_text(text, encoding="utf-8")
    with qtbot.waitSignal(window.settings_saved) as saved:
        qtbot.mouseClick(button(window, "save"), Qt.MouseButton.LeftButton)
    assert saved.args[0].schedules[0].every == timedelta(minutes=20)
    assert load_settings(path).settings.schedules[0].every == timedelta(minutes=20)


def test_tab_reaches_every_control(qtbot: QtBot, window: SettingsWindow) -> None:
    window.activateWindow()
    first = window.editor("sound.enabled")
    first.setFocus()
    qtbot.waitUntil(first.hasFocus)
    reached: set[QWidget] = set()
    for _ in range(60):
        focused = QApplication.focusWidget()
        assert focused is not None
        reached.add(focused)
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    for field in FIELDS:
        assert window.editor(field.key) in reached, field.key
    assert button(window, "save") in reached
