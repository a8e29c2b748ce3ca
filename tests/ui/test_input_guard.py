"""Keys typed in the first moment after a window appears are not answers."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from presence_app.ui.input_guard import GUARD_SECONDS, FakeMonotonic, InputGuard


def test_guard_period_is_a_short_moment() -> None:
    assert 0.6 <= GUARD_SECONDS <= 0.8


def test_unarmed_guard_accepts_keys(monotonic: FakeMonotonic) -> None:
    assert InputGuard(monotonic).accepts_keys()


def test_armed_guard_waits_for_the_moment_to_pass(monotonic: FakeMonotonic) -> None:
    guard = InputGuard(monotonic)
    guard.arm()
    assert not guard.accepts_keys()
    monotonic.advance(GUARD_SECONDS - 0.01)
    assert not guard.accepts_keys()
    monotonic.advance(0.01)
    assert guard.accepts_keys()


def test_guard_swallows_early_keys_in_children_then_lets_them_through(
    qtbot: QtBot, monotonic: FakeMonotonic
) -> None:
    window = QWidget()
    field = QLineEdit(window)
    qtbot.addWidget(window)
    guard = InputGuard(monotonic, parent=window)
    guard.install(window)
    window.show()
    guard.arm()
    qtbot.keyClicks(field, "oops")
    qtbot.keyClick(field, Qt.Key.Key_Space)
    assert field.text() == ""
    monotonic.advance(GUARD_SECONDS)
    qtbot.keyClicks(field, "hello")
    assert field.text() == "hello"
