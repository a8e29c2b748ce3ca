"""Start at login, through the whole app offscreen: the settings window's
checkbox writes and removes the real autostart entry in the test's private
XDG config folder (see tests/conftest.py), and start-up mends what differs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QPushButton
from pytestqt.qtbot import QtBot

from presence_app import APP_ID
from presence_app.adapters.autostart import launch_command
from presence_app.adapters.autostart.entries import desktop_entry
from presence_app.core.clock import FakeClock
from presence_app.core.lifecycle_ports import State
from presence_app.core.paths import Paths
from presence_app.core.settings import load_settings
from presence_app.ipc import InstanceLock
from presence_app.ui.settings import SettingsWindow
from presence_app.wiring import App, compose

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
Run = Callable[..., App]
SETTINGS = 'schema_version = 1\nshortcut = ""\n\n[sound]\nenabled = false\n'


@pytest.fixture
def entry(private_dirs: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TZ", "UTC")
    monkeypatch.delenv("XDG_SESSION_TYPE", raising=False)
    return private_dirs / "config" / "autostart" / f"{APP_ID}.desktop"


@pytest.fixture
def run(qapp: QApplication) -> Iterator[Run]:
    """Start the app with the given settings text; shut it down after the test."""
    started: list[tuple[App, InstanceLock]] = []

    def start(settings: str = SETTINGS) -> App:
        paths = Paths.from_platform()
        paths.settings_file.parent.mkdir(parents=True, exist_ok=True)
        paths.settings_file.write_text(settings, encoding="utf-8")
        lock = InstanceLock(paths)
        assert lock.try_acquire()
        app = compose(qapp, paths, FakeClock(START), lock)
        started.append((app, lock))
        app.start()
        return app

    yield start
    for app, lock in started:
        app.shutdown()
        lock.release()


def save_start_at_login(app: App, qtbot: QtBot, checked: bool) -> None:
    app.side.show("settings")
    (window,) = [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, SettingsWindow) and w.isVisible()
    ]
    qtbot.addWidget(window)
    box = window.editor("start_at_login")
    assert isinstance(box, QCheckBox)
    assert box.text() == "Start at login"
    assert box.isChecked() is not checked
    qtbot.keyClick(box, Qt.Key.Key_Space)
    assert box.isChecked() is checked
    save = window.findChild(QPushButton, "save")
    assert save is not None
    with qtbot.waitSignal(window.settings_saved):
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)


def test_the_checkbox_writes_and_removes_the_login_entry(
    run: Run, entry: Path, qtbot: QtBot
) -> None:
    app = run()
    assert not entry.exists()  # never without asking

    save_start_at_login(app, qtbot, True)
    assert entry.read_text(encoding="utf-8") == desktop_entry(launch_command())
    assert load_settings(app.paths.settings_file).settings.start_at_login is True

    save_start_at_login(app, qtbot, False)
    assert not entry.exists()
    assert load_settings(app.paths.settings_file).settings.start_at_login is False
    assert app.notices.messages == []


def test_start_up_writes_a_missing_entry_the_setting_asks_for(run: Run, entry: Path) -> None:
    run(_top("true"))
    assert entry.read_text(encoding="utf-8") == desktop_entry(launch_command())


def test_start_up_removes_an_entry_the_setting_does_not_want(run: Run, entry: Path) -> None:
    entry.parent.mkdir(parents=True)
    entry.write_text(desktop_entry(["/old/presence-app"]), encoding="utf-8")
    run(_top("false"))
    assert not entry.exists()


def test_a_setting_that_could_not_be_read_leaves_the_entry_alone(run: Run, entry: Path) -> None:
    entry.parent.mkdir(parents=True)
    entry.write_text(desktop_entry(["/old/presence-app"]), encoding="utf-8")
    app = run(_top('"yes"'))
    assert app.settings.start_at_login is False
    assert entry.read_text(encoding="utf-8") == desktop_entry(["/old/presence-app"])


def test_an_entry_that_cannot_be_written_is_told_and_the_app_runs(
    run: Run, entry: Path, qtbot: QtBot
) -> None:
    entry.mkdir(parents=True)  # a folder where the entry should go
    app = run()
    save_start_at_login(app, qtbot, True)
    assert app.notices.messages == [
        "Presence could not set itself to start when you log in (a folder has that name). "
        "It keeps running now, and you can try again in Settings."
    ]
    assert app.settings.start_at_login is True
    assert app.lifecycle.state is State.IDLE


def _top(value: str) -> str:
    """The settings text with ``start_at_login`` set (top-level keys come first)."""
    return f"start_at_login = {value}\n{SETTINGS}"
