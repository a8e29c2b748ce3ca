"""The schedule engine: when the next bell rings, and why not sooner.

``Scheduler.next_cue(now)`` is a pure function of the rules, the persisted
``ScheduleState`` and ``now``; the app only arms one timer for the answer
and asks again after anything happens. Nothing depends on a timer having
fired on time.

How it works: starting from what the state remembers (the last pause end,
the last bell, times away), the engine proposes each rule's next bell (see
``core.rules``), takes the earliest and merges the bells of other rules
within ``MERGE_DISTANCE`` of it. If that bell may ring (not before ``now``,
not in quiet, not in the grace period after a return, not before a snoozed
bell) it is the answer. Otherwise it did not ring, so it counts as a bell
that passed: interval rules count again from it, and the search goes on.
That one idea gives every rule of the issue: a bell that fell in quiet or
passed while away is never rung late, and the countdown after it restarts
from it.

The preview (``preview``) runs the same search but answers every bell with
a pause of its full length.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, tzinfo

from presence_app.core.cue import Cue
from presence_app.core.quiet import describe_quiet, parse_quiet
from presence_app.core.rules import RuleTimes
from presence_app.core.schedstate import ScheduleState, StateStore
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

MERGE_DISTANCE = timedelta(minutes=5)
"""Bells of different rules closer than this ring once; no two bells are
ever closer than this."""
MAX_STEPS = 50_000
"""A bound on bells that pass unrung in one search (a safety net only: a
day of one-minute bells is 1440)."""


@dataclass
class _Walk:
    """Where a search stands: the state's memory plus the bells passed since."""

    pause_end: datetime | None
    last_bell: datetime | None
    snoozed: Cue | None


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
        self._entries: list[tuple[RuleTimes, str, timedelta]] = []
        self._by_name: dict[str, list[RuleTimes]] = {}
        self._default_pause = default_pause
        self._grace = grace
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
        self._entries = [(t, t.rule.name, t.rule.pause or default_pause) for t in self._rules]
        self._by_name = {}
        for times in self._rules:
            self._by_name.setdefault(times.rule.name, []).append(times)
        self._default_pause = default_pause
        self._grace = grace

    # -- questions ---------------------------------------------------------

    def next_cue(self, now: datetime) -> Cue | None:
        """Return the next bell at or after ``now``, or None if none will ever ring.

        A bell the user asked to let pass comes back with ``passes=True``.
        Bells before ``now`` count as passed, so when a timer fires late, ring
        the ``Cue`` it was armed with instead of asking again.
        """
        floor = local_midnight(now, self._zone, days=-1)
        walk = self._walk()
        for _ in range(MAX_STEPS):
            cue = self._proposal(walk, floor)
            if cue is None:
                return None
            if cue.at >= now and self._may_ring(cue, walk):
                return replace(cue, passes=self.state.skip_next)
            self._pass(walk, cue)
        _log.error("no bell found within %d passed bells; taking none", MAX_STEPS)
        return None

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
        """Remember a pause, however it was started (``cue``: the bell it answered)."""
        state = self.state
        state.last_pause_end = _latest(state.last_pause_end, end)
        state.last_bell = _latest(state.last_bell, start if cue is None else cue.at)
        state.aways = [(s, e) for s, e in state.aways if e > end]
        self._clear_snooze()

    def record_passed(self, cue: Cue, at: datetime) -> None:
        """Remember a bell that passed, fell quiet or was skipped (``at``: when)."""
        state = self.state
        state.last_bell = _latest(state.last_bell, cue.at)
        if cue.passes:
            state.skip_next = False
        if state.snoozed_until is not None and cue.at >= state.snoozed_until:
            self._clear_snooze()

    def record_away(self, start: datetime, end: datetime) -> None:
        """Remember time away (idle, locked or asleep) from ``start`` to ``end``.

        Call it on return or wake, before asking for the next bell.
        """
        if end <= start:
            return
        self.state.back_at = _latest(self.state.back_at, end)
        self.state.remember_away(start, end)

    def skip_next(self) -> None:
        """Let exactly one upcoming bell pass."""
        self.state.skip_next = True

    def cancel_skip(self) -> None:
        self.state.skip_next = False

    def set_quiet(self, until: datetime | None, reason: str | None) -> None:
        """Be quiet until an instant (None turns quiet off)."""
        self.state.quiet_until = until
        self.state.quiet_reason = None if until is None else reason

    def snooze(self, until: datetime, cue: Cue | None = None) -> None:
        """Ring the due bell (``cue``) again at ``until``; nothing rings before."""
        self.state.snoozed_until = until
        self.state.snoozed_rules = () if cue is None else cue.rules
        self.state.snoozed_pause = None if cue is None else cue.pause

    # -- the preview ----------------------------------------------------------

    def answered_bells(self, start: datetime, end: datetime) -> list[Cue]:
        """Return the bells in [start, end) if each is answered with its full pause.

        The search begins a day early, so a preview from 11:00 shows the
        same bells as one from the window's opening.
        """
        floor = local_midnight(start, self._zone, days=-1)
        walk = self._walk()
        bells: list[Cue] = []
        for _ in range(MAX_STEPS * 10):
            cue = self._proposal(walk, floor)
            if cue is None or cue.at >= end:
                break
            if not self._may_ring(cue, walk):
                self._pass(walk, cue)
                continue
            if cue.at >= start:
                bells.append(cue)
            walk.pause_end = cue.at + cue.pause
            self._pass(walk, cue)
        return bells

    # -- the search -----------------------------------------------------------

    def _walk(self) -> _Walk:
        state = self.state
        snoozed = None
        if state.snoozed_until is not None and (
            state.last_bell is None or state.last_bell < state.snoozed_until
        ):
            pause = state.snoozed_pause or self._default_pause
            snoozed = Cue(at=state.snoozed_until, pause=pause, rules=state.snoozed_rules)
        return _Walk(state.last_pause_end, state.last_bell, snoozed)

    def _pass(self, walk: _Walk, cue: Cue) -> None:
        walk.last_bell = cue.at
        if walk.snoozed is not None and cue.at >= walk.snoozed.at:
            walk.snoozed = None

    def _proposal(self, walk: _Walk, floor: datetime) -> Cue | None:
        """Return the earliest proposed bell, merged with those close after it."""
        proposals: list[tuple[datetime, int, str, timedelta]] = []
        base = _later(floor, walk.pause_end)
        counted = _later(base, walk.last_bell)
        after_bell = base if walk.last_bell is None else max(base, walk.last_bell + MERGE_DISTANCE)
        for index, (times, name, pause) in enumerate(self._entries):
            if times.is_interval:
                at = self._interval(times, counted, walk.last_bell, pause)
            else:
                # A fixed time close after a bell was merged into that bell.
                at = times.fixed_candidate(after_bell)
            if at is not None:
                if self.state.back_at is not None:
                    at = self._after_grace(at, times)
                proposals.append((at, index, name, pause))
        snoozed = walk.snoozed
        if snoozed is not None:
            at = self._after_grace(snoozed.at, None)
            proposals.extend((at, -1, name, snoozed.pause) for name in snoozed.rules or ("",))
        if not proposals:
            return None
        proposals.sort()
        first = proposals[0][0]
        group = [p for p in proposals if p[0] < first + MERGE_DISTANCE]
        names = tuple(dict.fromkeys(p[2] for p in group if p[2]))
        return Cue(at=first, pause=max(p[3] for p in group), rules=names)

    def _interval(
        self, times: RuleTimes, counted: datetime, last_bell: datetime | None, pause: timedelta
    ) -> datetime | None:
        """Return an interval rule's next bell, counting from a time away if it was one."""
        if self.state.aways:
            counted = _later(counted, self._natural_pause_end(pause))
        found = times.interval_candidate(counted)
        if found is not None and last_bell is not None:
            found = max(found, last_bell + MERGE_DISTANCE)
        return found

    def _natural_pause_end(self, pause: timedelta) -> datetime | None:
        """Return the end of the latest time away at least as long as ``pause``."""
        ends = [end for start, end in self.state.aways if end - start >= pause]
        return max(ends, default=None)

    def _after_grace(self, at: datetime, times: RuleTimes | None) -> datetime:
        """Move a bell out of the grace period after a return, if the rule allows."""
        back = self.state.back_at
        if back is None or not back <= at < back + self._grace:
            return at
        moved = back + self._grace
        if times is not None and not times.is_active(moved):
            return at  # stays in the grace period, so it passes unrung
        return moved

    def _may_ring(self, cue: Cue, walk: _Walk) -> bool:
        state = self.state
        if state.quiet_until is not None and cue.at < state.quiet_until:
            return False
        if walk.snoozed is not None and cue.at < walk.snoozed.at:
            return False
        back = state.back_at
        if back is not None and back <= cue.at < back + self._grace:
            return False
        own = [t for name in cue.rules for t in self._by_name.get(name, ())]
        return not own or any(t.is_active(cue.at) for t in own)

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
    state = ScheduleState(seed=secrets.randbits(31) if seed is None else seed)
    scheduler = Scheduler(rules, zone, state, default_pause=default_pause, grace=timedelta(0))
    return scheduler.answered_bells(start, start + timedelta(days=days))


def _latest(first: datetime | None, *others: datetime | None) -> datetime | None:
    present = [i for i in (first, *others) if i is not None]
    return max(present) if present else None


def _later(first: datetime, *others: datetime | None) -> datetime:
    return max([first, *(i for i in others if i is not None)])
