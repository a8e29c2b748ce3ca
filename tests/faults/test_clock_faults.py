"""Item 5: setting the clock in the real process re-anchors the bells.

The real app runs under libfaketime (Debian's ``faketime`` package), with
the wall clock read from a file the test writes, and the monotonic and boot
clocks left real: exactly what setting the system clock does. The issue
saw "wall clock moved by -10800 s" logged and then, with ``every = "45m"``,
the next bell 3¾ hours away.
"""

from __future__ import annotations

import glob
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.faults.conftest import (
    App,
    log_of,
    settings_text,
    wait_for,
    write_settings,
)

pytestmark = pytest.mark.faults


def libfaketime() -> str:
    found = glob.glob("/usr/lib/*/faketime/libfaketime.so.1")
    if not found:
        pytest.skip("libfaketime is not installed (Debian: apt-get install faketime)")
    return found[0]


def next_bell(app: App) -> datetime:
    return datetime.fromisoformat(app.status()["next_cue"])


@pytest.mark.parametrize("hours", [-3, 2])
def test_setting_the_clock_keeps_the_next_bell_within_one_interval(
    quiet_app: App, tmp_path: Path, hours: int
) -> None:
    offset = tmp_path / "faketime"
    offset.write_text("+0\n")
    quiet_app.env.update(
        LD_PRELOAD=libfaketime(),
        FAKETIME_TIMESTAMP_FILE=str(offset),
        FAKETIME_NO_CACHE="1",
        DONT_FAKE_MONOTONIC="1",
    )
    write_settings(quiet_app.env, settings_text(every="45m"))
    quiet_app.start()
    before = next_bell(quiet_app)  # 45 minutes after the start (a return counts from there)
    assert before - datetime.now(UTC) <= timedelta(minutes=45)

    offset.write_text(f"{hours:+d}h\n")  # the clock is set

    def noticed() -> datetime | None:
        bell = next_bell(quiet_app)  # any request is a chance for the app to look at the clocks
        return bell if "the wall clock moved by" in log_of(quiet_app.env) else None

    moved = wait_for(noticed, "the app to notice that the clock was set")
    # The app's own clock now reads real time + hours; the bell keeps its distance.
    app_now = datetime.now(UTC) + timedelta(hours=hours)
    assert timedelta(0) < moved - app_now <= timedelta(minutes=45)
    assert abs((moved - app_now) - (before - datetime.now(UTC))) < timedelta(seconds=30)
    assert f"the wall clock moved by {hours * 3600}" in log_of(quiet_app.env)
