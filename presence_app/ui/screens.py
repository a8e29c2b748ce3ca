"""Which screen a window should appear on: the one the user is looking at.

Why: on a desk with two screens, a pause or a reflection that opens on the
other screen is easy to miss. The mouse is the best hint Qt gives for
where the user's attention is, so windows open on the screen with the
mouse (the primary screen when the mouse is on none).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QCursor, QGuiApplication, QScreen


def mouse_screen() -> QScreen:
    """The screen that has the mouse (the primary screen if none does)."""
    return QGuiApplication.screenAt(QCursor.pos()) or QGuiApplication.primaryScreen()


def available_geometry(near: QPoint | None = None) -> QRect:
    """The free area (without panels) of the screen with ``near``, else with the mouse."""
    screen = QGuiApplication.screenAt(near) if near is not None else None
    return (screen or mouse_screen()).availableGeometry()
