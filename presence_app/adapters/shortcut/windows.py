"""The Windows backend: ``RegisterHotKey`` and a native event filter.

Main ideas:

- ``RegisterHotKey`` with no window registers the chord for the calling
  thread, which is the Qt main thread. Windows then posts ``WM_HOTKEY`` to
  that thread's queue, where Qt's event dispatcher hands it to native
  event filters; a small ``QAbstractNativeEventFilter`` turns it into
  ``activated``. No thread, no window.
- ``MOD_NOREPEAT`` keeps a held chord from firing again and again.
- A chord another program holds fails with ``ERROR_HOTKEY_ALREADY_REGISTERED``,
  reported to the user by name.
- The translation from a chord to Win32 codes is pure and tested on every
  platform; only :class:`WindowsShortcut` touches ``user32`` (through
  ctypes), and it cannot be run outside Windows.
"""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractNativeEventFilter, QByteArray, QCoreApplication, QObject

from presence_app.adapters.shortcut.base import OFF, GlobalShortcut, ShortcutStatus, taken_message
from presence_app.core.chord import Chord, Modifier
from presence_app.i18n import _

MOD_ALT = 0x0001
MOD_CONTROL = 0x0002
MOD_SHIFT = 0x0004
MOD_WIN = 0x0008
MOD_NOREPEAT = 0x4000
WM_HOTKEY = 0x0312
ERROR_HOTKEY_ALREADY_REGISTERED = 1409
HOTKEY_ID = 0x5045  # Any id in 0x0000-0xBFFF is ours to choose for a thread hot key.

_MODIFIER_FLAGS = {
    Modifier.CTRL: MOD_CONTROL,
    Modifier.ALT: MOD_ALT,
    Modifier.SHIFT: MOD_SHIFT,
    Modifier.META: MOD_WIN,
}

_NAMED_KEYS = {
    "Space": 0x20,
    "Tab": 0x09,
    "Enter": 0x0D,
    "Escape": 0x1B,
    "Backspace": 0x08,
    "Delete": 0x2E,
    "Insert": 0x2D,
    "Home": 0x24,
    "End": 0x23,
    "PageUp": 0x21,
    "PageDown": 0x22,
    "Left": 0x25,
    "Up": 0x26,
    "Right": 0x27,
    "Down": 0x28,
    "Pause": 0x13,
}


def virtual_key(key: str) -> int:
    """Return the Win32 virtual-key code for a canonical chord key."""
    if len(key) == 1:
        return ord(key)  # VK codes of A-Z and 0-9 equal their ASCII codes.
    if key.startswith("F") and key[1:].isdigit():
        return 0x70 + int(key[1:]) - 1  # VK_F1 = 0x70 ... VK_F24 = 0x87
    return _NAMED_KEYS[key]


def hotkey_modifiers(modifiers: frozenset[Modifier]) -> int:
    """Return the ``RegisterHotKey`` modifier flags, with ``MOD_NOREPEAT``."""
    flags = MOD_NOREPEAT
    for modifier in modifiers:
        flags |= _MODIFIER_FLAGS[modifier]
    return flags


def failed_message(chord: Chord, code: int) -> str:
    return _(
        "Windows could not set {chord} (error {code}). Choose another shortcut in Settings, "
        "or start a pause from the tray menu."
    ).format(chord=chord, code=code)


def _load_user32() -> Any:
    """Load user32.dll for its hot key functions.

    Raises:
        OSError: not on Windows.
    """
    if sys.platform == "win32":
        from ctypes import wintypes

        user32 = ctypes.WinDLL("user32", use_last_error=True)
        user32.RegisterHotKey.argtypes = [
            wintypes.HWND,
            ctypes.c_int,
            wintypes.UINT,
            wintypes.UINT,
        ]
        user32.RegisterHotKey.restype = wintypes.BOOL
        user32.UnregisterHotKey.argtypes = [wintypes.HWND, ctypes.c_int]
        user32.UnregisterHotKey.restype = wintypes.BOOL
        return user32
    raise OSError("the Windows shortcut backend runs only on Windows")


def _last_error() -> int:
    """The Win32 error code of the last failed call through ``user32``."""
    if sys.platform == "win32":
        return ctypes.get_last_error()
    return 0


class _HotKeyFilter(QAbstractNativeEventFilter):
    """Spot our ``WM_HOTKEY`` among the native messages Qt sees."""

    def __init__(self, on_hotkey: Callable[[], None]) -> None:
        super().__init__()
        self._on_hotkey = on_hotkey

    def nativeEventFilter(  # noqa: N802 - Qt's name
        self,
        eventType: QByteArray | bytes | bytearray | memoryview,  # noqa: N803 - Qt's name
        message: int,
        /,
    ) -> object:
        name = eventType.data() if isinstance(eventType, QByteArray) else bytes(eventType)
        if name not in (b"windows_dispatcher_MSG", b"windows_generic_MSG"):
            return False, 0
        from ctypes import wintypes

        msg = wintypes.MSG.from_address(int(message))
        if msg.message == WM_HOTKEY and msg.wParam == HOTKEY_ID:
            self._on_hotkey()
            return True, 0
        return False, 0


class WindowsShortcut(GlobalShortcut):
    """Global shortcut through ``RegisterHotKey``. Main thread only; Windows only."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._user32 = _load_user32()
        self._registered = False
        self._filter = _HotKeyFilter(self.activated.emit)  # Kept: Qt does not own it.
        application = QCoreApplication.instance()
        assert application is not None, "create the QApplication first"
        application.installNativeEventFilter(self._filter)

    def set_chord(self, chord: Chord | None) -> ShortcutStatus:
        self._unregister()
        if chord is None:
            return self._set_status(OFF)
        flags, key = hotkey_modifiers(chord.modifiers), virtual_key(chord.key)
        if not self._user32.RegisterHotKey(None, HOTKEY_ID, flags, key):
            code = _last_error()
            if code == ERROR_HOTKEY_ALREADY_REGISTERED:
                return self._set_status(ShortcutStatus(works=False, message=taken_message(chord)))
            return self._set_status(
                ShortcutStatus(works=False, message=failed_message(chord, code))
            )
        self._registered = True
        return self._set_status(ShortcutStatus(works=True))

    def close(self) -> None:
        self._unregister()
        application = QCoreApplication.instance()
        if application is not None:
            application.removeNativeEventFilter(self._filter)

    def _unregister(self) -> None:
        if self._registered:
            self._user32.UnregisterHotKey(None, HOTKEY_ID)
            self._registered = False
