"""Item 7: exports write only ordinary files, far-off dates are refused, the lock is not fooled.

Every command runs as a user runs it (``python -m presence_app`` in its own
process), so a traceback would show on stderr.
"""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from presence_app.core.cue import Outcome, Source
from presence_app.core.journal import Journal
from tests.faults.conftest import App, cli, need_root, settings_text, write_settings, xdg

pytestmark = pytest.mark.faults


@pytest.fixture
def env(base_env: dict[str, str]) -> dict[str, str]:
    """A journal with one entry, and settings, in the test's own folders."""
    env = dict(base_env, QT_QPA_PLATFORM="offscreen")
    write_settings(env, settings_text())
    journal = Journal(xdg(env, "DATA") / "journal.sqlite3")
    at = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    journal.record(outcome=Outcome.PASSED, source=Source.SCHEDULE, planned=timedelta(1), cue_at=at)
    journal.close()
    return env


def refused(result: subprocess.CompletedProcess[str], message: str) -> None:
    assert (result.returncode, result.stdout, result.stderr) == (1, "", message + "\n")


def test_a_symbolic_link_is_not_replaced(env: dict[str, str], tmp_path: Path) -> None:
    precious = tmp_path / "precious.txt"
    precious.write_text("mine")
    link = tmp_path / "journal.md"
    link.symlink_to(precious)
    refused(
        cli(env, "journal", "export", "-o", str(link)),
        f"{link} is a symbolic link, so it was left as it is. An export only writes "
        "ordinary files; choose another file name.",
    )
    assert link.is_symlink() and precious.read_text() == "mine"


def test_a_device_is_not_replaced(env: dict[str, str], tmp_path: Path) -> None:
    """Run as root, ``-o /dev/full`` replaced the device; here a twin of it is made."""
    need_root("making a device node")
    device = tmp_path / "full"
    os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 7))  # what /dev/full is
    refused(
        cli(env, "journal", "export", "-o", str(device)),
        f"{device} is not an ordinary file (a device, a pipe or a socket), so it was left "
        "as it is. An export only writes ordinary files; choose another file name.",
    )
    assert stat.S_ISCHR(device.lstat().st_mode)


@pytest.mark.parametrize("kind", ["fifo", "socket", "folder"])
def test_other_things_are_not_replaced_either(
    env: dict[str, str], tmp_path: Path, kind: str
) -> None:
    target = tmp_path / "journal.md"
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "socket":
        bound = socket.socket(socket.AF_UNIX)
        bound.bind(str(target))
        bound.close()
    else:
        target.mkdir()
    result = cli(env, "journal", "export", "-o", str(target), timeout=20)
    assert result.returncode == 1 and "so it was left as it is" in result.stderr
    assert target.exists() and not target.is_file()


def test_a_missing_folder_is_named_and_not_made(env: dict[str, str], tmp_path: Path) -> None:
    target = tmp_path / "exports" / "2026" / "journal.md"
    refused(
        cli(env, "journal", "export", "-o", str(target)),
        f"The folder {target.parent} does not exist, so nothing was written. "
        "Create it first, or choose another place.",
    )
    assert not (tmp_path / "exports").exists()


def test_an_ordinary_file_is_replaced_privately(env: dict[str, str], tmp_path: Path) -> None:
    target = tmp_path / "journal.md"
    target.write_text("an older export")
    result = cli(env, "journal", "export", "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert "The bell was let pass" in target.read_text()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["schedule", "--from", "9999-12-31T23:00"],
            'argument --from: "9999-12-31T23:00" is too far in the future; '
            "choose a time between the years 1970 and 9997",
        ),
        (
            ["schedule", "--from", "0001-01-01T00:00"],
            'argument --from: "0001-01-01T00:00" is too far in the past; '
            "choose a time between the years 1970 and 9997",
        ),
        (
            ["schedule", "--from", "9999-12-31T23:00+14:00", "--json"],
            'argument --from: "9999-12-31T23:00+14:00" is too far in the future; '
            "choose a time between the years 1970 and 9997",
        ),
        (
            ["journal", "export", "--since", "0001-01-01"],
            'argument --since: "0001-01-01" is too far in the past; '
            "choose a time between the years 1970 and 9997",
        ),
        (
            ["journal", "export", "--since", "9999-12-31T23:59"],
            'argument --since: "9999-12-31T23:59" is too far in the future; '
            "choose a time between the years 1970 and 9997",
        ),
        (
            ["quiet", "99999999d"],
            '"99999999d" is longer than a year; for a long rest, quit Presence and start '
            "it again when you want the bells back.",
        ),
        (["pause", "--length", "99999999d"], "a pause can last from 1 second to 3 hours"),
    ],
)
def test_far_off_dates_and_lengths_are_refused_with_a_sentence(
    env: dict[str, str], args: list[str], message: str
) -> None:
    result = cli(env, *args)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.rstrip().endswith(message)


def test_the_schedule_preview_at_the_edge_of_the_range_works(env: dict[str, str]) -> None:
    result = cli(env, "schedule", "--from", "9997-12-31T09:00", "--days", "366")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Wed 9997-12-31 ")
    assert result.stdout.splitlines()[-1].startswith("Fri 9999-01-01 ")


UNRELATED = "import sys; print('up', flush=True); sys.stdin.read()"


def test_a_lock_naming_a_reused_pid_does_not_stop_the_app(quiet_app: App, tmp_path: Path) -> None:
    """The lock names a live Python process that is not Presence (a PID reused)."""
    other = subprocess.Popen(
        [sys.executable, "-c", UNRELATED],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        assert other.stdout is not None and other.stdout.readline().strip() == "up"
        runtime = Path(quiet_app.env["XDG_RUNTIME_DIR"]) / "presence-app"
        runtime.mkdir(mode=0o700)
        # What a Presence killed earlier left, in Qt's lock-file form: its PID
        # (now the other process's), its program's name (Python's, as for
        # every Python program) and this host. Qt's QLockFile took that for a
        # live Presence; the issue saw the start give up.
        program = Path(os.path.realpath(f"/proc/{other.pid}/exe")).name
        (runtime / "presence.lock").write_text(f"{other.pid}\n{program}\n{socket.gethostname()}\n")
        write_settings(quiet_app.env, settings_text())
        quiet_app.start()  # fails unless the app answers on its socket
        assert quiet_app.status()["state"] == "idle"
    finally:
        other.kill()
        other.wait()
        for stream in (other.stdin, other.stdout):
            if stream is not None:
                stream.close()
