"""The pause window: countdown from the clock, Esc after the guard, stillness."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPropertyAnimation, Qt
from PySide6.QtGui import QAccessible, QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from presence_app.core.clock import FakeClock
from presence_app.core.settings import PauseStyle
from presence_app.ui.breathing import breath_scale
from presence_app.ui.input_guard import GUARD_SECONDS, FakeMonotonic, InputGuard
from presence_app.ui.pause_window import PauseWindow, countdown_text

START = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
FAST_TICK = timedelta(milliseconds=10)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


def make_window(
    qtbot: QtBot,
    clock: FakeClock,
    monotonic: FakeMonotonic,
    **options: object,
) -> PauseWindow:
    options.setdefault("tick", FAST_TICK)
    window = PauseWindow(
        clock,
        START + timedelta(minutes=2),
        guard=InputGuard(monotonic),
        **options,  # type: ignore[arg-type]
    )
    qtbot.addWidget(window)
    return window


@pytest.mark.parametrize(
    ("remaining", "text"),
    [
        (timedelta(minutes=2), "2:00"),
        (timedelta(seconds=61.2), "1:02"),
        (timedelta(seconds=9), "0:09"),
        (timedelta(seconds=-3), "0:00"),
    ],
)
def test_countdown_text(remaining: timedelta, text: str) -> None:
    assert countdown_text(remaining) == text


def test_countdown_follows_the_clock_not_the_ticks(
    qtbot: QtBot, themed: QApplication, clock: FakeClock, monotonic: FakeMonotonic
) -> None:
    window = make_window(qtbot, clock, monotonic, show_countdown=True)
    window.show()
    assert window.countdown_label.text() == "2:00"
    assert window.countdown_label.isVisibleTo(window)
    clock.advance(seconds=75)
    qtbot.waitUntil(lambda: window.countdown_label.text() == "0:45")


def test_countdown_hidden_unless_asked(
    qtbot: QtBot, themed: QApplication, clock: FakeClock, monotonic: FakeMonotonic
) -> None:
    window = make_window(qtbot, clock, monotonic)
    window.show()
    assert not window.countdown_label.isVisibleTo(window)


def test_phrase_shown_when_given(
    qtbot: QtBot, themed: QApplication, clock: FakeClock, monotonic: FakeMonotonic
) -> None:
    window = make_window(qtbot, clock, monotonic, phrase="Nothing needs you for a moment.")
    window.show()
    assert window.phrase_label.text() == "Nothing needs you for a moment."
    assert window.phrase_label.isVisibleTo(window)
    plain = make_window(qtbot, clock, monotonic)
    assert not plain.phrase_label.isVisibleTo(plain)


def test_finished_when_the_time_is_up(
    qtbot: QtBot, themed: QApplication, clock: FakeClock, monotonic: FakeMonotonic
) -> None:
    window = make_window(qtbot, clock, monotonic)
    ended: list[str] = []
    window.ended_early.connect(lambda: ended.append("early"))
    window.show()
    clock.advance(minutes=2)
    with qtbot.waitSignal(window.finished):
        pass
    assert not window.isVisible()
    assert ended == []


def test_esc_in_the_first_moment_is_ignored_then_ends_early(
    qtbot: QtBot, themed: QApplication, clock: FakeClock, monotonic: FakeMonotonic
) -> None:
    window = make_window(qtbot, clock, monotonic)
    ended: list[str] = []
    window.ended_early.connect(lambda: ended.append("early"))
    window.show()
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert ended == []
    assert window.isVisible()
    monotonic.advance(GUARD_SECONDS)
    with qtbot.waitSignal(window.ended_early):
        qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert ended == ["early"]
    assert not window.isVisible()


def test_end_button_ends_early(
    qtbot: QtBot, themed: QApplication, clock: FakeClock, monotonic: FakeMonotonic
) -> None:
    window = make_window(qtbot, clock, monotonic)
    window.show()
    with qtbot.waitSignal(window.ended_early):
        qtbot.mouseClick(window.end_button, Qt.MouseButton.LeftButton)


def test_breathing_runs_only_while_visible(
    qtbot: QtBot, themed: QApplication, clock: FakeClock, monotonic: FakeMonotonic
) -> None:
    window = make_window(qtbot, clock, monotonic)
    assert not window.breathing.is_animating()
    window.show()
    assert window.breathing.is_animating()
    window.hide()
    assert not window.breathing.is_animating()


def test_reduced_motion_keeps_the_circle_still(
    qtbot: QtBot, themed: QApplication, clock: FakeClock, monotonic: FakeMonotonic
) -> None:
    window = make_window(qtbot, clock, monotonic, reduced_motion=True)
    window.show()
    qtbot.waitExposed(window)
    assert not window.breathing.is_animating()


def test_breath_is_smooth_and_spans_small_to_large() -> None:
    assert breath_scale(0.0) == pytest.approx(0.0)
    assert breath_scale(0.5) == pytest.approx(1.0)
    assert breath_scale(0.25) == pytest.approx(0.5)


def test_window_style_is_centred_on_the_screen(
    qtbot: QtBot, themed: QApplication, clock: FakeClock, monotonic: FakeMonotonic
) -> None:
    window = make_window(qtbot, clock, monotonic)
    window.show()
    area = QGuiApplication.primaryScreen().availableGeometry()
    assert abs(window.geometry().center().x() - area.center().x()) <= 1
    assert abs(window.geometry().center().y() - area.center().y()) <= 1
    assert window.dimming_windows() == []


def test_fullscreen_style_dims_every_screen(
    qtbot: QtBot, themed: QApplication, clock: FakeClock, monotonic: FakeMonotonic
) -> None:
    window = make_window(qtbot, clock, monotonic, style=PauseStyle.FULLSCREEN)
    window.show()
    dimming = window.dimming_windows()
    screens = QGuiApplication.screens()
    assert len(dimming) == len(screens)
    covered = sorted((w.geometry().getRect() for w in dimming), key=str)
    assert covered == sorted((s.geometry().getRect() for s in screens), key=str)
    window.close()
    assert not any(w.isVisible() for w in dimming)


def test_accessible_names(
    qtbot: QtBot,
    themed: QApplication,
    clock: FakeClock,
    monotonic: FakeMonotonic,
    accessible_name: Callable[[QWidget], str],
) -> None:
    window = make_window(qtbot, clock, monotonic, show_countdown=True)
    assert accessible_name(window.end_button) == "End the pause"
    # The time shown is what is heard; the description says what it is.
    assert accessible_name(window.countdown_label) == "2:00"
    countdown = QAccessible.queryAccessibleInterface(window.countdown_label)
    assert countdown.text(QAccessible.Text.Description) == "Time left in the pause"
    # A window is named by its title and is a window for assistive technology.
    window.show()
    assert accessible_name(window) == "Presence: a pause"
    assert QAccessible.queryAccessibleInterface(window).role() == QAccessible.Role.Window


TWO_SCREENS_SCRIPT = """
import json
from datetime import UTC, datetime, timedelta
from PySide6.QtWidgets import QApplication
from presence_app.core.clock import FakeClock
from presence_app.core.settings import PauseStyle
from presence_app.ui.pause_window import PauseWindow
app = QApplication([])
clock = FakeClock(datetime(2026, 3, 2, 10, 0, tzinfo=UTC))
window = PauseWindow(clock, clock.now() + timedelta(minutes=1), style=PauseStyle.FULLSCREEN)
window.show()
app.processEvents()
print(json.dumps({
    "screens": [s.geometry().getRect() for s in app.screens()],
    "dimming": [w.geometry().getRect() for w in window.dimming_windows() if w.isVisible()],
    "content": window.geometry().getRect(),
}))
"""


def test_fullscreen_style_makes_one_veil_per_screen_on_two_screens(tmp_path: Path) -> None:
    config = tmp_path / "screens.json"
    screens = [
        {"name": "left", "x": 0, "y": 0, "width": 1280, "height": 800},
        {"name": "right", "x": 1280, "y": 0, "width": 1024, "height": 768},
    ]
    for screen in screens:
        screen.update(logicalDpi=96, logicalBaseDpi=96, dpr=1)
    config.write_text(json.dumps({"screens": screens}))
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
    done = subprocess.run(
        [sys.executable, "-c", TWO_SCREENS_SCRIPT],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert len(report["screens"]) == 2
    assert sorted(report["dimming"]) == sorted(report["screens"])
    assert report["content"] in report["screens"]


def test_pause_fades_in_unless_motion_is_reduced(
    qtbot: QtBot, themed: QApplication, clock: FakeClock, monotonic: FakeMonotonic
) -> None:
    moving = make_window(qtbot, clock, monotonic)
    moving.show()
    assert moving._fades and all(
        f.state() == QPropertyAnimation.State.Running for f in moving._fades
    )
    still = make_window(qtbot, clock, monotonic, reduced_motion=True)
    still.show()
    assert still._fades == []


def test_motion_preference_can_change_during_the_pause(
    qtbot: QtBot, themed: QApplication, clock: FakeClock, monotonic: FakeMonotonic
) -> None:
    window = make_window(qtbot, clock, monotonic)
    window.show()
    assert window.breathing.is_animating()
    window.set_reduced_motion(True)
    assert not window.breathing.is_animating()
    window.set_reduced_motion(False)
    assert window.breathing.is_animating()
