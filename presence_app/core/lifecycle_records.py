"""How the pause lifecycle writes to the journal without ever stopping for it.

Every bell and pause becomes a journal entry. A pause is written the moment
it begins (as ``unfinished``) and completed when it ends, so a kill in
between loses at most its ending. Writing can fail (a full disk, a journal
that could not be opened): the failure is logged and the lifecycle goes on,
because the bells must not wait on the disk. Words the user wrote are a
different matter; the lifecycle keeps those itself (see ``not_kept``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from presence_app.core.cue import Cue, Outcome, Source
from presence_app.core.lifecycle_moment import Pause
from presence_app.core.lifecycle_ports import JournalPort, journal_failures

log = logging.getLogger(__name__)


def not_kept(error: BaseException) -> str:
    """The sentence shown in the reflection window when saving failed."""
    return (
        f"Your words could not be kept in the journal just now ({error}). "
        "They are still here, and kept as a draft: try Keep it again in a moment, "
        "or close this window and they will be offered again after your next pause."
    )


class Records:
    """Writes entries through a ``JournalPort``; never raises for a failed write."""

    def __init__(self, journal: JournalPort, default_pause: Callable[[], timedelta]) -> None:
        self._journal = journal
        self._default_pause = default_pause

    def record(
        self,
        outcome: Outcome,
        source: Source,
        cue: Cue | None,
        *,
        planned: timedelta | None = None,
        started: datetime | None = None,
        ended: datetime | None = None,
        reason: str | None = None,
    ) -> int | None:
        """Write one entry; return its id, or None if it could not be written."""
        try:
            return self._journal.record(
                outcome=outcome,
                source=source,
                rules=cue.rules if cue else (),
                planned=planned or (cue.pause if cue else self._default_pause()),
                cue_at=cue.at if cue else None,
                started=started,
                ended=ended,
                reason=reason,
            )
        except journal_failures():
            log.exception("could not write to the journal")
            return None

    def begin(
        self, started: datetime, length: timedelta, source: Source, cue: Cue | None
    ) -> Pause:
        """Write a pause that begins now, as ``unfinished``; return it."""
        entry = self.record(Outcome.UNFINISHED, source, cue, planned=length, started=started)
        return Pause(started, length, source, cue, entry)

    def finish(self, pause: Pause, outcome: Outcome, end: datetime) -> int | None:
        """Complete the pause's entry (or write it whole); return its id."""
        if pause.entry_id is None:
            return self.record(
                outcome,
                pause.source,
                pause.cue,
                planned=pause.length,
                started=pause.started,
                ended=end,
            )
        try:
            self._journal.finish_pause(
                pause.entry_id, outcome=outcome, started=pause.started, ended=end
            )
        except journal_failures():
            log.exception("could not complete the pause's journal entry")
        return pause.entry_id
