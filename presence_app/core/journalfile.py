"""The journal's file: created private, checked, opened in WAL mode, schema kept current.

The file is created before SQLite opens it, with exactly 0600 whatever the
umask; SQLite gives its ``-wal`` and ``-shm`` files the same mode. The
schema is versioned with ``PRAGMA user_version`` and brought up to date by
the ordered ``MIGRATIONS``, one transaction each, so a failed upgrade leaves
the file at its last good version. A file from a newer Presence is refused
before anything (even the switch to WAL, which rewrites the header) touches
it.

Each opening runs SQLite's ``quick_check`` (a few milliseconds for years of
entries), so damage in the middle of the file is found before anything new
is written into it: ``JournalDamaged`` is raised, and the caller may move
the file aside (``set_aside``) and start a fresh one. Exports open the file
read-only (``open_read_only``), so they work on a read-only or full disk.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

from presence_app.i18n import _

COMPANIONS = ("", "-wal", "-shm")
"""The file and the two SQLite keeps beside it in WAL mode."""
_DAMAGE_CODES = {getattr(sqlite3, "SQLITE_CORRUPT", 11), getattr(sqlite3, "SQLITE_NOTADB", 26)}


def open_database(path: Path) -> sqlite3.Connection:
    """Open (creating and upgrading as needed) the journal at ``path``.

    Raises:
        JournalError: the file was written by a newer Presence.
        sqlite3.Error: the file is not a usable SQLite database.
        OSError: the folder or file cannot be created.
    """
    create_private(path)
    db = sqlite3.connect(path, isolation_level=None)
    try:
        db.execute("PRAGMA foreign_keys = ON")
        _checked(db, path)
        db.execute("PRAGMA journal_mode = WAL")
        upgrade(db)
    except BaseException:
        db.close()
        raise
    return db


def open_read_only(path: Path) -> sqlite3.Connection:
    """Open the journal for reading only: nothing is created, upgraded or written.

    With no write-ahead log beside it (Presence is not running, or quit
    cleanly) the file is read as it stands (``immutable``), so not even
    SQLite's shared-memory file is created: this works on a read-only or
    full disk. With a log (Presence is running), SQLite reads both.

    Raises:
        JournalError: the file was written by a newer Presence.
        sqlite3.Error: the file cannot be read.
    """
    wal = path.with_name(path.name + "-wal")
    uri = f"file:{quote(str(path.absolute()))}?mode=ro"
    if not wal.exists():
        uri += "&immutable=1"
    db = sqlite3.connect(uri, uri=True, isolation_level=None)
    try:
        check_version(db, path)
        (version,) = db.execute("PRAGMA user_version").fetchone()
    except BaseException:
        db.close()
        raise
    if version == 0:  # created but never written: read it as an empty journal
        db.close()
        db = sqlite3.connect(":memory:", isolation_level=None)
        upgrade(db)
    return db


class JournalError(Exception):
    """The journal file cannot be used as it is; the message says why."""


class JournalDamaged(JournalError):
    """SQLite found damage in the file (its quick check failed)."""


def _checked(db: sqlite3.Connection, path: Path) -> None:
    """Refuse a newer file, then run the quick check; damage raises ``JournalDamaged``."""
    try:
        check_version(db, path)
        rows = db.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as error:
        if getattr(error, "sqlite_errorcode", None) in _DAMAGE_CODES:
            raise JournalDamaged(
                _("the journal at {path} is damaged ({reason})").format(path=path, reason=error)
            ) from error
        raise
    if rows != [("ok",)]:
        raise JournalDamaged(
            _("the journal at {path} is damaged ({reason})").format(path=path, reason=rows[0][0])
        )


def set_aside(path: Path, when: datetime) -> Path:
    """Move a damaged journal (and its companions) aside; return its new path.

    The new name carries the local time, such as
    ``journal.damaged-2026-11-30-101500.sqlite3``, and is never an existing file.

    Raises:
        OSError: the file cannot be renamed.
    """
    stamp = when.strftime("%Y-%m-%d-%H%M%S")
    for number in range(1, 1000):
        extra = "" if number == 1 else f"-{number}"
        aside = path.with_name(f"{path.stem}.damaged-{stamp}{extra}{path.suffix}")
        if not any(aside.with_name(aside.name + c).exists() for c in COMPANIONS):
            break
    for companion in COMPANIONS:
        source = path.with_name(path.name + companion)
        if companion == "" or source.exists():
            source.rename(aside.with_name(aside.name + companion))
    return aside


def _migrate_1(db: sqlite3.Connection) -> None:
    """Create the entries and their reflections."""
    _run(
        db,
        """
        CREATE TABLE entries (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            cue_at TEXT,
            started TEXT,
            ended TEXT,
            outcome TEXT NOT NULL,
            source TEXT NOT NULL,
            rules TEXT NOT NULL DEFAULT '[]',
            planned_seconds INTEGER NOT NULL
        );
        CREATE TABLE reflections (
            id INTEGER PRIMARY KEY,
            entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
            written TEXT NOT NULL,
            prompt TEXT NOT NULL,
            text TEXT NOT NULL,
            feelings TEXT NOT NULL DEFAULT '[]'
        );
        """,
    )


def _migrate_2(db: sqlite3.Connection) -> None:
    """Index entries by time and reflections by entry, for day views at scale."""
    _run(
        db,
        """
        CREATE INDEX entries_at ON entries(at);
        CREATE INDEX reflections_entry ON reflections(entry_id);
        """,
    )


def _migrate_3(db: sqlite3.Connection) -> None:
    """Keep why a bell stayed quiet ("Quiet during a call"); older entries have none."""
    _run(db, "ALTER TABLE entries ADD COLUMN reason TEXT")


def _run(db: sqlite3.Connection, script: str) -> None:
    # Not executescript(): it commits first, which would split a migration
    # from its version bump.
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (
    _migrate_1,
    _migrate_2,
    _migrate_3,
)
"""Ordered upgrades; after ``MIGRATIONS[n]`` the file is at version ``n + 1``."""

SCHEMA_VERSION = len(MIGRATIONS)


def check_version(db: sqlite3.Connection, path: Path) -> None:
    """Refuse a file from a newer Presence before anything touches it."""
    (version,) = db.execute("PRAGMA user_version").fetchone()
    if version > SCHEMA_VERSION:
        raise JournalError(
            _(
                "The journal at {path} was written by a newer version of Presence, "
                "so it is left untouched. Updating Presence will let you read it again."
            ).format(path=path)
        )


def upgrade(db: sqlite3.Connection) -> None:
    """Bring the schema to ``SCHEMA_VERSION``, one migration per transaction."""
    (version,) = db.execute("PRAGMA user_version").fetchone()
    for number in range(version, SCHEMA_VERSION):
        db.execute("BEGIN IMMEDIATE")
        try:
            MIGRATIONS[number](db)
            db.execute(f"PRAGMA user_version = {number + 1}")
        except BaseException:
            db.rollback()
            raise
        db.commit()


def create_private(path: Path) -> None:
    """Create the folder (0700) and the file (exactly 0600) before SQLite opens it."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        if os.name == "posix":
            os.fchmod(descriptor, 0o600)
    finally:
        os.close(descriptor)
