"""The schedule engine: when the next bell rings, and why not sooner.

``Scheduler.next_cue(now)`` is a pure function of the rules, the persisted
``ScheduleState`` and ``now``; the app only arms one timer for the answer
and asks again after anything happens. Nothing depends on a timer having
fired on time.

How it works (the search itself is in ``core.bells``): starting from what
the state remembers, the engine takes the earliest bell the rules propose,
merged with the bells of other rules within ``MERGE_DISTANCE``. If it may
ring (not before ``now``, not in quiet, not in the grace period after a
return, not before a snoozed bell) it is the answer. Otherwise it did not
ring, so it counts as a bell that passed: interval rules count again from
it, and the search goes on. That one idea gives the rules of the issue: a
bell that fell in quiet or passed while away is never rung late, and the
countdown after it restarts from it.

The preview (``preview``) runs the same search but answers every bell with
a pause of its full length.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta, tzinfo

from presence_app.core.bells import MERGE_DISTANCE, BellSearch
from presence_app.core.cue import Cue
from presence_app.core.quiet import describe_quiet, parse_quiet
from presence_app.core.rules import RuleTimes
from presence_app.core.schedstate import ScheduleState, StateStore, new_seed
from presence_app.core.settings import ScheduleRule
from presence_app.core.timezone import local_midnight, local_zone

__all__ = [
    "MERGE_DISTANCE",
    "ScheduleState",
    "Scheduler",
    "StateStore",
    "describe_quiet",
    "local_zone",
    "parse_quiet",
    "preview",
]

_log = logging.getLogger(__name__)

MAX_STEPS = 50_000
"""A bound on bells that pass unrung in one search (a safety net only: a
day of one-minute bells is 1440)."""


class Scheduler:
    """Computes the next bell from rules and state, and keeps the state current.

    Main thread only (the state is mutable and unguarded).
    """

    def __init__(
        self,
        rules: Sequence[ScheduleRule],
        zone: tzinfo,
        state: ScheduleState,
        *,
        default_pause: timedelta,
        grace: timedelta,
        seed: int | None = None,
    ) -> None:
        self.state = state
        self._zone = zone
        self._seed = state.seed if seed is None else seed
        self._rules: list[RuleTimes] = []
        self._search = BellSearch([], default_pause=default_pause, grace=grace)
        self.update(rules, default_pause=default_pause, grace=grace)

    @property
    def zone(self) -> tzinfo:
        return self._zone

    def update(
        self,
        rules: Sequence[ScheduleRule],
        *,
        default_pause: timedelta,
        grace: timedelta,
        zone: tzinfo | None = None,
    ) -> None:
        """Take new settings (or a new zone) without losing the state."""
        if zone is not None:
            self._zone = zone
        self._rules = [RuleTimes(rule, self._zone, self._seed) for rule in rules]
        self._search = BellSearch(self._rules, default_pause=default_pause, grace=grace)

    # -- questions ---------------------------------------------------------

    def next_cue(self, now: datetime) -> Cue | None:
        """Return the next bell at or after ``now``, or None if none will ever ring.

        A bell the user asked to let pass comes back with ``passes=True``.
        Bells before ``now`` count as passed, so when a timer fires late, ring
        the ``Cue`` it was armed with instead of asking again.
        """
        floor = self._floor(now)
        search, state = self._search, self.state
        walk = search.start(state)
        for _ in range(MAX_STEPS):
            cue = search.proposal(state, walk, floor)
            if cue is None:
                return None
            if cue.at >= now and search.may_ring(state, cue, walk):
                return replace(cue, passes=state.skip_next)
            walk.passed(cue)
        _log.error("no bell found within %d passed bells; taking none", MAX_STEPS)
        return None

    def _floor(self, now: datetime) -> datetime:
        """Return where the search for the next bell starts.

        The local midnight before the day of ``now`` bounds the search, unless
        the last thing the state remembers (a pause, a bell, a return) is
        older: then the search starts there, so that the answer does not
        change as ``now`` moves on towards the bell. A state that remembers
        nothing at all starts from the day before ``now`` (the app records its
        own start as a return, so it always remembers something).
        """
        day_before = local_midnight(now, self._zone, days=-1)
        state = self.state
        ends = (end for _, end in state.aways)
        remembered = [
            t
            for t in (state.last_pause_end, state.last_bell, state.back_at, *ends)
            if t is not None and t <= now
        ]
        return min(day_before, max(remembered)) if remembered else day_before

    def quiet_status(self, now: datetime) -> tuple[datetime, str] | None:
        """Return (until, reason) while the user's quiet time lasts."""
        until = self.state.quiet_until
        if until is None or now >= until:
            return None
        reason = self.state.quiet_reason or describe_quiet(until, now, self._zone)
        return until, reason

    def next_day_opening(self, now: datetime) -> datetime:
        """Return the first window opening on a later local day ("until tomorrow")."""
        midnight = local_midnight(now, self._zone, days=1)
        openings = [o for t in self._rules if (o := t.openings_from(midnight)) is not None]
        return min(openings, default=midnight)

    # -- what happened ------------------------------------------------------

    def record_pause(self, start: datetime, end: datetime, cue: Cue | None = None) -> None:
        """Remember a pause, however it was started (``cue``: the bell it answered).

        A pause also answers a snoozed bell.
        """
        state = self.state
        start, end = _utc(start), _utc(end)
        state.last_pause_end = _latest(state.last_pause_end, end)
        state.last_bell = _latest(state.last_bell, start if cue is None else _utc(cue.at))
        state.aways = [(s, e) for s, e in state.aways if e > end]
        self._clear_snooze()

    def record_passed(self, cue: Cue, at: datetime) -> None:
        """Remember a bell that passed, fell quiet or was skipped (``at``: when)."""
        state = self.state
        state.last_bell = _latest(state.last_bell, _utc(cue.at))
        if cue.passes:
            state.skip_next = False
        if state.snoozed_until is not None and cue.at >= state.snoozed_until:
            self._clear_snooze()

    def record_away(self, start: datetime, end: datetime) -> None:
        """Remember time away (idle, locked or asleep) from ``start`` to ``end``.

        Call it on return or wake, before asking for the next bell.
        """
        start, end = _utc(start), _utc(end)
        if end <= start:
            return
        self.state.back_at = _latest(self.state.back_at, end)
        self.state.remember_away(start, end)

    def clock_moved(self, by: timedelta) -> None:
        """The wall clock was set by ``by``: move what the state remembers with it.

        A jump of the clock is not time passing. Every remembered instant (the
        last pause and bell, the last return, times away, a snoozed bell)
        moves by the same amount, so the next bell keeps its distance: after
        setting the clock back three hours, an ``every = "45m"`` rule still
        rings at most 45 minutes after the last pause, not hours later; after
        setting it forward, the bells in between do not count as missed.
        Quiet time is a promise in clock time ("until 17:00") and stays.
        """
        self.state.shift(by)

    def skip_next(self) -> None:
        """Let exactly one upcoming bell pass."""
        self.state.skip_next = True

    def cancel_skip(self) -> None:
        self.state.skip_next = False

    def set_quiet(self, until: datetime | None, reason: str | None) -> None:
        """Be quiet until an instant (None turns quiet off)."""
        self.state.quiet_until = None if until is None else _utc(until)
        self.state.quiet_reason = None if until is None else reason

    def snooze(self, until: datetime, cue: Cue | None = None) -> None:
        """Ring the due bell (``cue``) again at ``until``; nothing rings before."""
        self.state.snoozed_until = _utc(until)
        self.state.snoozed_rules = () if cue is None else cue.rules
        self.state.snoozed_pause = None if cue is None else cue.pause

    # -- the preview ----------------------------------------------------------

    def answered_bells(self, start: datetime, end: datetime) -> list[Cue]:
        """Return the bells in [start, end) if each is answered with its full pause.

        The search begins a day early, so a preview from 11:00 shows the
        same bells as one from the window's opening.
        """
        floor = local_midnight(start, self._zone, days=-1)
        search, state = self._search, self.state
        walk = search.start(state)
        bells: list[Cue] = []
        for _ in range(MAX_STEPS * 10):
            cue = search.proposal(state, walk, floor)
            if cue is None or cue.at >= end:
                break
            if search.may_ring(state, cue, walk):
                if cue.at >= start:
                    bells.append(cue)
                walk.pause_end = cue.at + cue.pause
            walk.passed(cue)
        return bells

    def _clear_snooze(self) -> None:
        self.state.snoozed_until = None
        self.state.snoozed_rules = ()
        self.state.snoozed_pause = None


def preview(
    rules: Sequence[ScheduleRule],
    zone: tzinfo,
    *,
    start: datetime,
    days: int,
    default_pause: timedelta,
    seed: int | None,
) -> list[Cue]:
    """Return the bells of ``days`` days from ``start``, each answered with its pause.

    Without a seed the jitter differs from run to run.
    """
    state = ScheduleState(seed=new_seed() if seed is None else seed)
    scheduler = Scheduler(rules, zone, state, default_pause=default_pause, grace=timedelta(0))
    return scheduler.answered_bells(start, start + timedelta(days=days))


def _latest(first: datetime | None, *others: datetime | None) -> datetime | None:
    present = [i for i in (first, *others) if i is not None]
    return max(present) if present else None


def _utc(instant: datetime) -> datetime:
    """Return an aware instant in UTC, so the state stays in one zone."""
    if instant.tzinfo is None:
        raise ValueError(f"the schedule needs aware instants, not {instant!r}")
    return instant.astimezone(UTC)
