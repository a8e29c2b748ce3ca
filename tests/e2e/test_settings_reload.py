"""The settings file and the running app, on Xvfb with a real tray.

Hand edits reload by themselves (rewritten in place, written and renamed,
written twice quickly): ``status --json`` shows the new next bell within
2 s each time. A broken file leaves the old next bell, a notice and its
bytes. Hostile files at start-up (issue 10, item 3) never stop Presence:
it starts, says why in the log and the notices, and leaves the file alone.
A save from the window after an outside edit asks first.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.e2e.conftest import App, wait_for, xdotool

pytestmark = pytest.mark.e2e

UNCHANGED = "Presence runs on its defaults and has not changed the file."
RELOAD_S = 2.0


def clock_times() -> list[str]:
    """Times of day well away from now (no grace period, no midnight), in UTC."""
    now = datetime.now(UTC)
    return [f"{(now + timedelta(hours=h)):%H:%M}" for h in (3, 5, 7, 9, 11)]


def rule(at: str) -> str:
    return f'schema_version = 1\nshortcut = ""\n\n[[schedules]]\nname = "R"\nat = ["{at}"]\n'


@pytest.fixture
def settings_file(app: App) -> Path:
    app.env["TZ"] = "UTC"
    path = Path(app.env["XDG_CONFIG_HOME"]) / "presence-app" / "settings.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def titled(app: App, title: str) -> list[str]:
    """Visible windows of the app with this title (both conditions: ``--all``)."""
    assert app.process is not None
    args = ["search", "--all", "--onlyvisible", "--pid", str(app.process.pid), "--name", title]
    result = subprocess.run(["xdotool", *args], env=app.env, capture_output=True, text=True)
    return result.stdout.split()


def log_file(app: App) -> str:
    """The app's own log (the terminal shows only warnings)."""
    path = Path(app.env["XDG_STATE_HOME"]) / "presence-app" / "log" / "presence.log"
    return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""


def next_bell_clock(app: App) -> str | None:
    cue = app.status()["next_cue"]
    return None if cue is None else f"{datetime.fromisoformat(cue).astimezone(UTC):%H:%M}"


def wait_next_bell(app: App, expected: str, how: str = "") -> None:
    what = f"the next bell at {expected}" + (f" after a write {how}" if how else "")
    wait_for(lambda: next_bell_clock(app) == expected, what, RELOAD_S)


def in_place(path: Path, text: str) -> None:
    with path.open("w", encoding="utf-8") as stream:
        stream.write(text)


def write_and_rename(path: Path, text: str) -> None:
    fresh = path.with_name(".settings.toml.swp")
    fresh.write_text(text, encoding="utf-8")
    os.replace(fresh, path)


def write_twice(path: Path, text: str) -> None:
    path.write_text("", encoding="utf-8")
    path.write_text(text, encoding="utf-8")


WRITES: dict[str, Callable[[Path, str], None]] = {
    "in place": in_place,
    "write and rename": write_and_rename,
    "twice quickly": write_twice,
}


def test_hand_edits_reach_the_running_app_within_two_seconds(
    display: str, tray_host: None, app: App, settings_file: Path
) -> None:
    times = clock_times()
    settings_file.write_text(rule(times[0]), encoding="utf-8")
    app.start()
    assert next_bell_clock(app) == times[0]
    for index, (name, write) in enumerate(WRITES.items(), start=1):
        write(settings_file, rule(times[index]))
        wait_next_bell(app, times[index], name)  # within 2 s, for each way of writing
    assert app.status()["notices"] == []
    assert log_file(app).count("settings.toml changed on disk") == len(WRITES)


def test_a_broken_file_keeps_the_bell_in_effect_and_is_left_alone(
    display: str, tray_host: None, app: App, settings_file: Path
) -> None:
    times = clock_times()
    settings_file.write_text(rule(times[0]), encoding="utf-8")
    app.start()
    broken = b'[[schedules]]\nname = "R"\nat = ["' + times[1].encode() + b'"\n'
    settings_file.write_bytes(broken)
    expected = (
        "settings.toml could not be read (end of document: unclosed array); "
        f"{UNCHANGED} The settings in effect stay as they were."
    )
    wait_for(lambda: expected in app.status()["notices"], "the notice", RELOAD_S)
    assert next_bell_clock(app) == times[0]
    assert settings_file.read_bytes() == broken
    assert expected in log_file(app)
    settings_file.write_text(rule(times[2]), encoding="utf-8")  # fixed: used at once
    wait_next_bell(app, times[2])


def sparse(path: Path) -> None:
    with path.open("wb") as stream:
        stream.truncate(2 * 1024**3)


HOSTILE: dict[str, tuple[Callable[[Path], object], str]] = {
    "deep": (
        lambda p: p.write_text("a = " + "[" * 400 + "]" * 400 + "\n"),
        f"settings.toml could not be read (it is nested more than 32 levels deep); {UNCHANGED}",
    ),
    "big-int": (
        lambda p: p.write_text("[sound]\nvolume = " + "9" * 5000 + "\n"),
        "settings.toml could not be read (it holds a number with more than 4300 digits); "
        + UNCHANGED,
    ),
    "fifo": (
        os.mkfifo,
        f"settings.toml could not be opened (it is a named pipe, not a file); {UNCHANGED}",
    ),
    "sparse": (
        sparse,
        "settings.toml could not be opened (it is 2 GB, and a settings file is a few "
        f"kilobytes); {UNCHANGED}",
    ),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_presence_always_starts_and_says_why(
    display: str, app: App, settings_file: Path, case: str
) -> None:
    make, message = HOSTILE[case]
    make(settings_file)
    before = settings_file.lstat()
    app.start()
    assert message in app.status()["notices"]
    assert f"settings: {message}" in log_file(app)
    after = settings_file.lstat()
    assert (after.st_mode, after.st_size, after.st_mtime_ns) == (
        before.st_mode,
        before.st_size,
        before.st_mtime_ns,
    )


def test_a_save_from_the_window_after_an_outside_edit_asks_first(
    display: str, tray_host: None, app: App, settings_file: Path
) -> None:
    times = clock_times()
    settings_file.write_text(rule(times[0]), encoding="utf-8")
    app.start()
    assert app.cli("settings").returncode == 0
    window = wait_for(lambda: titled(app, "Presence settings"), "the settings window")[0]
    wait_for(
        lambda: xdotool(app.env, "getwindowfocus").strip() == window,
        "the settings window to have the keyboard focus",
    )
    outside = rule(times[1])
    settings_file.write_text(outside, encoding="utf-8")
    wait_next_bell(app, times[1])  # the hand edit is in effect
    xdotool(app.env, "key", "Return")  # Enter saves
    box = wait_for(lambda: titled(app, "The settings file changed"), "the question")[0]
    assert settings_file.read_text(encoding="utf-8") == outside
    xdotool(app.env, "windowfocus", "--sync", box)  # no window manager here to hand it over
    xdotool(app.env, "key", "Escape")  # "Go back": nothing is written
    wait_for(lambda: not titled(app, "The settings file changed"), "the question to close")
    assert settings_file.read_text(encoding="utf-8") == outside
    assert titled(app, "Presence settings")
