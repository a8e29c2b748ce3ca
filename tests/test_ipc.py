"""The single-instance lock and the command socket, with real Qt and real sockets.

The server runs in this process on Qt's offscreen platform; clients run in a
worker thread (they block) while qtbot keeps the event loop turning.
"""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
from pytestqt.qtbot import QtBot

from presence_app.core.paths import Paths
from presence_app.ipc import CommandServer, InstanceLock, IpcSetupError
from presence_app.ipcclient import IpcError, NoRunningApp, send_command

T = TypeVar("T")


def in_thread(qtbot: QtBot, call: Callable[[], T]) -> T:
    """Run a blocking client call in a thread while the Qt loop serves it."""
    box: dict[str, Any] = {}

    def run() -> None:
        try:
            box["value"] = call()
        except BaseException as error:  # handed back to the test below
            box["error"] = error

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    qtbot.waitUntil(lambda: not worker.is_alive(), timeout=5000)
    if "error" in box:
        raise box["error"]
    return box["value"]  # type: ignore[no-any-return]


class Recorder:
    """A fake app handler: remembers requests and answers from a script."""

    def __init__(self, reply: dict[str, Any] | None = None) -> None:
        self.requests: list[dict[str, Any]] = []
        self.reply = reply or {}

    def __call__(self, request: dict[str, Any]) -> dict[str, Any]:
        self.requests.append(request)
        if request["command"] == "quit":
            raise RuntimeError("boom")
        return dict(self.reply)


@pytest.fixture
def paths() -> Paths:
    return Paths.from_platform()


@pytest.fixture
def lock(paths: Paths) -> Iterator[InstanceLock]:
    held = InstanceLock(paths)
    assert held.try_acquire()
    yield held
    held.release()


@pytest.fixture
def recorder() -> Recorder:
    return Recorder({"state": "idle"})


@pytest.fixture
def server(paths: Paths, lock: InstanceLock, recorder: Recorder) -> Iterator[CommandServer]:
    serving = CommandServer(paths, recorder)
    serving.listen(lock)
    yield serving
    serving.close()


def leave_stale_socket(path: Path) -> None:
    """What a crashed app leaves: a socket file nobody listens on."""
    path.parent.mkdir(parents=True, exist_ok=True)
    dead = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    dead.bind(str(path))
    dead.close()


def test_a_request_reaches_the_handler_and_its_reply_comes_back(
    qtbot: QtBot, paths: Paths, server: CommandServer, recorder: Recorder
) -> None:
    reply = in_thread(qtbot, lambda: send_command(paths, {"command": "status"}))
    assert reply == {"ok": True, "state": "idle", "version": "0.1.0"}
    assert recorder.requests == [{"command": "status"}]


def test_socket_and_its_folder_are_private(paths: Paths, server: CommandServer) -> None:
    info = paths.socket_path.stat()
    assert stat.S_ISSOCK(info.st_mode)
    assert stat.S_IMODE(info.st_mode) == 0o600  # srw-------
    assert stat.S_IMODE(paths.runtime_dir.stat().st_mode) == 0o700


def test_a_too_open_runtime_folder_is_made_private(paths: Paths) -> None:
    paths.runtime_dir.mkdir(parents=True, mode=0o755)
    os.chmod(paths.runtime_dir, 0o755)
    lock = InstanceLock(paths)
    assert lock.try_acquire()
    lock.release()
    assert stat.S_IMODE(paths.runtime_dir.stat().st_mode) == 0o700


@pytest.mark.parametrize(
    ("line", "error"),
    [
        (b"not json", "The request was not JSON."),
        (b"[1]", "A request must be a JSON object."),
        (
            b'{"command": "dance"}',
            "Unknown command 'dance'; known commands: ping, pause, skip, quiet, status, show, "
            "quit.",
        ),
        (
            b'{"command": "pause", "length_seconds": 0}',
            "A pause can last from 1 second to 3 hours.",
        ),
        (
            b'{"command": "pause", "length_seconds": "2m"}',
            "length_seconds must be a number of seconds.",
        ),
        (b'{"command": "show", "window": "tray"}', "show needs a window: settings or journal."),
        (b'{"command": "quiet"}', 'quiet needs a "spec" text.'),
        (
            b'{"command": "quiet", "spec": "until 25:00"}',
            '"25:00" is not a time of day; write it as HH:MM, such as 17:00.',
        ),
    ],
)
def test_malformed_requests_are_answered_without_reaching_the_handler(
    qtbot: QtBot, paths: Paths, server: CommandServer, recorder: Recorder, line: bytes, error: str
) -> None:
    reply = in_thread(qtbot, lambda: raw_exchange(paths, line + b"\n", replies=1))
    assert reply == [{"ok": False, "error": error}]
    assert recorder.requests == []


def raw_exchange(paths: Paths, data: bytes, replies: int) -> list[dict[str, Any]]:
    import json

    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
        client.settimeout(3)
        client.connect(str(paths.socket_path))
        client.sendall(data)
        received = b""
        while received.count(b"\n") < replies:
            chunk = client.recv(4096)
            assert chunk, "the server closed the connection early"
            received += chunk
    return [json.loads(line) for line in received.splitlines()]


def test_several_requests_on_one_connection_get_one_reply_each(
    qtbot: QtBot, paths: Paths, server: CommandServer, recorder: Recorder
) -> None:
    data = b'{"command": "ping"}\n{"command": "skip"}\n'
    replies = in_thread(qtbot, lambda: raw_exchange(paths, data, replies=2))
    assert replies == [{"ok": True, "state": "idle"}] * 2
    assert [r["command"] for r in recorder.requests] == ["ping", "skip"]


def test_a_failing_handler_gives_a_calm_error_and_a_signal(
    qtbot: QtBot, paths: Paths, server: CommandServer
) -> None:
    with qtbot.waitSignal(server.request_failed) as failed:
        reply = in_thread(qtbot, lambda: send_command(paths, {"command": "quit"}))
    assert reply == {
        "ok": False,
        "error": "Presence ran into a problem with that command. Details are in its log file.",
    }
    assert failed.args == ["quit"]


def test_a_handler_refusal_keeps_its_error(qtbot: QtBot, paths: Paths, lock: InstanceLock) -> None:
    server = CommandServer(paths, lambda request: {"ok": False, "error": "Not now."})
    server.listen(lock)
    try:
        reply = in_thread(qtbot, lambda: send_command(paths, {"command": "skip"}))
    finally:
        server.close()
    assert reply == {"ok": False, "error": "Not now."}


def test_no_socket_means_no_running_app(paths: Paths) -> None:
    with pytest.raises(NoRunningApp):
        send_command(paths, {"command": "ping"})


def test_a_stale_socket_means_no_running_app(paths: Paths) -> None:
    leave_stale_socket(paths.socket_path)
    with pytest.raises(NoRunningApp):
        send_command(paths, {"command": "ping"})


def test_the_next_start_recovers_a_stale_socket(
    qtbot: QtBot, paths: Paths, lock: InstanceLock, recorder: Recorder
) -> None:
    leave_stale_socket(paths.socket_path)
    server = CommandServer(paths, recorder)
    server.listen(lock)
    try:
        assert in_thread(qtbot, lambda: send_command(paths, {"command": "ping"}))["ok"]
    finally:
        server.close()
    assert not paths.socket_path.exists()  # closing removes the file


def test_only_the_lock_holder_may_take_over_the_socket(
    qtbot: QtBot, paths: Paths, server: CommandServer
) -> None:
    intruder = CommandServer(paths, Recorder())
    with pytest.raises(RuntimeError, match="holding the lock"):
        intruder.listen(InstanceLock(paths))
    assert in_thread(qtbot, lambda: send_command(paths, {"command": "ping"}))["ok"]


def test_a_silent_app_gives_a_timeout_message(paths: Paths) -> None:
    paths.socket_path.parent.mkdir(parents=True, exist_ok=True)
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as mute:
        mute.bind(str(paths.socket_path))
        mute.listen(1)
        with pytest.raises(IpcError) as caught:
            send_command(paths, {"command": "ping"}, timeout=0.2)
    assert str(caught.value) == (
        "Presence did not answer within 0.2 seconds. "
        "It may be busy for a moment; please try again."
    )


def test_two_locks_in_one_process_exactly_one_wins(paths: Paths) -> None:
    first, second = InstanceLock(paths), InstanceLock(paths)
    try:
        assert [first.try_acquire(), second.try_acquire()] == [True, False]
        first.release()
        assert second.try_acquire()
    finally:
        first.release()
        second.release()


HOLDER = """
import sys
from PySide6.QtCore import QCoreApplication
from presence_app.core.paths import Paths
from presence_app.ipc import InstanceLock
app = QCoreApplication([])
app.setApplicationName("Presence")
lock = InstanceLock(Paths.from_platform())
print("held" if lock.try_acquire() else "refused", flush=True)
sys.stdin.read()
"""


@pytest.fixture
def holder() -> Iterator[subprocess.Popen[str]]:
    """Another process that takes the lock and keeps it until killed."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "held"
    yield process
    process.kill()
    process.wait(timeout=10)
    process.stdin.close()  # type: ignore[union-attr]  # opened as a pipe above
    process.stdout.close()


def test_a_lock_held_by_a_live_process_is_respected(
    paths: Paths, holder: subprocess.Popen[str]
) -> None:
    assert not InstanceLock(paths).try_acquire()


def test_a_lock_left_by_a_killed_process_is_recovered(
    paths: Paths, holder: subprocess.Popen[str]
) -> None:
    holder.kill()  # SIGKILL: no chance to unlock, the lock file stays
    holder.wait(timeout=10)
    assert (paths.runtime_dir / "presence.lock").exists()
    lock = InstanceLock(paths)
    assert lock.try_acquire()
    lock.release()


def test_a_quit_handler_may_close_the_server_and_still_answer(
    qtbot: QtBot, paths: Paths, lock: InstanceLock
) -> None:
    from PySide6.QtCore import QTimer

    def handler(request: dict[str, Any]) -> dict[str, Any]:
        QTimer.singleShot(0, server.close)  # what the app does on quit
        return {"ok": True}

    server = CommandServer(paths, handler)
    server.listen(lock)
    assert in_thread(qtbot, lambda: send_command(paths, {"command": "quit"})) == {"ok": True}
    qtbot.waitUntil(lambda: not paths.socket_path.exists(), timeout=2000)
    with pytest.raises(NoRunningApp):
        send_command(paths, {"command": "ping"})


def test_a_socket_that_cannot_be_opened_is_explained(paths: Paths, lock: InstanceLock) -> None:
    paths.socket_path.mkdir()  # something that is not a socket sits in its place
    (paths.socket_path / "keep").write_text("")
    server = CommandServer(paths, Recorder())
    with pytest.raises(IpcSetupError) as caught:
        server.listen(lock)
    message = str(caught.value)
    assert message.startswith(f"The command socket {paths.socket_path} could not be opened (")
    assert message.endswith(
        "). Commands such as `presence-app pause` will not reach this app; "
        "everything else works as usual."
    )


def test_two_starts_at_the_same_moment_exactly_one_wins() -> None:
    racers = [
        subprocess.Popen(
            [sys.executable, "-c", HOLDER],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        for _ in range(2)
    ]
    try:
        answers = sorted(r.stdout.readline().strip() for r in racers)  # type: ignore[union-attr]
    finally:
        for racer in racers:
            racer.kill()
            racer.wait(timeout=10)
            racer.stdin.close()  # type: ignore[union-attr]  # opened as pipes above
            racer.stdout.close()  # type: ignore[union-attr]
    assert answers == ["held", "refused"]
