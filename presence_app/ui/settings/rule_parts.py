"""The plain controls a rule is made of: fixed times, days and active hours.

Each speaks the plain values of a ``[[schedules]]`` table ("21:30",
"weekdays", "22:00-01:00") and emits ``edited`` on every change. Nothing
here is typed as free text: times come from time fields, days from seven
toggles, hours from pairs of time fields.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time
from typing import Any

from PySide6.QtCore import QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from presence_app.core.settings import TimeWindow
from presence_app.core.settings.schedules import DAY_GROUPS, DAY_NAMES, days_to_toml
from presence_app.core.settings.words import window_words
from presence_app.core.timefmt import short_weekday_name, time_format, weekday_name
from presence_app.i18n import _, pgettext


def time_field(name: str, value: time) -> QTimeEdit:
    field = QTimeEdit(QTime(value.hour, value.minute))
    # The user's clock: "2:30 PM" where the region writes it so.
    field.setDisplayFormat("h:mm AP" if time_format().hour12 else "HH:mm")
    field.setAccessibleName(name)
    return field


def clock(field: QTimeEdit) -> str:
    return field.time().toString("HH:mm")


def _button(text: str, description: str = "") -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(text)
    if description:
        button.setAccessibleDescription(description)
    return button


def _left(widget: QWidget) -> QHBoxLayout:
    """A row holding ``widget`` at its natural width, on the left."""
    row = QHBoxLayout()
    row.addWidget(widget)
    row.addStretch()
    return row


def _before(anchor: QWidget, widgets: list[QWidget]) -> None:
    """Put ``widgets`` just before ``anchor`` in the Tab order.

    A widget added later joins the end of the window's Tab order (after
    Save and Cancel); a new time or pair of hours belongs before its "Add".
    """
    chain = [anchor.previousInFocusChain(), *widgets, anchor]
    for first, second in zip(chain, chain[1:], strict=False):
        if first is not None and second is not None:
            QWidget.setTabOrder(first, second)


def _parse(text: str) -> time:
    hours, minutes = text.split(":")
    return time(int(hours) % 24, int(minutes))


class TimeList(QWidget):
    """Fixed times of day, each with "Remove", and "Add a time"."""

    edited = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._rows = QVBoxLayout()
        self._rows.setContentsMargins(0, 0, 0, 0)
        self.fields: list[QTimeEdit] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._rows)
        self.add = _button(_("Add a time"))
        self.add.clicked.connect(lambda: self._add_row(time(12, 0), announce=True))
        layout.addLayout(_left(self.add))

    def value(self) -> list[str]:
        return sorted(dict.fromkeys(clock(field) for field in self.fields))

    def set_value(self, times: list[str]) -> None:
        while self.fields:
            self._remove(self.fields[0], announce=False)
        for text in times:
            self._add_row(_parse(text), announce=False)

    def _add_row(self, value: time, *, announce: bool) -> None:
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        field = time_field(_("Time {number}").format(number=len(self.fields) + 1), value)
        remove = _button(
            _("Remove"), _("Remove the time {time}").format(time=time_format().clock(value))
        )
        field.timeChanged.connect(self.edited)
        remove.clicked.connect(lambda: self._remove(field, announce=True))
        line.addWidget(field)
        line.addWidget(remove)
        line.addStretch()
        self.fields.append(field)
        self._rows.addWidget(row)
        _before(self.add, [field, remove])
        if announce:
            field.setFocus()
            self.edited.emit()

    def _remove(self, field: QTimeEdit, *, announce: bool) -> None:
        self.fields.remove(field)
        row = field.parentWidget()
        if row is not None:
            row.hide()
            row.deleteLater()
        for index, other in enumerate(self.fields):
            other.setAccessibleName(_("Time {number}").format(number=index + 1))
        if announce:
            self.add.setFocus()
            self.edited.emit()


class DayToggles(QWidget):
    """Seven day toggles, and shortcuts for weekdays, weekends and every day."""

    edited = Signal()

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        days = QHBoxLayout()
        self.toggles: list[QPushButton] = []
        for index in range(7):
            toggle = _button(short_weekday_name(index), weekday_name(index))
            toggle.setCheckable(True)
            toggle.setProperty("role", "day")
            toggle.toggled.connect(self.edited)
            days.addWidget(toggle)
            self.toggles.append(toggle)
        days.addStretch()
        shortcuts = QHBoxLayout()
        for text, group in (
            (_("Weekdays"), "weekdays"),
            (_("Weekends"), "weekends"),
            (_("Every day"), "daily"),
        ):
            button = _button(text)
            button.setProperty("role", "quiet")
            button.clicked.connect(
                lambda _checked=False, members=DAY_GROUPS[group]: self._choose(members)
            )
            shortcuts.addWidget(button)
        shortcuts.addStretch()
        layout.addLayout(days)
        layout.addLayout(shortcuts)

    def value(self) -> str | list[str]:
        chosen = frozenset(i for i, toggle in enumerate(self.toggles) if toggle.isChecked())
        return days_to_toml(chosen) if chosen else []

    def set_value(self, days: Any) -> None:
        if isinstance(days, str):
            members = DAY_GROUPS[days]
        else:
            members = frozenset(DAY_NAMES.index(day) for day in days)
        self._choose(members, announce=False)

    def _choose(self, members: frozenset[int], *, announce: bool = True) -> None:
        for index, toggle in enumerate(self.toggles):
            toggle.blockSignals(True)
            toggle.setChecked(index in members)
            toggle.blockSignals(False)
        if announce:
            self.edited.emit()


@dataclass(frozen=True)
class Hours:
    """One from–to pair of time fields, with its words and its Remove button."""

    start: QTimeEdit
    end: QTimeEdit
    words: QLabel
    remove: QPushButton
    to: QLabel

    @property
    def widgets(self) -> tuple[QWidget, ...]:
        return (self.start, self.to, self.end, self.words, self.remove)


class HoursList(QWidget):
    """Active hours: "All day", or from–to pairs said in words beside them."""

    edited = Signal()

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.all_day = QCheckBox(_("All day"))
        self.all_day.setAccessibleName(_("All day"))
        self.all_day.toggled.connect(self._on_all_day)
        layout.addWidget(self.all_day)
        self._grid = QGridLayout()
        self._grid.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._grid)
        self.pairs: list[Hours] = []
        self.add = _button(_("Add hours"))
        self.add.clicked.connect(lambda: self._add_pair(time(9), time(17), announce=True))
        layout.addLayout(_left(self.add))

    def value(self) -> list[str]:
        if self.all_day.isChecked():
            return []
        return [_window_text(pair.start, pair.end) for pair in self.pairs]

    def set_value(self, hours: list[str]) -> None:
        for pair in list(self.pairs):
            self._remove(pair, announce=False)
        for text in hours:
            start, end = text.split("-")
            self._add_pair(_parse(start), _parse(end), announce=False)
        self.all_day.blockSignals(True)
        self.all_day.setChecked(not hours)
        self.all_day.blockSignals(False)
        self._show_pairs()

    def _on_all_day(self, checked: bool) -> None:
        if not checked and not self.pairs:
            self._add_pair(time(9), time(17), announce=False)
        self._show_pairs()
        self.edited.emit()

    def _show_pairs(self) -> None:
        visible = not self.all_day.isChecked()
        for pair in self.pairs:
            for widget in pair.widgets:
                widget.setVisible(visible)
        self.add.setVisible(visible)

    def _add_pair(self, start: time, end: time, *, announce: bool) -> None:
        number = len(self.pairs) + 1
        begin = time_field(_("From {number}").format(number=number), start)
        finish = time_field(_("To {number}").format(number=number), end)
        words = QLabel()
        words.setProperty("role", "muted")
        remove = _button(_("Remove"), _("Remove hours {number}").format(number=number))
        # Translators: between two times of day, "09:00 to 17:00".
        pair = Hours(begin, finish, words, remove, QLabel(pgettext("span", "to")))
        row = self._grid.rowCount()
        for column, widget in enumerate(pair.widgets):
            self._grid.addWidget(widget, row, column)
        self._grid.setColumnStretch(3, 1)
        for field in (begin, finish):
            field.timeChanged.connect(lambda: self._on_changed(pair))
        remove.clicked.connect(lambda: self._remove(pair, announce=True))
        self.pairs.append(pair)
        self._words(pair)
        _before(self.add, [begin, finish, remove])
        if announce:
            begin.setFocus()
            self.edited.emit()

    def _on_changed(self, pair: Hours) -> None:
        self._words(pair)
        self.edited.emit()

    def _words(self, pair: Hours) -> None:
        first, last = (_parse(part) for part in _window_text(pair.start, pair.end).split("-"))
        usable = first != last or first == time(0)
        pair.words.setText(window_words(TimeWindow(first, last)) if usable else "")

    def _remove(self, pair: Hours, *, announce: bool) -> None:
        self.pairs.remove(pair)
        for widget in pair.widgets:
            widget.hide()
            widget.deleteLater()
        if announce:
            if not self.pairs:
                self.all_day.setChecked(True)
            self.add.setFocus()
            self.edited.emit()


def _window_text(start: QTimeEdit, end: QTimeEdit) -> str:
    """ "HH:MM-HH:MM"; an end at midnight is written 24:00, as the file does."""
    first, last = clock(start), clock(end)
    if last == "00:00":
        last = "24:00"
    return f"{first}-{last}"
