"""Every window walked the way a screen reader walks it: the real AT-SPI bus.

A private Xvfb with openbox (so windows really take the focus), a private
session bus with the at-spi2 accessibility bus on it, and the windows of
``scripts/window_gallery.py`` served one at a time. ``scripts/atspi_walk.py``
runs with the system Python (pyatspi is a Debian package, not a wheel),
walks each window and reports JSON; Tab is pressed with xdotool and the
focus followed through the focus events a screen reader hears; the
announcements are heard with an ``object:announcement`` listener.

Checked: each window is a window (frame, dialog or notification) named by
its title; no control without a name; every word a label or button shows
is heard (as a name or a description); combo boxes named by their label;
headings; Tab reaches the controls in reading order; a notice is announced;
Esc closes the pause, the reflection and the settings window. Skipped, with
the reason, when at-spi2-core, python3-pyatspi, openbox or xdotool is
missing (``scripts/test`` installs them as root).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.e2e import x11
from tests.e2e.conftest import start, stop, wait_for

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
WALKER = ROOT / "scripts" / "atspi_walk.py"
GALLERY = ROOT / "scripts" / "window_gallery.py"
SYSTEM_PYTHON = "/usr/bin/python3"
LAUNCHER = "/usr/libexec/at-spi-bus-launcher"


def _missing() -> str | None:
    for program in ("Xvfb", "dbus-daemon", "dbus-send", "openbox", "xdotool"):
        if shutil.which(program) is None:
            return f"{program} is not installed"
    if not Path(LAUNCHER).exists():
        return "at-spi2-core is not installed"
    probe = subprocess.run(
        [SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True, check=False
    )
    if probe.returncode != 0:
        return "python3-pyatspi is not installed for the system Python"
    return None


@dataclass
class Desk:
    """A private desktop with an accessibility bus, and the gallery on it."""

    env: dict[str, str]
    gallery: subprocess.Popen[str]

    def show(self, screen: str, scheme: str = "light") -> tuple[int, list[str]]:
        """Show a gallery screen; return the gallery's pid and the words it shows."""
        assert self.gallery.stdin is not None and self.gallery.stdout is not None
        self.gallery.stdin.write(f"{screen} {scheme}\n")
        self.gallery.stdin.flush()
        line = self.gallery.stdout.readline()
        assert line.startswith("READY "), line
        _, pid, _, words = line.split(" ", 3)
        return int(pid), json.loads(words)

    def walk(self, pid: int, *args: str, timeout: float = 120) -> list[dict[str, Any]]:
        """The walker's JSON report for the gallery's windows."""
        deadline = time.monotonic() + 20
        while True:
            result = subprocess.run(
                [SYSTEM_PYTHON, str(WALKER), "--pid", str(pid), "--json", *args],
                env=self.env,
                capture_output=True,
                text=True,
                timeout=timeout,
                check=False,
            )
            if result.returncode != 2 or time.monotonic() > deadline:
                break
            time.sleep(0.2)  # the window is not on the bus yet: ask again
        assert result.stdout.strip(), result.stderr
        report: list[dict[str, Any]] = json.loads(result.stdout)
        return report


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desk]:
    missing = _missing()
    if missing:
        pytest.skip(f"{missing} (scripts/test installs it as root)")
    folder = tmp_path_factory.mktemp("atspi")
    env = {k: v for k, v in os.environ.items() if k not in ("WAYLAND_DISPLAY", "DISPLAY")}
    env.update(XDG_RUNTIME_DIR=str(folder), NO_AT_BRIDGE="1", HOME=str(folder))
    helpers: list[subprocess.Popen[str]] = []
    try:
        bus = start(
            ["dbus-daemon", "--session", "--nofork", "--print-address=1",
             f"--address=unix:path={folder / 'bus'}"],
            env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        helpers.append(bus)
        assert bus.stdout is not None
        env["DBUS_SESSION_BUS_ADDRESS"] = bus.stdout.readline().strip()
        xvfb, env["DISPLAY"] = x11.start_xvfb()
        helpers.append(xvfb)
        # The accessibility bus must be up before Qt looks for it.
        subprocess.run(
            ["dbus-send", "--session", "--print-reply", "--dest=org.a11y.Bus",
             "/org/a11y/bus", "org.a11y.Bus.GetAddress"],
            env=env, check=True, capture_output=True, timeout=30,
        )  # fmt: skip
        helpers.append(start(["openbox", "--sm-disable"], env, stderr=subprocess.DEVNULL))
        gallery_env = dict(env, QT_QPA_PLATFORM="xcb", QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1")
        gallery = start(
            [sys.executable, str(GALLERY), "serve"], gallery_env,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        helpers.append(gallery)
        yield Desk(env, gallery)
    finally:
        for helper in reversed(helpers):
            # A helper that died early leaves a broken pipe; stop the others all the same.
            with contextlib.suppress(BrokenPipeError):
                stop(helper)


def flatten(tree: dict[str, Any]) -> Iterator[dict[str, Any]]:
    if "showing" not in tree["states"]:
        return
    yield tree
    for child in tree["children"]:
        yield from flatten(child)


SCREENS = [
    "status",
    "card",
    "pause",
    "reflection",
    "journal",
    "export",
    *(f"settings:{page}" for page in ("rhythm", "sound", "pause", "quiet", "start", "about")),
]
ROLES = {"frame", "dialog", "notification"}


@pytest.mark.parametrize("screen", SCREENS)
def test_a_screen_reader_hears_every_window_whole(desk: Desk, screen: str) -> None:
    pid, words = desk.show(screen)
    report = desk.walk(pid)
    windows = [entry for entry in report if entry["window"]["role"] in ROLES]
    assert len(windows) == 1, [entry["window"]["role"] for entry in report]
    entry = windows[0]
    assert entry["problems"] == []
    window = entry["window"]
    assert window["name"].startswith("Presence") or screen == "export"
    heard = " ".join(f"{n['name']} {n['description']}" for n in flatten(window))
    heard = " ".join(heard.split())
    unheard = [w for w in words if w.rstrip("…") not in heard]
    assert unheard == []


def test_combo_boxes_and_headings_over_atspi(desk: Desk) -> None:
    pid, _ = desk.show("settings:sound")
    (entry,) = desk.walk(pid)
    nodes = list(flatten(entry["window"]))
    combos = {n["name"] for n in nodes if n["role"] == "combo box"}
    assert {"Opening bell", "Closing bell"} <= combos
    assert not combos & {"Singing bowl", "singing-bowl"}
    headings = [n["name"] for n in nodes if n["role"] == "heading"]
    assert "Sound" in headings


def test_the_look_back_reads_as_a_chart_in_words(desk: Desk) -> None:
    pid, _ = desk.show("journal")
    (entry,) = desk.walk(pid)
    charts = [n for n in flatten(entry["window"]) if n["role"] == "chart"]
    assert [c["name"] for c in charts] == ["Seven days of pauses"]
    assert charts[0]["description"].startswith("Seven days of pauses: Friday, no pauses")


def tab_names(desk: Desk, screen: str, presses: int) -> list[str]:
    """Where the focus went after each Tab, as heard.

    A press that moves within a control (a time field goes from its hours
    to its minutes, as Qt's do) sends no focus event and is left out.
    """
    pid, _ = desk.show(screen)
    (entry,) = desk.walk(pid, "--tab", str(presses))
    return [visit["name"] for visit in entry["tab"] if visit.get("name")]


def test_tab_walks_the_status_window_in_reading_order(desk: Desk) -> None:
    assert tab_names(desk, "status", 9) == [
        "Let the next bell pass",
        "Quiet: For 30 minutes",
        "Quiet: For 1 hour",
        "Quiet: Until tomorrow",
        "Quiet: Not quiet (bells ring again)",
        "Journal",
        "Settings",
        "Quit",
        "Pause now",
    ]


def test_tab_walks_a_rule_in_reading_order(desk: Desk) -> None:
    names = tab_names(desk, "settings:rhythm", 41)
    assert names[:6] == ["Rules", "Add", "Duplicate", "Rename", "Remove", "Move down"]
    hours = names.index("All day")
    assert names[hours : hours + 8] == [
        "All day", "From 1", "To 1", "Remove", "From 2", "To 2", "Remove", "Add hours",
    ]  # fmt: skip
    assert names[-4:] == ["The coming week", "Save", "Cancel", "Pages"]


def test_a_notice_is_announced_on_the_bus(desk: Desk) -> None:
    desk.show("status")
    listener = start(
        [SYSTEM_PYTHON, str(WALKER), "--listen", "8"], desk.env,
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        assert listener.stdout is not None
        assert listener.stdout.readline().strip() == "LISTENING"
        assert desk.gallery.stdin is not None and desk.gallery.stdout is not None
        desk.gallery.stdin.write("notice\n")
        desk.gallery.stdin.flush()
        assert desk.gallery.stdout.readline().strip() == "NOTICED"
        heard = json.loads(listener.stdout.readline())
    finally:
        stop(listener)
    notice = (
        "This desktop does not let apps set global shortcuts. To start a pause with a key, "
        "bind the command “presence-app pause” in your desktop's keyboard settings."
    )
    assert notice in [event["words"] for event in heard]


@pytest.mark.parametrize("screen", ["pause", "reflection", "settings"])
def test_escape_closes_the_window(desk: Desk, screen: str) -> None:
    pid, _ = desk.show(screen)
    desk.walk(pid)  # on the bus, shown

    def closed_by_escape() -> bool:
        # The pause and reflection ignore keys for their first moment, by design:
        # Esc is pressed until the window goes.
        subprocess.run(["xdotool", "key", "Escape"], env=desk.env, check=True, timeout=30)
        result = subprocess.run(
            ["xdotool", "search", "--onlyvisible", "--pid", str(pid)],
            env=desk.env, capture_output=True, text=True, check=False,
        )  # fmt: skip
        return not result.stdout.split()

    wait_for(closed_by_escape, f"Esc to close the {screen} window")
