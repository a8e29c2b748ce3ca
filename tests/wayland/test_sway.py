"""The real app on a real headless sway, with swaybar's tray and mako, as a user would.

At a scheduled bell while the user types in another window: focus never
moves, every typed character arrives, and the invitation is a notification
listed by mako. Then the pause floats at its own size, the tray's
activation leads to the status window, the full-screen pause is full screen
on every output, a whole bell → pause → reflection → journal cycle works,
and no per-frame opacity warning reaches the log.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.wayland.conftest import (
    WaylandApp,
    open_typing_window,
    screenshot_path,
    session_or_skip,
)
from tests.wayland.sway import HEIGHT, PROGRAMS, WIDTH, SwaySession
from tests.wayland.user import wait_for

# The first test also builds the test user's venv once (about a minute).
pytestmark = [pytest.mark.wayland, pytest.mark.timeout(600)]

OPACITY_WARNING = "This plugin does not support setting window opacity"
REFLECTION_TITLE = "Presence: a moment to reflect"
PAUSE_TITLE = "Presence: a pause"


@pytest.fixture(scope="module")
def sway() -> Iterator[SwaySession]:
    yield from session_or_skip(SwaySession, PROGRAMS)


@pytest.fixture(scope="module")
def typing(sway: SwaySession) -> Any:
    window = open_typing_window(sway)
    sway.focus(window.pid)
    return window


@pytest.fixture(scope="module")
def app(sway: SwaySession, typing: Any) -> Iterator[WaylandApp]:
    the_app = WaylandApp(sway)
    the_app.start()
    yield the_app
    the_app.cli("quit")


def named(sway: SwaySession, pid: int, title: str) -> dict[str, Any] | None:
    return next((w for w in sway.windows_of(pid) if w["name"].startswith(title)), None)


def test_a_bell_never_takes_the_keyboard(sway: SwaySession, typing: Any, app: WaylandApp) -> None:
    assert sway.focused()["pid"] == typing.pid  # type: ignore[index]
    typed = ""
    focus_seen: list[int] = []

    def type_until_invited() -> bool:
        nonlocal typed
        sway.type("word ")
        typed += "word "
        focus_seen.append(sway.focused()["pid"])  # type: ignore[index]
        return (app.status() or {}).get("state") == "invited"

    wait_for(type_until_invited, "the bell", timeout=60)
    for chunk in ("during ", "the ", "bell"):
        sway.type(chunk)
        typed += chunk
        focus_seen.append(sway.focused()["pid"])  # type: ignore[index]
    wait_for(lambda: typing.text() == typed, f"every typed character ({typed!r})")
    assert set(focus_seen) == {typing.pid}
    assert typing.lost_keyboard() == []
    assert sway.windows_of(app.pid) == []  # no window at all: the invitation is a notification
    (note,) = [n for n in sway.notifications() if n["app-name"] == "Presence"]
    assert note["summary"] == "A bell for you · 10 s"
    assert note["body"] == "Would you like a short pause?"
    assert note["actions"] == {
        "default": "Take a pause",
        "take": "Take a pause",
        "pass": "Let it pass",
    }
    sway.screenshot(screenshot_path("sway-bell"))


def test_take_a_pause_from_the_notification_then_reflect(
    sway: SwaySession, typing: Any, app: WaylandApp
) -> None:
    (note,) = [n for n in sway.notifications() if n["app-name"] == "Presence"]
    result = sway.run(["makoctl", "invoke", "-n", str(note["id"]), "take"])
    assert result.returncode == 0, result.stderr
    app.wait_state("pausing")
    pause = wait_for(lambda: named(sway, app.pid, PAUSE_TITLE), "the pause window")
    assert pause["floating"], "the pause must float, not tile"
    assert (pause["window_rect"]["width"], pause["window_rect"]["height"]) == (460, 460)
    centre_x = pause["rect"]["x"] + pause["rect"]["width"] // 2
    centre_y = pause["rect"]["y"] + pause["rect"]["height"] // 2
    assert abs(centre_x - WIDTH // 2) <= 2 and abs(centre_y - HEIGHT // 2) <= 40
    assert not [n for n in sway.notifications() if n["app-name"] == "Presence"]
    sway.screenshot(screenshot_path("sway-pause"))
    app.wait_state("reflecting")
    reflection = wait_for(lambda: named(sway, app.pid, REFLECTION_TITLE), "the reflection")
    assert reflection["floating"]
    wait_for(lambda: sway.focused()["pid"] == app.pid, "the reflection to take the keyboard")
    words = "the kettle sang"

    def draft_saved() -> bool:
        draft = sway.home / ".local/state/presence-app/draft.json"
        if draft.exists() and words in draft.read_text():
            return True
        sway.type(words)  # keys in the window's first moment are swallowed on purpose
        return False

    wait_for(draft_saved, "the words to reach the reflection")
    sway.screenshot(screenshot_path("sway-reflection"))
    sway.run(["wtype", "-M", "ctrl", "-k", "Return", "-m", "ctrl"])
    app.wait_state("idle")
    entry = app.journal()[-1]
    assert entry["outcome"] == "completed"
    assert words in entry["reflection"]["text"]
    sway.focus(typing.pid)


def sni_call(sway: SwaySession, method: str) -> None:
    reply = sway.run(
        ["gdbus", "call", "--session", "--dest", "org.kde.StatusNotifierWatcher",
         "--object-path", "/StatusNotifierWatcher", "--method",
         "org.freedesktop.DBus.Properties.Get", "org.kde.StatusNotifierWatcher",
         "RegisteredStatusNotifierItems"],
    )  # fmt: skip
    assert reply.returncode == 0, reply.stderr
    item = reply.stdout.split("'")[1]  # "org.kde.StatusNotifierItem-PID-1/StatusNotifierItem"
    service, _, path = item.partition("/")
    result = sway.run(
        ["gdbus", "call", "--session", "--dest", service, "--object-path", f"/{path}",
         "--method", f"org.kde.StatusNotifierItem.{method}", "0", "0"],
    )  # fmt: skip
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("method", ["Activate", "ContextMenu", "SecondaryActivate"])
def test_the_tray_icon_leads_to_the_status_window(
    sway: SwaySession, typing: Any, app: WaylandApp, method: str
) -> None:
    assert app.status()["tray"] == "system tray"  # type: ignore[index]
    sni_call(sway, method)
    window = wait_for(
        lambda: next((w for w in sway.windows_of(app.pid) if w["name"] == "Presence"), None),
        "the status window",
    )
    assert window["floating"]
    wait_for(lambda: sway.focused()["pid"] == app.pid, "the status window to have focus")
    if method == "Activate":
        sway.screenshot(screenshot_path("sway-status"))
    sway.swaymsg(f"[pid={app.pid}] kill")
    wait_for(lambda: not sway.windows_of(app.pid), "the status window to close")
    sway.focus(typing.pid)


def test_with_a_presence_window_focused_the_icon_still_leads_to_the_status_window(
    sway: SwaySession, typing: Any, app: WaylandApp
) -> None:
    assert app.cli("journal").returncode == 0
    wait_for(lambda: sway.focused()["pid"] == app.pid, "the journal to have focus")
    journal = sway.focused()
    assert journal is not None and journal["floating"]
    sni_call(sway, "Activate")
    wait_for(
        lambda: (sway.focused() or {}).get("name") == "Presence", "the status window in front"
    )
    sway.swaymsg(f"[pid={app.pid}] kill")
    wait_for(lambda: not sway.windows_of(app.pid), "the windows to close")
    sway.focus(typing.pid)


def test_the_full_screen_pause_covers_every_output(sway: SwaySession, app: WaylandApp) -> None:
    sway.swaymsg("create_output")
    wait_for(lambda: len(sway.outputs()) == 2, "a second output")
    try:
        app.cli("quit")
        wait_for(lambda: app.status() is None, "the app to quit")
        app.settings_extra = '[pause]\nstyle = "fullscreen"\n'
        app.start()
        assert app.cli("pause", "--length", "10s").returncode == 0
        app.wait_state("pausing")

        def full_screen_windows() -> list[dict[str, Any]]:
            found = [w for w in sway.windows_of(app.pid) if w.get("fullscreen_mode") == 1]
            return found if len(found) == 2 else []

        windows = wait_for(full_screen_windows, "one full-screen window per output")
        covered = sorted(tuple(w["rect"].values()) for w in windows)
        assert covered == sorted(tuple(o["rect"].values()) for o in sway.outputs())
        sway.screenshot(screenshot_path("sway-fullscreen"))
        assert app.cli("quit").returncode == 0
    finally:
        for output in sway.outputs()[1:]:
            sway.swaymsg(f"output {output['name']} disable")


def test_no_per_frame_opacity_warnings(app: WaylandApp) -> None:
    assert OPACITY_WARNING not in app.log()
    assert "Failed to create grabbing popup" not in app.log()
