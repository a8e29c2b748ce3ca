"""The pure parts of the Windows backend: Win32 codes and the message filter."""

from __future__ import annotations

import ctypes
from ctypes import wintypes

import pytest
from pytestqt.qtbot import QtBot

from presence_app.adapters.shortcut.windows import (
    HOTKEY_ID,
    MOD_ALT,
    MOD_CONTROL,
    MOD_NOREPEAT,
    MOD_SHIFT,
    MOD_WIN,
    WM_HOTKEY,
    WindowsShortcut,
    _HotKeyFilter,
    hotkey_modifiers,
    virtual_key,
)
from presence_app.core.chord import KEYS, parse_chord


@pytest.mark.parametrize(
    ("key", "code"),
    [
        ("P", 0x50),
        ("A", 0x41),
        ("0", 0x30),
        ("9", 0x39),
        ("F1", 0x70),
        ("F12", 0x7B),
        ("F20", 0x83),
        ("Space", 0x20),
        ("Enter", 0x0D),
        ("Escape", 0x1B),
        ("PageDown", 0x22),
        ("Left", 0x25),
        ("Pause", 0x13),
    ],
)
def test_virtual_key_codes(key: str, code: int) -> None:
    assert virtual_key(key) == code


def test_every_key_has_its_own_virtual_key() -> None:
    codes = [virtual_key(key) for key in KEYS]
    assert len(set(codes)) == len(KEYS)


@pytest.mark.parametrize(
    ("chord", "flags"),
    [
        ("Ctrl+Alt+P", MOD_CONTROL | MOD_ALT | MOD_NOREPEAT),
        ("Win+Shift+P", MOD_WIN | MOD_SHIFT | MOD_NOREPEAT),
        ("F9", MOD_NOREPEAT),
        ("Ctrl+Alt+Shift+Super+P", 0x000F | MOD_NOREPEAT),
    ],
)
def test_modifier_flags(chord: str, flags: int) -> None:
    assert hotkey_modifiers(parse_chord(chord).modifiers) == flags


def _filter_sees(message: int, wparam: int, event_type: bytes) -> tuple[object, int]:
    presses: list[None] = []
    native = wintypes.MSG(None, message, wparam, 0, 0, wintypes.POINT(0, 0))
    event_filter = _HotKeyFilter(lambda: presses.append(None))
    result = event_filter.nativeEventFilter(event_type, ctypes.addressof(native))
    return result, len(presses)


def test_the_filter_turns_our_hot_key_message_into_a_press(qtbot: QtBot) -> None:
    assert _filter_sees(WM_HOTKEY, HOTKEY_ID, b"windows_dispatcher_MSG") == ((True, 0), 1)
    assert _filter_sees(WM_HOTKEY, HOTKEY_ID, b"windows_generic_MSG") == ((True, 0), 1)


def test_the_filter_lets_other_messages_pass(qtbot: QtBot) -> None:
    assert _filter_sees(WM_HOTKEY, HOTKEY_ID + 1, b"windows_generic_MSG") == ((False, 0), 0)
    assert _filter_sees(0x0100, HOTKEY_ID, b"windows_generic_MSG") == ((False, 0), 0)
    assert _filter_sees(WM_HOTKEY, HOTKEY_ID, b"xcb_generic_event_t") == ((False, 0), 0)


def test_the_backend_refuses_to_start_elsewhere(qtbot: QtBot) -> None:
    with pytest.raises(OSError, match="only on Windows"):
        WindowsShortcut()
