"""Guard against a Qt binding that corrupts Python's reference counts.

PySide6 6.12.0 drops a reference to ``None`` on every call of a method that
returns nothing. On Python 3.11 ``None`` is not immortal, so a running app
aborted with "deallocating None" after a few thousand calls (the breathing
circle reached that in about twenty seconds). pyproject.toml keeps PySide6
below 6.12; this test fails if a release with the same fault is installed.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel


def test_methods_returning_nothing_keep_none_alive(qtbot: object) -> None:
    colour, label, timer = QColor("#4a7866"), QLabel(), QTimer()
    before = sys.getrefcount(None)
    for _ in range(200):
        colour.setAlpha(10)
        label.setText("calm")
        timer.stop()
    # a little slack for unrelated references made meanwhile
    assert abs(sys.getrefcount(None) - before) < 50
