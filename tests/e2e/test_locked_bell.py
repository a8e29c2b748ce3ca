"""A bell comes due while logind says the session is locked: it stays quiet.

The real app runs under Xvfb with a tray host, its own session bus, and a
private "system" bus on which a fake logind answers that the session is
locked. The schedule's saved state makes the bell come due a few seconds
after start-up (a pause ended 55 seconds ago, with ``every = "1m"``).
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from presence_app.core.paths import Paths
from presence_app.core.schedstate import ScheduleState, state_to_json
from tests.e2e.conftest import App, need, start, stop, wait_for

pytestmark = pytest.mark.e2e

FAKE_LOGIND = Path(__file__).parents[1] / "adapters" / "fake_logind.py"
SETTINGS = """\
schema_version = 1
shortcut = ""

[[schedules]]
name = "Often"
every = "1m"

[sound]
enabled = false

[pause]
length = "1m"

[considerate]
grace_after_wake = "0s"
"""
LOCKED = "Quiet while the screen was locked"


@pytest.fixture
def logind(
    base_env: dict[str, str], tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[str]:
    """A private bus standing in for the system bus, with a fake logind.

    Its session is locked unless the test is marked ``unlocked``.
    """
    flags = [] if request.node.get_closest_marker("unlocked") else ["--locked"]
    need("dbus-daemon")
    bus = start(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1",
         f"--address=unix:path={tmp_path / 'system_bus'}"],
        base_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    assert bus.stdout is not None
    address = bus.stdout.readline().strip()
    logind = start(
        [sys.executable, str(FAKE_LOGIND), address, *flags], base_env, stdout=subprocess.PIPE
    )
    try:
        assert logind.stdout is not None and logind.stdout.readline().strip() == "READY"
        base_env["DBUS_SYSTEM_BUS_ADDRESS"] = address
        yield address
    finally:
        stop(logind)
        stop(bus)


def prepare(paths: Paths) -> datetime:
    """Write the settings and a state whose bell comes due in about five seconds."""
    paths.settings_file.parent.mkdir(parents=True, exist_ok=True)
    paths.settings_file.write_text(SETTINGS, encoding="utf-8")
    paths.state_dir.mkdir(parents=True, exist_ok=True)
    ended = datetime.now(UTC) - timedelta(seconds=55)
    # The pause began after a bell six minutes ago: bells keep five minutes apart.
    state = ScheduleState(last_pause_end=ended, last_bell=ended - timedelta(minutes=6))
    (paths.state_dir / "schedule.json").write_text(json.dumps(state_to_json(state)))
    return ended + timedelta(minutes=1)


def test_a_bell_due_while_locked_stays_quiet_with_the_reason(
    display: str, tray_host: None, session_bus: str, logind: str, app: App
) -> None:
    bell = prepare(Paths.from_platform())
    app.start()
    status = app.status()
    assert status["next_cue"] == bell.isoformat(timespec="microseconds").replace(".000000", "")
    rows = {row["name"]: row for row in status["capabilities"]}
    assert rows["Locked screen"]["detail"] == "Heard at once from logind: it counts as away."
    assert rows["Sleep"]["works"] is True

    kept = wait_for(
        lambda: app.status()["kept_quiet"],
        f"the bell at {bell:%H:%M:%S} to stay quiet (log:\n{app.log()})",
        timeout=30,
    )
    assert kept["reason"] == LOCKED
    assert app.status()["state"] == "idle"
    assert not cards_on_screen(app)
    exported = app.cli("journal", "export", "--format", "json")
    assert exported.returncode == 0, exported.stderr
    (entry,) = json.loads(exported.stdout)
    assert (entry["outcome"], entry["reason"]) == ("quiet", LOCKED)
    text = app.cli("status").stdout
    assert f"{LOCKED}, so the bell at " in text
    assert "  Locked screen: Heard at once from logind: it counts as away." in text


def cards_on_screen(app: App) -> list[str]:
    """Visible invitation cards on this private display (Qt adds " — Presence" to the title)."""
    found = subprocess.run(
        ["xdotool", "search", "--onlyvisible", "--name", "^Presence: a bell"],
        env=app.env,
        capture_output=True,
        text=True,
        check=False,
    )
    return found.stdout.split()


@pytest.mark.unlocked
def test_the_same_bell_rings_when_the_session_is_not_locked(
    display: str, tray_host: None, session_bus: str, logind: str, app: App
) -> None:
    prepare(Paths.from_platform())
    app.start()
    app.wait_state("invited")
    wait_for(lambda: cards_on_screen(app), "the invitation card")
