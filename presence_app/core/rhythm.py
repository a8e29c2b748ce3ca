"""The rhythm of pauses: what the last days looked like, as plain data.

Why: the journal window opens with a quiet look-back over the last seven
days (or four weeks): when in each day a pause was taken and for how long,
and where a bell passed or stayed quiet. This module turns journal entries
into that picture's data; the widget in ``ui.rhythm`` only paints it.

Main ideas:

- Days are local calendar days in the user's zone, counted back from a
  given "today", so a daylight-saving day is still one row. Times of day
  are local wall-clock times (what the clock on the wall said), while a
  pause's length is the real time between its start and its end.
- Only facts are kept: start times, lengths, outcomes. Nothing here is
  summed into a score, compared to a goal or strung into a streak.
- Words written without a bell or a pause (``is_reflection_only``) are not
  part of the rhythm: they are neither a pause nor a bell.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from presence_app.core.cue import Cue, Outcome
from presence_app.core.journal import JournalEntry

__all__ = [
    "DAYS",
    "coming_days",
    "WEEKS",
    "Bell",
    "Pause",
    "RhythmDay",
    "hour_span",
    "look_back",
]

DAYS = 7
"""The usual look-back: one week, today included."""
WEEKS = 28
"""The longer look-back: four weeks, today included."""
EARLIEST_HOUR = 7
LATEST_HOUR = 21
"""The day's line runs from 07:00 to 21:00 unless a pause or bell lies outside."""


@dataclass(frozen=True)
class Pause:
    """One pause taken: when it began (local wall clock) and how long it lasted."""

    start: time
    length: timedelta
    outcome: Outcome
    """``COMPLETED`` or ``ENDED_EARLY``."""


@dataclass(frozen=True)
class Bell:
    """One bell that was not answered with a recorded pause."""

    at: time
    outcome: Outcome
    """``PASSED``, ``QUIET`` or ``RANG`` (a sound-only bell)."""


@dataclass(frozen=True)
class RhythmDay:
    """One local day: its pauses and its other bells, each in time order."""

    day: date
    pauses: tuple[Pause, ...] = ()
    bells: tuple[Bell, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not self.pauses and not self.bells


def look_back(
    entries: Iterable[JournalEntry], zone: tzinfo | None, today: date, days: int = DAYS
) -> tuple[RhythmDay, ...]:
    """Return the last ``days`` local days, oldest first, ending with ``today``.

    Args:
        zone: the user's zone; None means the system's local zone.
    """
    first = today - timedelta(days=days - 1)
    pauses: dict[date, list[Pause]] = {}
    bells: dict[date, list[Bell]] = {}
    for entry in entries:
        if entry.started is None and entry.cue_at is None:
            continue
        local = entry.at.astimezone(zone)
        if not first <= local.date() <= today:
            continue
        if entry.started is not None:
            pause = Pause(_wall_time(local), _length(entry), entry.outcome)
            pauses.setdefault(local.date(), []).append(pause)
        else:
            bells.setdefault(local.date(), []).append(Bell(_wall_time(local), entry.outcome))
    return tuple(
        RhythmDay(
            day,
            tuple(sorted(pauses.get(day, []), key=lambda p: p.start)),
            tuple(sorted(bells.get(day, []), key=lambda b: b.at)),
        )
        for day in (first + timedelta(days=n) for n in range(days))
    )


def coming_days(
    cues: Iterable[Cue], zone: tzinfo | None, first: date, days: int = DAYS
) -> tuple[RhythmDay, ...]:
    """Return ``days`` local days from ``first`` with the bells a preview expects.

    Each bell is drawn as the pause it invites (the preview assumes every bell
    is answered), so the coming week looks like a look-back at a week to come.
    """
    pauses: dict[date, list[Pause]] = {}
    for cue in cues:
        local = cue.at.astimezone(zone)
        pause = Pause(_wall_time(local), cue.pause, Outcome.COMPLETED)
        pauses.setdefault(local.date(), []).append(pause)
    span = (first + timedelta(days=n) for n in range(days))
    return tuple(
        RhythmDay(day, tuple(sorted(pauses.get(day, []), key=lambda p: p.start))) for day in span
    )


def hour_span(days: Sequence[RhythmDay]) -> tuple[int, int]:
    """Return the whole hours the day's line should cover, e.g. ``(7, 21)``.

    The usual 07:00–21:00 widens to take in every pause (to its end) and
    every bell, but never beyond the day itself (0–24).
    """
    earliest, latest = float(EARLIEST_HOUR), float(LATEST_HOUR)
    for day in days:
        for pause in day.pauses:
            start = _hours(pause.start)
            earliest = min(earliest, start)
            latest = max(latest, start + pause.length.total_seconds() / 3600)
        for bell in day.bells:
            earliest = min(earliest, _hours(bell.at))
            latest = max(latest, _hours(bell.at))
    return max(0, math.floor(earliest)), min(24, math.ceil(latest))


def _hours(moment: time) -> float:
    return moment.hour + moment.minute / 60 + moment.second / 3600


def _wall_time(local: datetime) -> time:
    return local.time().replace(microsecond=0)


def _length(entry: JournalEntry) -> timedelta:
    """The real time a pause lasted; its planned length if no end was recorded."""
    if entry.started is not None and entry.ended is not None:
        # In UTC, so a daylight-saving jump in the middle adds or takes nothing.
        taken = entry.ended.astimezone(UTC) - entry.started.astimezone(UTC)
        return max(taken, timedelta(0))
    return entry.planned
