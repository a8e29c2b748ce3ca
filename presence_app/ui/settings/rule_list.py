"""The list of rules: each by name with its meaning in one line, and the
actions a list needs: add (empty or from a template), duplicate, rename,
remove (asking once) and move up or down.

While the rules are still the ones Presence came with (or there are none),
the templates are also offered as buttons beneath the list: one click puts
a good rhythm in place of the shipped one, and nothing the person made
can be replaced that way. Once the rules are their own, the templates stay
in the Add menu.

The list edits the draft's ``[[schedules]]`` tables in place and says so
with ``changed``; the editor beside it shows the selected rule.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from presence_app.core.settings import ScheduleRule, Settings, check_document, rule_to_toml
from presence_app.core.settings.templates import TEMPLATES
from presence_app.core.settings.words import rule_summary
from presence_app.i18n import N_, _
from presence_app.ui.flow import FlowLayout

NEW_RULE = {"name": N_("New rule"), "every": "45m", "days": "daily", "hours": ["09:00-18:00"]}
"""A new rule's table; its name is translated as it is added."""


def _button(text: str, description: str) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(text)
    button.setAccessibleDescription(description)
    return button


class RuleList(QWidget):
    """The rules by name and meaning, with the buttons that change the list."""

    changed = Signal()
    """The list of rules changed (added, removed, moved)."""
    selected = Signal(int)
    """Another rule is shown (-1: none)."""
    rename_requested = Signal()

    def __init__(self, rules: list[dict[str, Any]], ask: Callable[[str, str, str], bool]) -> None:
        super().__init__()
        self.rules = rules
        self.default_pause = timedelta(minutes=1)
        """The general pause length, for rules without their own."""
        self._ask = ask
        self._shipped = list(Settings().schedules)
        """The rules Presence comes with, as they read in this window's language."""
        self.view = QListWidget()
        self.view.setObjectName("rules")
        self.view.setAccessibleName(_("Rules"))
        self.view.setWordWrap(True)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setMaximumHeight(self.view.fontMetrics().lineSpacing() * 8 + 28)
        self.view.currentRowChanged.connect(self._on_row)
        self.add = _button(_("Add"), _("Add a new rule, or one from a template"))
        menu = QMenu(self.add)
        menu.addAction(_("A new rule"), lambda: self._insert(_named(dict(NEW_RULE))))
        menu.addSeparator()
        for words, rule in TEMPLATES:
            action = QAction(_("Template: {description}").format(description=_(words)), menu)
            action.triggered.connect(
                lambda _checked=False, r=rule: self._insert(_named(rule_to_toml(r)))
            )
            menu.addAction(action)
        self.add.setMenu(menu)
        self.duplicate = _button(_("Duplicate"), _("Add a copy of the selected rule"))
        self.rename = _button(_("Rename"), _("Change the name of the selected rule"))
        self.remove = _button(_("Remove"), _("Remove the selected rule"))
        self.up = _button(_("Move up"), _("Move the selected rule up"))
        self.down = _button(_("Move down"), _("Move the selected rule down"))
        self.duplicate.clicked.connect(self._on_duplicate)
        self.rename.clicked.connect(self.rename_requested)
        self.remove.clicked.connect(self._on_remove)
        self.up.clicked.connect(lambda: self._move(-1))
        self.down.clicked.connect(lambda: self._move(1))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        buttons = FlowLayout()  # wraps rather than widening the window (German, large fonts)
        for button in (self.add, self.duplicate, self.rename, self.remove, self.up, self.down):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.starters = self._starter_row()
        layout.addWidget(self.starters)

    def _starter_row(self) -> QWidget:
        row = QWidget()
        row.setObjectName("starters")
        column = QVBoxLayout(row)
        column.setContentsMargins(0, 4, 0, 0)
        label = QLabel(_("Or start from a ready rhythm:"))
        label.setProperty("role", "muted")
        column.addWidget(label)
        flow = FlowLayout()
        column.addLayout(flow)
        for words, rule in TEMPLATES:
            button = _button(_(rule.name), _(words))
            button.setToolTip(_(words))
            button.clicked.connect(lambda _checked=False, r=rule: self._start_from(r))
            flow.addWidget(button)
        return row

    def current(self) -> int:
        return self.view.currentRow()

    def refresh(self, keep: int | None = None) -> None:
        """Show every rule's name and meaning again (after any edit)."""
        row = self.current() if keep is None else keep
        self.view.blockSignals(True)
        self.view.clear()
        for index, table in enumerate(self.rules):
            item = QListWidgetItem(self._words(index, table))
            self.view.addItem(item)
        self.view.setCurrentRow(min(max(row, 0), len(self.rules) - 1) if self.rules else -1)
        self.view.blockSignals(False)
        self._enable()
        self.starters.setVisible(self._as_shipped())

    def update_row(self, index: int) -> None:
        item = self.view.item(index)
        if item is not None and index < len(self.rules):
            item.setText(self._words(index, self.rules[index]))
        self.starters.setVisible(self._as_shipped())

    def _as_shipped(self) -> bool:
        """Are the rules none, or just the ones Presence came with, unchanged?"""
        return not self.rules or [_rule_of(table) for table in self.rules] == self._shipped

    def _start_from(self, rule: ScheduleRule) -> None:
        """Put a template in place of the shipped rules (offered only while they are)."""
        if self._as_shipped():
            self.rules[:] = [_named(rule_to_toml(rule))]
            self._changed(0)

    def _words(self, index: int, table: dict[str, Any]) -> str:
        rule = _rule_of(table)
        name = str(table.get("name", "")) or _("Rule {number}").format(number=index + 1)
        if rule is None:
            return f"{name}\n{_('Needs a look before it can ring')}"
        return f"{name}\n{rule_summary(rule, self.default_pause)}"

    def _enable(self) -> None:
        row, count = self.current(), len(self.rules)
        for button in (self.duplicate, self.rename, self.remove):
            button.setEnabled(row >= 0)
        self.up.setEnabled(row > 0)
        self.down.setEnabled(0 <= row < count - 1)

    def _on_row(self, row: int) -> None:
        self._enable()
        self.selected.emit(row)

    def _insert(self, table: dict[str, Any]) -> None:
        index = self.current() + 1 if self.rules else 0
        self.rules.insert(index, table)
        self._changed(index)

    def _on_duplicate(self) -> None:
        row = self.current()
        if row >= 0:
            twin = copy.deepcopy(self.rules[row])
            original = twin.get("name") or _("Rule")
            twin["name"] = _("{name} (copy)").format(name=original)[:100]
            self.rules.insert(row + 1, twin)
            self._changed(row + 1)

    def _on_remove(self) -> None:
        row = self.current()
        if row < 0:
            return
        name = str(self.rules[row].get("name") or _("this rule"))
        question = _("Remove the rule “{name}”? Its bells will no longer ring.").format(name=name)
        if self._ask(_("Remove this rule?"), question, _("Remove")):
            del self.rules[row]
            self._changed(min(row, len(self.rules) - 1))

    def _move(self, step: int) -> None:
        row = self.current()
        target = row + step
        if 0 <= row < len(self.rules) and 0 <= target < len(self.rules):
            self.rules[row], self.rules[target] = self.rules[target], self.rules[row]
            self._changed(target)

    def _changed(self, row: int) -> None:
        self.refresh(keep=row)
        self.selected.emit(self.current())
        self.changed.emit()
        self.view.setFocus()


def _named(table: dict[str, Any]) -> dict[str, Any]:
    """The table with its (English) name in the app's language, as it is added."""
    return {**table, "name": _(str(table.get("name", "")))}


def _rule_of(table: dict[str, Any]) -> ScheduleRule | None:
    """The rule a table means, as the loader reads it (None: it cannot ring)."""
    rules = check_document({"schedules": [table]}).settings.schedules
    return rules[0] if rules else None


def ask_with_box(parent: QWidget) -> Callable[[str, str, str], bool]:
    """Ask a yes-or-no question once, in a small box; Esc means no."""

    def ask(title: str, text: str, yes: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
        accept = box.addButton(yes, QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(_("Keep it"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.exec()
        return box.clickedButton() is accept

    return ask
