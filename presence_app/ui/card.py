"""The invitation card: a small, quiet "would you like a pause?" near the tray.

Why: a bell should invite, never interrupt. The card appears near the tray
without taking the keyboard (the user may be mid-sentence), offers "Take a
pause" and "Let it pass", and if nothing happens it fades away by itself;
the app records that bell as passed, without counting or nagging.

Main ideas:
- Never takes focus: a frameless Tool window with
  ``WindowDoesNotAcceptFocus`` and ``WA_ShowWithoutActivating``; its
  buttons do not take focus when clicked either. The keyboard way to a
  pause is the tray menu, the shortcut and ``presence-app pause``.
- Placement: next to the tray icon when its geometry is known, else in the
  bottom-right corner of the screen with the mouse (``card_position``).
- While the mouse rests on the card its timeout waits, so a hesitating
  hand is never rushed.
- Signals: ``accepted()``, ``passed(timed_out: bool)``; each is emitted once.
- For screen readers it is a notification that announces itself as it
  appears (it never has the focus, so nothing else would speak it), and
  says how to take the pause from the keyboard.
"""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import (
    QEasingCurve,
    QEvent,
    QPoint,
    QPropertyAnimation,
    QRect,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QEnterEvent,
    QPainterPath,
    QRegion,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from presence_app.i18n import N_, _, ngettext
from presence_app.ui import accessibility
from presence_app.ui.screens import available_geometry
from presence_app.ui.theme import SPACING

FADE_MS = 600
"""How long the card takes to fade in and away."""
EDGE_GAP = 12
"""Space between the card and the screen edge or tray icon."""
CARD_RADIUS = 14
"""Matches the ``QFrame#card`` radius in the theme's style sheet."""
LINGER = timedelta(seconds=4)
"""After the mouse leaves, the card stays at least this long."""

TITLE = N_("A bell for you")
MESSAGE = N_("Would you like a short pause?")
KEYBOARD_HINT = N_(
    "To take it from the keyboard, press your Presence shortcut or choose "
    "Pause now in the tray menu."
)
"""The card's words, in English (translated where shown)."""


def card_title(pause_length: timedelta | None) -> str:
    """The card's small first line: "A bell for you · 3 min"."""
    if pause_length is None:
        return _(TITLE)
    seconds = round(pause_length.total_seconds())
    if seconds < 60:
        return ngettext(
            "A bell for you · {count} s", "A bell for you · {count} s", seconds
        ).format(count=seconds)
    minutes = round(seconds / 60)
    return ngettext(
        "A bell for you · {count} min", "A bell for you · {count} min", minutes
    ).format(count=minutes)


def card_position(size: QSize, tray: QRect | None, available: QRect) -> QPoint:
    """Return the top-left point for a card of ``size``.

    Next to the tray icon when ``tray`` is a real rectangle (below it when the
    icon is in the top half of the screen, above it otherwise), else in the
    bottom-right corner of ``available``; always inside ``available``.
    """
    if tray is None or not tray.isValid() or tray.isEmpty():
        x = available.right() - EDGE_GAP - size.width() + 1
        y = available.bottom() - EDGE_GAP - size.height() + 1
    else:
        x = tray.center().x() - size.width() // 2
        in_top_half = tray.center().y() < available.center().y()
        y = tray.bottom() + EDGE_GAP if in_top_half else tray.top() - EDGE_GAP - size.height()
    x = max(available.left() + EDGE_GAP, min(x, available.right() - EDGE_GAP - size.width() + 1))
    y = max(available.top() + EDGE_GAP, min(y, available.bottom() - EDGE_GAP - size.height() + 1))
    return QPoint(x, y)


class InvitationCard(QWidget):
    """A small card with "Take a pause" and "Let it pass"."""

    accepted = Signal()
    passed = Signal(bool)
    """Emitted with True when the card faded away by itself."""

    def __init__(
        self,
        timeout: timedelta,
        tray_geometry: QRect | None = None,
        reduced_motion: bool = False,
        pause_length: timedelta | None = None,
        linger: timedelta = LINGER,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._linger_ms = int(linger.total_seconds() * 1000)
        self._held_ms = 0
        self._tray_geometry = tray_geometry
        self._reduced_motion = reduced_motion
        self._answered = False
        self.setWindowFlags(
            Qt.WindowType.Tool
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint
            | Qt.WindowType.WindowDoesNotAcceptFocus
        )
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        accessibility.install()
        accessibility.set_role(self, "notification")
        self.setWindowTitle(_("Presence: a bell"))
        self.setAccessibleDescription(f"{_(MESSAGE)} {_(KEYBOARD_HINT)}")
        self._build(pause_length)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(max(1, int(timeout.total_seconds() * 1000)))
        self._timer.timeout.connect(self._on_timed_out)
        self._fade = QPropertyAnimation(self, b"windowOpacity", self)
        self._fade.setEasingCurve(QEasingCurve.Type.InOutSine)

    def _build(self, pause_length: timedelta | None) -> None:
        frame = QFrame(self)
        frame.setObjectName("card")
        title = QLabel(card_title(pause_length), frame)
        title.setProperty("role", "muted")
        message = QLabel(_(MESSAGE), frame)
        message.setProperty("role", "prompt")
        self.take_button = self._button(_("Take a pause"), "primary", self._on_take_clicked)
        self.pass_button = self._button(_("Let it pass"), "", self._on_pass_clicked)
        buttons = QHBoxLayout()
        buttons.setSpacing(SPACING // 2)
        buttons.addStretch(1)
        buttons.addWidget(self.pass_button)
        buttons.addWidget(self.take_button)
        inner = QVBoxLayout(frame)
        inner.setContentsMargins(SPACING + 4, SPACING, SPACING + 4, SPACING)
        inner.setSpacing(SPACING // 2)
        inner.addWidget(title)
        inner.addWidget(message)
        inner.addSpacing(SPACING // 2)
        inner.addLayout(buttons)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(frame)

    def _button(self, text: str, role: str, slot: object) -> QPushButton:
        button = QPushButton(text, self)
        button.setProperty("role", role)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setAccessibleName(text)
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        button.clicked.connect(slot)
        return button

    def showEvent(self, event: QShowEvent) -> None:
        self.adjustSize()
        tray = self._tray_geometry
        area = available_geometry(tray.center() if tray is not None else None)
        self.move(card_position(self.size(), tray, area))
        self._fade_to(1.0, from_value=0.0)
        self._timer.start()
        super().showEvent(event)
        accessibility.announce(self, f"{MESSAGE} {KEYBOARD_HINT}")

    def resizeEvent(self, event: QResizeEvent) -> None:
        # Round the window itself, so no square corners show where the desktop
        # has no compositor to draw a translucent background.
        path = QPainterPath()
        path.addRoundedRect(QRectF(self.rect()), CARD_RADIUS, CARD_RADIUS)
        self.setMask(QRegion(path.toFillPolygon().toPolygon()))
        super().resizeEvent(event)

    def enterEvent(self, event: QEnterEvent) -> None:
        if self._timer.isActive():
            self._held_ms = self._timer.remainingTime()
            self._timer.stop()
        super().enterEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        # Only a held timeout resumes; a stray Leave must not shorten a running one.
        if not self._answered and not self._timer.isActive() and self.isVisible():
            self._timer.start(max(self._linger_ms, self._held_ms))
        super().leaveEvent(event)

    def _on_take_clicked(self) -> None:
        if self._answer():
            self.accepted.emit()
            self.close()

    def _on_pass_clicked(self) -> None:
        if self._answer():
            self.passed.emit(False)
            self.close()

    def _on_timed_out(self) -> None:
        if not self._answer():
            return
        if self._reduced_motion:
            self._on_faded_away()
            return
        self._fade.finished.connect(self._on_faded_away)
        self._fade_to(0.0)

    def _on_faded_away(self) -> None:
        self.passed.emit(True)
        self.close()

    def _answer(self) -> bool:
        """Mark the card answered; False if it already was."""
        if self._answered:
            return False
        self._answered = True
        self._timer.stop()
        return True

    def _fade_to(self, value: float, from_value: float | None = None) -> None:
        self._fade.stop()
        if self._reduced_motion:
            self.setWindowOpacity(value)
            return
        self._fade.setDuration(FADE_MS)
        self._fade.setStartValue(self.windowOpacity() if from_value is None else from_value)
        self._fade.setEndValue(value)
        self._fade.start()
