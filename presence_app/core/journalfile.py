"""The journal's file: created private, opened in WAL mode, schema kept current.

The file is created before SQLite opens it, with exactly 0600 whatever the
umask; SQLite gives its ``-wal`` and ``-shm`` files the same mode. The
schema is versioned with ``PRAGMA user_version`` and brought up to date by
the ordered ``MIGRATIONS``, one transaction each, so a failed upgrade leaves
the file at its last good version. A file from a newer Presence is refused
before anything (even the switch to WAL, which rewrites the header) touches
it.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path


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
        check_version(db, path)
        db.execute("PRAGMA journal_mode = WAL")
        upgrade(db)
    except BaseException:
        db.close()
        raise
    return db


class JournalError(Exception):
    """The journal file cannot be used as it is; the message says why."""


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
            f"The journal at {path} was written by a newer version of Presence, "
            "so it is left untouched. Updating Presence will let you read it again."
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
