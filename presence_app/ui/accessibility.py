"""What a screen reader hears where Qt alone says too little.

Why: Qt's widgets describe themselves to assistive technology (AT-SPI on
Linux, UI Automation on Windows), but walked with AT-SPI some things a
screen reader user needs were missing or wrong: Presence's own windows
were plain "fillers" rather than windows, titles were not headings, every
combo box was named by the value it held ("minutes", "singing-bowl")
because Qt on Linux ignores a combo box's accessible name, and a sentence
that appears while the user is elsewhere (a notice, a problem) was never
spoken.

Main ideas:
- ``install`` puts one accessible-interface factory in front of Qt's own
  (idempotent; each window calls it). It answers only for objects that ask
  for it: a widget marked with ``set_role`` (a window, the invitation as a
  notification, a picture, a chart, a heading), and every combo box (named
  by its label, with the value it holds as its value). Everything else
  keeps Qt's interface.
- ``announce`` speaks a sentence through the platform's announcement
  (AT-SPI ``object:announcement``, a live region's equivalent), politely
  unless told otherwise.
- ``mark_problem`` marks a field whose value cannot be used: a caution
  border (style sheet ``[invalid="true"]``) and the problem as the field's
  accessible description. (Qt 6 has no path to AT-SPI's "invalid entry"
  state: measured, a custom interface's ``invalid`` state never reaches
  the bus, so the words carry it.)
Main thread only.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QAccessibleInterface
from PySide6.QtWidgets import QAccessibleWidget, QComboBox, QLabel, QWidget

ROLE_PROPERTY = "a11y-role"
ROLES = {
    "window": QAccessible.Role.Window,
    "notification": QAccessible.Role.Notification,
    "picture": QAccessible.Role.Graphic,
    "chart": QAccessible.Role.Chart,
    "heading": QAccessible.Role.Heading,
}

_installed: list[bool] = []


def install() -> None:
    """Put Presence's accessible-interface factory in front of Qt's (once)."""
    if not _installed:
        QAccessible.installFactory(_factory)
        _installed.append(True)


def set_role(widget: QWidget, role: str) -> None:
    """Give ``widget`` one of ``ROLES`` for assistive technology.

    While a screen reader listens, Qt makes a widget's interface as soon as
    the widget changes (a label's text, a name); one made before the role
    was set is dropped here, so the next question gets the right one.
    """
    widget.setProperty(ROLE_PROPERTY, role)
    if not QAccessible.isActive():
        return
    made = QAccessible.queryAccessibleInterface(widget)
    if made is not None and made.role() != ROLES[role]:
        QAccessible.deleteAccessibleInterface(QAccessible.uniqueId(made))


def announce(widget: QWidget, message: str, *, assertive: bool = False) -> None:
    """Have a screen reader speak ``message`` now, without moving the focus."""
    if not message:
        return
    event = QAccessibleAnnouncementEvent(widget, message)
    politeness = QAccessible.AnnouncementPoliteness
    event.setPoliteness(politeness.Assertive if assertive else politeness.Polite)
    QAccessible.updateAccessibility(event)


def mark_problem(widget: QWidget, problem: str, sentence: str) -> None:
    """Mark ``widget`` as holding a value that cannot be used ("" clears it).

    Args:
        problem: what is wrong, in plain words; it becomes the description.
        sentence: the description when nothing is wrong.
    """
    invalid = bool(problem)
    widget.setAccessibleDescription(problem or sentence)
    if bool(widget.property("invalid")) != invalid:
        widget.setProperty("invalid", invalid)
        widget.style().unpolish(widget)
        widget.style().polish(widget)


def label_text(widget: QWidget) -> str:
    """The visible text of the label whose buddy ``widget`` is, or ""."""
    window = widget.window()
    for label in window.findChildren(QLabel):
        if label.buddy() is widget:
            return _plain(label.text())
    return ""


def _plain(text: str) -> str:
    """Label text as spoken: mnemonic ampersands taken out ("&&" stays "&")."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _factory(key: str, obj: QObject) -> QAccessibleInterface | None:
    if not isinstance(obj, QWidget):
        return None
    role = obj.property(ROLE_PROPERTY)
    if isinstance(role, str) and role in ROLES:
        if role == "heading" and isinstance(obj, QLabel):
            return _Heading(obj)
        return _Marked(obj, ROLES[role])
    if isinstance(obj, QComboBox):
        return _Combo(obj)
    return None


class _Marked(QAccessibleWidget):
    """A widget with the role it was given, named as Qt would name it."""

    def __init__(self, widget: QWidget, role: QAccessible.Role) -> None:
        super().__init__(widget, role)


class _Heading(QAccessibleWidget):
    """A label that heads a window, a page or a group: a heading, named by its words."""

    def __init__(self, label: QLabel) -> None:
        super().__init__(label, QAccessible.Role.Heading)
        self._label = label

    def text(self, kind: QAccessible.Text) -> str:
        if kind == QAccessible.Text.Name:
            return self._label.accessibleName() or _plain(self._label.text())
        return str(super().text(kind))


class _Combo(QAccessibleWidget):
    """A combo box named by its label, holding its current text as its value.

    Qt's own interface names a combo box by its current text on Linux and
    leaves the label to a relation; screen readers then heard "minutes,
    combo box". This keeps Qt's shape (the list of choices as the one child,
    "show menu" and "press" actions, expanded while open) with the label as
    the name.
    """

    def __init__(self, combo: QComboBox) -> None:
        super().__init__(combo, QAccessible.Role.ComboBox)
        self._combo = combo

    def text(self, kind: QAccessible.Text) -> str:
        if kind == QAccessible.Text.Name:
            return (
                self._combo.accessibleName()
                or label_text(self._combo)
                or self._combo.currentText()
            )
        if kind == QAccessible.Text.Value:
            return self._combo.currentText()
        return str(super().text(kind))

    def state(self) -> Any:
        state = super().state()
        state.expandable = True
        view = self._combo.view()
        state.expanded = view is not None and view.isVisible()
        return state

    def childCount(self) -> int:
        return 1 if self._view() is not None else 0

    def child(self, index: int) -> QAccessibleInterface:
        return self._view() if index == 0 else None  # type: ignore[return-value]  # Qt takes a null child for "no such child"

    def indexOfChild(self, child: QAccessibleInterface) -> int:
        view = self._combo.view()
        return 0 if child is not None and child.object() is view else -1

    def actionNames(self) -> list[str]:
        return [QAccessibleWidget.showMenuAction(), QAccessibleWidget.pressAction()]

    def doAction(self, name: str) -> None:
        if name in self.actionNames():
            self._combo.showPopup()

    def _view(self) -> QAccessibleInterface | None:
        view = self._combo.view()
        return QAccessible.queryAccessibleInterface(view) if view is not None else None
