"""The journal as the running app holds it: opened when first needed, again later when not.

The journal is opened the first time something is written or read, not at
start-up: most of the time the app only waits for the next bell, and SQLite
(its library and page cache) need not be in memory for that. A journal that
cannot be opened (a full disk, a folder that is not there yet, a file
another program holds) must not stay off until the next start.
``KeptJournal`` stands in for ``Journal``: each time something is written or
read it uses the open file, and if there is none it tries to open it again
(at most once per ``RETRY_AFTER``, so typing in the journal window's search
field does not hammer a broken disk). While it is closed,
writing raises ``OSError`` with the reason, so the lifecycle keeps the
user's words as a draft, and reading finds nothing.

A damaged file (SQLite's quick check failed) is never written into: it is
moved aside with a time stamp (``journalfile.set_aside``) and a fresh
journal is started, and the user is told where the old one is. A file from
a newer Presence is left untouched. Main thread only.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from presence_app.core.cue import Outcome, Source
from presence_app.i18n import _

if TYPE_CHECKING:  # imported when the journal is first opened
    from presence_app.core.journal import Journal, JournalEntry

log = logging.getLogger(__name__)

RETRY_AFTER = 30.0
"""Seconds before a journal that could not be opened is tried again."""


class KeptJournal:
    """A ``Journal`` that opens itself when it can. Main thread only."""

    def __init__(
        self,
        path: Path,
        *,
        report: Callable[[str], None],
        local_now: Callable[[], datetime] = datetime.now,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        """Keep the journal at ``path``; it is opened when first needed.

        Args:
            report: tells the user something (a calm sentence).
            local_now: the local wall time, for the name of a damaged file.
            monotonic: seconds for the retry delay.
        """
        self.path = path
        self._report = report
        self._local_now = local_now
        self._monotonic = monotonic
        self._journal: Journal | None = None
        self._problem = ""
        self._tried_at: float | None = None

    @property
    def is_open(self) -> bool:
        return self._journal is not None

    def _open(self) -> Journal | None:
        """Return the open journal, opening it if it is time to try."""
        if self._journal is not None:
            return self._journal
        now = self._monotonic()
        if self._tried_at is not None and now - self._tried_at < RETRY_AFTER:
            return None
        import sqlite3

        from presence_app.core.journalfile import JournalError

        first = self._tried_at is None
        self._tried_at = now
        try:
            self._journal = self._open_or_replace()
        except (JournalError, sqlite3.Error, OSError) as error:
            self._problem = str(error)
            log.warning("the journal %s could not be opened: %s", self.path, error)
            if first:
                self._report(
                    _(
                        "The journal {path} could not be opened ({reason}). Pauses still "
                        "work; reflections are kept as drafts, and Presence tries the journal "
                        "again each time it has something to write."
                    ).format(path=self.path, reason=error)
                )
            return None
        if not first:
            log.info("the journal %s is open again", self.path)
        return self._journal

    def _open_or_replace(self) -> Journal:
        from presence_app.core.journal import Journal
        from presence_app.core.journalfile import JournalDamaged, set_aside

        try:
            return Journal(self.path)
        except JournalDamaged as damage:
            log.warning("%s; moving it aside", damage)
        aside = set_aside(self.path, self._local_now())
        journal = Journal(self.path)
        self._report(
            _(
                "The journal was damaged, so Presence moved it aside to {path} and started a "
                "fresh one. Nothing in the old file was changed; entries in its undamaged "
                "parts may still be read with SQLite's recovery tools."
            ).format(path=aside)
        )
        return journal

    def _require(self) -> Journal:
        journal = self._open()
        if journal is None:
            raise OSError(
                _("the journal could not be opened: {reason}").format(reason=self._problem)
            )
        return journal

    # --- the Journal interface -------------------------------------------

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
        return self._require().record(
            outcome=outcome,
            source=source,
            rules=rules,
            planned=planned,
            cue_at=cue_at,
            started=started,
            ended=ended,
            reason=reason,
        )

    def finish_pause(
        self, entry_id: int, *, outcome: Outcome, started: datetime, ended: datetime
    ) -> None:
        self._require().finish_pause(entry_id, outcome=outcome, started=started, ended=ended)

    def add_reflection(
        self,
        entry_id: int | None,
        *,
        written: datetime,
        prompt: str,
        text: str,
        feelings: tuple[str, ...] = (),
    ) -> int:
        return self._require().add_reflection(
            entry_id, written=written, prompt=prompt, text=text, feelings=feelings
        )

    def entries(
        self,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        search: str | None = None,
    ) -> list[JournalEntry]:
        journal = self._open()
        return [] if journal is None else journal.entries(since=since, until=until, search=search)

    def prune(self, keep_days: int, now: datetime) -> int:
        journal = self._open()
        return 0 if journal is None else journal.prune(keep_days, now)

    def close(self) -> None:
        if self._journal is not None:
            self._journal.close()
            self._journal = None
