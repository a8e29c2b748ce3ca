"""The remote commands, run through ``cli.main`` against a real command socket.

The server is a real ``CommandServer`` in this process with a fake handler;
``main()`` runs in a worker thread (it blocks on the socket) while qtbot
keeps the Qt event loop serving it.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from pytestqt.qtbot import QtBot

from presence_app.cli import main
from presence_app.commands import remote
from presence_app.core.paths import Paths
from presence_app.ipc import CommandServer, InstanceLock

NOT_RUNNING = "Presence is not running. Start it with `presence-app`.\n"
BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)  # a Thursday, 11:00 in Berlin


def run_cli(qtbot: QtBot, argv: list[str]) -> int:
    """Run ``main(argv)`` in a thread while the Qt loop serves the socket."""
    box: dict[str, Any] = {}

    def run() -> None:
        try:
            box["code"] = main(argv)
        except SystemExit as leaving:
            box["code"] = leaving.code

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    qtbot.waitUntil(lambda: not worker.is_alive(), timeout=10_000)
    code: int = box["code"]
    return code


class FakeApp:
    """Stands in for the app's handler: records requests, answers from a table."""

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.replies: dict[str, dict[str, Any]] = {}

    def __call__(self, request: dict[str, Any]) -> dict[str, Any]:
        self.requests.append(request)
        return dict(self.replies.get(request["command"], {"ok": True}))


@pytest.fixture(autouse=True)
def fixed_time_and_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/Berlin")
    monkeypatch.setattr(remote, "_now", lambda: NOW)


@pytest.fixture
def fake_app() -> Iterator[FakeApp]:
    paths = Paths.from_platform()
    lock = InstanceLock(paths)
    assert lock.try_acquire()
    app = FakeApp()
    server = CommandServer(paths, app)
    server.listen(lock)
    yield app
    server.close()
    lock.release()


@pytest.mark.parametrize(
    "argv",
    [
        ["skip"],
        ["quiet", "1h"],
        ["status"],
        ["status", "--json"],
        ["quit"],
        ["settings"],
        ["journal"],
    ],
)
def test_without_an_app_commands_say_how_to_start_it(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    assert main(argv) == 3
    assert capsys.readouterr() == ("", NOT_RUNNING)


@pytest.mark.parametrize(
    ("argv", "sent", "line"),
    [
        (["skip"], {"command": "skip"}, "The next bell will pass quietly."),
        (["quit"], {"command": "quit"}, "Presence has closed. Until next time."),
        (["settings"], {"command": "show", "window": "settings"}, "The settings are open."),
        (["journal"], {"command": "show", "window": "journal"}, "The journal is open."),
        (["pause"], {"command": "pause"}, "A pause begins."),
        (
            ["pause", "--length", "2m"],
            {"command": "pause", "length_seconds": 120},
            "A pause begins.",
        ),
        (
            ["quiet", "off"],
            {"command": "quiet", "spec": "off"},
            "Quiet is off; the bells will come again.",
        ),
    ],
)
def test_commands_send_their_request_and_say_it_calmly(
    qtbot: QtBot,
    capsys: pytest.CaptureFixture[str],
    fake_app: FakeApp,
    argv: list[str],
    sent: dict[str, Any],
    line: str,
) -> None:
    assert run_cli(qtbot, argv) == 0
    assert fake_app.requests == [sent]
    assert capsys.readouterr() == (line + "\n", "")


@pytest.mark.parametrize(
    ("argv", "spec", "quiet_until", "line"),
    [
        (["quiet", "90m"], "90m", "2026-11-26T11:30:00+00:00", "Quiet until 12:30."),
        (
            ["quiet", "until", "17:00"],
            "until 17:00",
            "2026-11-26T16:00:00+00:00",
            "Quiet until 17:00.",
        ),
        (
            ["quiet", "until", "tomorrow"],
            "until tomorrow",
            "2026-11-26T23:00:00+00:00",
            "Quiet until tomorrow at 00:00.",
        ),
    ],
)
def test_quiet_says_until_when_in_local_time(
    qtbot: QtBot,
    capsys: pytest.CaptureFixture[str],
    fake_app: FakeApp,
    argv: list[str],
    spec: str,
    quiet_until: str,
    line: str,
) -> None:
    fake_app.replies["quiet"] = {"ok": True, "quiet_until": quiet_until}
    assert run_cli(qtbot, argv) == 0
    assert fake_app.requests == [{"command": "quiet", "spec": spec}]
    assert capsys.readouterr().out == line + "\n"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["quiet", "soon"],
            'presence-app quiet: "soon" is not a quiet time; write 1h, 30m, until 17:00, '
            "until tomorrow or off.\n",
        ),
        (
            ["quiet", "0m"],
            "presence-app quiet: Quiet for no time at all would end at once; "
            "write a length such as 1h.\n",
        ),
    ],
)
def test_quiet_that_cannot_be_read_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    assert main(argv) == 2
    assert capsys.readouterr() == ("", message)


@pytest.mark.parametrize(
    ("length", "message"),
    [
        ("2x", 'argument --length: "2x" is not a duration; use forms such as 90s, 45m or 1h30m'),
        ("4h", "argument --length: a pause can last from 1 second to 3 hours"),
    ],
)
def test_a_pause_length_that_cannot_be_used_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], length: str, message: str
) -> None:
    with pytest.raises(SystemExit) as leaving:
        main(["pause", "--length", length])
    assert leaving.value.code == 2
    assert capsys.readouterr().err.endswith(f"presence-app pause: error: {message}\n")


def test_a_refusal_from_the_app_is_exit_1_with_its_words(
    qtbot: QtBot, capsys: pytest.CaptureFixture[str], fake_app: FakeApp
) -> None:
    fake_app.replies["skip"] = {"ok": False, "error": "There is no bell to let pass today."}
    assert run_cli(qtbot, ["skip"]) == 1
    assert capsys.readouterr() == ("", "There is no bell to let pass today.\n")


STATUS = {
    "ok": True,
    "state": "idle",
    "next_cue": "2026-11-26T13:45:00+00:00",
    "quiet_until": None,
    "quiet_reason": None,
    "version": "0.1.0",
}


def test_status_in_words(
    qtbot: QtBot, capsys: pytest.CaptureFixture[str], fake_app: FakeApp
) -> None:
    fake_app.replies["status"] = STATUS
    assert run_cli(qtbot, ["status"]) == 0
    assert capsys.readouterr().out == (
        "Presence is waiting for the next bell.\nThe next bell rings at 14:45.\n"
    )


def test_status_as_json_is_the_whole_reply(
    qtbot: QtBot, capsys: pytest.CaptureFixture[str], fake_app: FakeApp
) -> None:
    fake_app.replies["status"] = {**STATUS, "tray": "system tray"}
    assert run_cli(qtbot, ["status", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {**STATUS, "tray": "system tray"}


@pytest.mark.parametrize(
    ("reply", "lines"),
    [
        (
            {"state": "pausing", "next_cue": "2026-11-27T08:00:00+00:00"},
            ["A pause is under way.", "The next bell rings tomorrow at 09:00."],
        ),
        (
            {"state": "pausing", "pause_ends": "2026-11-26T10:02:00+00:00"},
            ["A pause is under way until 11:02."],
        ),
        (
            {"state": "invited", "next_cue": "2026-11-28T08:00:00+00:00", "next_cue_passes": True},
            [
                "A bell has rung, and its invitation is open.",
                "The next bell rings on Saturday at 09:00. It will pass quietly, as you asked.",
            ],
        ),
        (
            {
                "state": "idle",
                "next_cue": "2026-12-07T08:00:00+00:00",
                "quiet_until": "2026-11-26T16:00:00+00:00",
                "quiet_reason": "you asked for quiet.",
            },
            [
                "Presence is waiting for the next bell.",
                "Quiet until 17:00: you asked for quiet.",
                "The next bell rings on 7 December at 09:00.",
            ],
        ),
        (
            {"state": "idle", "quiet_reason": "a full-screen window is open"},
            [
                "Presence is waiting for the next bell.",
                "Quiet for now: a full-screen window is open.",
            ],
        ),
        (
            {"state": "reflecting"},
            ["The reflection window is open.", "No bell is planned for now."],
        ),
        (
            {
                "state": "idle",
                "next_cue": "2026-11-26T11:30:00+00:00",
                "kept_quiet": {
                    "at": "2026-11-26T09:45:00+00:00",
                    "reason": "Quiet during a call",
                },
            },
            [
                "Presence is waiting for the next bell.",
                "The next bell rings at 12:30.",
                "Quiet during a call, so the bell at 10:45 did not ring.",
            ],
        ),
    ],
)
def test_status_lines(reply: dict[str, Any], lines: list[str]) -> None:
    assert remote.status_lines(reply, NOW, BERLIN) == lines


class Launcher:
    """Stands in for starting the app: the test starts a server when asked."""

    def __init__(self) -> None:
        self.asked = threading.Event()

    def __call__(self) -> None:
        self.asked.set()


def run_pause_in_thread(qtbot: QtBot, launch: Callable[[], None]) -> Callable[[], int]:
    box: dict[str, int] = {}
    args = remote_args(["pause", "--length", "3s"])
    worker = threading.Thread(
        target=lambda: box.setdefault("code", remote.run_pause(args, launch=launch)), daemon=True
    )
    worker.start()

    def result() -> int:
        qtbot.waitUntil(lambda: not worker.is_alive(), timeout=10_000)
        return box["code"]

    return result


def remote_args(argv: list[str]) -> Any:
    from presence_app.cli import build_parser

    return build_parser().parse_args(argv)


def test_pause_starts_the_app_when_none_runs_and_then_pauses(
    qtbot: QtBot, capsys: pytest.CaptureFixture[str]
) -> None:
    launcher = Launcher()
    result = run_pause_in_thread(qtbot, launcher)
    qtbot.waitUntil(launcher.asked.is_set, timeout=5000)
    paths = Paths.from_platform()
    lock = InstanceLock(paths)
    assert lock.try_acquire()
    app = FakeApp()
    server = CommandServer(paths, app)
    server.listen(lock)
    try:
        assert result() == 0
    finally:
        server.close()
        lock.release()
    assert app.requests[-1] == {"command": "pause", "length_seconds": 3}
    assert all(r == {"command": "ping"} for r in app.requests[:-1])
    assert capsys.readouterr() == (
        "Presence was not running, so it has been started.\nA pause begins.\n",
        "",
    )


def test_pause_gives_up_calmly_when_the_started_app_never_answers(
    qtbot: QtBot, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(remote, "START_WAIT", 0.3)
    assert run_pause_in_thread(qtbot, Launcher())() == 1
    assert capsys.readouterr() == (
        "",
        "Presence was started but did not answer within 0.3 seconds. "
        "Please try `presence-app pause` again in a moment.\n",
    )


def test_pause_says_when_the_app_cannot_be_started(
    qtbot: QtBot, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken() -> None:
        raise FileNotFoundError(2, "No such file or directory", "python3")

    assert run_pause_in_thread(qtbot, broken)() == 1
    assert capsys.readouterr().err == (
        "Presence could not be started ([Errno 2] No such file or directory: 'python3').\n"
    )


def test_the_real_launcher_detaches_the_app(monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[tuple[list[str], dict[str, Any]]] = []
    monkeypatch.setattr(
        subprocess, "Popen", lambda argv, **options: started.append((argv, options))
    )
    remote.launch_app()
    ((argv, options),) = started
    assert argv == [sys.executable, "-m", "presence_app"]
    assert options["start_new_session"] is True
    assert options["stdin"] == options["stdout"] == options["stderr"] == subprocess.DEVNULL
