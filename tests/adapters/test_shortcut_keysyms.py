"""Chord keys in XKB names, for X11 grabs and the portal's preferred trigger."""

from __future__ import annotations

import pytest

from presence_app.adapters.shortcut.keysyms import keysym_name, portal_trigger
from presence_app.core.chord import KEYS, parse_chord


@pytest.mark.parametrize(
    ("key", "name"),
    [
        ("P", "p"),
        ("7", "7"),
        ("F5", "F5"),
        ("Space", "space"),
        ("Enter", "Return"),
        ("Backspace", "BackSpace"),
        ("PageUp", "Prior"),
        ("PageDown", "Next"),
        ("Escape", "Escape"),
    ],
)
def test_keysym_names(key: str, name: str) -> None:
    assert keysym_name(key) == name


@pytest.mark.parametrize(
    ("chord", "trigger"),
    [
        ("Ctrl+Alt+P", "CTRL+ALT+p"),
        ("Super+Shift+Space", "SHIFT+LOGO+space"),
        ("Cmd+Option+Ctrl+Shift+F12", "CTRL+ALT+SHIFT+LOGO+F12"),
        ("F9", "F9"),
        ("Ctrl+Alt+Enter", "CTRL+ALT+Return"),
    ],
)
def test_portal_triggers(chord: str, trigger: str) -> None:
    assert portal_trigger(parse_chord(chord)) == trigger


def test_every_key_has_a_keysym_known_to_xlib() -> None:
    from Xlib import XK

    for key in KEYS:
        assert XK.string_to_keysym(keysym_name(key)) != 0, key
