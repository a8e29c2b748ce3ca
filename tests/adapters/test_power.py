"""Sleep and clock-jump detection from three clocks."""

from __future__ import annotations

import pytest

from presence_app.adapters.power import ClockSample, SleepWatch, Verdict, compare


@pytest.mark.parametrize(
    ("before", "after", "verdict"),
    [
        # a normal minute
        (ClockSample(1000, 50, 60), ClockSample(1060, 110, 120), Verdict()),
        # slept for an hour: boot and wall moved, monotonic did not
        (ClockSample(1000, 50, 60), ClockSample(4660, 110, 3720), Verdict(slept_s=3600)),
        # the clock was set back two hours, no sleep
        (ClockSample(9000, 50, 60), ClockSample(1860, 110, 120), Verdict(wall_jump_s=-7200)),
        # small jitter is ignored
        (ClockSample(1000, 50, 60), ClockSample(1065, 110, 125), Verdict()),
        # no boot clock (macOS, Windows): a wall gap counts as sleep
        (ClockSample(1000, 50, None), ClockSample(4660, 110, None), Verdict(slept_s=3600)),
        (ClockSample(9000, 50, None), ClockSample(1860, 110, None), Verdict(wall_jump_s=-7200)),
    ],
)
def test_compare(before: ClockSample, after: ClockSample, verdict: Verdict) -> None:
    assert compare(before, after) == verdict


def test_the_watch_reports_sleep(qtbot: object, monkeypatch: pytest.MonkeyPatch) -> None:
    samples = iter([ClockSample(1000, 50, 60), ClockSample(4660, 110, 3720)])
    monkeypatch.setattr("presence_app.adapters.power.sample", lambda: next(samples))
    watch = SleepWatch()
    seen: list[float] = []
    watch.resumed.connect(seen.append)
    watch.check()
    assert seen == [3600]
