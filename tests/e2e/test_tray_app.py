"""The whole app on Xvfb with a real tray: cue → pause → reflection → journal."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from jeepney import DBusAddress, new_method_call
from jeepney.io.blocking import open_dbus_connection

from tests.e2e import x11
from tests.e2e.conftest import (
    PAUSE_TITLE,
    REFLECTION_TITLE,
    App,
    start,
    stop,
    visible_windows,
    wait_for,
    xdotool,
)

pytestmark = pytest.mark.e2e

WM_CLASS = "presence-app"


def test_tray_icon_docks_and_its_menu_starts_a_pause(
    display: str, tray_host: None, app: App, tmp_path: Path
) -> None:
    app.start()
    x, y, w, h = wait_for(
        lambda: x11.docked_icon_geometry(display, WM_CLASS), "the icon to dock in the tray"
    )
    assert w > 0 and h > 0
    assert app.status()["tray"] == "system tray"
    before = set(visible_windows(app))
    # A click shows the menu on every desktop (some only ever send clicks).
    xdotool(app.env, "mousemove", str(x + w // 2), str(y + h // 2), "click", "1")
    wait_for(lambda: set(visible_windows(app)) - before, "the tray menu to open")
    # The first line says when the next bell comes and cannot be chosen;
    # the first choice is "Pause now".
    xdotool(app.env, "key", "--delay", "30", "Down", "Return")
    status = app.wait_state("pausing")
    assert status["pause_ends"] is not None
    wait_for(lambda: visible_windows(app, PAUSE_TITLE), "the pause window")


def test_pause_command_leads_to_a_saved_reflection(
    display: str, tray_host: None, app: App, tmp_path: Path
) -> None:
    app.start()
    result = app.cli("pause", "--length", "3s")
    assert result.returncode == 0, result.stderr
    app.wait_state("pausing")
    wait_for(lambda: visible_windows(app, PAUSE_TITLE), "the pause window")
    app.wait_state("reflecting")
    window = wait_for(lambda: visible_windows(app, REFLECTION_TITLE), "the reflection window")[0]
    # The reflection window takes the keyboard: the user is there, after a pause.
    wait_for(
        lambda: xdotool(app.env, "getwindowfocus").strip() == window,
        "the reflection window to have the keyboard focus",
    )
    draft = Path(app.env["XDG_STATE_HOME"]) / "presence-app" / "draft.json"
    words = "the kettle sang softly"

    def typed() -> bool:
        if draft.exists() and words in json.loads(draft.read_text())["text"]:
            return True
        # Keys in the window's first moment are swallowed on purpose, so
        # type again until the words arrive (and are saved as a draft).
        xdotool(app.env, "type", "--delay", "5", words)
        return False

    wait_for(typed, "the draft to be saved as it is typed")

    def saved() -> bool:
        if app.status()["state"] == "idle":
            return True
        # The first moment after the window appeared takes no answers; the
        # window may also close between our look and the key (harmless).
        subprocess.run(
            ["xdotool", "key", "ctrl+Return"],
            env=app.env,
            capture_output=True,
            check=False,
        )
        return False

    wait_for(saved, "Ctrl+Enter to save the reflection")
    export = app.cli("journal", "export", "--format", "json")
    assert export.returncode == 0, export.stderr
    entries = json.loads(export.stdout)
    assert entries[-1]["outcome"] == "completed"
    assert entries[-1]["source"] == "command"
    assert words in entries[-1]["reflection"]["text"]
    assert not draft.exists()


def test_a_second_start_says_it_is_already_running(
    display: str, tray_host: None, app: App
) -> None:
    app.start()
    second = app.cli(timeout=30)
    assert second.returncode == 0
    assert "Presence is already running." in second.stderr
    assert app.process is not None and app.process.poll() is None


def test_after_a_crash_the_next_start_recovers_the_socket_and_lock(
    display: str, tray_host: None, app: App
) -> None:
    app.start()
    assert app.process is not None
    app.process.kill()
    app.process.wait()
    assert app.cli("status").returncode == 3
    app.start()
    assert app.status()["state"] == "idle"


def test_without_a_tray_a_status_window_opens(display: str, app: App) -> None:
    app.start()
    assert app.status()["tray"] == "status window"
    wait_for(lambda: visible_windows(app, "Presence"), "the status window")
    assert app.cli("pause").returncode == 0
    app.wait_state("pausing")


def test_the_icon_registers_with_a_status_notifier_watcher(
    display: str, session_bus: str, app: App, tmp_path: Path
) -> None:
    watcher = start(
        [sys.executable, str(Path(__file__).with_name("fake_sni_watcher.py"))],
        app.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert watcher.stdout is not None
        assert watcher.stdout.readline().strip() == "READY"
        app.start()
        line = watcher.stdout.readline().split()
        assert line[0] == "REGISTERED"
        service, path = line[1], line[2]
        labels = menu_labels(session_bus, service, path)
        for label in (
            "Pause now",
            "Let the next bell pass",
            "Quiet",
            "Journal…",
            "Settings…",
            "Quit",
        ):
            assert label in labels
        assert app.status()["tray"] == "system tray"
    finally:
        stop(watcher)


def menu_labels(bus: str, service: str, item_path: str) -> list[str]:
    """Ask the item for its dbusmenu path, then read the menu's labels."""
    connection = open_dbus_connection(bus=bus)
    try:
        item = DBusAddress(
            item_path, bus_name=service, interface="org.freedesktop.DBus.Properties"
        )
        reply = connection.send_and_get_reply(
            new_method_call(item, "Get", "ss", ("org.kde.StatusNotifierItem", "Menu"))
        )
        menu_path = reply.body[0][1]
        menu = DBusAddress(menu_path, bus_name=service, interface="com.canonical.dbusmenu")
        layout = connection.send_and_get_reply(
            new_method_call(menu, "GetLayout", "iias", (0, -1, []))
        )
    finally:
        connection.close()
    labels: list[str] = []

    def walk(node: tuple[int, dict[str, tuple[str, object]], list[tuple[str, object]]]) -> None:
        _, properties, children = node
        if "label" in properties:
            labels.append(str(properties["label"][1]).replace("&", ""))
        for _, child in children:
            walk(child)  # type: ignore[arg-type]

    walk(layout.body[1])
    return labels


def test_logging_out_mid_pause_ends_the_app_gently(
    display: str, tray_host: None, app: App
) -> None:
    app.start()
    assert app.cli("pause", "--length", "10m").returncode == 0
    app.wait_state("pausing")
    assert app.process is not None
    app.process.send_signal(signal.SIGTERM)
    assert app.process.wait(timeout=15) == 0
    export = app.cli("journal", "export", "--format", "json")
    (entry,) = json.loads(export.stdout)
    assert (entry["outcome"], entry["source"]) == ("ended early", "command")


def test_pause_starts_the_app_when_it_is_not_running(
    display: str, tray_host: None, app: App
) -> None:
    try:
        result = app.cli("pause", "--length", "1m", timeout=30)
        assert result.returncode == 0, result.stderr
        assert app.status()["state"] == "pausing"
        wait_for(lambda: x11.docked_icon_geometry(display, WM_CLASS), "the icon to dock")
    finally:
        app.cli("quit")
    wait_for(lambda: app.cli("status").returncode == 3, "the started app to quit")
