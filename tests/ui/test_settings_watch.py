"""Hand edits reload by themselves: the real QFileSystemWatcher on a real
folder, offscreen, and the rules of applying what it read."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from presence_app.core.settings import LoadResult, Settings, load_settings, save_settings
from presence_app.ui.settings_watch import SettingsWatch, apply_loaded

UNCHANGED = "Presence runs on its defaults and has not changed the file."


@pytest.fixture
def path(tmp_path: Path) -> Path:
    file = tmp_path / "config" / "settings.toml"
    save_settings(file, Settings())
    return file


@pytest.fixture
def watch(qtbot: QtBot, path: Path) -> SettingsWatch:
    return SettingsWatch(path, delay_ms=50)


def volume_text(path: Path, volume: int) -> str:
    return path.read_text(encoding="utf-8").replace("volume = 60", f"volume = {volume}")


def test_a_rewrite_in_place_is_read_once(qtbot: QtBot, watch: SettingsWatch, path: Path) -> None:
    with qtbot.waitSignal(watch.loaded, timeout=3000) as seen:
        path.write_text(volume_text(path, 30), encoding="utf-8")
    result: LoadResult = seen.args[0]
    assert result.settings.sound.volume == 30
    assert str(path) in watch.watched


def test_write_and_rename_is_noticed_and_the_new_file_watched(
    qtbot: QtBot, watch: SettingsWatch, path: Path
) -> None:
    base = path.read_text(encoding="utf-8")
    for volume in (31, 32):
        fresh = path.with_name(".settings.toml.new")
        fresh.write_text(base.replace("volume = 60", f"volume = {volume}"), encoding="utf-8")
        with qtbot.waitSignal(watch.loaded, timeout=3000) as seen:
            os.replace(fresh, path)
        assert seen.args[0].settings.sound.volume == volume
        qtbot.waitUntil(lambda: str(path) in watch.watched)


def test_two_writes_in_a_row_end_in_the_last(
    qtbot: QtBot, watch: SettingsWatch, path: Path
) -> None:
    seen: list[int] = []
    watch.loaded.connect(lambda result: seen.append(result.settings.sound.volume))
    text = path.read_text(encoding="utf-8")
    path.write_text("", encoding="utf-8")  # an editor that truncates first
    path.write_text(text.replace("volume = 60", "volume = 33"), encoding="utf-8")
    qtbot.waitUntil(lambda: seen[-1:] == [33], timeout=3000)
    assert seen == [33]


def test_the_same_bytes_again_are_not_read_as_a_change(
    qtbot: QtBot, watch: SettingsWatch, path: Path
) -> None:
    with qtbot.assertNotEmitted(watch.loaded, wait=400):
        path.write_bytes(path.read_bytes())


class App:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.applied: list[Settings] = []
        self.notices: list[str] = []

    def apply(self, settings: Settings) -> None:
        self.applied.append(settings)
        self.settings = settings


def test_a_change_is_applied_once_and_the_apps_own_save_is_not_applied_again(path: Path) -> None:
    app = App(Settings())
    louder = dataclasses.replace(
        Settings(), sound=dataclasses.replace(Settings().sound, volume=90)
    )
    path.write_text(volume_text(path, 90), encoding="utf-8")
    assert apply_loaded(load_settings(path), app.settings, app.apply, app.notices.append)
    assert app.applied == [louder]
    save_settings(path, louder)  # what a save from the window does, then the watcher fires
    assert not apply_loaded(load_settings(path), app.settings, app.apply, app.notices.append)
    assert app.applied == [louder] and app.notices == []


def test_a_broken_file_keeps_what_is_in_effect_and_is_told(path: Path) -> None:
    app = App(Settings(shortcut="Ctrl+Alt+K"))
    path.write_text("[sound\n", encoding="utf-8")
    assert not apply_loaded(load_settings(path), app.settings, app.apply, app.notices.append)
    assert app.applied == []
    assert app.notices == [
        "settings.toml could not be read (line 1, column 7: expected ']' at the end of a table "
        f"declaration); {UNCHANGED} The settings in effect stay as they were."
    ]
    assert path.read_text(encoding="utf-8") == "[sound\n"


def test_a_bad_value_is_told_and_the_rest_applied(path: Path) -> None:
    app = App(Settings())
    path.write_text('shortcut = "Ctrl+Alt+J"\n[sound]\nvolume = 150\n', encoding="utf-8")
    assert apply_loaded(load_settings(path), app.settings, app.apply, app.notices.append)
    assert app.settings.shortcut == "Ctrl+Alt+J" and app.settings.sound.volume == 60
    assert app.notices == [
        "1 setting could not be used, so its default applies. "
        "`sound.volume` must be between 0 and 100 (found 150)."
    ]
