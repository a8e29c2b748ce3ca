"""One editor widget per field of the settings table.

``make_editor`` picks a Qt control from the field's kind and gives it the
field's sentence as tooltip and accessible description, so the form is
generated from the same table that validates the file. Each editor reads
and writes *plain file values* (``"1m"``, ``60``, ``["calm"]``): the window
then validates them with exactly the loader's rules and messages.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from presence_app.core.settings import Field, Kind


class Editor:
    """A control for one field, speaking plain file values."""

    def __init__(self, field: Field, widget: QWidget) -> None:
        self.field = field
        self.widget = widget
        widget.setObjectName(field.key)
        widget.setToolTip(field.sentence)
        widget.setAccessibleName(field.title)
        widget.setAccessibleDescription(field.sentence)
        widget.setWhatsThis(field.sentence)

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError


class _Check(Editor):
    widget: QCheckBox

    def __init__(self, field: Field) -> None:
        super().__init__(field, QCheckBox(field.title))

    def value(self) -> Any:
        return self.widget.isChecked()

    def set_value(self, value: Any) -> None:
        self.widget.setChecked(bool(value))


class _Number(Editor):
    widget: QSpinBox

    def __init__(self, field: Field) -> None:
        spin = QSpinBox()
        assert isinstance(field.minimum, int) and isinstance(field.maximum, int)
        spin.setRange(field.minimum, field.maximum)
        super().__init__(field, spin)

    def value(self) -> Any:
        return self.widget.value()

    def set_value(self, value: Any) -> None:
        self.widget.setValue(int(value))


class _Line(Editor):
    """Text and durations: durations are typed as in the file, such as 1m30s."""

    widget: QLineEdit

    def __init__(self, field: Field) -> None:
        line = QLineEdit()
        if field.max_length:
            line.setMaxLength(field.max_length)
        super().__init__(field, line)

    def value(self) -> Any:
        return (
            self.widget.text().strip() if self.field.kind is Kind.DURATION else self.widget.text()
        )

    def set_value(self, value: Any) -> None:
        self.widget.setText(str(value))


class _Choice(Editor):
    widget: QComboBox

    def __init__(self, field: Field) -> None:
        combo = QComboBox()
        combo.addItems(list(field.choices))
        super().__init__(field, combo)

    def value(self) -> Any:
        return self.widget.currentText()

    def set_value(self, value: Any) -> None:
        self.widget.setCurrentIndex(self.widget.findText(str(value)))


class _Lines(Editor):
    """A list of texts, one per line."""

    widget: QPlainTextEdit

    def __init__(self, field: Field) -> None:
        text = QPlainTextEdit()
        text.setTabChangesFocus(True)  # Tab moves on, as everywhere else in the form
        text.setFixedHeight(text.fontMetrics().lineSpacing() * 4 + 12)
        super().__init__(field, text)

    def value(self) -> Any:
        return [line.strip() for line in self.widget.toPlainText().splitlines() if line.strip()]

    def set_value(self, value: Any) -> None:
        self.widget.setPlainText("\n".join(value))


_EDITORS: dict[Kind, type[Editor]] = {
    Kind.BOOL: _Check,
    Kind.INT: _Number,
    Kind.DURATION: _Line,
    Kind.TEXT: _Line,
    Kind.CHOICE: _Choice,
    Kind.TEXT_LIST: _Lines,
}


def make_editor(field: Field, value: Any) -> Editor:
    """Build the control for ``field`` showing ``value`` (a plain file value)."""
    editor = _EDITORS[field.kind](field)  # type: ignore[call-arg]  # subclasses take a field
    editor.set_value(value)
    return editor
