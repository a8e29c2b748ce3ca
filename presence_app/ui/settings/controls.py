"""One control per setting row, chosen by the row's kind.

Each ``Control`` shows the row's human label, the right Qt widget, the
row's sentence as tooltip and accessible description, and a hint line
beneath that says why a value cannot be used (from the loader's check).
It reads and writes plain file values, so the window can check the whole
draft with the loader's rules. A setting added to the model appears on its
page with one of these controls, with no change here.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from presence_app.core.settings import (
    Field,
    Kind,
    Problem,
    format_setting_duration,
    parse_setting_duration,
)
from presence_app.i18n import _
from presence_app.ui import accessibility
from presence_app.ui.settings.duration import DurationEdit


def hint_label() -> QLabel:
    """The line beneath a control that says why its value cannot be used."""
    hint = QLabel()
    hint.setWordWrap(True)
    hint.setProperty("role", "hint")
    hint.hide()
    return hint


def show_hint(hint: QLabel, widget: QWidget, problems: list[Problem], sentence: str) -> None:
    """Show the problems' plain words beneath ``widget``, and mark it for screen readers."""
    text = " ".join(dict.fromkeys(p.hint or p.message for p in problems))
    hint.setText(text)
    hint.setVisible(bool(text))
    if widget is hint:
        widget.setAccessibleDescription(text or sentence)
    else:
        accessibility.mark_problem(widget, text, sentence)


class Control(QObject):
    """A setting's label, widget and hint, speaking plain file values."""

    edited = Signal()

    def __init__(self, field: Field, widget: QWidget, *, labelled: bool = True) -> None:
        super().__init__(widget)
        self.field = field
        self.key = field.key
        self.widget = widget
        self.place: QWidget = widget
        """What the page lays out: the widget, or a row holding it and its buttons."""
        self.label: QLabel | None = None
        if labelled:
            self.label = QLabel(_(field.label))
            self.label.setBuddy(widget)
        self.hint = hint_label()
        widget.setObjectName(field.key)
        widget.setToolTip(_(field.sentence))
        widget.setAccessibleName(_(field.label))
        widget.setAccessibleDescription(_(field.sentence))

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def show_problems(self, problems: list[Problem]) -> None:
        show_hint(self.hint, self.widget, problems, _(self.field.sentence))


class CheckControl(Control):
    def __init__(self, field: Field) -> None:
        self.box = QCheckBox(_(field.label))
        super().__init__(field, self.box, labelled=False)
        self.box.toggled.connect(self.edited)

    def value(self) -> Any:
        return self.box.isChecked()

    def set_value(self, value: Any) -> None:
        self.box.setChecked(bool(value))


class NumberControl(Control):
    def __init__(self, field: Field) -> None:
        self.spin = QSpinBox()
        assert isinstance(field.minimum, int) and isinstance(field.maximum, int)
        self.spin.setRange(field.minimum, field.maximum)
        self.spin.setMaximumWidth(self.spin.fontMetrics().horizontalAdvance("0" * 8) + 48)
        super().__init__(field, self.spin)
        self.spin.valueChanged.connect(self.edited)

    def value(self) -> Any:
        return self.spin.value()

    def set_value(self, value: Any) -> None:
        self.spin.setValue(int(value))


class DurationControl(Control):
    def __init__(self, field: Field) -> None:
        self.edit = DurationEdit(_(field.label), field.minimum, field.maximum)  # type: ignore[arg-type]  # a duration row has timedelta limits
        super().__init__(field, self.edit.number)
        self.place = self.edit
        self.edit.edited.connect(self.edited)

    def value(self) -> Any:
        return format_setting_duration(self.edit.value())

    def set_value(self, value: Any) -> None:
        self.edit.set_value(parse_setting_duration(str(value)))


class ChoiceControl(Control):
    """A choice, or text with values to offer (the language): human names shown."""

    def __init__(self, field: Field) -> None:
        self.combo = QComboBox()
        self.combo.setMaximumWidth(self.combo.fontMetrics().horizontalAdvance("M" * 24))
        for value, name in field.names:
            self.combo.addItem(_(name), value)  # language names stay as they call themselves
        super().__init__(field, self.combo)
        self.combo.currentIndexChanged.connect(self.edited)

    def value(self) -> Any:
        return self.combo.currentData()

    def set_value(self, value: Any) -> None:
        index = self.combo.findData(str(value))
        if index < 0:  # a value the file holds that the window does not offer
            self.combo.addItem(str(value), str(value))
            index = self.combo.count() - 1
        self.combo.setCurrentIndex(index)


class TextControl(Control):
    def __init__(self, field: Field) -> None:
        self.line = QLineEdit()
        super().__init__(field, self.line)
        self.line.textChanged.connect(self.edited)

    def value(self) -> Any:
        return self.line.text()

    def set_value(self, value: Any) -> None:
        self.line.setText(str(value))


class LinesControl(Control):
    """A list of texts, one per line."""

    def __init__(self, field: Field) -> None:
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)  # Tab moves on, as everywhere else
        self.text.setFixedHeight(self.text.fontMetrics().lineSpacing() * 6 + 32)
        super().__init__(field, self.text)
        self.text.textChanged.connect(self.edited)

    def value(self) -> Any:
        return [line.strip() for line in self.text.toPlainText().splitlines() if line.strip()]

    def set_value(self, value: Any) -> None:
        self.text.setPlainText("\n".join(value))


def make_control(field: Field) -> Control:
    """Build the control that fits ``field``'s kind."""
    if field.kind is Kind.CHOICE or (field.kind is Kind.TEXT and field.names):
        return ChoiceControl(field)
    kinds: dict[Kind, type[Control]] = {
        Kind.BOOL: CheckControl,
        Kind.INT: NumberControl,
        Kind.DURATION: DurationControl,
        Kind.TEXT: TextControl,
        Kind.TEXT_LIST: LinesControl,
    }
    return kinds[field.kind](field)  # type: ignore[call-arg]  # each subclass takes only a field
