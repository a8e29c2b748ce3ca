"""The "Shortcut and start-up" page: the keys that start a pause from
anywhere, starting at login, and the language.

The shortcut is recorded by pressing it (``KeyCapture``); at once the page
asks the app whether that chord works on this desktop or is taken by
another program, and says so beside the field.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from presence_app.core.settings import Page, field_of
from presence_app.i18n import _
from presence_app.ui.settings.controls import Control
from presence_app.ui.settings.keycapture import KeyCapture
from presence_app.ui.settings.page import FormPage
from presence_app.ui.settings.ports import ChordCheck

DEFAULT_CHORD = str(field_of("shortcut").default)


class ChordControl(Control):
    """The shortcut: a key-capture field, "Turn off", and what works here."""

    def __init__(self, check: Any) -> None:
        self.capture = KeyCapture()
        self.capture.setMaximumWidth(self.capture.fontMetrics().horizontalAdvance("M" * 20))
        super().__init__(field_of("shortcut"), self.capture)
        self._check = check
        self.capture.captured.connect(self._on_captured)
        off = QPushButton(_("Turn off"))
        off.setAccessibleName(_("Turn off"))
        off.setAccessibleDescription(_("Use no keyboard shortcut."))
        off.clicked.connect(lambda: self._on_captured("", record=True))
        self.place = QWidget()
        row = QHBoxLayout(self.place)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.capture, 1)
        row.addWidget(off)
        row.addStretch()
        self.verdict = ""

    def value(self) -> Any:
        return self.capture.chord()

    def set_value(self, value: Any) -> None:
        self.capture.set_chord(str(value))

    def _on_captured(self, text: str, *, record: bool = False) -> None:
        if record:
            self.capture.set_chord(text)
        result: ChordCheck = self._check(text) if text else ChordCheck(True, "")
        works = _("{shortcut} works on this desktop.").format(shortcut=text)
        self.verdict = result.message or (works if text else "")
        if not text:
            self.verdict = _("No shortcut: start a pause from the tray menu instead.")
        self.edited.emit()

    def show_problems(self, problems: list[Any]) -> None:
        super().show_problems(problems)
        if not problems and self.verdict:
            self.hint.setProperty("role", "muted")
            self.hint.setText(self.verdict)
            self.hint.show()
        else:
            self.hint.setProperty("role", "hint")
        self.hint.style().polish(self.hint)


class StartPage(FormPage):
    HANDLES = ("shortcut",)

    def __init__(self, check_chord: Any) -> None:
        super().__init__(
            _("Shortcut and start-up"),
            _("Press your shortcut anywhere to start a pause; press it again to end it."),
        )
        self.shortcut = ChordControl(check_chord)
        self.add_control(self.shortcut)
        self.controls: list[Control] = [self.shortcut]
        self.page = Page.START
