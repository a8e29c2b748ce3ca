"""The fault suite's tools: small disks, read-only disks, another user, the real app.

Issue 10 probed the running app as a careful tester would. These tests do
the same against the real app (a subprocess, as a user starts it) or the
real component, with real faults: a tiny ``tmpfs`` that fills up, a
read-only bind mount, a second Unix user, libfaketime for the wall clock.
Mounting and creating users needs root; without it those tests are skipped
and say why (pytest prints the reason with ``-ra``).

Everything started here is stopped by its PID, and every mount is undone,
even when a test fails.
"""

from __future__ import annotations

import contextlib
import errno
import os
import pwd
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import (  # noqa: F401  # fixtures shared with the e2e tests
    App,
    app,
    base_env,
    display,
    stop,
    tray_host,
    wait_for,
)

OTHER_USER = "presence-fault-other"


def need_root(what: str) -> None:
    if os.geteuid() != 0:
        pytest.skip(f"{what} needs root (run the suite as root, as CI does)")


def mount_tmpfs(where: Path, size: str) -> None:
    """Mount a tmpfs of ``size`` (such as "256k") at ``where``, private to root."""
    need_root("a tiny tmpfs for a full disk")
    where.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "presence-fault", str(where)],
        check=True,
        capture_output=True,
    )


def bind_read_only(source: Path, where: Path) -> None:
    need_root("a read-only bind mount")
    where.mkdir(parents=True, exist_ok=True)
    subprocess.run(["mount", "--bind", str(source), str(where)], check=True)
    subprocess.run(["mount", "-o", "remount,bind,ro", str(where)], check=True)


def unmount(where: Path) -> None:
    subprocess.run(["umount", "-l", str(where)], check=False, capture_output=True)


@pytest.fixture
def mounts() -> Iterator[list[Path]]:
    """Mount points to undo at the end of the test (the test appends to it)."""
    points: list[Path] = []
    yield points
    for point in reversed(points):
        unmount(point)


def fill(folder: Path) -> Path:
    """Fill the disk under ``folder`` to the last byte; return the filler file."""
    filler = folder / "filler"
    chunk = b"\0" * 4096
    with filler.open("wb", buffering=0) as stream:
        try:
            while True:
                stream.write(chunk)
        except OSError as error:
            assert error.errno == errno.ENOSPC, error
        with contextlib.suppress(OSError):
            while True:
                stream.write(b"\0")
    return filler


@pytest.fixture
def other_user() -> Iterator[pwd.struct_passwd]:
    """A second Unix user on this machine, created for the test."""
    need_root("creating a second Unix user")
    if shutil.which("useradd") is None:
        pytest.skip("useradd is not installed")
    created = False
    try:
        account = pwd.getpwnam(OTHER_USER)
    except KeyError:
        subprocess.run(
            [
                "useradd",
                "--system",
                "--no-create-home",
                "--shell",
                "/usr/sbin/nologin",
                OTHER_USER,
            ],
            check=True,
            capture_output=True,
        )
        created = True
        account = pwd.getpwnam(OTHER_USER)
    yield account
    if created:
        subprocess.run(["userdel", OTHER_USER], check=False, capture_output=True)


def offscreen_env(base: dict[str, str]) -> dict[str, str]:
    """The real app without a display: Qt's offscreen platform (a status window, no tray)."""
    env = dict(base)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.pop("DISPLAY", None)
    return env


def cli(env: dict[str, str], *args: str, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    """Run ``presence-app ARGS`` as a user would, in its own process."""
    return subprocess.run(
        [sys.executable, "-m", "presence_app", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def xdg(env: dict[str, str], kind: str) -> Path:
    """The app's own folder under ``XDG_<kind>_HOME`` (kind: CONFIG, DATA, STATE)."""
    return Path(env[f"XDG_{kind}_HOME"]) / "presence-app"


def write_settings(env: dict[str, str], text: str) -> None:
    folder = xdg(env, "CONFIG")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "settings.toml").write_text(text, encoding="utf-8")


QUIET_NEVER = """\
schema_version = 1
shortcut = ""

[[schedules]]
name = "Work"
every = "{every}"

[sound]
enabled = false

[pause]
length = "{pause}"

[considerate]
quiet_when_away = false
quiet_when_fullscreen = false
quiet_when_dnd = false
grace_after_wake = "0s"
"""


def settings_text(every: str = "45m", pause: str = "1m") -> str:
    """Settings whose bells always ring (Xvfb has no input, so "away" would hush them)."""
    return QUIET_NEVER.format(every=every, pause=pause)


def log_of(env: dict[str, str]) -> str:
    path = Path(env["XDG_STATE_HOME"]) / "presence-app" / "log" / "presence.log"
    return path.read_text(errors="replace") if path.exists() else ""


def kill(process: subprocess.Popen[Any] | None) -> None:
    if process is not None:
        stop(process)


SHOT = """
import sys
from PySide6.QtGui import QGuiApplication
app = QGuiApplication(sys.argv[:1])
app.primaryScreen().grabWindow(0).save(sys.argv[1])
"""


def screenshot(env: dict[str, str], target: Path) -> Path:
    """Save the whole X screen of ``env``'s display as a PNG (to look at by eye)."""
    shot_env = dict(env, QT_QPA_PLATFORM="xcb")
    subprocess.run([sys.executable, "-c", SHOT, str(target)], env=shot_env, check=True, timeout=30)
    return target


def write_schedule_state(env: dict[str, str], **instants: Any) -> None:
    """Write the schedule's memory (``schedule.json``) before the app starts."""
    from presence_app.core.schedstate import ScheduleState, StateStore

    StateStore(xdg(env, "STATE") / "schedule.json").save(ScheduleState(seed=1, **instants))


def write_draft(env: dict[str, str], text: str) -> None:
    """Leave a reflection draft, as a crash mid-sentence would."""
    from presence_app.core.drafts import Draft, DraftStore

    DraftStore(xdg(env, "STATE") / "draft.json").save(Draft("What did you notice?", text))


@pytest.fixture
def quiet_app(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[App]:
    """The real app on Qt's offscreen platform (no display needed): start it with ``start()``."""
    env = offscreen_env(request.getfixturevalue("base_env"))
    the_app = App(env=env, log_path=tmp_path / "app.log")
    yield the_app
    the_app.quit()
    kill(the_app.process)
