"""The journal file: privacy, WAL, migrations, recording, reading and retention."""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from presence_app.core import journalfile
from presence_app.core.cue import Outcome, Source
from presence_app.core.journal import Journal, JournalError, Reflection

T0 = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
MINUTE = timedelta(minutes=1)


@pytest.fixture
def journal(tmp_path: Path) -> Iterator[Journal]:
    opened = Journal(tmp_path / "data" / "journal.sqlite3")
    yield opened
    opened.close()


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("umask", [0o000, 0o022, 0o077])
def test_file_and_its_wal_are_private_whatever_the_umask(tmp_path: Path, umask: int) -> None:
    path = tmp_path / "data" / "journal.sqlite3"
    old = os.umask(umask)
    try:
        journal = Journal(path)
        journal.record(outcome=Outcome.PASSED, source=Source.SCHEDULE, planned=MINUTE, cue_at=T0)
        wal, shm = Path(f"{path}-wal"), Path(f"{path}-shm")
        assert (mode(path), mode(wal), mode(shm)) == (0o600, 0o600, 0o600)
        assert mode(path.parent) & 0o077 == 0
        journal.close()
    finally:
        os.umask(old)


def test_uses_wal_and_foreign_keys(journal: Journal) -> None:
    with sqlite3.connect(journal.path) as other:
        assert other.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert journal._db.execute("PRAGMA foreign_keys").fetchone() == (1,)
    assert journal._db.execute("PRAGMA user_version").fetchone() == (journalfile.SCHEMA_VERSION,)


def test_upgrades_a_version_1_file_and_keeps_its_entries(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as old:
        journalfile.MIGRATIONS[0](old)
        old.execute("PRAGMA user_version = 1")
        old.execute(
            "INSERT INTO entries (at, cue_at, outcome, source, rules, planned_seconds)"
            " VALUES (?, ?, 'passed', 'schedule', '[\"Work day\"]', 60)",
            (T0.isoformat(timespec="microseconds"),) * 2,
        )
    old.close()
    journal = Journal(path)
    try:
        (entry,) = journal.entries()
        assert (entry.cue_at, entry.outcome, entry.rules) == (T0, Outcome.PASSED, ("Work day",))
        indexes = {row[0] for row in journal._db.execute("SELECT name FROM sqlite_master")}
        assert {"entries_at", "reflections_entry"} <= indexes
        assert journal._db.execute("PRAGMA user_version").fetchone() == (3,)
        assert entry.reason is None
    finally:
        journal.close()


def test_a_file_from_a_newer_presence_is_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    with sqlite3.connect(path) as newer:
        newer.execute("PRAGMA user_version = 99")
    newer.close()
    before = path.read_bytes()
    with pytest.raises(JournalError) as caught:
        Journal(path)
    assert str(caught.value) == (
        f"The journal at {path} was written by a newer version of Presence, "
        "so it is left untouched. Updating Presence will let you read it again."
    )
    assert path.read_bytes() == before


def test_record_and_reflection_read_back(journal: Journal) -> None:
    entry_id = journal.record(
        outcome=Outcome.COMPLETED,
        source=Source.SCHEDULE,
        rules=("Work day", "Evening"),
        planned=2 * MINUTE,
        cue_at=T0,
        started=T0 + 10 * MINUTE,
        ended=T0 + 12 * MINUTE,
    )
    written = T0 + 13 * MINUTE
    journal.add_reflection(
        entry_id, written=written, prompt="What did you notice?", text="Rain.", feelings=("calm",)
    )
    (entry,) = journal.entries()
    assert entry.id == entry_id
    assert (entry.cue_at, entry.started, entry.ended) == (
        T0,
        T0 + 10 * MINUTE,
        T0 + 12 * MINUTE,
    )
    assert entry.started is not None and entry.started.tzinfo is not None
    assert (entry.outcome, entry.source, entry.planned) == (
        Outcome.COMPLETED,
        Source.SCHEDULE,
        2 * MINUTE,
    )
    assert entry.rules == ("Work day", "Evening")
    assert entry.reflection == Reflection(written, "What did you notice?", "Rain.", ("calm",))
    assert entry.at == T0 + 10 * MINUTE and not entry.is_reflection_only


def test_times_in_other_zones_are_kept_as_the_same_instant(journal: Journal) -> None:
    berlin = datetime(2026, 11, 26, 10, 0, tzinfo=UTC).astimezone(
        __import__("zoneinfo").ZoneInfo("Europe/Berlin")
    )
    journal.record(outcome=Outcome.QUIET, source=Source.SCHEDULE, planned=MINUTE, cue_at=berlin)
    (entry,) = journal.entries()
    assert entry.cue_at == berlin and entry.cue_at is not None
    assert entry.cue_at.utcoffset() == timedelta(0)


def test_naive_times_and_entries_without_any_time_are_refused(journal: Journal) -> None:
    with pytest.raises(ValueError, match="aware"):
        journal.record(
            outcome=Outcome.PASSED,
            source=Source.SCHEDULE,
            planned=MINUTE,
            cue_at=datetime(2026, 1, 1),
        )
    with pytest.raises(ValueError, match="bell's time or the pause start"):
        journal.record(outcome=Outcome.COMPLETED, source=Source.TRAY, planned=MINUTE)
    assert journal.entries() == []


def test_a_reflection_without_an_entry_is_kept_as_its_own_entry(journal: Journal) -> None:
    journal.add_reflection(None, written=T0, prompt="Where are you now?", text="Here.")
    (entry,) = journal.entries()
    assert entry.is_reflection_only and entry.at == T0
    assert entry.reflection == Reflection(T0, "Where are you now?", "Here.", ())


def test_a_reflection_for_an_unknown_entry_is_kept_as_its_own_entry(journal: Journal) -> None:
    """A draft may name an entry of a journal that was since replaced."""
    journal.add_reflection(42, written=T0, prompt="p", text="t")
    (entry,) = journal.entries()
    assert entry.is_reflection_only and entry.reflection is not None
    assert entry.reflection.text == "t"


def test_saving_a_reflection_again_replaces_it(journal: Journal) -> None:
    entry_id = journal.record(
        outcome=Outcome.COMPLETED, source=Source.TRAY, planned=MINUTE, started=T0, ended=T0
    )
    journal.add_reflection(entry_id, written=T0, prompt="p", text="first")
    journal.add_reflection(entry_id, written=T0 + MINUTE, prompt="p", text="second")
    (entry,) = journal.entries()
    assert entry.reflection is not None and entry.reflection.text == "second"


def fill(journal: Journal) -> list[int]:
    """Three days: a passed bell, a pause with a reflection, a quiet bell."""
    ids = [
        journal.record(
            outcome=Outcome.PASSED,
            source=Source.SCHEDULE,
            rules=("Work day",),
            planned=MINUTE,
            cue_at=T0,
        ),
        journal.record(
            outcome=Outcome.COMPLETED,
            source=Source.TRAY,
            planned=MINUTE,
            started=T0 + timedelta(days=1),
            ended=T0 + timedelta(days=1, minutes=1),
        ),
        journal.record(
            outcome=Outcome.QUIET,
            source=Source.SCHEDULE,
            rules=("Evening",),
            planned=MINUTE,
            cue_at=T0 + timedelta(days=2),
        ),
    ]
    journal.add_reflection(
        ids[1],
        written=T0 + timedelta(days=1, minutes=2),
        prompt="What did you notice?",
        text="The Kettle singing.",
        feelings=("Grateful",),
    )
    return ids


def test_entries_come_oldest_first_even_when_recorded_out_of_order(journal: Journal) -> None:
    late = journal.record(
        outcome=Outcome.PASSED, source=Source.SCHEDULE, planned=MINUTE, cue_at=T0
    )
    early = journal.record(
        outcome=Outcome.PASSED, source=Source.SCHEDULE, planned=MINUTE, cue_at=T0 - MINUTE
    )
    assert [e.id for e in journal.entries()] == [early, late]


@pytest.mark.parametrize(
    ("since", "until", "expected"),
    [
        (None, None, [0, 1, 2]),
        (T0 + timedelta(days=1), None, [1, 2]),
        (None, T0 + timedelta(days=1), [0]),
        (T0 + timedelta(hours=1), T0 + timedelta(days=2), [1]),
    ],
)
def test_since_and_until(
    journal: Journal, since: datetime | None, until: datetime | None, expected: list[int]
) -> None:
    ids = fill(journal)
    assert [e.id for e in journal.entries(since=since, until=until)] == [ids[i] for i in expected]


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("kettle", [1]),  # reflection text, any case
        ("NOTICE", [1]),  # the prompt
        ("grateful", [1]),  # a feeling word
        ("evening", [2]),  # a rule name
        ("nothing like this", []),
        ("%", []),  # no SQL wildcards leak through
    ],
)
def test_search(journal: Journal, search: str, expected: list[int]) -> None:
    ids = fill(journal)
    assert [e.id for e in journal.entries(search=search)] == [ids[i] for i in expected]


def test_search_ignores_case_beyond_ascii(journal: Journal) -> None:
    entry_id = journal.record(
        outcome=Outcome.COMPLETED, source=Source.TRAY, planned=MINUTE, started=T0
    )
    journal.add_reflection(entry_id, written=T0, prompt="p", text="Ruhe ÜBER allem")
    assert [e.id for e in journal.entries(search="über")] == [entry_id]


def test_prune_deletes_old_entries_with_their_reflections(journal: Journal) -> None:
    ids = fill(journal)
    now = T0 + timedelta(days=3, minutes=1)
    assert journal.prune(0, now) == 0
    assert journal.prune(2, now) == 2
    assert [e.id for e in journal.entries()] == [ids[2]]
    assert journal._db.execute("SELECT count(*) FROM reflections").fetchone() == (0,)


def test_entries_survive_reopening(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    first = Journal(path)
    ids = fill(first)
    first.close()
    second = Journal(path)
    try:
        assert [e.id for e in second.entries()] == ids
    finally:
        second.close()


def test_a_failing_migration_leaves_the_file_at_the_last_good_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(db: sqlite3.Connection) -> None:
        db.execute("CREATE TABLE half_done (x)")
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(journalfile, "MIGRATIONS", (journalfile.MIGRATIONS[0], broken))
    monkeypatch.setattr(journalfile, "SCHEMA_VERSION", 2)
    path = tmp_path / "journal.sqlite3"
    with pytest.raises(sqlite3.OperationalError, match="disk I/O error"):
        Journal(path)
    with sqlite3.connect(path) as check:
        assert check.execute("PRAGMA user_version").fetchone() == (1,)
        tables = {row[0] for row in check.execute("SELECT name FROM sqlite_master")}
    check.close()
    assert "half_done" not in tables and "entries" in tables
