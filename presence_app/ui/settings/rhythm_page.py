"""The Rhythm page: the rules, the rule being edited, and the coming week.

On the left the rules are listed by name and meaning, with the rule being
edited beneath; on the right the coming week is drawn from the rules as
they are now, saved or not. The page edits the draft's ``[[schedules]]``
tables in place and says so with ``edited``; the window then checks the
draft and hands the page the problems and the checked settings.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from presence_app.core.settings import LoadResult, Page, Problem
from presence_app.i18n import _
from presence_app.ui.settings.page import FormPage
from presence_app.ui.settings.ports import SettingsPorts
from presence_app.ui.settings.rule_editor import RuleEditor
from presence_app.ui.settings.rule_list import RuleList
from presence_app.ui.settings.week_preview import WeekPreview
from presence_app.ui.theme import SPACING


class RhythmPage(FormPage):
    edited = Signal()

    def __init__(
        self,
        rules: list[dict[str, Any]],
        ports: SettingsPorts,
        ask: Callable[[str, str, str], bool],
    ) -> None:
        super().__init__(_("Rhythm"), _("When the bell rings: one or more rules, together."))
        self.page = Page.RHYTHM
        self.list = RuleList(rules, ask)
        self.editor = RuleEditor()
        self.preview = WeekPreview(ports.now, ports.zone, ports.seed)
        self.empty = QLabel(_("Choose a rule to change it, or add one."))
        self.empty.setProperty("role", "muted")
        left = QVBoxLayout()
        left.setSpacing(SPACING // 2)
        left.addWidget(self.list)
        left.addWidget(self.editor)
        left.addWidget(self.empty)
        left.addStretch()
        columns = QWidget()
        row = QHBoxLayout(columns)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(SPACING + 8)
        row.addLayout(left, 11)
        row.addWidget(self.preview, 9)
        self.add_widget(columns)
        self.list.selected.connect(self._show_rule)
        self.list.changed.connect(self.edited)
        self.list.rename_requested.connect(self._on_rename)
        self.editor.edited.connect(self._on_rule_edited)

    def start(self, default_pause: timedelta) -> None:
        """Show the rules afresh (on opening and after a reload)."""
        self.list.default_pause = default_pause
        self.list.refresh(keep=0)
        self._show_rule(self.list.current())

    def _show_rule(self, row: int) -> None:
        has_rule = 0 <= row < len(self.list.rules)
        self.editor.setVisible(has_rule)
        self.empty.setVisible(not has_rule)
        if has_rule:
            self.editor.load(self.list.rules[row], self.list.default_pause)

    def _on_rule_edited(self) -> None:
        row = self.list.current()
        if 0 <= row < len(self.list.rules):
            self.list.rules[row] = self.editor.table()
            self.edited.emit()

    def _on_rename(self) -> None:
        self.editor.name.setFocus()
        self.editor.name.selectAll()

    def checked(self, result: LoadResult, default_pause: timedelta) -> None:
        """Show what the window's check found, and the coming week it gives."""
        self.list.default_pause = default_pause
        for index in range(len(self.list.rules)):
            self.list.update_row(index)
        row = self.list.current()
        prefix = f"schedules[{row}]"
        mine: list[Problem] = [
            p
            for p in result.problems
            if p.key == prefix or p.key.startswith((f"{prefix}.", f"{prefix}["))
        ]
        self.editor.show_problems(prefix, mine)
        self.preview.show_settings(result.settings)
