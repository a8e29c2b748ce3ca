"""The pure parts of the macOS backend: Carbon codes and the Cmd-or-Ctrl rule."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from presence_app.adapters.shortcut.macos import (
    CMD_KEY,
    CONTROL_KEY,
    OPTION_KEY,
    SHIFT_KEY,
    MacShortcut,
    carbon_key_code,
    carbon_modifiers,
    refusal,
)
from presence_app.core.chord import KEYS, parse_chord


@pytest.mark.parametrize(
    ("key", "code"),
    [
        ("A", 0x00),
        ("P", 0x23),
        ("Z", 0x06),
        ("M", 0x2E),
        ("1", 0x12),
        ("5", 0x17),
        ("6", 0x16),
        ("0", 0x1D),
        ("Space", 0x31),
        ("Enter", 0x24),
        ("Escape", 0x35),
        ("F1", 0x7A),
        ("F5", 0x60),
        ("F12", 0x6F),
        ("Up", 0x7E),
        ("Delete", 0x75),
        ("Pause", None),
    ],
)
def test_carbon_key_codes(key: str, code: int | None) -> None:
    assert carbon_key_code(key) == code


def test_every_key_but_pause_has_its_own_code() -> None:
    codes = [carbon_key_code(key) for key in KEYS if key != "Pause"]
    assert None not in codes
    assert len(set(codes)) == len(codes)


@pytest.mark.parametrize(
    ("chord", "mask"),
    [
        ("Cmd+Option+P", CMD_KEY | OPTION_KEY),
        ("Ctrl+Shift+P", CONTROL_KEY | SHIFT_KEY),
        ("Ctrl+Alt+Shift+Cmd+P", 0x1B00),
    ],
)
def test_carbon_modifier_masks(chord: str, mask: int) -> None:
    assert carbon_modifiers(parse_chord(chord).modifiers) == mask


@pytest.mark.parametrize(
    ("chord", "message"),
    [
        ("Ctrl+Alt+P", None),
        ("Cmd+Shift+Space", None),
        (
            "Alt+P",
            "Alt+P cannot be used on macOS, which needs Cmd or Ctrl in a shortcut. "
            "Choose another shortcut in Settings.",
        ),
        (
            "Alt+Shift+F5",
            "Alt+Shift+F5 cannot be used on macOS, which needs Cmd or Ctrl in a shortcut. "
            "Choose another shortcut in Settings.",
        ),
        (
            "Ctrl+Pause",
            "Ctrl+Pause cannot be used, because Mac keyboards have no Pause key. "
            "Choose another shortcut in Settings.",
        ),
    ],
)
def test_chords_macos_refuses(chord: str, message: str | None) -> None:
    assert refusal(parse_chord(chord)) == message


def test_the_backend_refuses_to_start_elsewhere(qtbot: QtBot) -> None:
    with pytest.raises(OSError, match="only on macOS"):
        MacShortcut()
