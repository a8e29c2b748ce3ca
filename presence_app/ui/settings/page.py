"""A page of the settings window: a title, a line saying what it is for, and
labelled rows in a two-column grid (label, control), each with its hint line
beneath. Headings group the rows of one table ("Reflection", "Journal").
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from presence_app.ui import accessibility
from presence_app.ui.settings.controls import Control
from presence_app.ui.theme import SPACING

PAGE_WIDTH = 640
"""Rows stay this narrow at most: long lines are tiring to read."""


class FormPage(QScrollArea):
    """One page; ``content`` scrolls when the window is small."""

    def __init__(self, title: str, intro: str) -> None:
        super().__init__()
        self.title = title
        self.setWidgetResizable(True)
        # A scroll bar sideways only when the screen is narrower than the page
        # can be (the window never grows past the screen); nothing is cut off.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setAccessibleName(title)
        # Not a tab stop of its own: Tab goes to the controls, and the area
        # scrolls to show whichever has the focus.
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.content = QWidget()
        self.content.setObjectName("page")
        outer = QVBoxLayout(self.content)
        outer.setContentsMargins(SPACING + 8, SPACING, SPACING, SPACING)
        outer.setSpacing(SPACING // 2)
        heading = QLabel(title)
        heading.setProperty("role", "title")
        accessibility.set_role(heading, "heading")
        outer.addWidget(heading)
        if intro:
            words = QLabel(intro)
            words.setWordWrap(True)
            words.setProperty("role", "muted")
            outer.addWidget(words)
        self.body = QVBoxLayout()
        self.body.setSpacing(SPACING // 2)
        outer.addLayout(self.body)
        outer.addStretch()
        self._grid: QGridLayout | None = None
        self.setWidget(self.content)

    def grid(self) -> QGridLayout:
        if self._grid is None:
            holder = QWidget()
            holder.setMaximumWidth(PAGE_WIDTH)
            self._grid = QGridLayout(holder)
            self._grid.setContentsMargins(0, 0, 0, 0)
            self._grid.setHorizontalSpacing(SPACING)
            self._grid.setVerticalSpacing(6)
            self._grid.setColumnStretch(1, 1)
            self.body.addWidget(holder)
        return self._grid

    def add_heading(self, text: str) -> None:
        """Start a group of rows; the labels of every group share one column."""
        label = QLabel(text)
        label.setProperty("role", "heading")
        accessibility.set_role(label, "heading")
        label.setContentsMargins(0, SPACING // 2, 0, 0)
        grid = self.grid()
        grid.addWidget(label, grid.rowCount(), 0, 1, 2)

    def add_control(self, control: Control, place: QWidget | None = None) -> None:
        """Add a row for ``control`` (``place``: a widget holding it and its buttons)."""
        self.add_row(control.label, place or control.place, control.hint)

    def add_row(self, label: QLabel | None, widget: QWidget, hint: QLabel | None = None) -> None:
        grid = self.grid()
        row = grid.rowCount()
        if label is not None:
            label.setWordWrap(True)
            grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
            label.setContentsMargins(0, 6, 0, 0)
            grid.addWidget(widget, row, 1)
        else:
            grid.addWidget(widget, row, 0, 1, 2)
        if hint is not None:
            grid.addWidget(
                hint, row + 1, 1 if label is not None else 0, 1, 2 if label is None else 1
            )

    def add_widget(self, widget: QWidget) -> None:
        self._grid = None
        self.body.addWidget(widget)
