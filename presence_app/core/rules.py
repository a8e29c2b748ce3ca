"""What one schedule rule asks for, in UTC instants.

A rule is written in local wall time: weekdays, active windows ("hours")
and either an interval (``every``) or fixed times (``at``). This module
turns that into instants, one question at a time:

- ``RuleTimes.interval_candidate(start)``: when would this rule ring if its
  countdown had been running since ``start`` (the latest pause, bell or time
  away)? The countdown starts at the latest of ``start`` and the opening of
  the active window; a bell that would land at or after the window's close
  is dropped and the next window starts a fresh countdown.
- ``RuleTimes.fixed_candidate(start)``: the first fixed time at or after
  ``start``.
- ``RuleTimes.is_active(instant)``: is the rule's active window open then?

Windows that touch (every day, the whole day) are joined, so midnight is
not a window opening. Jitter is derived from the seed, the rule's name and
the countdown's start, so the same state always gives the same bell and a
restart does not reshuffle anything. Everything per local day is cached:
the preview of a year asks the same days many times.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from presence_app.core.settings import ScheduleRule, TimeWindow
from presence_app.core.timezone import wall_to_instant

try:
    # CPython's own BLAKE2. ``hashlib`` gives the same function but also loads
    # OpenSSL (about 4 MB resident for the app's whole life) for nothing else.
    from _blake2 import blake2b
except ImportError:  # another Python: the same function through hashlib
    from hashlib import blake2b

WHOLE_DAY = (TimeWindow(time(0, 0), time(0, 0)),)
SEARCH_DAYS = 9
"""How far ahead a rule is searched before it is taken to never ring (a
week, plus room for windows that cross midnight)."""

Span = tuple[datetime, datetime]
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)
_MASK = 2**64 - 1


def rule_key(seed: int, name: str) -> int:
    """Return a 64-bit key for one rule's jitter, stable across runs and platforms."""
    digest = blake2b(f"{seed}|{name}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big")


def jitter_offset(key: int, anchor: datetime, jitter: timedelta) -> timedelta:
    """Return a whole-second offset, uniform within ±jitter, fixed by its inputs.

    ``key`` comes from ``rule_key``; the anchor (the countdown's start) is
    mixed in with SplitMix64, which is cheap and spreads nearby anchors well.
    """
    if jitter <= timedelta(0):
        return timedelta(0)
    mixed = (key ^ ((anchor - _EPOCH) // _MICROSECOND)) & _MASK
    mixed = (mixed + 0x9E3779B97F4A7C15) & _MASK
    mixed = ((mixed ^ (mixed >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    mixed = ((mixed ^ (mixed >> 27)) * 0x94D049BB133111EB) & _MASK
    draw = (mixed ^ (mixed >> 31)) / 2**64
    limit = int(jitter.total_seconds())
    return timedelta(seconds=round((2 * draw - 1) * limit))


@dataclass
class RuleTimes:
    """One rule in one zone, with its per-day instants cached."""

    rule: ScheduleRule
    zone: tzinfo
    seed: int
    _spans: dict[date, list[Span]] = field(default_factory=dict, repr=False)
    _fixed: dict[date, list[datetime]] = field(default_factory=dict, repr=False)
    _memo: tuple[datetime, datetime, datetime | None] | None = field(default=None, repr=False)
    """The last answer and the starts it holds for: (from, until, answer)."""
    _last_span: Span | None = field(default=None, repr=False)
    """The last (joined) window a countdown ran in; most questions fall in it."""

    def __post_init__(self) -> None:
        self._key = rule_key(self.seed, self.rule.name)
        self.is_interval = self.rule.every is not None

    def interval_candidate(self, start: datetime) -> datetime | None:
        """Return this interval rule's next bell for a countdown since ``start``."""
        memo = self._memo
        if memo is not None and memo[0] <= start <= memo[1]:
            return memo[2]
        every = self.rule.every
        assert every is not None, "only interval rules have a countdown"
        span = self._last_span
        if span is None or not span[0] <= start < span[1]:
            span = self._span_from(start)
        # Any start up to the next opening gives the same answer: remember it.
        holds_until = start if span is None or span[0] <= start else span[0]
        bell: datetime | None = None
        for _ in range(SEARCH_DAYS * max(1, len(self.rule.hours))):
            if span is None:
                break
            anchor = max(start, span[0])
            offset = jitter_offset(self._key, anchor, self.rule.jitter)
            # Never closer than half the interval to the countdown's start.
            bell = anchor + max(every + offset, every / 2)
            if bell >= span[1]:
                span = self._extend(span, bell)
            if bell < span[1]:
                self._last_span = span
                break
            bell = None
            span = self._span_from(span[1])
        self._memo = (start, holds_until, bell)
        return bell

    def fixed_candidate(self, start: datetime) -> datetime | None:
        """Return the first of this rule's fixed times at or after ``start``."""
        memo = self._memo
        if memo is not None and memo[0] <= start <= memo[1]:
            return memo[2]
        first = start.astimezone(self.zone).date() - timedelta(days=1)
        for number in range(SEARCH_DAYS + 1):
            for instant in self._fixed_on(first + timedelta(days=number)):
                if instant >= start:
                    self._memo = (start, instant, instant)
                    return instant
        return None

    def is_active(self, instant: datetime) -> bool:
        """Tell whether the rule's active window is open at ``instant``."""
        span = self._last_span
        if span is not None and span[0] <= instant < span[1]:
            return True
        day = instant.astimezone(self.zone).date()
        if not self.rule.hours:
            return day.weekday() in self.rule.days
        for number in (-1, 0):
            for opening, closing in self._spans_on(day + timedelta(days=number)):
                if opening <= instant < closing:
                    return True
        return False

    def openings_from(self, start: datetime) -> datetime | None:
        """Return the first window opening at or after ``start`` (joined windows
        count from each day's own opening)."""
        first = start.astimezone(self.zone).date()
        for number in range(SEARCH_DAYS):
            for opening, _ in self._spans_on(first + timedelta(days=number)):
                if opening >= start:
                    return opening
        return None

    def _fixed_on(self, day: date) -> list[datetime]:
        cached = self._fixed.get(day)
        if cached is None:
            cached = []
            if day.weekday() in self.rule.days:
                instants = {wall_to_instant(day, at, self.zone) for at in self.rule.at}
                cached = sorted(i for i in instants if not self.rule.hours or self.is_active(i))
            self._fixed[day] = cached
        return cached

    def _spans_on(self, day: date) -> list[Span]:
        """The raw windows opening on ``day`` (empty on an inactive day)."""
        cached = self._spans.get(day)
        if cached is None:
            cached = []
            if day.weekday() in self.rule.days:
                cached = sorted(self._window(day, w) for w in self.rule.hours or WHOLE_DAY)
            self._spans[day] = cached
        return cached

    def _window(self, day: date, window: TimeWindow) -> Span:
        crosses = window.end <= window.start
        closing_day = day + timedelta(days=1) if crosses else day
        opening = wall_to_instant(day, window.start, self.zone)
        return opening, wall_to_instant(closing_day, window.end, self.zone)

    def _span_from(self, start: datetime) -> Span | None:
        """Return the first window that is open at or opens after ``start``."""
        first = start.astimezone(self.zone).date() - timedelta(days=1)
        found: Span | None = None
        for number in range(SEARCH_DAYS + 1):
            for span in self._spans_on(first + timedelta(days=number)):
                if span[1] > start and (found is None or span[0] < found[0]):
                    found = span
            if found is not None:
                return found
        return None

    def _extend(self, span: Span, until: datetime) -> Span:
        """Join the windows that touch ``span`` until it reaches past ``until``."""
        opening, closing = span
        while closing <= until:
            later = self._touching(closing)
            if later is None:
                break
            closing = later
        return opening, closing

    def _touching(self, instant: datetime) -> datetime | None:
        """Return the furthest close of the windows open at ``instant``."""
        day = instant.astimezone(self.zone).date()
        best: datetime | None = None
        for number in (-1, 0):
            for opening, closing in self._spans_on(day + timedelta(days=number)):
                if opening <= instant < closing and (best is None or closing > best):
                    best = closing
        return best
