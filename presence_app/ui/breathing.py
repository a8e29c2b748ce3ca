"""A soft circle that slowly grows and shrinks, like a calm breath.

Why: the pause window needs something to rest the eyes on that is alive but
asks nothing. One breath takes ``BREATH_SECONDS`` (in and out); the easing
is a plain sine, so there is no jolt at either end. When the desktop (or
the user) asks for reduced motion the circle stays still at a middle size.

The animation runs only while the widget is visible, so a hidden pause
window costs no wakeups.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QSize, Qt, QVariantAnimation
from PySide6.QtGui import QColor, QHideEvent, QPainter, QPaintEvent, QRadialGradient, QShowEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from presence_app.i18n import _
from presence_app.ui import accessibility

BREATH_SECONDS = 10.0
"""One full breath: about five seconds in, five seconds out."""
STILL_PHASE = 0.25
"""Where a still circle rests in the breath (a middle size)."""


def breath_scale(phase: float) -> float:
    """Return the circle's size (0 smallest, 1 largest) at ``phase`` in [0, 1)."""
    return (1.0 - math.cos(2.0 * math.pi * phase)) / 2.0


class BreathingShape(QWidget):
    """Paints the breathing circle in the palette's highlight colour."""

    def __init__(self, reduced_motion: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._reduced_motion = reduced_motion
        self._phase = STILL_PHASE
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(_("A slowly breathing circle"))
        accessibility.set_role(self, "picture")
        self._animation = QVariantAnimation(self)
        self._animation.setStartValue(0.0)
        self._animation.setEndValue(1.0)
        self._animation.setDuration(int(BREATH_SECONDS * 1000))
        self._animation.setLoopCount(-1)
        self._animation.valueChanged.connect(self._on_value_changed)

    def sizeHint(self) -> QSize:
        return QSize(240, 240)

    def is_animating(self) -> bool:
        """Return True while the circle is breathing."""
        return self._animation.state() == QVariantAnimation.State.Running

    def set_reduced_motion(self, reduced: bool) -> None:
        """Stop or resume breathing (for example when the desktop setting changes)."""
        self._reduced_motion = reduced
        if reduced:
            self._animation.stop()
            self._phase = STILL_PHASE
            self.update()
        elif self.isVisible():
            self._animation.start()

    def showEvent(self, event: QShowEvent) -> None:
        if not self._reduced_motion:
            # Start from the middle of an in-breath, so the circle appears at rest size.
            self._animation.start()
            self._animation.setCurrentTime(int(STILL_PHASE * BREATH_SECONDS * 1000))
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self._animation.stop()
        super().hideEvent(event)

    def _on_value_changed(self, value: object) -> None:
        self._phase = float(value) if isinstance(value, (int, float)) else STILL_PHASE
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        centre = QPointF(self.width() / 2, self.height() / 2)
        largest = min(self.width(), self.height()) / 2 - 2
        radius = largest * (0.55 + 0.45 * breath_scale(self._phase))
        colour = self.palette().highlight().color()
        self._paint_halo(painter, centre, largest, colour)
        gradient = QRadialGradient(centre, radius)
        gradient.setColorAt(0.0, _with_alpha(colour, 150))
        gradient.setColorAt(0.7, _with_alpha(colour, 95))
        gradient.setColorAt(1.0, _with_alpha(colour, 40))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(gradient)
        painter.drawEllipse(centre, radius, radius)

    def _paint_halo(
        self, painter: QPainter, centre: QPointF, radius: float, colour: QColor
    ) -> None:
        """A faint ring at the largest size: where the breath is going."""
        pen = painter.pen()
        pen.setColor(_with_alpha(colour, 45))
        pen.setWidthF(1.5)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(centre, radius, radius)


def _with_alpha(colour: QColor, alpha: int) -> QColor:
    result = QColor(colour)
    result.setAlpha(alpha)
    return result
