"""Times away from idle samples, at exact instants on a fake clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from presence_app.core.away import AwayTracker, TimeAway
from presence_app.core.clock import FakeClock

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
AWAY_AFTER = timedelta(minutes=3)


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


# Each sample: (minutes after T0, idle seconds or None). Expected: the times
# away reported, as (sample index, start minute, end minute).
CASES = {
    "never idle long enough": (
        [(1, 30.0), (2, 90.0), (3, 170.0), (4, 20.0)],
        [],
    ),
    "away, then back": (
        [(1, 60.0), (4, 240.0), (5, 300.0), (6, 30.0)],
        [(3, 0.0, 5.5)],
    ),
    "away exactly at the threshold": (
        [(3, 180.0), (4, 0.0)],
        [(1, 0.0, 4.0)],
    ),
    "reported once only": (
        [(5, 300.0), (6, 12.0), (7, 72.0), (8, 132.0)],
        [(1, 0.0, 5.8)],
    ),
    "unknown samples change nothing": (
        [(5, 300.0), (6, None), (7, None), (8, 30.0)],
        [(3, 0.0, 7.5)],
    ),
    "unknown while not away": (
        [(1, None), (2, 30.0)],
        [],
    ),
    "input between two samples, then away again": (
        [(4, 240.0), (14, 300.0), (20, 60.0)],
        [(1, 0.0, 9.0), (2, 9.0, 19.0)],
    ),
    "the idle counter wobbles a little while away": (
        [(4, 240.0), (10, 600.4), (20, 1199.5), (21, 0.0)],
        [(3, 0.0, 21.0)],
    ),
    "back within the same minute it was noticed": (
        [(3, 180.0), (3.05, 1.0)],
        [(1, 0.0, 3.05 - 1 / 60)],
    ),
}


@pytest.mark.parametrize("samples, expected", CASES.values(), ids=CASES.keys())
def test_times_away_from_samples(
    samples: list[tuple[float, float | None]], expected: list[tuple[int, float, float]]
) -> None:
    clock = FakeClock(T0)
    tracker = AwayTracker(AWAY_AFTER)
    reported = []
    for index, (minute, idle) in enumerate(samples):
        clock.set(at(minute))
        away = tracker.sample(clock.now(), idle)
        if away is not None:
            reported.append((index, away))
    assert reported == [(i, TimeAway(at(start), at(end))) for i, start, end in expected]


def test_away_since_is_when_input_stopped() -> None:
    tracker = AwayTracker(AWAY_AFTER)
    assert tracker.sample(at(10), 179.0) is None
    assert tracker.away_since is None
    assert tracker.sample(at(11), 239.0) is None
    assert tracker.away_since == at(11) - timedelta(seconds=239)
    assert tracker.sample(at(12), 5.0) == TimeAway(
        at(11) - timedelta(seconds=239), at(12) - timedelta(seconds=5)
    )
    assert tracker.away_since is None


def test_a_longer_threshold_applies_from_the_next_sample() -> None:
    tracker = AwayTracker(AWAY_AFTER)
    tracker.away_after = timedelta(minutes=10)
    assert tracker.sample(at(5), 300.0) is None
    assert tracker.away_since is None
    assert tracker.sample(at(12), 720.0) is None
    assert tracker.away_since == T0


def test_forget_drops_the_time_away_under_way() -> None:
    tracker = AwayTracker(AWAY_AFTER)
    tracker.sample(at(5), 300.0)
    tracker.forget()
    assert tracker.away_since is None
    assert tracker.sample(at(6), 1.0) is None


def test_negative_idle_counts_as_input_now() -> None:
    tracker = AwayTracker(AWAY_AFTER)
    tracker.sample(at(5), 300.0)
    assert tracker.sample(at(6), -0.5) == TimeAway(T0, at(6))
