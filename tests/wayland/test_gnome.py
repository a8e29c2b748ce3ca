"""The focus check on GNOME Shell 43, headless: a bell never takes the keyboard.

GNOME focused the old invitation card within milliseconds of its
appearing, and every key typed meanwhile was lost. Here a typing window
logs ``focusWindowChanged`` and ``applicationStateChanged``, the shell's
test extension logs every change of its focus window, and the keys come
from a Clutter virtual keyboard inside the shell, like real ones.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.wayland.conftest import (
    WaylandApp,
    open_typing_window,
    screenshot_path,
    session_or_skip,
)
from tests.wayland.gnome import PROGRAMS, GnomeSession
from tests.wayland.user import wait_for

# The first test also builds the test user's venv once (about a minute).
pytestmark = [pytest.mark.wayland, pytest.mark.timeout(600)]


@pytest.fixture(scope="module")
def gnome() -> Iterator[GnomeSession]:
    yield from session_or_skip(GnomeSession, PROGRAMS)


def focus_pid(gnome: GnomeSession) -> int | None:
    window = gnome.focus_window()
    return int(window["pid"]) if window else None


def test_a_bell_never_takes_the_keyboard_on_gnome(gnome: GnomeSession) -> None:
    typing = open_typing_window(gnome)
    wait_for(lambda: focus_pid(gnome) == typing.pid, "the typing window to have focus")
    app = WaylandApp(gnome)
    app.start()
    # No tray on plain GNOME: the status window opens once, at start-up. The
    # user goes back to writing, as after starting any app.
    assert app.status()["tray"] == "status window"  # type: ignore[index]
    gnome.eval(
        "const w = global.get_window_actors().map(a => a.meta_window)"
        f".find(w => w.get_pid() == {typing.pid}); w.activate(global.get_current_time());"
        " return true;"
    )
    wait_for(lambda: focus_pid(gnome) == typing.pid, "the typing window to have focus again")
    changes_before = len(gnome.focus_log())
    events_before = len(typing.events())
    typed = ""

    def type_until_invited() -> bool:
        nonlocal typed
        gnome.type("word ")
        typed += "word "
        return (app.status() or {}).get("state") == "invited"

    wait_for(type_until_invited, "the bell", timeout=60)
    for chunk in ("during ", "the ", "bell"):
        gnome.type(chunk)
        typed += chunk
    wait_for(lambda: typing.text().endswith(typed), f"every typed character ({typed!r})")
    assert gnome.focus_log()[changes_before:] == []
    assert [e for e in typing.events()[events_before:] if e["event"] != "text"] == []
    assert focus_pid(gnome) == typing.pid
    notes = wait_for(
        lambda: [n for n in gnome.notifications() if n["body"] == "Would you like a short pause?"],
        "the invitation in GNOME's notification list",
    )
    assert notes == [
        {
            "title": "A bell for you · 10 s",
            "body": "Would you like a short pause?",
            "source": notes[0]["source"],
            "actions": ["Take a pause", "Let it pass"],
        }
    ]
    gnome.screenshot(screenshot_path("gnome-bell"))
    app.cli("quit")


def test_the_full_screen_pause_is_full_screen_on_gnome(gnome: GnomeSession) -> None:
    app = WaylandApp(gnome, settings_extra='[pause]\nstyle = "fullscreen"\n')
    app.start()
    assert app.cli("pause", "--length", "10s").returncode == 0
    app.wait_state("pausing")

    def pause_window() -> dict[str, object] | None:
        found = [w for w in gnome.windows() if w["title"].startswith("Presence: a pause")]
        return found[0] if found else None

    window = wait_for(lambda: (w := pause_window()) and w["rect"] == [0, 0, 1280, 800] and w,
                      "the pause to cover the whole monitor")  # fmt: skip
    assert gnome.eval("return global.display.focus_window.is_fullscreen();"), (
        f"not in GNOME's full-screen state: {window}"
    )
    gnome.screenshot(screenshot_path("gnome-fullscreen"))
    assert "does not support setting window opacity" not in app.log()
    app.cli("quit")
