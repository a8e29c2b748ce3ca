"""Item 6: the journal checks itself, steps aside, opens again, exports read-only,
and holds a pause from its first moment.

Real SQLite files, real damage, a real read-only mount and a real full
disk, the real app and its command line.
"""

from __future__ import annotations

import json
import os
import signal
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from presence_app.core.clock import FakeClock
from presence_app.core.journal import Journal
from presence_app.core.lifecycle_ports import State
from presence_app.core.paths import Paths
from presence_app.ipc import InstanceLock
from presence_app.ui.reflection import ReflectionWindow
from tests.core.test_journal_keeper import damage_the_middle
from tests.core.test_journal_keeper import fill as fill_journal
from tests.faults.conftest import (
    App,
    bind_read_only,
    cli,
    fill,
    mount_tmpfs,
    settings_text,
    write_settings,
    xdg,
)
from tests.ui.test_app_flow import build, fire_timer_at, window_of

pytestmark = pytest.mark.faults


def exported(env: dict[str, str]) -> list[dict[str, object]]:
    result = cli(env, "journal", "export", "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_a_journal_damaged_in_the_middle_is_set_aside_when_first_opened(quiet_app: App) -> None:
    journal = xdg(quiet_app.env, "DATA") / "journal.sqlite3"
    journal.parent.mkdir(parents=True)
    fill_journal(journal)
    damage_the_middle(journal)
    damaged = journal.read_bytes()
    write_settings(quiet_app.env, settings_text())
    quiet_app.start()
    assert journal.read_bytes() == damaged  # not opened until something is written
    assert cli(quiet_app.env, "pause", "--length", "1s").returncode == 0
    quiet_app.wait_state("reflecting")
    (notice,) = [n for n in quiet_app.status()["notices"] if "damaged" in n]
    (aside,) = journal.parent.glob("journal.damaged-*.sqlite3")
    assert notice == (
        f"The journal was damaged, so Presence moved it aside to {aside} and started a "
        "fresh one. Nothing in the old file was changed; entries in its undamaged "
        "parts may still be read with SQLite's recovery tools."
    )
    assert aside.read_bytes() == damaged
    assert [e["source"] for e in exported(quiet_app.env)] == ["command"]


def test_a_pause_under_way_survives_sigkill(quiet_app: App) -> None:
    write_settings(quiet_app.env, settings_text())
    quiet_app.start()
    assert cli(quiet_app.env, "pause", "--length", "10m").returncode == 0
    status = quiet_app.wait_state("pausing")
    assert quiet_app.process is not None
    os.kill(quiet_app.process.pid, signal.SIGKILL)
    quiet_app.process.wait(timeout=10)
    (entry,) = exported(quiet_app.env)
    assert (entry["outcome"], entry["source"], entry["ended"]) == ("unfinished", "command", None)
    assert entry["planned_seconds"] == 600
    ends = datetime.fromisoformat(status["pause_ends"])
    started = datetime.fromisoformat(str(entry["started"]))
    assert abs(ends - timedelta(minutes=10) - started) < timedelta(seconds=1)
    markdown = cli(quiet_app.env, "journal", "export").stdout
    assert "started from the command line; its end was not recorded." in markdown


@pytest.fixture
def journal_with_entries(base_env: dict[str, str]) -> Path:
    path = xdg(base_env, "DATA") / "journal.sqlite3"
    path.parent.mkdir(parents=True)
    fill_journal(path, count=5)
    return path


def test_export_works_on_a_read_only_disk(
    base_env: dict[str, str], journal_with_entries: Path, mounts: list[Path]
) -> None:
    data = journal_with_entries.parent
    bind_read_only(data, data)
    mounts.append(data)
    before = sorted(p.name for p in data.iterdir())
    assert len(exported(base_env)) == 5
    assert sorted(p.name for p in data.iterdir()) == before


def test_export_works_on_a_full_disk(
    base_env: dict[str, str], mounts: list[Path], tmp_path: Path
) -> None:
    data = Path(base_env["XDG_DATA_HOME"])
    mount_tmpfs(data, "1m")
    mounts.append(data)
    path = data / "presence-app" / "journal.sqlite3"
    path.parent.mkdir()
    fill_journal(path, count=5)
    fill(data)
    assert len(exported(base_env)) == 5
    target = tmp_path / "journal.csv"  # the export itself goes elsewhere
    result = cli(base_env, "journal", "export", "--format", "csv", "-o", str(target))
    assert result.returncode == 0, result.stderr


def test_a_journal_that_could_not_be_opened_is_opened_later(
    qtbot: QtBot,
    qapp: QApplication,
    monkeypatch: pytest.MonkeyPatch,
    mounts: list[Path],
) -> None:
    """The real app's parts on a real full disk; the retry comes without a restart."""
    monkeypatch.setattr("presence_app.core.journalkeeper.RETRY_AFTER", 0.0)
    monkeypatch.setenv("TZ", "UTC")
    data = Path(os.environ["XDG_DATA_HOME"])
    mount_tmpfs(data, "256k")
    mounts.append(data)
    filler = fill(data)
    start = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    clock, lock = FakeClock(start), InstanceLock(Paths.from_platform())
    app = build(qapp, settings_text(every="45m"), clock, lock)
    try:
        assert not any("could not be opened" in n for n in app.notices.messages)
        fire_timer_at(app, clock, start + timedelta(minutes=45))
        app.lifecycle.accept()  # the pause is written as it starts: the journal is needed
        assert any("could not be opened" in n for n in app.notices.messages)
        fire_timer_at(app, clock, start + timedelta(minutes=46))
        reflection = window_of(app, ReflectionWindow)
        reflection.text_field.setPlainText("the wind")
        reflection.save_button.click()
        assert app.lifecycle.state is State.REFLECTING
        assert reflection.isVisible() and reflection.problem_label.isVisible()
        assert "the journal could not be opened" in reflection.problem_label.text()

        filler.unlink()  # room again: the next "Keep it" opens the journal
        reflection.save_button.click()
        assert app.lifecycle.state is State.IDLE
        # The pause ended while nothing could be written, so only the words are there.
        (entry,) = app.journal.entries()
        assert entry.is_reflection_only
        assert entry.reflection is not None and entry.reflection.text == "the wind"
    finally:
        app.shutdown()
        lock.release()
    assert Journal(data / "presence-app" / "journal.sqlite3", read_only=True).entries()
