"""A duration typed as a number and a unit: [45] [minutes].

No free text for a structured value: the spin box holds the number and the
combo box the unit. The units offered follow the allowed range (seconds
only where it starts below a minute, hours only where it reaches an hour).
A range that ends within ten seconds (the bell's fade-in) is one spin box
of seconds with tenths. The range checks themselves are the loader's: the
spin box lets a value outside the range be typed, and the window then says
why it cannot be used beside the control.
"""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QHBoxLayout, QSpinBox, QWidget

from presence_app.i18n import N_, _

UNITS: tuple[tuple[str, int], ...] = (
    (N_("seconds"), 1),
    (N_("minutes"), 60),
    (N_("hours"), 3600),
)
"""Units beside the number, in English (translated where shown)."""
FINE_LIMIT = timedelta(seconds=10)


class DurationEdit(QWidget):
    """A number and a unit that together make a ``timedelta``."""

    edited = Signal()

    def __init__(
        self, label: str, minimum: timedelta, maximum: timedelta, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._maximum = maximum
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.fine = maximum <= FINE_LIMIT
        self.number: QSpinBox | QDoubleSpinBox
        self.unit = QComboBox()
        if self.fine:
            self.number = QDoubleSpinBox()
            self.number.setDecimals(1)
            self.number.setSingleStep(0.1)
            self.number.setRange(0, maximum.total_seconds())
            self.number.setSuffix(" " + _("seconds"))
            self.unit.hide()
        else:
            self.number = QSpinBox()
            for name, size in UNITS:
                if size < 60 and minimum >= timedelta(minutes=1):
                    continue
                if size == 3600 and maximum < timedelta(hours=1):
                    continue
                self.unit.addItem(_(name), size)
            self.unit.currentIndexChanged.connect(self._on_unit_changed)
        self.number.setAccessibleName(label)
        self.number.setMinimumWidth(self.number.fontMetrics().horizontalAdvance("0000") + 40)
        self.unit.setAccessibleName(_("{label}: unit").format(label=label))
        self.number.valueChanged.connect(self.edited)
        layout.addWidget(self.number)
        layout.addWidget(self.unit)
        layout.addStretch()
        self.setFocusProxy(self.number)

    def value(self) -> timedelta:
        if self.fine:
            return timedelta(seconds=round(self.number.value(), 1))
        return timedelta(seconds=int(self.number.value()) * self._unit_size())

    def set_value(self, value: timedelta) -> None:
        self.blockSignals(True)
        if isinstance(self.number, QDoubleSpinBox):
            self.number.setValue(value.total_seconds())
        else:
            seconds = round(value.total_seconds())
            fits = [i for i in range(self.unit.count()) if seconds % self.unit.itemData(i) == 0]
            # Nothing (0) reads best in the smallest unit that is not seconds.
            index = (min(fits[1:2] or fits) if seconds == 0 else max(fits)) if fits else 0
            self.unit.setCurrentIndex(index)
            self._on_unit_changed()
            self.number.setValue(seconds // self._unit_size())
        self.blockSignals(False)

    def _unit_size(self) -> int:
        size = self.unit.currentData()
        return int(size) if size else 1

    def _on_unit_changed(self) -> None:
        top = max(1, round(self._maximum.total_seconds()) // self._unit_size())
        self.number.setRange(0, top)
        self.edited.emit()
