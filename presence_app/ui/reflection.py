"""The reflection window: one question, a place to write, and nothing more.

Why: after the pause the user is present, so this window takes the
keyboard and puts the cursor in the text field at once. It asks one prompt,
offers a few optional feeling words, and gets out of the way: Ctrl+Enter
keeps what was written, Esc leaves without keeping it.

Main ideas:
- Nothing typed is lost: ``draft_changed(text, feelings)`` is emitted a
  moment (``DRAFT_DELAY``) after the last change; the app writes it to the
  state dir, so a crash loses at most that moment. A draft given to the
  constructor is shown again (text, cursor at its end, feelings checked).
- ``saved(text, feelings)`` and ``dismissed()`` are emitted once each;
  ``feelings`` is a ``tuple[str, ...]`` in the order the words are offered.
  "Leave it" closes the window; "Keep it" does not: whoever keeps the words
  closes it once they are kept. If they could not be, ``show_problem``
  says why and the window can be answered again, words and all, so no
  window ever closes on words that went nowhere.
- Keys typed in the first moment after the window appears are swallowed
  by an ``InputGuard``, so a half-typed sentence does not land here.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut, QShowEvent, QTextCursor
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from presence_app.i18n import N_, _, pgettext
from presence_app.ui import accessibility
from presence_app.ui.compositor import keep_own_size
from presence_app.ui.input_guard import InputGuard
from presence_app.ui.screens import mouse_screen
from presence_app.ui.theme import MARGIN, SPACING

DRAFT_DELAY = timedelta(milliseconds=500)
"""Longest wait between a keystroke and handing the draft over. The wait is
not restarted by later keys, so even steady typing is kept every half
second, and a crash loses at most that much."""
FEELINGS_PER_ROW = 4
PLACEHOLDER = N_("A word or a line is plenty.")
SAVE_TEXT = N_("Keep it")
LEAVE_TEXT = N_("Leave it")
"""Words in English, translated where shown."""


class ReflectionWindow(QWidget):
    """One prompt, a text field with focus, optional feeling words."""

    saved = Signal(str, object)
    """(text, feelings: tuple[str, ...]) on Ctrl+Enter or "Keep it"."""
    dismissed = Signal()
    set_aside = Signal()
    """Closed by the window manager without an answer: the words are kept."""
    draft_changed = Signal(str, object)
    """(text, feelings: tuple[str, ...]), debounced by ``DRAFT_DELAY``."""

    def __init__(
        self,
        prompt: str,
        feelings: Sequence[str] = (),
        *,
        draft_text: str = "",
        draft_feelings: Sequence[str] = (),
        guard: InputGuard | None = None,
        draft_delay: timedelta = DRAFT_DELAY,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._done = False
        self._placed = False
        accessibility.install()
        accessibility.set_role(self, "window")
        self.setWindowTitle(_("Presence: a moment to reflect"))
        self.prompt_label = QLabel(prompt, self)
        self.text_field = QPlainTextEdit(self)
        self.feeling_buttons = [self._feeling_button(word, draft_feelings) for word in feelings]
        self.save_button = QPushButton(_(SAVE_TEXT), self)
        self.leave_button = QPushButton(_(LEAVE_TEXT), self)
        self.problem_label = QLabel("", self)
        self._build(prompt, draft_text)
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(max(1, int(draft_delay.total_seconds() * 1000)))
        self._connect_signals()
        self._guard = guard or InputGuard(parent=self)
        self._guard.install(self)

    def _feeling_button(self, word: str, checked: Sequence[str]) -> QPushButton:
        # The built-in words are in the catalog, the user's own come back as they
        # are; the journal keeps the word as shown, as the user picked it.
        shown = pgettext("feeling", word)
        button = QPushButton(shown, self)
        button.setCheckable(True)
        button.setChecked(shown in checked or word in checked)
        button.setProperty("role", "feeling")
        button.setAccessibleName(_("Feeling: {word}").format(word=shown))
        return button

    def _build(self, prompt: str, draft_text: str) -> None:
        self.prompt_label.setProperty("role", "prompt")
        self.prompt_label.setWordWrap(True)
        self.prompt_label.setBuddy(self.text_field)
        self.text_field.setPlaceholderText(_(PLACEHOLDER))
        self.text_field.setPlainText(draft_text)
        self.text_field.moveCursor(QTextCursor.MoveOperation.End)
        self.text_field.setTabChangesFocus(True)
        self.text_field.setAccessibleName(prompt)
        self.text_field.setAccessibleDescription(_("Ctrl+Enter keeps it, Esc leaves it."))
        self.text_field.setMinimumHeight(120)
        self.save_button.setProperty("role", "primary")
        self.save_button.setAccessibleName(_(SAVE_TEXT))
        self.save_button.setAccessibleDescription(
            _("Keeps your words in the journal (Ctrl+Enter)")
        )
        self.save_button.clicked.connect(self._on_save_clicked)
        self.leave_button.setAccessibleName(_(LEAVE_TEXT))
        self.leave_button.setAccessibleDescription(_("Closes without keeping anything (Esc)"))
        self.leave_button.clicked.connect(self._on_leave_clicked)
        self._lay_out()

    def _lay_out(self) -> None:
        self.setMinimumWidth(480)
        self.resize(560, 380)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        layout.setSpacing(SPACING)
        layout.addWidget(self.prompt_label)
        layout.addWidget(self.text_field, 1)
        self.problem_label.setWordWrap(True)
        self.problem_label.hide()
        layout.addWidget(self.problem_label)
        if self.feeling_buttons:
            layout.addLayout(self._feelings_grid())
        layout.addSpacing(SPACING // 2)
        layout.addLayout(self._buttons_row())
        chain = [self.text_field, *self.feeling_buttons, self.leave_button, self.save_button]
        for before, after in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(before, after)

    def _feelings_grid(self) -> QGridLayout:
        grid = QGridLayout()
        grid.setHorizontalSpacing(SPACING // 2)
        grid.setVerticalSpacing(SPACING // 2)
        for index, button in enumerate(self.feeling_buttons):
            grid.addWidget(button, index // FEELINGS_PER_ROW, index % FEELINGS_PER_ROW)
        grid.setColumnStretch(FEELINGS_PER_ROW, 1)
        return grid

    def _buttons_row(self) -> QHBoxLayout:
        self.hint_label = hint = QLabel(_("Ctrl+Enter keeps it · Esc leaves it"), self)
        hint.setProperty("role", "muted")
        # Narrow windows wrap the hint instead of cutting it off.
        hint.setWordWrap(True)
        hint.setMinimumWidth(hint.fontMetrics().averageCharWidth() * 12)
        row = QHBoxLayout()
        row.setSpacing(SPACING // 2)
        row.addWidget(hint, 1)
        row.addWidget(self.leave_button)
        row.addWidget(self.save_button)
        return row

    def _connect_signals(self) -> None:
        self._draft_timer.timeout.connect(self._on_draft_timer_fired)
        self.text_field.textChanged.connect(self._on_edited)
        for button in self.feeling_buttons:
            button.toggled.connect(self._on_edited)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(self._on_save_clicked)
        leave = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        leave.setContext(Qt.ShortcutContext.WindowShortcut)
        leave.activated.connect(self._on_leave_clicked)

    def text(self) -> str:
        """The text as written so far."""
        return self.text_field.toPlainText()

    def feelings(self) -> tuple[str, ...]:
        """The checked feeling words, in the order they are offered."""
        return tuple(b.text() for b in self.feeling_buttons if b.isChecked())

    def showEvent(self, event: QShowEvent) -> None:
        if not self._placed:
            # Where the pause just was: the middle of the screen with the mouse.
            self._placed = True
            keep_own_size(self)
            area = mouse_screen().availableGeometry()
            self.move(area.center() - self.rect().center())
        self._guard.arm()
        super().showEvent(event)
        self.activateWindow()
        self.text_field.setFocus(Qt.FocusReason.ActiveWindowFocusReason)

    def _on_edited(self) -> None:
        if not self._done and not self._draft_timer.isActive():
            self._draft_timer.start()

    def _on_draft_timer_fired(self) -> None:
        self.draft_changed.emit(self.text(), self.feelings())

    def _on_save_clicked(self) -> None:
        if self._finish():
            self.saved.emit(self.text(), self.feelings())

    def show_problem(self, message: str) -> None:
        """The words could not be kept: say why, and let the window be answered again."""
        self._done = False
        self.problem_label.setText(message)
        self.problem_label.show()
        # Make room for the sentence rather than squeezing the words.
        layout = self.layout()
        needed = layout.totalHeightForWidth(self.width()) if layout is not None else 0
        if needed > self.height():
            self.resize(self.width(), needed)
        self.text_field.setFocus(Qt.FocusReason.OtherFocusReason)
        accessibility.announce(self.problem_label, message, assertive=True)

    def _on_leave_clicked(self) -> None:
        if self._finish():
            self.dismissed.emit()
            self.close()

    def _finish(self) -> bool:
        """Mark the window answered; False if it already was."""
        if self._done:
            return False
        self._done = True
        self._draft_timer.stop()
        return True

    def closeEvent(self, event: QCloseEvent) -> None:
        # Closed by the window manager with a draft pending: hand it over first.
        if self._draft_timer.isActive():
            self._draft_timer.stop()
            self._on_draft_timer_fired()
        if self._finish():
            self.set_aside.emit()
        super().closeEvent(event)
