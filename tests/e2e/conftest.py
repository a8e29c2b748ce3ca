"""Fixtures that run the real app on a real X server with a real tray.

Every helper program (Xvfb, trayer, dbus-daemon, the fake watcher, the app)
is started in its own session and stopped by PID at teardown. Waiting is
always for a condition, with a deadline; nothing sleeps a fixed time.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).parent
DEADLINE_S = 15.0


def need(*binaries: str) -> None:
    for binary in binaries:
        if shutil.which(binary) is None:
            pytest.skip(f"{binary} is not installed (scripts/test installs it as root)")


def wait_for(condition: Callable[[], Any], what: str, timeout: float = DEADLINE_S) -> Any:
    """Poll ``condition`` until it returns something truthy; fail after ``timeout``."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.02)  # polling interval of a condition wait, not a fixed delay


def start(args: list[str], env: dict[str, str], **kwargs: Any) -> subprocess.Popen[str]:
    return subprocess.Popen(args, env=env, start_new_session=True, text=True, **kwargs)


def stop(process: subprocess.Popen[str]) -> None:
    """Stop a helper (and anything it started) and close our ends of its pipes."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    for stream in (process.stdin, process.stdout, process.stderr):
        if stream is not None:
            stream.close()


@pytest.fixture
def base_env(private_dirs: Path) -> dict[str, str]:
    """The environment of the test, minus any session bus: Qt then uses XEmbed."""
    env = dict(os.environ)
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    env.pop("WAYLAND_DISPLAY", None)
    env["QT_QPA_PLATFORM"] = "xcb"
    env["XDG_SESSION_TYPE"] = "x11"
    env["SDL_AUDIODRIVER"] = "dummy"
    env["PYTHONUNBUFFERED"] = "1"
    return env


@pytest.fixture
def display(base_env: dict[str, str]) -> Iterator[str]:
    """A fresh Xvfb; yields its display name (":N")."""
    need("Xvfb")
    from tests.e2e import x11

    process, name = x11.start_xvfb()
    assert name, "Xvfb did not report a display"

    def ready() -> bool:
        if process.poll() is not None:
            raise AssertionError(f"Xvfb {name} exited ({process.returncode})")
        return x11.accepts_connections(name)

    wait_for(ready, f"Xvfb {name} to accept connections")
    base_env["DISPLAY"] = name
    yield name
    stop(process)


@pytest.fixture
def tray_host(display: str, base_env: dict[str, str], tmp_path: Path) -> Iterator[None]:
    """trayer, an XEmbed system tray, docked at the top right."""
    need("trayer")
    log_path = tmp_path / "trayer.log"
    with log_path.open("w") as log:
        process = start(
            ["trayer", "--edge", "top", "--align", "right", "--widthtype", "request",
             "--height", "32", "--transparent", "false", "--SetDockType", "true"],
            base_env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
    from tests.e2e import x11

    def owned() -> int:
        if process.poll() is not None:
            raise AssertionError(f"trayer exited ({process.returncode}):\n{log_path.read_text()}")
        return x11.tray_owner(display)

    wait_for(owned, "trayer to own the system tray selection")
    yield
    stop(process)


@pytest.fixture
def session_bus(base_env: dict[str, str], tmp_path: Path) -> Iterator[str]:
    """A private D-Bus session bus; yields its address."""
    need("dbus-daemon")
    process = start(
        [
            "dbus-daemon",
            "--session",
            "--nofork",
            "--print-address=1",
            f"--address=unix:path={tmp_path / 'bus'}",
        ],
        base_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    assert process.stdout is not None
    address = process.stdout.readline().strip()
    assert address, "dbus-daemon did not print its address"
    base_env["DBUS_SESSION_BUS_ADDRESS"] = address
    yield address
    stop(process)


@dataclass
class App:
    """The app as a subprocess, and its command line."""

    env: dict[str, str]
    log_path: Path
    process: subprocess.Popen[str] | None = None
    extra: list[str] = field(default_factory=list)
    command: list[str] = field(default_factory=lambda: [sys.executable, "-m", "presence_app"])

    def start(self) -> None:
        with self.log_path.open("a") as log:
            self.process = start(
                [*self.command, *self.extra],
                self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        wait_for(self.is_up, "the app to answer on its command socket")

    def is_up(self) -> bool:
        assert self.process is not None
        if self.process.poll() is not None:
            raise AssertionError(f"the app exited early:\n{self.log()}")
        return self.cli("status", "--json").returncode == 0

    def cli(self, *args: str, timeout: float = DEADLINE_S) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*self.command, *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    def status(self) -> dict[str, Any]:
        result = self.cli("status", "--json")
        assert result.returncode == 0, result.stderr
        reply: dict[str, Any] = json.loads(result.stdout)
        return reply

    def wait_state(self, state: str, timeout: float = DEADLINE_S) -> dict[str, Any]:
        return wait_for(  # type: ignore[no-any-return]
            lambda: (s := self.status())["state"] == state and s,
            f"the app to be {state!r} (log:\n{self.log()})",
            timeout,
        )

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def quit(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.cli("quit")
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            stop(self.process)


@pytest.fixture
def app(base_env: dict[str, str], tmp_path: Path) -> Iterator[App]:
    the_app = App(env=base_env, log_path=tmp_path / "app.log")
    yield the_app
    the_app.quit()
    if the_app.process is not None:
        stop(the_app.process)


def xdotool(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        ["xdotool", *args], env=env, capture_output=True, text=True, timeout=DEADLINE_S
    )
    assert result.returncode == 0, f"xdotool {' '.join(args)}: {result.stderr}"
    return result.stdout


def visible_windows(app: App, name: str = "") -> list[str]:
    """Visible X windows of the app (all of them, or those whose title matches)."""
    assert app.process is not None
    args = ["xdotool", "search", "--onlyvisible", "--pid", str(app.process.pid)]
    if name:
        args += ["--name", name]
    result = subprocess.run(args, env=app.env, capture_output=True, text=True, check=False)
    return result.stdout.split()


PAUSE_TITLE = "Presence: a pause"
REFLECTION_TITLE = "Presence: a moment to reflect"
