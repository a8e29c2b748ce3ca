"""The pause itself: a calm window with a breathing circle, and nothing to do.

Why: the pause is the heart of Presence. The window is minimal: a slowly
breathing circle, an optional short phrase, an optional countdown, and a
quiet way out (Esc, or "End the pause"). Style "window" is a small window
centred on the screen with the mouse; style "fullscreen" softly dims every
screen (one frameless veil per screen) and shows the same content on the
screen with the mouse.

Main ideas:
- Time comes from an injected ``Clock``: a Qt timer only ticks (once a
  second) and the countdown text is worked out from ``ends_at - now``, so
  a late tick never makes the countdown drift.
- ``finished()`` when the time is up, ``ended_early()`` on Esc or the
  button; each emitted once, and the window then closes itself.
- An ``InputGuard`` swallows keys typed in the first moment after the
  window appears, so Esc meant for another app does not end the pause.
- Timers and the animation run only while the window is visible.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime, timedelta

from PySide6.QtCore import QPropertyAnimation, Qt, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QColor,
    QGuiApplication,
    QHideEvent,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QScreen,
    QShowEvent,
)
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from presence_app.core.clock import Clock
from presence_app.core.settings import PauseStyle
from presence_app.i18n import N_, _
from presence_app.ui import accessibility
from presence_app.ui.breathing import BreathingShape
from presence_app.ui.compositor import fade_in, prepare_fade, use_full_screen_state
from presence_app.ui.input_guard import InputGuard
from presence_app.ui.screens import mouse_screen
from presence_app.ui.theme import DARK, MARGIN, SPACING

WINDOW_SIZE = (460, 460)
VEIL_ALPHA = 215
"""How strongly a full-screen pause dims the screens (0–255)."""
END_BUTTON = N_("End the pause")
FADE_IN_MS = 1200
"""How long the pause takes to appear, unless motion is reduced."""


def countdown_text(remaining: timedelta) -> str:
    """Return "4:05" for the time left, counted up to whole seconds."""
    seconds = max(0, math.ceil(remaining.total_seconds()))
    minutes, seconds = divmod(seconds, 60)
    return f"{minutes}:{seconds:02d}"


class Veil(QWidget):
    """A frameless window that softly dims one screen."""

    def __init__(self, screen: QScreen) -> None:
        super().__init__(None)
        self.setWindowFlags(
            Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint
            | Qt.WindowType.Tool
            | Qt.WindowType.WindowDoesNotAcceptFocus
        )
        self.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        accessibility.install()
        accessibility.set_role(self, "window")
        self.setWindowTitle(_("Presence: the screen rests"))
        if not use_full_screen_state(self, screen):
            self.setGeometry(screen.geometry())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        colour = QColor(DARK.veil)
        colour.setAlpha(VEIL_ALPHA)
        painter.fillRect(self.rect(), colour)


class PauseWindow(QWidget):
    """The pause: breathing circle, optional phrase and countdown."""

    finished = Signal()
    ended_early = Signal()

    def __init__(
        self,
        clock: Clock,
        ends_at: datetime,
        *,
        phrase: str | None = None,
        show_countdown: bool = False,
        style: PauseStyle = PauseStyle.WINDOW,
        reduced_motion: bool = False,
        guard: InputGuard | None = None,
        tick: timedelta = timedelta(seconds=1),
        screens: Sequence[QScreen] | None = None,
    ) -> None:
        super().__init__(None)
        self._clock = clock
        self._ends_at = ends_at
        self._style = style
        self._done = False
        self._reduced_motion = reduced_motion
        self._fades: list[QPropertyAnimation] = []
        self._screens = list(screens) if screens is not None else None
        self.veils: list[Veil] = []
        self._set_up_window()
        self.breathing = BreathingShape(reduced_motion, self)
        # The built-in phrase is in the catalog; the user's own comes back as it is.
        self.phrase_label = QLabel(_(phrase) if phrase else "", self)
        self.countdown_label = QLabel("", self)
        self.end_button = QPushButton(_(END_BUTTON), self)
        self._build(phrase, show_countdown)
        self._ticker = QTimer(self)
        self._ticker.setInterval(max(1, int(tick.total_seconds() * 1000)))
        self._ticker.timeout.connect(self._on_ticked)
        self._guard = guard or InputGuard(parent=self)
        self._guard.install(self)
        if style is PauseStyle.FULLSCREEN:
            self._use_fullscreen_look()
        elif not reduced_motion:
            prepare_fade(self)

    def _set_up_window(self) -> None:
        accessibility.install()
        accessibility.set_role(self, "window")
        self.setWindowTitle(_("Presence: a pause"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setWindowFlags(Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint)

    def _build(self, phrase: str | None, show_countdown: bool) -> None:
        self.phrase_label.setProperty("role", "phrase")
        self.phrase_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.phrase_label.setWordWrap(True)
        self.phrase_label.setVisible(bool(phrase))
        self.countdown_label.setProperty("role", "countdown")
        self.countdown_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # The time itself is the name (what the screen shows); this says what it is.
        self.countdown_label.setAccessibleDescription(_("Time left in the pause"))
        self.countdown_label.setVisible(show_countdown)
        self.end_button.setProperty("role", "quiet")
        self.end_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.end_button.setAccessibleName(_(END_BUTTON))
        self.end_button.setAccessibleDescription(_("Ends the pause now. Esc does the same."))
        self.end_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.end_button.clicked.connect(self._on_end_clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        layout.setSpacing(SPACING)
        layout.addStretch(1)
        layout.addWidget(self.breathing, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(SPACING)
        layout.addWidget(self.phrase_label)
        layout.addWidget(self.countdown_label)
        layout.addStretch(1)
        layout.addWidget(self.end_button, 0, Qt.AlignmentFlag.AlignHCenter)
        self._update_countdown()

    def _use_fullscreen_look(self) -> None:
        """Light text on the dimmed screen, whatever the desktop's scheme."""
        self.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground)
        palette = self.breathing.palette()
        palette.setColor(QPalette.ColorRole.Highlight, QColor(DARK.accent))
        self.breathing.setPalette(palette)
        self.setStyleSheet(
            f"QLabel {{ color: {DARK.text}; }}"
            f"QPushButton {{ color: {DARK.muted}; background: transparent;"
            f" border: 1px solid {DARK.border}; }}"
        )

    def showEvent(self, event: QShowEvent) -> None:
        self._place()
        self._guard.arm()
        self._update_countdown()
        self._ticker.start()
        super().showEvent(event)
        if not self._reduced_motion:
            self._fade_in([self, *self.veils])
        self.activateWindow()
        self.setFocus(Qt.FocusReason.ActiveWindowFocusReason)

    def _fade_in(self, windows: list[QWidget]) -> None:
        """Let the windows appear softly (their content, where windows have no opacity)."""
        self._fades = [fade_in(window, FADE_IN_MS, self) for window in windows]

    def set_reduced_motion(self, reduced: bool) -> None:
        """Follow a change of the desktop's motion preference during the pause."""
        self._reduced_motion = reduced
        self.breathing.set_reduced_motion(reduced)

    def _place(self) -> None:
        screen = mouse_screen()
        if self._style is PauseStyle.FULLSCREEN:
            self._show_veils(screen)
            if not use_full_screen_state(self, screen):
                self.setGeometry(screen.geometry())
            return
        # A fixed size: tiling compositors float it, centred, at this size.
        self.setFixedSize(*WINDOW_SIZE)
        area = screen.availableGeometry()
        self.move(area.center() - self.rect().center())

    def _show_veils(self, content_screen: QScreen) -> None:
        screens = self._screens if self._screens is not None else QGuiApplication.screens()
        if not self.veils:
            # The content window dims its own screen; every other screen gets a veil.
            self.veils = [Veil(screen) for screen in screens if screen is not content_screen]
        for veil in self.veils:
            veil.show()

    def dimming_windows(self) -> list[QWidget]:
        """The windows that dim the screens in style "fullscreen" (one per screen)."""
        if self._style is not PauseStyle.FULLSCREEN:
            return []
        return [self, *self.veils]

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        if self._style is PauseStyle.FULLSCREEN:
            colour = QColor(DARK.veil)
            colour.setAlpha(VEIL_ALPHA)
            painter.fillRect(self.rect(), colour)
        else:
            painter.fillRect(self.rect(), self.palette().window())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self._end(early=True)
            return
        super().keyPressEvent(event)

    def _on_end_clicked(self) -> None:
        self._end(early=True)

    def _on_ticked(self) -> None:
        self._update_countdown()
        if self._clock.now() >= self._ends_at:
            self._end(early=False)

    def _update_countdown(self) -> None:
        self.countdown_label.setText(countdown_text(self._ends_at - self._clock.now()))

    def _end(self, *, early: bool) -> None:
        if self._done:
            return
        self._done = True
        self._ticker.stop()
        (self.ended_early if early else self.finished).emit()
        self.close()

    def hideEvent(self, event: QHideEvent) -> None:
        self._ticker.stop()
        for veil in self.veils:
            veil.hide()
        super().hideEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._ticker.stop()
        for veil in self.veils:
            veil.close()
        super().closeEvent(event)
