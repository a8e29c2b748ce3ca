"""Fixtures shared by the UI tests: a hand-moved monotonic clock, a themed app."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QWidget

from presence_app.ui.input_guard import FakeMonotonic
from presence_app.ui.theme import apply_theme


@pytest.fixture
def monotonic() -> FakeMonotonic:
    return FakeMonotonic()


@pytest.fixture
def themed(qapp: QApplication) -> QApplication:
    """The test application with the Presence look applied."""
    apply_theme(qapp, dark=False)
    return qapp


def _accessible_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    assert interface is not None
    return interface.text(QAccessible.Text.Name)


@pytest.fixture
def accessible_name() -> Callable[[QWidget], str]:
    """The name a screen reader would announce for a widget."""
    return _accessible_name
