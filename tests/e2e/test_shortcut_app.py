"""The global shortcut in the running app, pressed with xdotool on Xvfb."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.conftest import PAUSE_TITLE, App, start, stop, visible_windows, wait_for, xdotool

pytestmark = pytest.mark.e2e

CLIENT = str(Path(__file__).with_name("fake_x_client.py"))
TAKEN = "Ctrl+Alt+P is already used by another program; choose another shortcut in Settings."


@pytest.fixture
def other_window(display: str, base_env: dict[str, str]) -> Iterator[str]:
    """Another program's window, holding the keyboard focus."""
    process = start([sys.executable, CLIENT, "window"], base_env, stdout=subprocess.PIPE)
    assert process.stdout is not None
    window = process.stdout.readline().strip()
    yield window
    stop(process)


def focus(app: App, window: str) -> None:
    xdotool(app.env, "windowfocus", "--sync", window)
    assert xdotool(app.env, "getwindowfocus").strip() == window


def test_the_shortcut_starts_a_pause_and_a_second_press_ends_it(
    display: str, tray_host: None, app: App, other_window: str
) -> None:
    app.start()
    assert app.status()["shortcut"] == {"chord": "Ctrl+Alt+P", "works": True, "message": None}
    focus(app, other_window)
    xdotool(app.env, "key", "ctrl+alt+p")
    app.wait_state("pausing")
    wait_for(lambda: visible_windows(app, PAUSE_TITLE), "the pause window")
    xdotool(app.env, "key", "ctrl+alt+p")
    app.wait_state("reflecting")


def test_the_shortcut_works_with_num_lock_on(
    display: str, tray_host: None, app: App, other_window: str
) -> None:
    app.start()
    focus(app, other_window)
    xdotool(app.env, "key", "Num_Lock")
    try:
        xdotool(app.env, "key", "ctrl+alt+p")
        app.wait_state("pausing")
    finally:
        xdotool(app.env, "key", "Num_Lock")


def test_a_chord_taken_by_another_program_is_reported_and_the_app_keeps_working(
    display: str, tray_host: None, app: App, base_env: dict[str, str]
) -> None:
    holder = start([sys.executable, CLIENT, "grab"], base_env, stdout=subprocess.PIPE)
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "READY"
        app.start()
        status = wait_for(
            lambda: (s := app.status())["shortcut"]["works"] is False and s,
            "the app to notice the taken shortcut",
        )
        assert status["shortcut"]["message"] == TAKEN
        assert TAKEN in status["notices"]
        assert app.cli("pause", "--length", "5s").returncode == 0
        app.wait_state("pausing")
    finally:
        stop(holder)
