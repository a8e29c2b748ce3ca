"""The wired app hears the lock, sleep and calls while it runs, offscreen.

logind and the screen saver are fakes on two private D-Bus buses, heard
through the real ``LinuxSessionWatch``; the call detector is a small fake
(the real one is tested against a real PulseAudio in tests/adapters). Time
moves only when the test moves the fake clock and fires the app's timer.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from jeepney import DBusAddress, new_method_call  # type: ignore[import-untyped]
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from presence_app.adapters.attention.calls_pulse import PulseCalls
from presence_app.adapters.attention.logind import LinuxSessionWatch
from presence_app.adapters.attention.session import SessionWatch
from presence_app.adapters.bus import Buses
from presence_app.core.clock import FakeClock
from presence_app.core.considerate import CALL, LOCKED
from presence_app.core.cue import Outcome
from presence_app.core.lifecycle_ports import State
from presence_app.core.paths import Paths
from presence_app.ipc import InstanceLock
from presence_app.ui.card import InvitationCard
from presence_app.wiring import App, compose
from tests.adapters.dbus_support import controlled_service, private_bus, stop
from tests.adapters.pulse_support import pulse_server, start_client
from tests.ui.test_considerate_flow import (
    EVERY,
    SETTINGS,
    START,
    FakeDnd,
    FakeSurroundings,
)

LOGIND = Path(__file__).parents[1] / "adapters" / "fake_logind.py"
CONTROL = DBusAddress(
    "/org/freedesktop/login1", "org.freedesktop.login1", "org.presence.FakeLogind"
)


@dataclass
class FakeCalls:
    on: bool | None = False

    def in_call(self) -> bool | None:
        return self.on

    def close(self) -> None:
        pass


@dataclass
class Run:
    app: App
    clock: FakeClock
    calls: FakeCalls
    logind: Any
    qtbot: QtBot
    links: Buses
    stopped: bool = False

    def shutdown(self) -> None:
        if not self.stopped:
            self.stopped = True
            self.app.shutdown()

    def fire_timer_at(self, instant: Any) -> None:
        self.clock.set(instant)
        self.app.waker.fire()

    def send(self, member: str, signature: str = "", *body: Any) -> None:
        message = new_method_call(CONTROL, member, signature, body)
        assert self.logind.send_and_get_reply(message).body == ()

    def quiet_entries(self) -> list[tuple[Outcome, str | None]]:
        return [(e.outcome, e.reason) for e in self.app.journal.entries()]


@pytest.fixture
def buses() -> Iterator[tuple[str, str]]:
    with private_bus() as (system, _), private_bus() as (session, _):
        yield system, session


@pytest.fixture
def run(
    qtbot: QtBot, qapp: QApplication, monkeypatch: pytest.MonkeyPatch, buses: tuple[str, str]
) -> Iterator[Run]:
    monkeypatch.setenv("TZ", "UTC")
    paths = Paths.from_platform()
    paths.settings_file.parent.mkdir(parents=True, exist_ok=True)
    paths.settings_file.write_text(SETTINGS, encoding="utf-8")
    lock = InstanceLock(paths)
    assert lock.try_acquire()
    clock, calls = FakeClock(START), FakeCalls()
    with controlled_service(LOGIND, buses[0]) as logind:
        links = Buses(system=buses[0], session=buses[1])
        watch = LinuxSessionWatch(links.system, links.session, environ={})
        app = compose(
            qapp, paths, clock, lock,
            surroundings=FakeSurroundings(), dnd=FakeDnd(), calls=calls, session=watch,
            buses=links,
        )  # fmt: skip
        app.start()
        run = Run(app, clock, calls, logind, qtbot, links)
        yield run
        run.shutdown()
    lock.release()


def test_a_locked_screen_keeps_the_bell_quiet_at_once_and_counts_as_away(run: Run) -> None:
    bell = START + EVERY
    run.clock.set(START + timedelta(minutes=30))
    run.send("SetLockedHint", "b", True)
    run.qtbot.waitUntil(lambda: run.app.considerate.is_locked)
    assert run.app.considerate.away_since == START + timedelta(minutes=30)

    run.fire_timer_at(bell)  # idle is only 1 s: only the lock keeps it quiet
    assert run.app.lifecycle.state is State.IDLE
    assert not [w for w in run.app.view.windows if isinstance(w, InvitationCard)]
    assert run.quiet_entries() == [(Outcome.QUIET, LOCKED)]
    assert run.app.status()["kept_quiet"]["reason"] == "Quiet while the screen was locked"

    back = START + timedelta(minutes=50)
    run.clock.set(back)
    run.send("SetLockedHint", "b", False)
    run.qtbot.waitUntil(lambda: not run.app.considerate.is_locked)
    state = run.app.scheduler.state
    assert state.back_at == back
    assert (START + timedelta(minutes=30), back) in state.aways
    assert run.app.status()["next_cue"] == (back + EVERY).isoformat()


def test_a_lock_request_from_logind_is_heard_too(run: Run) -> None:
    run.send("Lock")
    run.qtbot.waitUntil(lambda: run.app.considerate.is_locked)
    run.send("Unlock")
    run.qtbot.waitUntil(lambda: not run.app.considerate.is_locked)


def test_prepare_for_sleep_tells_the_schedule_of_the_sleep(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    heard: list[tuple[Any, Any]] = []
    record_away = run.app.scheduler.record_away
    monkeypatch.setattr(
        run.app.scheduler, "record_away", lambda s, e: (heard.append((s, e)), record_away(s, e))
    )
    asleep = START + timedelta(minutes=10)
    run.clock.set(asleep)
    run.send("PrepareForSleep", "b", True)
    run.qtbot.waitUntil(lambda: run.app.considerate._asleep_since == asleep)
    woke = START + timedelta(hours=2)
    run.clock.set(woke)
    run.send("PrepareForSleep", "b", False)
    run.qtbot.waitUntil(lambda: run.app.scheduler.state.back_at == woke)
    assert heard[0] == (asleep, woke)  # then the bell missed while asleep
    grace = run.app.settings.considerate.grace_after_wake
    assert run.app.status()["next_cue"] == (woke + EVERY).isoformat()
    assert woke + EVERY > woke + grace


def test_a_bell_during_a_call_stays_quiet_and_rings_after_it(run: Run) -> None:
    bell = START + EVERY
    run.calls.on = True
    run.fire_timer_at(bell)
    assert run.app.lifecycle.state is State.IDLE
    assert run.quiet_entries() == [(Outcome.QUIET, CALL)]
    assert run.app.status()["kept_quiet"]["reason"] == "Quiet during a call"
    assert run.app.surface.words()[1] == (
        "Next bell at 10:30 (in 45 min). Quiet during a call, so the bell at 09:45 did not ring."
    )
    run.calls.on = False
    run.fire_timer_at(bell + EVERY)
    assert run.app.lifecycle.state is State.INVITED


def test_quiet_during_calls_can_be_turned_off(run: Run) -> None:
    run.app.considerate.configure(run.app.settings.considerate, quiet_during_calls=False)
    run.calls.on = True
    run.fire_timer_at(START + EVERY)
    assert run.app.lifecycle.state is State.INVITED


def test_status_lists_what_works_here(run: Run) -> None:
    rows = {row["name"]: row for row in run.app.status()["capabilities"]}
    assert list(rows) == [
        "Tray",
        "Invitation",
        "Global shortcut",
        "Sound",
        "Time away",
        "Locked screen",
        "Sleep",
        "Full-screen windows",
        "Do-not-disturb",
        "Calls",
    ]
    assert rows["Locked screen"] == {
        "name": "Locked screen",
        "works": True,
        "detail": "Heard at once from logind: it counts as away.",
        "advice": "",
    }
    assert rows["Sleep"]["detail"] == "Heard at once from logind, on sleeping and waking."
    assert rows["Calls"]["works"] is True


def test_the_buses_are_released_at_shutdown(run: Run) -> None:
    links = run.links
    assert links.system.is_open and links.session.is_open  # the lock and sleep watch
    run.shutdown()
    assert not links.system.is_open and not links.session.is_open


def test_a_real_recording_keeps_the_next_bell_quiet_and_its_end_lets_bells_ring(
    qtbot: QtBot, qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The wired app with the real call detector and a real PulseAudio server."""
    monkeypatch.setenv("TZ", "UTC")
    paths = Paths.from_platform()
    paths.settings_file.parent.mkdir(parents=True, exist_ok=True)
    paths.settings_file.write_text(SETTINGS, encoding="utf-8")
    lock = InstanceLock(paths)
    assert lock.try_acquire()
    clock = FakeClock(START)
    with pulse_server() as env:
        monkeypatch.setenv("PULSE_SERVER", env["PULSE_SERVER"])
        app = compose(
            qapp, paths, clock, lock,
            surroundings=FakeSurroundings(), dnd=FakeDnd(), calls=PulseCalls(),
            session=SessionWatch(),
        )  # fmt: skip
        app.start()
        recorder = start_client(["parecord", "--device=mic", "/dev/null"], env)
        try:
            qtbot.waitUntil(lambda: PulseCalls().in_call() is True, timeout=10_000)
            clock.set(START + EVERY)
            app.waker.fire()
            assert app.lifecycle.state is State.IDLE
            assert app.status()["kept_quiet"]["reason"] == "Quiet during a call"
            assert "Quiet during a call, so the bell at 09:45" in app.surface.words()[1]
            stop(recorder)
            qtbot.waitUntil(lambda: PulseCalls().in_call() is False, timeout=10_000)
            clock.set(START + 2 * EVERY)
            app.waker.fire()
            assert app.lifecycle.state is State.INVITED
        finally:
            stop(recorder)  # already stopped unless the test failed before
            app.shutdown()
    lock.release()
