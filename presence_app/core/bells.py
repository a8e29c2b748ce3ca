"""The search for the next bell, shared by ``next_cue`` and the preview.

Starting from what the state remembers (the last pause end, the last bell,
times away), every rule proposes its next bell (see ``core.rules``); the
earliest wins and the proposals of other rules within ``MERGE_DISTANCE``
merge into it. The caller then asks whether that bell may ring (not in
quiet, not in the grace period after a return, not before a snoozed bell,
inside its rule's window). A bell that may not ring counts as a bell that
passed: the walk moves on from it, interval rules count again from it, and
fixed times close after it are taken as rung with it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from presence_app.core.cue import Cue
from presence_app.core.rules import RuleTimes
from presence_app.core.schedstate import ScheduleState

MERGE_DISTANCE = timedelta(minutes=5)
"""Bells of different rules closer than this ring once; no two bells are
ever closer than this."""


@dataclass
class Walk:
    """Where a search stands: the state's memory plus the bells passed since."""

    pause_end: datetime | None
    last_bell: datetime | None
    snoozed: Cue | None

    def passed(self, cue: Cue) -> None:
        """Move on past a bell (rung or not)."""
        self.last_bell = cue.at
        if self.snoozed is not None and cue.at >= self.snoozed.at:
            self.snoozed = None


class BellSearch:
    """Proposes bells for a set of rules; the state is passed in on each call."""

    def __init__(
        self, rules: Sequence[RuleTimes], *, default_pause: timedelta, grace: timedelta
    ) -> None:
        self.rules = list(rules)
        self.default_pause = default_pause
        self.grace = grace
        self._entries = [(t, t.rule.name, t.rule.pause or default_pause) for t in self.rules]
        self._by_name: dict[str, list[RuleTimes]] = {}
        for times in self.rules:
            self._by_name.setdefault(times.rule.name, []).append(times)

    def start(self, state: ScheduleState) -> Walk:
        """Return a walk that starts from what the state remembers."""
        snoozed = None
        if state.snoozed_until is not None and (
            state.last_bell is None or state.last_bell < state.snoozed_until
        ):
            pause = state.snoozed_pause or self.default_pause
            snoozed = Cue(at=state.snoozed_until, pause=pause, rules=state.snoozed_rules)
        return Walk(state.last_pause_end, state.last_bell, snoozed)

    def proposal(self, state: ScheduleState, walk: Walk, floor: datetime) -> Cue | None:
        """Return the earliest proposed bell, merged with those close after it."""
        proposals: list[tuple[datetime, int, str, timedelta]] = []
        base = later(floor, walk.pause_end)
        counted = later(base, walk.last_bell)
        after_bell = base if walk.last_bell is None else max(base, walk.last_bell + MERGE_DISTANCE)
        for index, (times, name, pause) in enumerate(self._entries):
            if times.is_interval:
                at = self._interval(state, times, counted, walk.last_bell, pause)
            else:
                # A fixed time close after a bell was merged into that bell.
                at = times.fixed_candidate(after_bell)
            if at is not None:
                if state.back_at is not None:
                    at = self._after_grace(state.back_at, at, times)
                proposals.append((at, index, name, pause))
        snoozed = walk.snoozed
        if snoozed is not None:
            at = self._after_grace(state.back_at, snoozed.at, None)
            proposals.extend((at, -1, name, snoozed.pause) for name in snoozed.rules or ("",))
        if not proposals:
            return None
        proposals.sort()
        first = proposals[0][0]
        group = [p for p in proposals if p[0] < first + MERGE_DISTANCE]
        names = tuple(dict.fromkeys(p[2] for p in group if p[2]))
        return Cue(at=first, pause=max(p[3] for p in group), rules=names)

    def may_ring(self, state: ScheduleState, cue: Cue, walk: Walk) -> bool:
        """Tell whether a proposed bell may ring (given it is not in the past)."""
        if state.quiet_until is not None and cue.at < state.quiet_until:
            return False
        if walk.snoozed is not None and cue.at < walk.snoozed.at:
            return False
        back = state.back_at
        if back is not None and back <= cue.at < back + self.grace:
            return False
        own = [t for name in cue.rules for t in self._by_name.get(name, ())]
        return not own or any(t.is_active(cue.at) for t in own)

    def _interval(
        self,
        state: ScheduleState,
        times: RuleTimes,
        counted: datetime,
        last_bell: datetime | None,
        pause: timedelta,
    ) -> datetime | None:
        """Return an interval rule's next bell, counting from a time away if it was one."""
        if state.aways:
            ends = [end for start, end in state.aways if end - start >= pause]
            counted = later(counted, max(ends, default=None))
        found = times.interval_candidate(counted)
        if found is not None and last_bell is not None:
            found = max(found, last_bell + MERGE_DISTANCE)
        return found

    def _after_grace(
        self, back: datetime | None, at: datetime, times: RuleTimes | None
    ) -> datetime:
        """Move a bell out of the grace period after a return, if the rule allows."""
        if back is None or not back <= at < back + self.grace:
            return at
        moved = back + self.grace
        if times is not None and not times.is_active(moved):
            return at  # stays in the grace period, so it passes unrung
        return moved


def later(first: datetime, *others: datetime | None) -> datetime:
    """Return the latest of the instants given (None ones are ignored)."""
    return max([first, *(i for i in others if i is not None)])
