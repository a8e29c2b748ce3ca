"""Item 4: another local user cannot stand in for the app.

Without ``XDG_RUNTIME_DIR`` the socket lives in ``$TMPDIR/presence-app-<uid>``,
a name anyone may take first. A second Unix user, created for the test,
takes it and listens there; the issue saw the app fail with a traceback and
the CLI report success for ``quiet 2h`` to that fake server. ``TMPDIR`` is a
sticky, world-writable folder of the test's own, like ``/tmp``.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.faults.conftest import App, cli, settings_text, wait_for, write_settings

pytestmark = pytest.mark.faults

FAKE_SERVER = """
import os, socket, sys
listener = socket.socket(fileno=int(sys.argv[1]))
listener.listen(8)
print("listening", flush=True)
heard = os.fdopen(int(sys.argv[2]), "ab", buffering=0)
while True:
    connection, _ = listener.accept()
    data = connection.recv(4096)
    heard.write(data)
    connection.sendall(b'{"ok": true, "quiet_until": null}\\n')
    connection.close()
"""


@pytest.fixture
def shared_tmp(tmp_path: Path) -> Path:
    """A folder like /tmp: everyone may write, nobody may remove another's files."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    os.chmod(folder, 0o1777)
    os.chmod(tmp_path, 0o755)
    return folder


def no_runtime_dir(env: dict[str, str], tmp: Path) -> dict[str, str]:
    env = dict(env, TMPDIR=str(tmp), QT_QPA_PLATFORM="offscreen")
    env.pop("XDG_RUNTIME_DIR", None)
    env.pop("DISPLAY", None)
    return env


def squat(folder: Path, account: pwd.struct_passwd, *, mode: int = 0o777) -> None:
    """What the other user does first: take the app's folder name."""
    folder.mkdir()
    os.chown(folder, account.pw_uid, account.pw_gid)
    os.chmod(folder, mode)


def fake_server(path: Path, account: pwd.struct_passwd, heard: Path) -> subprocess.Popen[str]:
    """A server bound at ``path`` that listens as the other user (so the kernel says so)."""
    python = Path("/usr/bin/python3")  # the venv's may sit in a folder the other user cannot enter
    if not python.exists():
        pytest.skip("the fake server needs /usr/bin/python3")
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(str(path))
    os.chown(path, account.pw_uid, account.pw_gid)
    record = os.open(heard, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    process = subprocess.Popen(
        [str(python), "-c", FAKE_SERVER, str(listener.fileno()), str(record)],
        pass_fds=(listener.fileno(), record),
        user=account.pw_uid,
        group=account.pw_gid,
        cwd="/",
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    listener.close()
    os.close(record)
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "listening"
    return process


def test_a_folder_taken_by_another_user_is_refused_by_app_and_cli(
    base_env: dict[str, str],
    other_user: pwd.struct_passwd,
    shared_tmp: Path,
    tmp_path: Path,
) -> None:
    env = no_runtime_dir(base_env, shared_tmp)
    folder = shared_tmp / f"presence-app-{os.getuid()}"
    squat(folder, other_user)
    heard = tmp_path / "heard"
    server = fake_server(folder / "command.sock", other_user, heard)
    try:
        result = cli(env, "quiet", "2h")
        assert result.returncode == 1
        assert result.stderr == (
            f"The folder {folder} belongs to another user, so Presence will not use it "
            "for its command socket. Remove it (it may need the administrator), or set "
            "XDG_RUNTIME_DIR to a folder only you can use, then start Presence again.\n"
        )
        assert cli(env, "pause").returncode == 1
        assert heard.read_bytes() == b""  # not a byte reached the impostor

        write_settings(env, settings_text())
        start = cli(env, timeout=60)  # the app itself
        assert start.returncode == 1
        assert "Traceback" not in start.stderr
        assert f"The folder {folder} belongs to another user" in start.stderr
    finally:
        server.kill()
        server.wait()
        assert server.stdout is not None
        server.stdout.close()


def test_a_socket_whose_listener_is_another_user_gets_nothing(
    base_env: dict[str, str],
    other_user: pwd.struct_passwd,
    shared_tmp: Path,
    tmp_path: Path,
) -> None:
    """Even in our own private folder, the kernel is asked who listens (SO_PEERCRED)."""
    if not hasattr(socket, "SO_PEERCRED"):
        pytest.skip("SO_PEERCRED is Linux only")
    env = no_runtime_dir(base_env, shared_tmp)
    folder = shared_tmp / f"presence-app-{os.getuid()}"
    folder.mkdir(mode=0o700)
    heard = tmp_path / "heard"
    server = fake_server(folder / "command.sock", other_user, heard)
    os.chown(folder / "command.sock", os.getuid(), os.getgid())  # even the file looks ours
    try:
        result = cli(env, "quiet", "2h")
        assert result.returncode == 1
        assert result.stderr == (
            f"The program listening on {folder / 'command.sock'} runs as another user, "
            "so it is not your Presence, and nothing was sent to it.\n"
        )
        assert heard.read_bytes() == b""
    finally:
        server.kill()
        server.wait()
        assert server.stdout is not None
        server.stdout.close()


def test_without_runtime_dir_the_fallback_is_made_private_and_works(
    base_env: dict[str, str], shared_tmp: Path, tmp_path: Path
) -> None:
    env = no_runtime_dir(base_env, shared_tmp)
    write_settings(env, settings_text())
    app = App(env=env, log_path=tmp_path / "app.log")
    app.start()
    try:
        folder = shared_tmp / f"presence-app-{os.getuid()}"
        info = folder.lstat()
        assert (info.st_uid, oct(info.st_mode & 0o777)) == (os.getuid(), "0o700")
        wait_for(lambda: app.status()["state"] == "idle", "the app to answer")
    finally:
        app.quit()
        if app.process is not None and app.process.poll() is None:
            app.process.kill()
            app.process.wait()


CLIENT = """
import socket, sys
with socket.socket(socket.AF_UNIX) as connection:
    connection.settimeout(10)
    connection.connect(sys.argv[1])
    try:  # the server may hang up before the request is even written
        connection.sendall(b'{"command": "quit"}\\n')
        print(repr(connection.recv(4096)), flush=True)
    except (ConnectionResetError, BrokenPipeError):
        print("reset", flush=True)
"""


def test_the_server_refuses_a_connection_from_another_user(
    qtbot: QtBot, other_user: pwd.struct_passwd
) -> None:
    """Even if the socket were reachable, another user's request is not answered."""
    if not hasattr(socket, "SO_PEERCRED"):
        pytest.skip("SO_PEERCRED is Linux only")
    from presence_app.ipcserver import SocketServer

    heard: list[bytes] = []

    def answer(line: bytes) -> dict[str, bool]:
        heard.append(line)
        return {"ok": True}

    server = SocketServer(answer)
    folder = Path(tempfile.mkdtemp(prefix="presence-fault-", dir="/tmp"))
    try:
        os.chmod(folder, 0o755)
        path = folder / "command.sock"
        server.listen(path)
        os.chmod(path, 0o666)  # wide open, on purpose: the kernel's answer must suffice
        client = subprocess.Popen(
            ["/usr/bin/python3", "-c", CLIENT, str(path)],
            user=other_user.pw_uid, group=other_user.pw_gid, cwd="/",
            stdout=subprocess.PIPE, text=True, start_new_session=True,
        )  # fmt: skip
        assert client.stdout is not None
        with client.stdout:
            qtbot.waitUntil(lambda: client.poll() is not None, timeout=10000)
            assert client.stdout.read().strip() in ("b''", "reset")  # hung up on, unanswered
        assert heard == []
    finally:
        server.close()
        shutil.rmtree(folder)
