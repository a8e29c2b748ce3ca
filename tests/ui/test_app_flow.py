"""The whole app wired together, offscreen, on a fake clock.

Offscreen Qt has no system tray, so these runs also show the status window
that stands in for it. Time moves only when the test moves the clock and
fires the app's one timer, as Qt would at the deadline.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from presence_app.core.clock import FakeClock
from presence_app.core.cue import Outcome, Source
from presence_app.core.lifecycle_ports import State
from presence_app.core.paths import Paths
from presence_app.ipc import InstanceLock
from presence_app.ui.card import InvitationCard
from presence_app.ui.pause_window import PauseWindow
from presence_app.ui.reflection import ReflectionWindow
from presence_app.ui.status_window import StatusWindow
from presence_app.wiring import App, compose

W = TypeVar("W", bound=QWidget)
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # a Monday
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
"""


@pytest.fixture
def presence(
    qtbot: QtBot, qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[App, FakeClock]]:
    monkeypatch.setenv("TZ", "UTC")
    monkeypatch.delenv("XDG_SESSION_TYPE", raising=False)
    lock, clock = InstanceLock(Paths.from_platform()), FakeClock(START)
    app = build(qapp, SETTINGS, clock, lock)
    yield app, clock
    app.shutdown()
    lock.release()


def build(qapp: QApplication, settings: str, clock: FakeClock, lock: InstanceLock) -> App:
    paths = Paths.from_platform()
    paths.settings_file.parent.mkdir(parents=True, exist_ok=True)
    paths.settings_file.write_text(settings, encoding="utf-8")
    assert lock.try_acquire()
    app = compose(qapp, paths, clock, lock)
    app.start()
    return app


def fire_timer_at(app: App, clock: FakeClock, instant: datetime) -> None:
    clock.set(instant)
    app.waker.fire()


def window_of(app: App, kind: type[W]) -> W:
    (window,) = [w for w in app.view.windows if isinstance(w, kind)]
    return window


def test_a_bell_leads_to_a_pause_and_a_reflection_in_the_journal(
    presence: tuple[App, FakeClock], qtbot: QtBot
) -> None:
    app, clock = presence
    bell = START + timedelta(minutes=45)  # the countdown starts with the app
    assert app.status()["next_cue"] == bell.isoformat()
    fire_timer_at(app, clock, bell)
    card = window_of(app, InvitationCard)
    assert app.lifecycle.state is State.INVITED
    assert not card.isActiveWindow()

    clock.advance(seconds=5)
    card.accepted.emit()
    pause = window_of(app, PauseWindow)
    assert app.lifecycle.state is State.PAUSING
    assert pause.isVisible()

    fire_timer_at(app, clock, bell + timedelta(seconds=5, minutes=1))
    reflection = window_of(app, ReflectionWindow)
    assert app.lifecycle.state is State.REFLECTING
    reflection.saved.emit("Birdsong.", ("calm",))
    assert app.lifecycle.state is State.IDLE
    (entry,) = app.journal.entries()
    assert (entry.outcome, entry.source, entry.cue_at) == (
        Outcome.COMPLETED,
        Source.SCHEDULE,
        bell,
    )
    assert entry.reflection is not None
    assert (entry.reflection.text, entry.reflection.feelings) == ("Birdsong.", ("calm",))
    after = bell + timedelta(seconds=5, minutes=46)
    assert app.status()["next_cue"] == after.isoformat()


def test_a_card_that_fades_away_lets_the_bell_pass(
    presence: tuple[App, FakeClock],
) -> None:
    app, clock = presence
    bell = START + timedelta(minutes=45)
    fire_timer_at(app, clock, bell)
    clock.advance(minutes=1)
    window_of(app, InvitationCard).passed.emit(True)
    assert app.lifecycle.state is State.IDLE
    assert [e.outcome for e in app.journal.entries()] == [Outcome.PASSED]
    assert app.status()["next_cue"] == (bell + timedelta(minutes=45)).isoformat()


def test_the_status_window_offers_every_action(presence: tuple[App, FakeClock]) -> None:
    app, clock = presence
    window = app.surface.window
    assert isinstance(window, StatusWindow)
    assert app.status()["tray"] == "status window"
    assert "Next bell at 09:45" in window.state_label.text()

    window.skip_button.click()
    assert app.status()["next_cue_passes"] is True
    assert "you asked to let it pass" in window.state_label.text()

    window.quiet_buttons[1].click()  # 1 hour
    status = app.status()
    assert status["quiet_until"] == (START + timedelta(hours=1)).isoformat()
    assert window.state_label.text().startswith("Quiet: you asked for quiet until 10:00.")

    window.pause_button.click()
    assert app.lifecycle.state is State.PAUSING
    assert app.status()["next_cue"] is None


def test_commands_from_the_socket(presence: tuple[App, FakeClock]) -> None:
    app, clock = presence
    assert app.handle_command({"command": "quiet", "spec": "until 17:00"}) == {
        "ok": True,
        "quiet_until": "2026-03-02T17:00:00+00:00",
    }
    assert app.handle_command({"command": "quiet", "spec": "soon"}) == {
        "ok": False,
        "error": '"soon" is not a quiet time; write 1h, 30m, until 17:00, until tomorrow or off.',
    }
    assert app.handle_command({"command": "pause", "length_seconds": 120}) == {"ok": True}
    assert app.handle_command({"command": "pause"}) == {
        "ok": False,
        "error": "A pause is already under way.",
    }
    assert app.status()["pause_ends"] == (START + timedelta(minutes=2)).isoformat()


def test_new_settings_apply_without_a_restart(presence: tuple[App, FakeClock]) -> None:
    app, clock = presence
    faster = app.settings.schedules[0].__class__(name="Often", every=timedelta(minutes=20))
    from dataclasses import replace

    app.apply_settings(replace(app.settings, schedules=(faster,)))
    assert app.status()["next_cue"] == (START + timedelta(minutes=20)).isoformat()


def test_a_draft_is_offered_again_after_a_crash(
    qtbot: QtBot, qapp: QApplication, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("TZ", "UTC")
    paths = Paths.from_platform()
    paths.state_dir.mkdir(parents=True)
    (paths.state_dir / "draft.json").write_text(
        '{"prompt": "What did you notice?", "text": "the rain", "feelings": [], "entry_id": null}'
    )
    lock = InstanceLock(paths)
    assert lock.try_acquire()
    app = compose(qapp, paths, FakeClock(START), lock)
    try:
        app.start()
        reflection = window_of(app, ReflectionWindow)
        assert reflection.text() == "the rain"
        assert app.lifecycle.state is State.REFLECTING
    finally:
        app.shutdown()
        lock.release()


def test_a_setting_that_cannot_be_used_is_named_and_the_app_runs(
    qtbot: QtBot, qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "UTC")
    lock = InstanceLock(Paths.from_platform())
    app = build(qapp, SETTINGS + "[journal]\nkeep_days = -1\n", FakeClock(START), lock)
    try:
        message = (
            "1 setting could not be used, so its default applies. "
            "`journal.keep_days` must be between 0 and 36500 (found -1)."
        )
        assert app.status()["notices"] == [message]
        window = app.surface.window
        assert isinstance(window, StatusWindow)
        assert window.notice_label.text() == message
        assert app.status()["next_cue"] == (START + timedelta(minutes=45)).isoformat()
    finally:
        app.shutdown()
        lock.release()


def test_a_tray_that_appears_after_start_up_is_used(
    presence: tuple[App, FakeClock], monkeypatch: pytest.MonkeyPatch
) -> None:
    app, clock = presence
    assert app.surface.kind == "status window"
    app.surface.look_for_tray()
    assert app.surface.kind == "status window"
    monkeypatch.setattr("presence_app.ui.surface.Tray.is_available", staticmethod(lambda: True))
    app.surface.look_for_tray()
    assert app.status()["tray"] == "system tray"
    assert app.surface.window is None
    assert app.surface.tray is not None
    assert app.surface.tray.next_action.text() == "Next bell at 09:45"
