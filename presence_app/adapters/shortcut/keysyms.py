"""Chord keys as XKB keysym names, shared by the X11 and portal backends.

X11 key grabs and the desktop portal's ``preferred_trigger`` both name keys
the XKB way ("p", "F5", "Return", "Prior"). This module holds that one
translation and imports nothing platform-specific, so it is tested alone.
"""

from __future__ import annotations

from presence_app.core.chord import Chord, Modifier

_NAMED = {
    "Space": "space",
    "Tab": "Tab",
    "Enter": "Return",
    "Escape": "Escape",
    "Backspace": "BackSpace",
    "Delete": "Delete",
    "Insert": "Insert",
    "Home": "Home",
    "End": "End",
    "PageUp": "Prior",
    "PageDown": "Next",
    "Up": "Up",
    "Down": "Down",
    "Left": "Left",
    "Right": "Right",
    "Pause": "Pause",
}

# The modifier names of the XDG shortcuts specification, in its order.
_PORTAL_MODIFIERS = (
    (Modifier.CTRL, "CTRL"),
    (Modifier.ALT, "ALT"),
    (Modifier.SHIFT, "SHIFT"),
    (Modifier.META, "LOGO"),
)


def keysym_name(key: str) -> str:
    """Return the XKB keysym name for a canonical chord key ("P" becomes "p")."""
    if len(key) == 1:
        return key.lower()
    return _NAMED.get(key, key)


def portal_trigger(chord: Chord) -> str:
    """Write ``chord`` as a portal ``preferred_trigger``, e.g. ``"CTRL+ALT+p"``."""
    names = [name for modifier, name in _PORTAL_MODIFIERS if modifier in chord.modifiers]
    return "+".join([*names, keysym_name(chord.key)])
