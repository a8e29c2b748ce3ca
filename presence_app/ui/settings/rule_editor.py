"""Editing one rule with plain controls, and saying what it means.

The editor shows a ``[[schedules]]`` table as controls and turns them back
into the table: a name; "Every so often" or "At fixed times"; the interval
and its "give or take" as number-and-unit; a list of times; seven day
toggles; active hours as from–to pairs; and the rule's own pause length.
Problems the loader finds in the rule appear beside the control they
concern, in plain words.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QWidget,
)

from presence_app.core.settings import Problem, format_setting_duration, parse_setting_duration
from presence_app.core.settings.schedules import EVERY_RANGE, PAUSE_RANGE
from presence_app.core.timewords import duration_words
from presence_app.i18n import _
from presence_app.ui import accessibility
from presence_app.ui.settings.controls import hint_label, show_hint
from presence_app.ui.settings.duration import DurationEdit
from presence_app.ui.settings.rule_parts import DayToggles, HoursList, TimeList
from presence_app.ui.theme import SPACING

JITTER_RANGE = (timedelta(0), timedelta(hours=12))


class RuleEditor(QWidget):
    """One rule's controls; ``edited`` after every change."""

    edited = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._loading = False
        self._default_pause = timedelta(minutes=1)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(SPACING)
        grid.setVerticalSpacing(4)
        grid.setColumnStretch(1, 1)
        self._grid = grid
        self.hints: dict[str, QLabel] = {}
        self.name = QLineEdit()
        self.name.setMaxLength(100)
        self.name.textEdited.connect(self._changed)
        self.every_choice = QRadioButton(_("Every so often"))
        self.at_choice = QRadioButton(_("At fixed times"))
        self.every = DurationEdit(_("Every"), *EVERY_RANGE)
        self.jitter = DurationEdit(_("Give or take"), *JITTER_RANGE)
        self.at = TimeList()
        self.days = DayToggles()
        self.hours = HoursList()
        self.own_pause = QCheckBox(_("Its own pause length"))
        self.pause = DurationEdit(_("Pause"), *PAUSE_RANGE)
        self._build()

    def _build(self) -> None:
        self._row(_("Name"), self.name, "name")
        kind = QWidget()
        choices = QHBoxLayout(kind)
        choices.setContentsMargins(0, 0, 0, 0)
        group = QButtonGroup(self)
        for button in (self.every_choice, self.at_choice):
            button.setAccessibleName(button.text())
            group.addButton(button)
            choices.addWidget(button)
            button.toggled.connect(self._on_kind)
        choices.addStretch()
        self._row(_("Rings"), kind, "")
        self._every_rows = [self._row(_("Every"), self.every, "every")]
        self._every_rows.append(self._row(_("Give or take"), self.jitter, "jitter"))
        self._at_rows = [self._row(_("At"), self.at, "at")]
        self._row(_("On"), self.days, "days")
        self._row(_("During"), self.hours, "hours")
        pause = QWidget()
        line = QHBoxLayout(pause)
        line.setContentsMargins(0, 0, 0, 0)
        self.own_pause.setAccessibleName(self.own_pause.text())
        line.addWidget(self.own_pause)
        line.addWidget(self.pause)
        line.addStretch()
        self._row(_("Pause"), pause, "pause")
        for part in (self.every, self.jitter, self.at, self.days, self.hours, self.pause):
            part.edited.connect(self._changed)
        self.own_pause.toggled.connect(self._on_own_pause)

    def _row(self, text: str, widget: QWidget, key: str) -> tuple[QLabel, QWidget, QLabel]:
        row = self._grid.rowCount()
        label = QLabel(text)
        label.setBuddy(widget.focusProxy() or widget)
        if isinstance(widget, QLineEdit):
            widget.setAccessibleName(text)
        hint = hint_label()
        self.hints[key] = hint
        label.setContentsMargins(0, 5, 0, 0)
        self._grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
        self._grid.addWidget(widget, row, 1)
        self._grid.addWidget(hint, row + 1, 1)
        return label, widget, hint

    def load(self, table: dict[str, Any], default_pause: timedelta) -> None:
        """Show ``table`` (a plain ``[[schedules]]`` table)."""
        self._loading = True
        self._default_pause = default_pause
        self.name.setText(str(table.get("name", "")))
        is_every = "every" in table
        (self.every_choice if is_every else self.at_choice).setChecked(True)
        self.every.set_value(parse_setting_duration(str(table.get("every", "45m"))))
        self.jitter.set_value(parse_setting_duration(str(table.get("jitter", "0s"))))
        self.at.set_value(list(table.get("at", ["12:00"])))
        self.days.set_value(table.get("days", "daily"))
        self.hours.set_value(list(table.get("hours", [])))
        self.own_pause.setChecked("pause" in table)
        self.pause.set_value(parse_setting_duration(str(table.get("pause", "1m"))))
        self._on_kind()
        self._on_own_pause()
        self._loading = False

    def table(self) -> dict[str, Any]:
        """The rule as the file writes it."""
        table: dict[str, Any] = {"name": self.name.text()}
        if self.every_choice.isChecked():
            table["every"] = format_setting_duration(self.every.value())
            if self.jitter.value():
                table["jitter"] = format_setting_duration(self.jitter.value())
        else:
            table["at"] = self.at.value()
        table["days"] = self.days.value()
        if hours := self.hours.value():
            table["hours"] = hours
        if self.own_pause.isChecked():
            table["pause"] = format_setting_duration(self.pause.value())
        return table

    def show_problems(self, prefix: str, problems: list[Problem]) -> None:
        """Show each problem of the rule ``prefix`` ("schedules[2]") beside its control."""
        found: dict[str, list[Problem]] = {key: [] for key in self.hints}
        for problem in problems:
            rest = problem.key[len(prefix) :].lstrip(".")
            part = rest.split("[")[0].split(".")[0]
            found["" if part not in found else part].append(problem)
        for key, hint in self.hints.items():
            show_hint(hint, hint, found[key], "")
            field = self._fields().get(key)
            if field is not None:
                accessibility.mark_problem(field, hint.text() if found[key] else "", "")

    def _fields(self) -> dict[str, QWidget]:
        """The field that holds each part of the rule, where one field does."""
        return {
            "name": self.name,
            "every": self.every.number,
            "jitter": self.jitter.number,
            "pause": self.pause.number,
        }

    def widget_for(self, key: str) -> QWidget:
        """The control to go to for a problem of ``key`` ("schedules[0].every")."""
        part = key.split("]", 1)[-1].lstrip(".").split("[")[0].split(".")[0]
        first_time: QWidget = self.at.fields[0] if self.at.fields else self.at.add
        others: dict[str, QWidget] = {
            "at": first_time,
            "days": self.days.toggles[0],
            "hours": self.hours.all_day,
        }
        widget = self._fields().get(part) or others.get(part)
        return widget if widget is not None and widget.isVisibleTo(self) else self.name

    def _on_kind(self) -> None:
        is_every = self.every_choice.isChecked()
        for label, widget, _hint in self._every_rows:
            label.setVisible(is_every)
            widget.setVisible(is_every)
        for label, widget, _hint in self._at_rows:
            label.setVisible(not is_every)
            widget.setVisible(not is_every)
        self._changed()

    def _on_own_pause(self) -> None:
        self.pause.setEnabled(self.own_pause.isChecked())
        if not self.own_pause.isChecked():
            self.own_pause.setToolTip(
                _(
                    "Without it, the pause lasts {length}, "
                    "as set on the Pause and reflection page."
                ).format(length=duration_words(self._default_pause))
            )
        self._changed()

    def _changed(self) -> None:
        if not self._loading:
            self.edited.emit()
