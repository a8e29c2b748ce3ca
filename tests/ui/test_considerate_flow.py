"""The wired app stays quiet at bad moments and counts time away, offscreen.

The desktop is a fake ``Surroundings`` the test sets by hand; time moves
only when the test moves the fake clock and fires the app's timer (or the
sleep watch's once-a-minute check), as Qt would.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from presence_app.core.clock import FakeClock
from presence_app.core.cue import Outcome, Source
from presence_app.core.lifecycle_ports import State
from presence_app.core.paths import Paths
from presence_app.ipc import InstanceLock
from presence_app.ui.card import InvitationCard
from presence_app.wiring import App, compose

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # a Monday
EVERY = timedelta(minutes=45)
SETTINGS = """\
schema_version = 1
shortcut = ""

[[schedules]]
name = "Work"
every = "45m"

[sound]
enabled = false

[pause]
length = "1m"

[considerate]
away_after = "3m"
grace_after_wake = "2m"
"""


@dataclass
class FakeSurroundings:
    idle: float | None = 1.0
    program: str | None = None
    closed: bool = False

    def idle_seconds(self) -> float | None:
        return self.idle

    def fullscreen_app(self) -> str | None:
        return self.program

    def close(self) -> None:
        self.closed = True


@dataclass
class FakeDnd:
    on: bool | None = False
    closed: bool = False

    def is_on(self) -> bool | None:
        return self.on

    def close(self) -> None:
        self.closed = True


@dataclass
class Run:
    app: App
    clock: FakeClock
    world: FakeSurroundings
    dnd: FakeDnd

    def fire_timer_at(self, instant: datetime) -> None:
        self.clock.set(instant)
        self.app.waker.fire()

    def check_at(self, instant: datetime) -> None:
        """The sleep watch's regular check, at ``instant`` (no sleep, no jump)."""
        self.clock.set(instant)
        self.app.waker.minute.emit()

    def next_cue(self) -> str | None:
        cue: str | None = self.app.status()["next_cue"]
        return cue


@pytest.fixture
def run(qtbot: QtBot, qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> Iterator[Run]:
    monkeypatch.setenv("TZ", "UTC")
    monkeypatch.delenv("XDG_SESSION_TYPE", raising=False)
    paths = Paths.from_platform()
    paths.settings_file.parent.mkdir(parents=True, exist_ok=True)
    paths.settings_file.write_text(SETTINGS, encoding="utf-8")
    lock = InstanceLock(paths)
    assert lock.try_acquire()
    clock = FakeClock(START)
    world, dnd = FakeSurroundings(), FakeDnd()
    app = compose(qapp, paths, clock, lock, surroundings=world, dnd=dnd)
    app.start()
    yield Run(app, clock, world, dnd)
    app.shutdown()
    lock.release()
    assert world.closed and dnd.closed


def outcomes(app: App) -> list[tuple[Outcome, Source, datetime | None]]:
    return [(e.outcome, e.source, e.cue_at) for e in app.journal.entries()]


def test_a_bell_stays_quiet_while_a_window_is_full_screen(
    run: Run, caplog: pytest.LogCaptureFixture
) -> None:
    bell = START + EVERY
    assert run.next_cue() == bell.isoformat()
    run.world.program = "Impress"
    with caplog.at_level(logging.INFO, logger="presence_app.core.lifecycle"):
        run.fire_timer_at(bell)
    assert run.app.lifecycle.state is State.IDLE
    assert not [w for w in run.app.view.windows if isinstance(w, InvitationCard)]
    assert outcomes(run.app) == [(Outcome.QUIET, Source.SCHEDULE, bell)]
    assert f"bell at {bell} stayed quiet: Quiet during a full-screen window" in caplog.messages
    assert run.next_cue() == (bell + EVERY).isoformat()
    assert run.app.status()["kept_quiet"] == {
        "at": bell.isoformat(),
        "reason": "Quiet during a full-screen window",
    }
    assert run.app.surface.words()[1] == (
        "Next bell at 10:30 (in 45 min). "
        "Quiet during a full-screen window, so the bell at 09:45 did not ring."
    )

    run.world.program = None
    run.fire_timer_at(bell + EVERY)
    assert run.app.lifecycle.state is State.INVITED


def test_a_bell_stays_quiet_while_the_user_is_away(
    run: Run, caplog: pytest.LogCaptureFixture
) -> None:
    bell = START + EVERY
    run.world.idle = 600.0
    with caplog.at_level(logging.INFO, logger="presence_app.core.lifecycle"):
        run.fire_timer_at(bell)
    assert run.app.lifecycle.state is State.IDLE
    assert outcomes(run.app) == [(Outcome.QUIET, Source.SCHEDULE, bell)]
    assert f"bell at {bell} stayed quiet: Quiet while you were away" in caplog.messages


def test_time_away_moves_the_next_bell(run: Run) -> None:
    run.check_at(START + timedelta(minutes=1))
    assert run.next_cue() == (START + EVERY).isoformat()

    run.world.idle = 300.0  # input stopped at 9:05
    run.check_at(START + timedelta(minutes=10))
    assert run.app.considerate.away_since == START + timedelta(minutes=5)
    assert run.next_cue() == (START + EVERY).isoformat()

    run.world.idle = 20.0  # input resumed at 9:29:40
    run.check_at(START + timedelta(minutes=30))
    back = START + timedelta(minutes=29, seconds=40)
    assert run.app.scheduler.state.back_at == back
    assert run.next_cue() == (back + EVERY).isoformat()
    assert outcomes(run.app) == []


def test_a_return_noticed_at_the_bell_keeps_it_quiet(run: Run) -> None:
    bell = START + EVERY
    run.world.idle = 300.0
    run.check_at(START + timedelta(minutes=40))
    run.world.idle = 30.0  # back at 9:44:30, within the grace period
    run.fire_timer_at(bell)
    assert run.app.lifecycle.state is State.IDLE
    assert outcomes(run.app) == [(Outcome.QUIET, Source.SCHEDULE, bell)]
    assert run.app.scheduler.state.back_at == bell - timedelta(seconds=30)


def test_settings_apply_without_a_restart(run: Run) -> None:
    bell = START + EVERY
    settings = run.app.settings
    run.app.apply_settings(
        replace(settings, considerate=replace(settings.considerate, quiet_when_fullscreen=False))
    )
    run.world.program = "Impress"
    run.fire_timer_at(bell)
    assert run.app.lifecycle.state is State.INVITED


def test_a_longer_away_after_setting_applies_at_once(run: Run) -> None:
    settings = run.app.settings
    longer = replace(settings.considerate, away_after=timedelta(minutes=20))
    run.app.apply_settings(replace(settings, considerate=longer))
    run.world.idle = 600.0
    run.fire_timer_at(START + EVERY)
    assert run.app.lifecycle.state is State.INVITED


def test_a_bell_stays_quiet_during_do_not_disturb(
    run: Run, caplog: pytest.LogCaptureFixture
) -> None:
    bell = START + EVERY
    run.dnd.on = True
    with caplog.at_level(logging.INFO, logger="presence_app.core.lifecycle"):
        run.fire_timer_at(bell)
    assert run.app.lifecycle.state is State.IDLE
    assert outcomes(run.app) == [(Outcome.QUIET, Source.SCHEDULE, bell)]
    assert f"bell at {bell} stayed quiet: Quiet during do-not-disturb" in caplog.messages
