"""The settings window: a calm form generated from the settings table.

Every scalar field of ``FIELDS`` gets a control, grouped by section; each
control carries the field's sentence as tooltip and accessible description.
Schedule rules are shown as readable lines, and edited in the file itself
("Open settings file"), because a rule list is clearer as text than as a
grid of controls.

Saving checks the form with the loader's own rules (``check_document``), so
a value the window accepts is exactly a value the file accepts, with the
same messages. A failed save says so in the window and keeps every change
in place; nothing is lost. Cancel and Esc close without writing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from presence_app.core.settings import (
    FIELDS,
    Field,
    FileState,
    Kind,
    Settings,
    SettingsSaveError,
    check_document,
    load_settings,
    save_settings,
    settings_to_document,
)
from presence_app.core.settings_schedules import describe_rule
from presence_app.ui.settings_editors import Editor, make_editor

GROUPS: tuple[tuple[str, str], ...] = (
    ("sound", "Sound"),
    ("pause", "Pause"),
    ("invitation", "Invitation"),
    ("reflection", "Reflection"),
    ("", "General"),  # the top-level keys: the shortcut and starting at login
    ("considerate", "Considerate"),
    ("journal", "Journal"),
)
"""Sections in the order the window shows them, with their titles."""


class SettingsWindow(QDialog):
    """Edit the settings; ``settings_saved`` carries the new ``Settings``."""

    settings_saved = Signal(object)

    def __init__(self, settings: Settings, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._path = path
        self._editors: dict[str, Editor] = {}
        self.setWindowTitle("Presence settings")
        self.setAccessibleName("Presence settings")
        self._message = QLabel()
        self._message.setWordWrap(True)
        self._message.setObjectName("message")
        self._message.setAccessibleName("Message")
        self._message.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self._scroll_area(self._form()))
        layout.addWidget(self._message)
        layout.addWidget(self._buttons())
        self.resize(560, 640)

    def editor(self, key: str) -> QWidget:
        """Return the control that edits ``key``, such as ``"sound.volume"``."""
        return self._editors[key].widget

    def message(self) -> str:
        """Return the message shown in the window ("" when there is none)."""
        return self._message.text() if self._message.isVisibleTo(self) else ""

    # --- building ------------------------------------------------------------------

    def _form(self) -> QWidget:
        content = QWidget()
        layout = QVBoxLayout(content)
        document = settings_to_document(self._settings)
        for section, title in GROUPS:
            fields = [field for field in FIELDS if field.section == section]
            values = document[section] if section else document
            layout.addWidget(self._group(title, fields, values))
        layout.addWidget(self._schedules_group())
        layout.addStretch()
        return content

    def _group(self, title: str, fields: list[Field], values: dict[str, Any]) -> QGroupBox:
        group = QGroupBox(title)
        form = QFormLayout(group)
        for field in fields:
            editor = make_editor(field, values[field.name])
            self._editors[field.key] = editor
            if field.kind is Kind.BOOL:
                form.addRow(editor.widget)
            else:
                label = QLabel(f"&{field.title}")
                label.setBuddy(editor.widget)
                label.setToolTip(field.sentence)
                form.addRow(label, editor.widget)
        return group

    def _schedules_group(self) -> QGroupBox:
        group = QGroupBox("Schedules")
        layout = QVBoxLayout(group)
        lines = [describe_rule(rule) for rule in self._settings.schedules]
        summary = QLabel("\n".join(lines) if lines else "No schedules: no bells will ring.")
        summary.setWordWrap(True)
        summary.setObjectName("schedules")
        summary.setAccessibleName("Schedules")
        hint = QLabel("Rules are edited in the settings file; the other settings here.")
        hint.setWordWrap(True)
        open_file = QPushButton("Open settings &file")
        open_file.setAccessibleName("Open settings file")
        open_file.setToolTip(f"Open {self._path} in your text editor.")
        open_file.clicked.connect(self._on_open_file_clicked)
        for widget in (summary, hint, open_file):
            layout.addWidget(widget)
        return group

    def _scroll_area(self, content: QWidget) -> QScrollArea:
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setWidget(content)
        return area

    def _buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._on_save_clicked)
        buttons.rejected.connect(self.reject)
        save = buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setObjectName("save")
        save.setAccessibleName("Save")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setObjectName("cancel")
        return buttons

    # --- acting --------------------------------------------------------------------

    def _on_open_file_clicked(self) -> None:
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._path))):
            self._show_message(
                f"The settings file could not be opened here; it is at {self._path}."
            )

    def _on_save_clicked(self) -> None:
        result = check_document(self._form_document())
        if result.problems:
            self._show_message("\n".join(problem.message for problem in result.problems))
            return
        try:
            save_settings(self._path, result.settings)
        except SettingsSaveError as error:
            self._show_message(
                f"{error.message} Your changes are still here, so you can try again."
            )
            return
        self._settings = result.settings
        self.settings_saved.emit(result.settings)
        self.accept()

    def _form_document(self) -> dict[str, Any]:
        """The file values of the form, with schedules as the file has them now."""
        document = settings_to_document(self._settings)
        for editor in self._editors.values():
            field = editor.field
            table = document[field.section] if field.section else document
            table[field.name] = editor.value()
        current = load_settings(self._path)
        # Rules are edited in the file: keep edits made there while the window was open.
        if current.file_state is FileState.OK and not current.problems:
            document["schedules"] = settings_to_document(current.settings)["schedules"]
        return document

    def _show_message(self, text: str) -> None:
        self._message.setText(text)
        self._message.show()
