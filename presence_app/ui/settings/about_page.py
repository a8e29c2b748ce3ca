"""The "About this desktop" page: what works here and what does not.

Each row is one ``Capability`` from the same probes the app uses (the
tray, the shortcut, time away, full screen, do-not-disturb, sound): its
name, whether it works here, a line on how, and one line on what to do
when it does not. "Look again" asks again, for instance after plugging in
a headset.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QWidget

from presence_app.core.capabilities import Capability
from presence_app.i18n import N_, _
from presence_app.ui.settings.page import FormPage
from presence_app.ui.theme import SPACING

STATE_WORDS = {True: N_("Works here"), False: N_("Not here"), None: N_("Not known yet")}


class AboutPage(FormPage):
    def __init__(self, capabilities: Callable[[], Sequence[Capability]]) -> None:
        super().__init__(
            _("About this desktop"),
            _("What Presence can do on this desktop, and what to do where it cannot."),
        )
        self._capabilities = capabilities
        self._rows = QWidget()
        self._rows.setObjectName("capabilities")
        self._table = QGridLayout(self._rows)
        self._table.setContentsMargins(0, 0, 0, 0)
        self._table.setHorizontalSpacing(SPACING)
        self._table.setVerticalSpacing(4)
        self._table.setColumnStretch(1, 1)
        self.add_widget(self._rows)
        again = QPushButton(_("Look again"))
        again.setAccessibleName(_("Look again"))
        again.clicked.connect(self.refresh)
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, SPACING // 2, 0, 0)
        row.addWidget(again)
        row.addStretch()
        self.add_widget(holder)
        self.refresh()

    def refresh(self) -> None:
        while self._table.count():
            item = self._table.takeAt(0)
            if item is not None and (widget := item.widget()) is not None:
                widget.deleteLater()
        rows = list(self._capabilities())
        if not rows:
            nothing = QLabel(_("Nothing to tell about this desktop yet."))
            self._table.addWidget(nothing, 0, 0, 1, 2)
        for index, capability in enumerate(rows):
            self._add(index * 2, capability)

    def _add(self, row: int, capability: Capability) -> None:
        name = QLabel(capability.name)
        name.setProperty("role", "strong")
        state = QLabel(_(STATE_WORDS[capability.works]))
        state.setProperty("role", "ok" if capability.works else "muted")
        lines = [capability.detail, capability.advice if capability.works is not True else ""]
        words = QLabel("\n".join(line for line in lines if line))
        words.setWordWrap(True)
        words.setProperty("role", "muted")
        self._table.addWidget(name, row, 0)
        self._table.addWidget(state, row, 1)
        self._table.addWidget(words, row + 1, 0, 1, 2)
        words.setContentsMargins(0, 0, 0, SPACING // 2)
