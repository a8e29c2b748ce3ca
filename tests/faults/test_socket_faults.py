"""Item 2: the command socket outlives a flood, running out of handles and bad bytes.

The issue saw about a thousand idle connections under ``ulimit -n 1024``
make Qt close the server for good, socket file and all, without a word in
the log. Here the real app runs with a low open-files limit while the test
holds connections open; and Hypothesis throws random requests and random
bytes at a real app's socket.
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from presence_app.ipcclient import MAX_LINE, connect_waiting
from tests.faults.conftest import App, cli, log_of, settings_text, wait_for, write_settings

pytestmark = pytest.mark.faults


def open_files(pid: int) -> int:
    return len(os.listdir(f"/proc/{pid}/fd"))


def connect_many(path: Path, count: int) -> list[socket.socket]:
    """Open ``count`` connections that never say anything.

    Each connect waits while the listen backlog is full, as the CLI's does,
    so every one of them really reaches the app however slowly it accepts;
    once one has waited five seconds in vain, the rest no longer wait.
    """
    idle = []
    patience = 5.0
    for _ in range(count):
        connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            connect_waiting(connection, str(path), patience)
        except BlockingIOError:
            patience = 0.0
        connection.setblocking(False)
        idle.append(connection)
    return idle


@pytest.fixture
def closing() -> Iterator[list[socket.socket]]:
    held: list[socket.socket] = []
    yield held
    for connection in held:
        connection.close()


def start_limited(app: App, limit: int) -> None:
    """Start the app with at most ``limit`` open files (as ``ulimit -n`` would)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (limit, hard))
    try:
        app.start()  # the child inherits the limit
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


def socket_path(app: App) -> Path:
    return Path(app.env["XDG_RUNTIME_DIR"]) / "presence-app" / "command.sock"


def test_a_thousand_idle_connections_under_ulimit_1024(
    quiet_app: App, closing: list[socket.socket]
) -> None:
    """The issue's own case: the oldest idle connections give way, the app answers."""
    write_settings(quiet_app.env, settings_text())
    start_limited(quiet_app, 1024)
    assert quiet_app.process is not None
    closing += connect_many(socket_path(quiet_app), 1000)
    started = time.monotonic()
    result = cli(quiet_app.env, "status", "--json")
    assert result.returncode == 0, result.stderr
    assert time.monotonic() - started < 5
    assert socket_path(quiet_app).exists()
    assert open_files(quiet_app.process.pid) < 1024 - 800  # a bounded number stayed open
    wait_for(lambda: "command connections open" in log_of(quiet_app.env), "the cap to be logged")


@contextlib.contextmanager
def busy_for(process: subprocess.Popen[Any], seconds: float) -> Iterator[None]:
    """Hold the app still (as a long stall would) and let it go after ``seconds``."""
    os.kill(process.pid, signal.SIGSTOP)
    resume = threading.Timer(seconds, os.kill, (process.pid, signal.SIGCONT))
    resume.start()
    try:
        yield
    finally:
        resume.join()


def test_a_flood_while_the_app_is_busy_still_reaches_it(
    quiet_app: App, closing: list[socket.socket]
) -> None:
    """Connections that find the backlog full wait for room instead of failing."""
    write_settings(quiet_app.env, settings_text())
    start_limited(quiet_app, 1024)
    assert quiet_app.process is not None
    with busy_for(quiet_app.process, 1.5):
        closing += connect_many(socket_path(quiet_app), 400)
    assert cli(quiet_app.env, "status", "--json").returncode == 0
    wait_for(lambda: "command connections open" in log_of(quiet_app.env), "the cap to be logged")


def test_the_cli_waits_for_room_in_a_full_backlog(
    quiet_app: App, closing: list[socket.socket]
) -> None:
    """A command sent while the backlog is full is answered once the app makes room."""
    write_settings(quiet_app.env, settings_text())
    quiet_app.start()
    assert quiet_app.process is not None
    with busy_for(quiet_app.process, 1.0):
        while True:  # fill the backlog while nobody accepts
            connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            closing.append(connection)
            try:
                connect_waiting(connection, str(socket_path(quiet_app)), 0.0)
            except BlockingIOError:
                break
        result = cli(quiet_app.env, "status", "--json")
    assert result.returncode == 0, result.stderr


def test_running_out_of_file_handles_keeps_the_socket(
    quiet_app: App, closing: list[socket.socket]
) -> None:
    write_settings(quiet_app.env, settings_text())
    quiet_app.start()
    assert quiet_app.process is not None
    in_use = open_files(quiet_app.process.pid)
    quiet_app.quit()
    kill_wait(quiet_app)
    start_limited(quiet_app, in_use + 12)  # room for a few connections only
    closing += connect_many(socket_path(quiet_app), 60)

    def answers() -> bool:
        return cli(quiet_app.env, "status", "--json").returncode == 0

    wait_for(answers, "the app to answer again after running out of handles", timeout=30)
    assert socket_path(quiet_app).exists()
    log = log_of(quiet_app.env)
    assert "command connections could not be accepted (Too many open files" in log


def kill_wait(app: App) -> None:
    assert app.process is not None
    app.process.wait(timeout=15)


def test_a_silent_connection_is_closed_after_a_while(quiet_app: App) -> None:
    from presence_app.ipcserver import IDLE_TIMEOUT

    write_settings(quiet_app.env, settings_text())
    quiet_app.start()
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as silent:
        silent.connect(str(socket_path(quiet_app)))
        silent.settimeout(IDLE_TIMEOUT + 20)
        started = time.monotonic()
        assert silent.recv(1) == b""  # the app hung up
        assert IDLE_TIMEOUT - 1 <= time.monotonic() - started <= IDLE_TIMEOUT + 15


# --- fuzzing the protocol ---------------------------------------------------

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)
COMMANDS = st.sampled_from(["ping", "status", "skip", "quiet", "pause", "show", "nonsense", ""])
REQUESTS = st.one_of(
    JSON,
    st.fixed_dictionaries(
        {"command": COMMANDS},
        optional={
            "spec": st.text(max_size=30) | JSON,
            "length_seconds": st.integers() | st.floats() | st.text(max_size=5),
            "window": st.sampled_from(["settings", "journal", "elsewhere"]) | JSON,
        },
    ),
)


def exchange(path: Path, payload: bytes) -> list[dict[str, Any]]:
    """Send raw bytes, then read every reply line until the app stops sending."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
        connection.settimeout(10)
        connection.connect(str(path))
        connection.sendall(payload)
        connection.shutdown(socket.SHUT_WR)
        received = b""
        while chunk := connection.recv(65536):
            received += chunk
    return [json.loads(line) for line in received.splitlines() if line.strip()]


def is_reply(reply: dict[str, Any]) -> bool:
    return isinstance(reply.get("ok"), bool) and (reply["ok"] or isinstance(reply["error"], str))


@pytest.fixture(scope="module")
def fuzz_target(tmp_path_factory: pytest.TempPathFactory) -> Iterator[App]:
    """One real app for all the examples (no ``quit`` is ever sent)."""
    home = tmp_path_factory.mktemp("fuzz")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", SDL_AUDIODRIVER="dummy")
    for name in ("CONFIG", "DATA", "STATE", "CACHE", "RUNTIME"):
        (home / name).mkdir(mode=0o700)
        env[f"XDG_{name}_HOME" if name != "RUNTIME" else "XDG_RUNTIME_DIR"] = str(home / name)
    env.pop("DISPLAY", None)
    write_settings(env, settings_text())
    app = App(env=env, log_path=home / "app.log")
    app.start()
    yield app
    app.quit()
    if app.process is not None and app.process.poll() is None:
        app.process.kill()
        app.process.wait()


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(request=REQUESTS.filter(lambda r: not (isinstance(r, dict) and r.get("command") == "quit")))
@example(request={"command": "quiet", "spec": "99999999d"})
@example(request={"command": "quiet", "spec": "until 99:99"})
@example(request={"command": "pause", "length_seconds": 1e308})
@example(request={"command": "show", "window": ["settings"]})
def test_random_json_requests_get_a_reply_and_never_hurt_the_app(
    fuzz_target: App, request: Any
) -> None:
    line = json.dumps(request).encode() + b"\n"
    (reply,) = exchange(socket_path(fuzz_target), line)
    assert is_reply(reply), reply
    assert fuzz_target.process is not None and fuzz_target.process.poll() is None


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(piece=st.binary(max_size=2048), overlong=st.booleans())
@example(piece=b"[" * 60_000 + b"\n", overlong=False)
@example(piece=b'{"command": "status"}\n' * 500, overlong=False)
@example(piece=b"\xff\xfe\n\n\x00\n", overlong=False)
def test_random_bytes_never_crash_the_server(
    fuzz_target: App, piece: bytes, overlong: bool
) -> None:
    payload = piece.replace(b'"quit"', b'"quiet"')
    if overlong:  # more than one line may hold, with or without newlines in it
        payload = (payload or b"x") * (MAX_LINE // max(len(payload), 1) + 1)
    for reply in exchange(socket_path(fuzz_target), payload):
        assert is_reply(reply), reply
    assert fuzz_target.process is not None and fuzz_target.process.poll() is None
    ping = exchange(socket_path(fuzz_target), b'{"command": "ping"}\n')
    assert ping == [{"ok": True}]
