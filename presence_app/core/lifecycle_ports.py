"""What the pause lifecycle needs from the world, and what it tells it.

The lifecycle (``core.lifecycle``) is pure; it reaches the scheduler, the
journal, the bell and the windows only through these small protocols, so
tests drive it with fakes and the app plugs in the real parts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any, Literal, Protocol

from presence_app.core.cue import Cue, Outcome, Source
from presence_app.core.drafts import Draft


class State(StrEnum):
    IDLE = "idle"
    INVITED = "invited"
    PAUSING = "pausing"
    REFLECTING = "reflecting"


class SchedulerPort(Protocol):
    def next_cue(self, now: datetime) -> Cue | None: ...
    def quiet_status(self, now: datetime) -> tuple[datetime, str] | None: ...
    def record_pause(self, start: datetime, end: datetime, cue: Cue | None = None) -> None: ...
    def record_passed(self, cue: Cue, at: datetime) -> None: ...
    def record_away(self, start: datetime, end: datetime) -> None: ...
    def clock_moved(self, by: timedelta) -> None: ...


def journal_failures() -> tuple[type[Exception], ...]:
    """What writing to or reading the journal may raise: SQLite's errors and ``OSError``.

    Used as ``except journal_failures():``. Python looks at an ``except``
    clause only when something was raised, so SQLite is imported then, not
    at start-up (the app opens the journal only when it first needs it).
    """
    import sqlite3

    return (sqlite3.Error, OSError)


class JournalPort(Protocol):
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
    ) -> int: ...

    def finish_pause(
        self, entry_id: int, *, outcome: Outcome, started: datetime, ended: datetime
    ) -> None: ...

    def add_reflection(
        self,
        entry_id: int | None,
        *,
        written: datetime,
        prompt: str,
        text: str,
        feelings: tuple[str, ...] = (),
    ) -> int: ...


class Bell(Protocol):
    def prepare(self) -> None: ...
    def play(self, role: Literal["start", "end"]) -> None: ...


class Answers(Protocol):
    """What the windows may tell the lifecycle: the user's answers. Main thread only."""

    def accept(self) -> None: ...
    def let_pass(self, *, timed_out: bool = False) -> None: ...
    def end_early(self) -> None: ...
    def tick(self) -> None: ...
    def update_draft(self, text: str, feelings: tuple[str, ...]) -> None: ...
    def save_reflection(self, text: str, feelings: tuple[str, ...]) -> bool: ...
    def dismiss_reflection(self) -> None: ...
    def set_aside_reflection(self) -> None: ...


class View(Protocol):
    """What the UI shows. Main thread only."""

    def show_invitation(self, cue: Cue, timeout: timedelta) -> None: ...
    def show_pause(self, length: timedelta, ends_at: datetime) -> None: ...
    def show_reflection(self, draft: Draft, problem: str | None = None) -> None:
        """Show the reflection (or keep the open one, with its words) and ``problem``."""
        ...

    def close_windows(self) -> None: ...
    def report_problem(self, message: str) -> None: ...


@dataclass(frozen=True)
class Status:
    state: State
    next_cue: Cue | None
    quiet: tuple[datetime, str] | None
    pause_ends: datetime | None
    kept_quiet: tuple[datetime, str] | None = None
    """The last bell that stayed quiet at a bad moment, and why (until the next one)."""

    def to_json(self) -> dict[str, Any]:
        """The ``status`` reply of the command socket."""
        return {
            "state": self.state.value,
            "next_cue": self.next_cue.at.isoformat() if self.next_cue else None,
            "next_cue_passes": bool(self.next_cue and self.next_cue.passes),
            "quiet_until": self.quiet[0].isoformat() if self.quiet else None,
            "quiet_reason": self.quiet[1] if self.quiet else None,
            "pause_ends": self.pause_ends.isoformat() if self.pause_ends else None,
            "kept_quiet": (
                {"at": self.kept_quiet[0].isoformat(), "reason": self.kept_quiet[1]}
                if self.kept_quiet
                else None
            ),
        }
