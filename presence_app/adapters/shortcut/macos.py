"""The macOS backend: Carbon ``RegisterEventHotKey`` through ctypes.

Main ideas:

- ``RegisterEventHotKey`` is the one macOS hot key API that needs neither
  Accessibility nor Input Monitoring permission, and it consumes the key.
  Its event handler runs inside the application's run loop, which Qt
  drives on the main thread, so ``activated`` is emitted there.
- macOS 15 ignores hot keys whose only modifiers are Option or Shift, so a
  chord must contain Cmd or Ctrl; other chords are refused with a message
  before anything is registered.
- Key codes are Carbon's ``kVK_*`` codes, which name *positions* on a US
  keyboard: on another layout the same position may print a different
  letter. (Translating through the current layout needs ``UCKeyTranslate``;
  it is left for later.)
- The translation is pure and tested on every platform; only
  :class:`MacShortcut` loads Carbon, and it cannot run outside macOS.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject

from presence_app.adapters.shortcut.base import OFF, GlobalShortcut, ShortcutStatus, taken_message
from presence_app.core.chord import Chord, Modifier
from presence_app.i18n import _

CMD_KEY = 0x0100
SHIFT_KEY = 0x0200
OPTION_KEY = 0x0800
CONTROL_KEY = 0x1000
EVENT_HOT_KEY_EXISTS = -9878
K_EVENT_CLASS_KEYBOARD = int.from_bytes(b"keyb", "big")
K_EVENT_HOT_KEY_PRESSED = 5
SIGNATURE = int.from_bytes(b"Prsc", "big")

_MODIFIER_MASKS = {
    Modifier.CTRL: CONTROL_KEY,
    Modifier.ALT: OPTION_KEY,
    Modifier.SHIFT: SHIFT_KEY,
    Modifier.META: CMD_KEY,
}

# Carbon's kVK_ANSI_* and kVK_* codes (HIToolbox/Events.h).
_KEY_CODES = dict(zip("ASDFHGZXCV", (0, 1, 2, 3, 4, 5, 6, 7, 8, 9), strict=True)) | {
    **dict(zip("BQWERYT", (0x0B, 0x0C, 0x0D, 0x0E, 0x0F, 0x10, 0x11), strict=True)),
    **dict(zip("123465", (0x12, 0x13, 0x14, 0x15, 0x16, 0x17), strict=True)),
    **dict(zip("9780", (0x19, 0x1A, 0x1C, 0x1D), strict=True)),
    **dict(zip("OUIPLJKNM", (0x1F, 0x20, 0x22, 0x23, 0x25, 0x26, 0x28, 0x2D, 0x2E), strict=True)),
    "Enter": 0x24,
    "Tab": 0x30,
    "Space": 0x31,
    "Backspace": 0x33,
    "Escape": 0x35,
    "Insert": 0x72,  # kVK_Help, where Mac keyboards put Insert
    "Home": 0x73,
    "PageUp": 0x74,
    "Delete": 0x75,  # kVK_ForwardDelete
    "End": 0x77,
    "PageDown": 0x79,
    "Left": 0x7B,
    "Right": 0x7C,
    "Down": 0x7D,
    "Up": 0x7E,
    "F1": 0x7A,
    "F2": 0x78,
    "F3": 0x63,
    "F4": 0x76,
    "F5": 0x60,
    "F6": 0x61,
    "F7": 0x62,
    "F8": 0x64,
    "F9": 0x65,
    "F10": 0x6D,
    "F11": 0x67,
    "F12": 0x6F,
    "F13": 0x69,
    "F14": 0x6B,
    "F15": 0x71,
    "F16": 0x6A,
    "F17": 0x40,
    "F18": 0x4F,
    "F19": 0x50,
    "F20": 0x5A,
}


def carbon_key_code(key: str) -> int | None:
    """Return the Carbon virtual key code for a chord key, or None (no such Mac key)."""
    return _KEY_CODES.get(key)


def carbon_modifiers(modifiers: frozenset[Modifier]) -> int:
    """Return the Carbon modifier mask for a chord's modifiers."""
    mask = 0
    for modifier in modifiers:
        mask |= _MODIFIER_MASKS[modifier]
    return mask


def refusal(chord: Chord) -> str | None:
    """Say why macOS cannot use ``chord``, or return None when it can."""
    if not chord.modifiers & {Modifier.CTRL, Modifier.META}:
        return _(
            "{chord} cannot be used on macOS, which needs Cmd or Ctrl in a shortcut. Choose "
            "another shortcut in Settings."
        ).format(chord=chord)
    if carbon_key_code(chord.key) is None:
        return _(
            "{chord} cannot be used, because Mac keyboards have no {key} key. Choose another "
            "shortcut in Settings."
        ).format(chord=chord, key=chord.key)
    return None


class _EventHotKeyID(ctypes.Structure):
    _fields_ = [("signature", ctypes.c_uint32), ("id", ctypes.c_uint32)]


class _EventTypeSpec(ctypes.Structure):
    _fields_ = [("eventClass", ctypes.c_uint32), ("eventKind", ctypes.c_uint32)]


_HANDLER = ctypes.CFUNCTYPE(ctypes.c_int32, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p)


def _load_carbon() -> Any:
    """Load the Carbon framework.

    Raises:
        OSError: not on macOS.
    """
    if sys.platform == "darwin":
        carbon = ctypes.CDLL("/System/Library/Frameworks/Carbon.framework/Carbon")
        _declare(carbon)
        return carbon
    raise OSError("the macOS shortcut backend runs only on macOS")


def _declare(carbon: Any) -> None:
    """Give ctypes the exact C signatures, so 64-bit arguments pass intact."""
    status, pointer = ctypes.c_int32, ctypes.c_void_p
    carbon.GetApplicationEventTarget.argtypes = []
    carbon.GetApplicationEventTarget.restype = pointer
    carbon.InstallEventHandler.argtypes = [
        pointer,
        _HANDLER,
        ctypes.c_ulong,
        ctypes.POINTER(_EventTypeSpec),
        pointer,
        ctypes.POINTER(pointer),
    ]
    carbon.InstallEventHandler.restype = status
    carbon.RemoveEventHandler.argtypes = [pointer]
    carbon.RemoveEventHandler.restype = status
    carbon.RegisterEventHotKey.argtypes = [
        ctypes.c_uint32,
        ctypes.c_uint32,
        _EventHotKeyID,
        pointer,
        ctypes.c_uint32,
        ctypes.POINTER(pointer),
    ]
    carbon.RegisterEventHotKey.restype = status
    carbon.UnregisterEventHotKey.argtypes = [pointer]
    carbon.UnregisterEventHotKey.restype = status


class MacShortcut(GlobalShortcut):
    """Global shortcut through Carbon hot keys. Main thread only; macOS only."""

    def __init__(self, parent: QObject | None = None) -> None:
        """Install the hot key event handler on the application target.

        Raises:
            OSError: not on macOS, or Carbon refused the handler.
        """
        super().__init__(parent)
        self._carbon = _load_carbon()
        self._hot_key = ctypes.c_void_p()
        self._handler_ref = ctypes.c_void_p()
        self._callback = _HANDLER(self._on_hot_key)  # Kept alive while Carbon holds it.
        spec = _EventTypeSpec(K_EVENT_CLASS_KEYBOARD, K_EVENT_HOT_KEY_PRESSED)
        target = self._carbon.GetApplicationEventTarget()
        status = self._carbon.InstallEventHandler(
            target, self._callback, 1, ctypes.byref(spec), None, ctypes.byref(self._handler_ref)
        )
        if status != 0:
            raise OSError(f"InstallEventHandler failed with status {status}")

    def set_chord(self, chord: Chord | None) -> ShortcutStatus:
        self._unregister()
        if chord is None:
            return self._set_status(OFF)
        reason = refusal(chord)
        if reason is not None:
            return self._set_status(ShortcutStatus(works=False, message=reason))
        status = self._carbon.RegisterEventHotKey(
            carbon_key_code(chord.key) or 0,
            carbon_modifiers(chord.modifiers),
            _EventHotKeyID(SIGNATURE, 1),
            self._carbon.GetApplicationEventTarget(),
            0,
            ctypes.byref(self._hot_key),
        )
        if status == EVENT_HOT_KEY_EXISTS:
            return self._set_status(ShortcutStatus(works=False, message=taken_message(chord)))
        if status != 0:
            message = _(
                "macOS could not set {chord} (status {status}). Choose another shortcut in "
                "Settings."
            ).format(chord=chord, status=status)
            return self._set_status(ShortcutStatus(works=False, message=message))
        return self._set_status(ShortcutStatus(works=True))

    def close(self) -> None:
        self._unregister()
        if self._handler_ref:
            self._carbon.RemoveEventHandler(self._handler_ref)
            self._handler_ref = ctypes.c_void_p()

    def _unregister(self) -> None:
        if self._hot_key:
            self._carbon.UnregisterEventHotKey(self._hot_key)
            self._hot_key = ctypes.c_void_p()

    def _on_hot_key(self, _call: int | None, _event: int | None, _data: int | None) -> int:
        # Only one hot key is ever registered, so any press is ours.
        self.activated.emit()
        return 0
