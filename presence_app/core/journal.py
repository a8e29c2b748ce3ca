"""The journal: every bell and pause, and the reflections written after them.

It is one SQLite file in the user's data folder, private to the user (0600,
whatever the umask; SQLite gives its ``-wal`` and ``-shm`` files the same
mode), in WAL mode so a crash mid-write never loses what was already saved.
One ``Journal`` holds one connection and is used from the main thread only.

Main ideas:

- Instants are stored as UTC ISO-8601 text of fixed width, so text order is
  time order, and come back as aware datetimes.
- Each entry has a sort instant ``at``: the pause start, else the bell's
  time, else (for a reflection that has no pause, see below) the moment it
  was written. ``since``/``until``, ordering and retention all use it.
- Opening, privacy and the versioned schema live in ``journalfile``.
- A reflection normally belongs to the entry of the pause before it. If that
  entry could not be recorded (a full disk, say), ``add_reflection(None,
  ...)`` still keeps the words: it records an entry of its own with no bell
  and no pause (``JournalEntry.is_reflection_only``). Its outcome and source
  are stored as ``completed``/``command`` only because the columns need a
  value; exports do not show them.

Errors from SQLite (``sqlite3.Error``) and the file system (``OSError``)
reach the caller unchanged, who keeps the user's words and says so.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from presence_app.core.cue import Outcome, Source
from presence_app.core.journalfile import (
    JournalDamaged,
    JournalError,
    open_database,
    open_read_only,
)

__all__ = ["Journal", "JournalDamaged", "JournalEntry", "JournalError", "Reflection"]


@dataclass(frozen=True)
class Reflection:
    written: datetime
    prompt: str
    text: str
    feelings: tuple[str, ...]


@dataclass(frozen=True)
class JournalEntry:
    id: int
    cue_at: datetime | None
    """The bell's time (None for a pause started by hand)."""
    started: datetime | None
    """Pause start (None if no pause happened)."""
    ended: datetime | None
    outcome: Outcome
    source: Source
    rules: tuple[str, ...]
    planned: timedelta
    """Planned pause length."""
    reflection: Reflection | None
    reason: str | None = None
    """Why a bell stayed quiet ("Quiet during a call"), when it did and it is known."""

    @property
    def at(self) -> datetime:
        """The instant the entry is filed under: pause start, bell, or writing."""
        when = self.started or self.cue_at
        if when is None and self.reflection is not None:
            when = self.reflection.written
        assert when is not None, "every stored entry has a pause, a bell or a reflection"
        return when

    @property
    def is_reflection_only(self) -> bool:
        """True for words kept without a recorded bell or pause."""
        return self.cue_at is None and self.started is None


_SELECT = """
    SELECT e.id, e.cue_at, e.started, e.ended, e.outcome, e.source, e.rules,
           e.planned_seconds, r.written, r.prompt, r.text, r.feelings, e.reason
    FROM entries e LEFT JOIN reflections r ON r.entry_id = e.id
"""


class Journal:
    """The journal file. Main thread only."""

    def __init__(self, path: Path, *, read_only: bool = False) -> None:
        """Open the journal, creating, checking and upgrading it as needed.

        With ``read_only`` nothing is created, checked or changed: for exports.

        Raises:
            JournalDamaged: the quick check found damage (never when read-only).
            JournalError: the file was written by a newer Presence.
            sqlite3.Error: the file is not a usable SQLite database.
            OSError: the folder or file cannot be created.
        """
        self.path = path
        self._db = open_read_only(path) if read_only else open_database(path)
        self._db.create_function("contains", 2, _contains, deterministic=True)

    def record(
        self,
        *,
        outcome: Outcome,
        source: Source,
        rules: tuple[str, ...] = (),
        planned: timedelta,
        cue_at: datetime | None = None,
        started: datetime | None = None,
        ended: datetime | None = None,
        reason: str | None = None,
    ) -> int:
        """Record one bell or pause and return its entry id.

        Raises:
            ValueError: neither ``cue_at`` nor ``started`` is given, or a time is naive.
        """
        when = started or cue_at
        if when is None:
            raise ValueError("an entry needs the bell's time or the pause start")
        with self._db:
            cursor = self._db.execute(
                "INSERT INTO entries (at, cue_at, started, ended, outcome, source, rules,"
                " planned_seconds, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    _to_text(when),
                    _to_text(cue_at),
                    _to_text(started),
                    _to_text(ended),
                    outcome.value,
                    source.value,
                    json.dumps(list(rules)),
                    round(planned.total_seconds()),
                    reason,
                ),
            )
        return _row_id(cursor)

    def finish_pause(
        self, entry_id: int, *, outcome: Outcome, started: datetime, ended: datetime
    ) -> None:
        """Complete the entry of a pause recorded when it began (``unfinished``).

        ``started`` is written again: it moves when the wall clock is set
        during the pause.

        Raises:
            ValueError: a time is naive.
        """
        with self._db:
            self._db.execute(
                "UPDATE entries SET outcome = ?, at = ?, started = ?, ended = ? WHERE id = ?",
                (outcome.value, _text(started), _text(started), _text(ended), entry_id),
            )

    def add_reflection(
        self,
        entry_id: int | None,
        *,
        written: datetime,
        prompt: str,
        text: str,
        feelings: tuple[str, ...] = (),
    ) -> int:
        """Keep a reflection with its entry and return the reflection's id.

        With ``entry_id`` None, or one that names no entry (a draft written
        before a damaged journal was replaced), the reflection gets an entry
        of its own (see the module docstring): the words are never refused. A
        second reflection for the same entry replaces the first: the
        reflection window saves once per pause.

        Raises:
            ValueError: ``written`` is naive.
        """
        with self._db:
            known = (
                entry_id is not None
                and self._db.execute("SELECT 1 FROM entries WHERE id = ?", (entry_id,)).fetchone()
            )
            if known:
                self._db.execute("DELETE FROM reflections WHERE entry_id = ?", (entry_id,))
            else:
                entry_id = self._record_reflection_only(written)
            cursor = self._db.execute(
                "INSERT INTO reflections (entry_id, written, prompt, text, feelings)"
                " VALUES (?, ?, ?, ?, ?)",
                (entry_id, _to_text(written), prompt, text, json.dumps(list(feelings))),
            )
        return _row_id(cursor)

    def _record_reflection_only(self, written: datetime) -> int:
        cursor = self._db.execute(
            "INSERT INTO entries (at, outcome, source, planned_seconds) VALUES (?, ?, ?, 0)",
            (_to_text(written), Outcome.COMPLETED.value, Source.COMMAND.value),
        )
        return _row_id(cursor)

    def entries(
        self,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        search: str | None = None,
    ) -> list[JournalEntry]:
        """Return entries with ``since <= at < until``, oldest first.

        ``search`` keeps entries whose reflection (prompt, text, feelings) or
        rule names contain it, ignoring case.
        """
        clauses: list[str] = []
        values: list[str] = []
        if since is not None:
            clauses.append("e.at >= ?")
            values.append(_text(since))
        if until is not None:
            clauses.append("e.at < ?")
            values.append(_text(until))
        if search:
            clauses.append(
                "(contains(r.text, ?) OR contains(r.prompt, ?) OR contains(r.feelings, ?)"
                " OR contains(e.rules, ?))"
            )
            values.extend([search] * 4)
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        rows = self._db.execute(f"{_SELECT}{where} ORDER BY e.at, e.id", values)
        return [_entry(row) for row in rows]

    def prune(self, keep_days: int, now: datetime) -> int:
        """Delete entries filed more than ``keep_days`` before ``now``.

        Returns how many entries were deleted; ``keep_days`` 0 keeps everything.
        """
        if keep_days <= 0:
            return 0
        with self._db:
            cursor = self._db.execute(
                "DELETE FROM entries WHERE at < ?", (_text(now - timedelta(days=keep_days)),)
            )
        return cursor.rowcount

    def close(self) -> None:
        """Close the file (a checkpoint folds the WAL back into it)."""
        self._db.close()


def _contains(haystack: str | None, needle: str) -> bool:
    return haystack is not None and needle.casefold() in haystack.casefold()


def _text(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError(f"journal times must be aware, got {moment.isoformat()}")
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def _to_text(moment: datetime | None) -> str | None:
    return None if moment is None else _text(moment)


def _from_text(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


def _row_id(cursor: sqlite3.Cursor) -> int:
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def _entry(row: tuple[Any, ...]) -> JournalEntry:
    (id_, cue_at, started, ended, outcome, source, rules, planned) = row[:8]
    written, prompt, text, feelings, reason = row[8:]
    reflection = None
    if written is not None:
        reflection = Reflection(
            written=datetime.fromisoformat(written),
            prompt=prompt,
            text=text,
            feelings=tuple(json.loads(feelings)),
        )
    return JournalEntry(
        id=id_,
        cue_at=_from_text(cue_at),
        started=_from_text(started),
        ended=_from_text(ended),
        outcome=Outcome(outcome),
        source=Source(source),
        rules=tuple(json.loads(rules)),
        planned=timedelta(seconds=planned),
        reflection=reflection,
        reason=reason,
    )
