"""Saying where a value waits in the settings window, in the window's words.

Why: while a value cannot be used, Save waits; the person must learn which
setting, on which page, and why, in words a screen reader can speak. These
helpers find the rule a ``schedules[…]`` problem belongs to and the page
that holds a control; ``ProblemGuide`` leads the keyboard there (Enter
while Save waits) and tells a screen reader what waits, once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QWidget,
)

from presence_app.core.settings import Problem
from presence_app.ui import accessibility

if TYPE_CHECKING:
    from presence_app.ui.settings.controls import Control
    from presence_app.ui.settings.draft import Draft
    from presence_app.ui.settings.rhythm_page import RhythmPage


def words_of(problem: Problem) -> str:
    """The problem in the few plain words shown beside its control."""
    return problem.hint or problem.message


def rule_row(key: str) -> int | None:
    """The rule a problem key belongs to: 2 for ``schedules[2].every``."""
    row = key.removeprefix("schedules[").split("]")[0]
    return int(row) if key.startswith("schedules[") and row.isdigit() else None


def page_holding(stack: QStackedWidget, widget: QWidget) -> int:
    """The index of the page in ``stack`` that holds ``widget`` (-1: none)."""
    for index in range(stack.count()):
        page = stack.widget(index)
        if page is not None and page.isAncestorOf(widget):
            return index
    return -1


class Window(Protocol):
    """What ``ProblemGuide`` reads of the settings window."""

    draft: Draft
    controls: dict[str, Control]
    rhythm: RhythmPage
    pages: QListWidget
    stack: QStackedWidget
    message: QLabel
    save_button: QPushButton

    def check_now(self) -> None: ...
    def focusWidget(self) -> QWidget | None: ...  # Qt names it so


class ProblemGuide:
    """Leads a keyboard or screen reader user to the value Save waits for."""

    def __init__(self, window: Window) -> None:
        self._window = window
        self._announced = ""

    def first(self) -> tuple[str, QWidget | None]:
        """The first problem in plain words, and the control that shows it."""
        window = self._window
        problem = window.draft.result.problems[0]
        if problem.key.startswith("schedules"):
            row = rule_row(problem.key)
            if row is not None:
                window.rhythm.list.view.setCurrentRow(row)
            return words_of(problem), window.rhythm.editor.widget_for(problem.key)
        control = window.controls.get(problem.key.split("[")[0])
        return words_of(problem), control.widget if control else None

    def announce_new(self) -> None:
        """Tell a screen reader, once, about a problem that has just appeared."""
        if not self._window.draft.result.problems:
            self._announced = ""
            return
        words, _ = self.first()
        if words != self._announced:
            self._announced = words
            message = self._window.message
            accessibility.announce(message, f"{words} {message.text()}")

    def go_to_first(self) -> None:
        """Show the control whose value waits, focus it and say why."""
        window = self._window
        words, widget = self.first()
        if widget is not None:
            window.pages.setCurrentRow(page_holding(window.stack, widget))
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
        text = f"{words} {window.message.text()}"
        accessibility.announce(window.message, text, assertive=True)

    def took_enter(self, event: QKeyEvent) -> bool:
        """Enter while Save waits goes to the value that waits (Save is disabled)."""
        window = self._window
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        in_text = isinstance(window.focusWidget(), QPlainTextEdit)
        if not enter or in_text or window.save_button.isEnabled():
            return False
        window.check_now()
        if not window.draft.result.problems:
            return False
        self.go_to_first()
        return True
