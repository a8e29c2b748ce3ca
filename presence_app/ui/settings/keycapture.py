"""A field that records a key chord: click or Tab into it and press the keys.

Ctrl+Alt+K pressed here becomes the text "Ctrl+Alt+K" (the spelling
``core.chord`` reads). Keys that move around the window still do so when
pressed alone: Tab and Shift+Tab move on, Enter saves and Esc cancels the
window; Backspace or Delete alone clears the field, which turns the
shortcut off. A chord needs Ctrl, Alt or Super, except F1–F20 and Pause.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

from presence_app.core.chord import ChordError, parse_chord
from presence_app.i18n import N_, _

_NAMED = {
    Qt.Key.Key_Space: "Space",
    Qt.Key.Key_Tab: "Tab",
    Qt.Key.Key_Return: "Enter",
    Qt.Key.Key_Enter: "Enter",
    Qt.Key.Key_Escape: "Escape",
    Qt.Key.Key_Backspace: "Backspace",
    Qt.Key.Key_Delete: "Delete",
    Qt.Key.Key_Insert: "Insert",
    Qt.Key.Key_Home: "Home",
    Qt.Key.Key_End: "End",
    Qt.Key.Key_PageUp: "PageUp",
    Qt.Key.Key_PageDown: "PageDown",
    Qt.Key.Key_Up: "Up",
    Qt.Key.Key_Down: "Down",
    Qt.Key.Key_Left: "Left",
    Qt.Key.Key_Right: "Right",
    Qt.Key.Key_Pause: "Pause",
}
_MODIFIER_KEYS = {
    Qt.Key.Key_Control,
    Qt.Key.Key_Alt,
    Qt.Key.Key_Shift,
    Qt.Key.Key_Meta,
    Qt.Key.Key_Super_L,
    Qt.Key.Key_Super_R,
    Qt.Key.Key_AltGr,
}
_MODIFIERS = (
    (Qt.KeyboardModifier.ControlModifier, "Ctrl"),
    (Qt.KeyboardModifier.AltModifier, "Alt"),
    (Qt.KeyboardModifier.ShiftModifier, "Shift"),
    (Qt.KeyboardModifier.MetaModifier, "Super"),
)
_PASS_ALONE = {Qt.Key.Key_Tab, Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape}
PROMPT = N_("Press the keys you want")


def key_name(key: int) -> str | None:
    """Return the chord spelling of a Qt key, or None if a chord cannot use it."""
    if Qt.Key.Key_A <= key <= Qt.Key.Key_Z or Qt.Key.Key_0 <= key <= Qt.Key.Key_9:
        return chr(key)
    if Qt.Key.Key_F1 <= key <= Qt.Key.Key_F20:
        return f"F{key - Qt.Key.Key_F1 + 1}"
    return _NAMED.get(Qt.Key(key))


def chord_text(key: int, modifiers: Qt.KeyboardModifier) -> str | None:
    """Turn a key press into chord text such as "Ctrl+Alt+K", or None."""
    name = key_name(key)
    if name is None:
        return None
    parts = [word for flag, word in _MODIFIERS if modifiers & flag]
    try:
        return str(parse_chord("+".join([*parts, name])))
    except ChordError:
        return None


class KeyCapture(QLineEdit):
    """Shows the chord; records a new one from the keys pressed in it."""

    captured = Signal(str)
    """The new chord text ("" when cleared)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setPlaceholderText(_("Off"))
        self._chord = ""

    def chord(self) -> str:
        return self._chord

    def set_chord(self, text: str) -> None:
        self._chord = text
        self.setText(text)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.setPlaceholderText(_(PROMPT))
        self.setText("")

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.setPlaceholderText(_("Off"))
        self.setText(self._chord)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, modifiers = event.key(), event.modifiers()
        plain = not modifiers & ~Qt.KeyboardModifier.KeypadModifier
        if (plain and key in _PASS_ALONE) or key == Qt.Key.Key_Backtab:
            event.ignore()  # let the window move on, save or cancel
            return
        if plain and key in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete):
            self._take("")
            return
        if key in _MODIFIER_KEYS:
            self.setText("+".join(word for flag, word in _MODIFIERS if modifiers & flag) + "+…")
            return
        text = chord_text(key, modifiers)
        if text is not None:
            self._take(text)
        event.accept()

    def _take(self, text: str) -> None:
        self._chord = text
        self.setText(text)
        self.captured.emit(text)
