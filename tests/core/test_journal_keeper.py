"""The journal checks itself, steps aside when damaged, and opens again later.

Real SQLite files in ``tmp_path``; the damage is real (pages in the middle
of the file overwritten), and so is the retry.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from presence_app.core.cue import Outcome, Source
from presence_app.core.journal import Journal
from presence_app.core.journalfile import JournalDamaged
from presence_app.core.journalkeeper import RETRY_AFTER, KeptJournal

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
STAMP = datetime(2026, 3, 2, 10, 15, 0)


def fill(path: Path, count: int = 1500) -> None:
    """A journal of many pages: a reflection after every bell."""
    journal = Journal(path)
    for number in range(count):
        at = T0 + timedelta(minutes=number)
        entry = journal.record(
            outcome=Outcome.COMPLETED, source=Source.SCHEDULE, planned=timedelta(minutes=1),
            cue_at=at, started=at, ended=at + timedelta(minutes=1),
        )  # fmt: skip
        journal.add_reflection(entry, written=at, prompt="What did you notice?", text="x" * 200)
    journal.close()


def damage_the_middle(path: Path) -> None:
    """Overwrite a few pages in the middle of the file, as a failing disk might."""
    size = path.stat().st_size
    with path.open("r+b") as stream:
        stream.seek((size // 2) // 4096 * 4096)
        stream.write(os.urandom(4096 * 3))


class Reports(list[str]):
    def __call__(self, message: str) -> None:
        self.append(message)


def test_damage_in_the_middle_is_found_when_the_journal_opens(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    fill(path)
    damage_the_middle(path)
    with pytest.raises(JournalDamaged, match="is damaged"):
        Journal(path)


def test_a_damaged_journal_is_moved_aside_and_a_fresh_one_started(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    fill(path)
    damage_the_middle(path)
    damaged = path.read_bytes()
    reports = Reports()
    kept = KeptJournal(path, report=reports, local_now=lambda: STAMP)
    assert reports == []  # opened when first needed
    assert kept.entries() == []
    aside = tmp_path / "journal.damaged-2026-03-02-101500.sqlite3"
    assert reports == [
        f"The journal was damaged, so Presence moved it aside to {aside} and started a "
        "fresh one. Nothing in the old file was changed; entries in its undamaged "
        "parts may still be read with SQLite's recovery tools."
    ]
    assert aside.read_bytes() == damaged
    assert kept.entries() == []
    kept.record(outcome=Outcome.PASSED, source=Source.SCHEDULE, planned=timedelta(1), cue_at=T0)
    assert [e.outcome for e in kept.entries()] == [Outcome.PASSED]
    kept.close()
    assert oct(path.stat().st_mode & 0o777) == "0o600"


def test_a_second_damaged_journal_in_the_same_second_gets_its_own_name(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    for expected in ("", "-2"):
        path.write_bytes(b"this is not a database, it is a letter" * 200)
        kept = KeptJournal(path, report=Reports(), local_now=lambda: STAMP)
        kept.entries()
        kept.close()
        assert (tmp_path / f"journal.damaged-2026-03-02-101500{expected}.sqlite3").exists()


def test_a_newer_journal_is_never_moved(tmp_path: Path) -> None:
    path = tmp_path / "data" / "journal.sqlite3"
    path.parent.mkdir()
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 99")
    db.close()
    reports = Reports()
    kept = KeptJournal(path, report=reports, local_now=lambda: STAMP)
    assert kept.entries() == []
    assert not kept.is_open
    assert "written by a newer version of Presence" in reports[0]
    assert sorted(p.name for p in path.parent.iterdir()) == ["journal.sqlite3"]


class Ticks:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_journal_that_could_not_be_opened_is_tried_again_later(tmp_path: Path) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("a file where the folder should be")
    path = blocker / "journal.sqlite3"
    reports, ticks = Reports(), Ticks()
    kept = KeptJournal(path, report=reports, monotonic=ticks)
    assert kept.entries() == []
    assert not kept.is_open
    assert reports[0].startswith(f"The journal {path} could not be opened (")
    assert reports[0].endswith(
        "Pauses still work; reflections are kept as drafts, and Presence tries the journal "
        "again each time it has something to write."
    )
    with pytest.raises(OSError, match="the journal could not be opened"):
        kept.add_reflection(None, written=T0, prompt="p", text="kept?")
    blocker.unlink()  # the user fixes it
    ticks.now += RETRY_AFTER / 2
    with pytest.raises(OSError):  # not yet: no hammering
        kept.add_reflection(None, written=T0, prompt="p", text="kept?")
    ticks.now += RETRY_AFTER
    kept.add_reflection(None, written=T0, prompt="p", text="kept!")
    assert kept.is_open
    assert [e.reflection.text for e in kept.entries() if e.reflection] == ["kept!"]
    assert len(reports) == 1  # said once, not at every try
    kept.close()


def test_an_unfinished_pause_is_completed_in_place(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "journal.sqlite3")
    entry = journal.record(
        outcome=Outcome.UNFINISHED, source=Source.TRAY, planned=timedelta(minutes=2), started=T0
    )
    (before,) = journal.entries()
    assert (before.outcome, before.ended) == (Outcome.UNFINISHED, None)
    later = T0 - timedelta(hours=1)  # the clock was set back meanwhile
    journal.finish_pause(
        entry, outcome=Outcome.COMPLETED, started=later, ended=later + timedelta(minutes=2)
    )
    (after,) = journal.entries()
    assert (after.id, after.outcome, after.at, after.ended) == (
        entry,
        Outcome.COMPLETED,
        later,
        later + timedelta(minutes=2),
    )
    journal.close()


def test_export_reads_without_writing(tmp_path: Path) -> None:
    path = tmp_path / "data" / "journal.sqlite3"
    path.parent.mkdir()
    fill(path, count=3)
    before = {p.name: p.read_bytes() for p in path.parent.iterdir()}
    os.chmod(path, 0o400)
    journal = Journal(path, read_only=True)
    assert len(journal.entries()) == 3
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        journal.record(outcome=Outcome.PASSED, source=Source.TRAY, planned=T0 - T0, cue_at=T0)
    journal.close()
    assert {p.name: p.read_bytes() for p in path.parent.iterdir()} == before


def test_an_empty_journal_file_reads_as_an_empty_journal(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    path.touch()
    journal = Journal(path, read_only=True)
    assert journal.entries() == []
    journal.close()
    assert path.read_bytes() == b""
