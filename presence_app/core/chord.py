"""Keyboard chords such as ``Ctrl+Alt+P``: the one place they are parsed.

The global shortcut is stored in settings as a readable string. Every part
of the app (settings validation, the settings window, each platform
backend) goes through :func:`parse_chord`, so a string is either a valid
:class:`Chord` everywhere or rejected everywhere with the same message.

Main ideas:

- Parsing is case-insensitive and forgiving about spaces and order
  (``"alt + ctrl + p"`` is ``Ctrl+Alt+P``), and knows common aliases
  (``Control``, ``Option``, ``Cmd``, ``Win``, ``Esc``...).
- A chord is canonical once parsed: modifiers are a set, the key has one
  spelling, and ``str(chord)`` gives the form shown to the user.
- The key list is deliberately small and layout-independent (letters,
  digits, F1-F20 and named keys), so that every backend can translate it
  to native codes.
- Errors are :class:`ChordError` (a ``ValueError``) whose message can be
  shown to the user as it is.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from enum import StrEnum

from presence_app.i18n import _, pgettext


class Modifier(StrEnum):
    """A modifier key; the value is the canonical spelling."""

    CTRL = "Ctrl"
    ALT = "Alt"
    SHIFT = "Shift"
    META = "Super"
    """The logo key: Super on Linux, Win on Windows, Cmd on macOS."""


MODIFIER_ORDER = (Modifier.CTRL, Modifier.ALT, Modifier.SHIFT, Modifier.META)

_MODIFIER_ALIASES: dict[str, Modifier] = {
    "ctrl": Modifier.CTRL,
    "control": Modifier.CTRL,
    "ctl": Modifier.CTRL,
    "alt": Modifier.ALT,
    "option": Modifier.ALT,
    "opt": Modifier.ALT,
    "shift": Modifier.SHIFT,
    "super": Modifier.META,
    "meta": Modifier.META,
    "win": Modifier.META,
    "windows": Modifier.META,
    "cmd": Modifier.META,
    "command": Modifier.META,
    "logo": Modifier.META,
}

FUNCTION_KEYS = tuple(f"F{number}" for number in range(1, 21))

NAMED_KEYS = (
    "Space",
    "Tab",
    "Enter",
    "Escape",
    "Backspace",
    "Delete",
    "Insert",
    "Home",
    "End",
    "PageUp",
    "PageDown",
    "Up",
    "Down",
    "Left",
    "Right",
    "Pause",
)

KEYS: tuple[str, ...] = (
    tuple(string.ascii_uppercase) + tuple(string.digits) + FUNCTION_KEYS + NAMED_KEYS
)
"""Every canonical key name a chord may end with."""

_KEY_ALIASES: dict[str, str] = {
    "esc": "Escape",
    "return": "Enter",
    "del": "Delete",
    "ins": "Insert",
    "pgup": "PageUp",
    "pgdn": "PageDown",
    "pagedn": "PageDown",
    "spacebar": "Space",
    "bksp": "Backspace",
    "arrowup": "Up",
    "arrowdown": "Down",
    "arrowleft": "Left",
    "arrowright": "Right",
}

_KEYS_BY_LOWER: dict[str, str] = {key.lower(): key for key in KEYS} | _KEY_ALIASES

# Keys that stay usable without Ctrl, Alt or Super: they do not type text,
# so grabbing them alone does not take over ordinary typing.
_KEYS_THAT_STAND_ALONE = frozenset(FUNCTION_KEYS) | {"Pause"}


class ChordError(ValueError):
    """A shortcut string that cannot be used; the message is for the user."""


@dataclass(frozen=True)
class Chord:
    """Modifiers plus one key, e.g. ``Ctrl+Alt+P``."""

    modifiers: frozenset[Modifier]
    key: str

    def __str__(self) -> str:
        names = [str(modifier) for modifier in MODIFIER_ORDER if modifier in self.modifiers]
        return "+".join([*names, self.key])


def parse_chord(text: str) -> Chord:
    """Turn a shortcut string such as ``"Ctrl+Alt+P"`` into a :class:`Chord`.

    Raises:
        ChordError: the string is empty, names a modifier twice, has no key,
            two keys, an unknown key, or a key that would take over typing.
    """
    shown = text.strip()
    if not shown:
        raise ChordError(_('The shortcut is empty. Write it like "Ctrl+Alt+P".'))
    parts = [part.strip() for part in shown.split("+")]
    if parts[-1] == "":
        raise ChordError(
            _('"{shortcut}" ends with "+" but no key. Add a key, like "Ctrl+Alt+P".').format(
                shortcut=shown
            )
        )
    if "" in parts:
        raise ChordError(
            _(
                '"{shortcut}" has an empty part between two "+". Write it like "Ctrl+Alt+P".'
            ).format(shortcut=shown)
        )
    modifiers, keys = _split_parts(shown, parts)
    if not keys:
        example = "+".join([*(str(m) for m in MODIFIER_ORDER if m in modifiers), "P"])
        raise ChordError(
            _('"{shortcut}" has no key. Add one after the modifiers, like "{example}".').format(
                shortcut=shown, example=example
            )
        )
    if len(keys) > 1:
        raise ChordError(
            _(
                '"{shortcut}" names more than one key ({keys}). '
                "A shortcut has one key after its modifiers."
            ).format(shortcut=shown, keys=pgettext("list", " and ").join(keys))
        )
    chord = Chord(frozenset(modifiers), _canonical_key(shown, keys[0]))
    _check_does_not_take_over_typing(chord)
    return chord


def _split_parts(shown: str, parts: list[str]) -> tuple[list[Modifier], list[str]]:
    """Sort the parts into modifiers and keys, refusing a repeated modifier."""
    modifiers: list[Modifier] = []
    keys: list[str] = []
    for part in parts:
        modifier = _MODIFIER_ALIASES.get(part.lower())
        if modifier is None:
            keys.append(part)
        elif modifier in modifiers:
            raise ChordError(
                _('"{shortcut}" names {modifier} twice.').format(shortcut=shown, modifier=modifier)
            )
        else:
            modifiers.append(modifier)
    return modifiers, keys


def _canonical_key(shown: str, name: str) -> str:
    """Return the canonical spelling of a key name, or explain the mistake."""
    key = _KEYS_BY_LOWER.get(name.lower())
    if key is not None:
        return key
    import difflib  # only for a misspelt key

    nearest = difflib.get_close_matches(name.lower(), list(_KEYS_BY_LOWER), n=1, cutoff=0.6)
    if nearest:
        message = _(
            '"{key}" in "{shortcut}" is not a key name Presence knows. Did you mean "{nearest}"?'
        )
        raise ChordError(
            message.format(key=name, shortcut=shown, nearest=_KEYS_BY_LOWER[nearest[0]])
        )
    message = _(
        '"{key}" in "{shortcut}" is not a key name Presence knows. Use a letter, a digit, '
        "F1 to F20, or a key such as Space, Home or PageUp."
    )
    raise ChordError(message.format(key=name, shortcut=shown))


def _check_does_not_take_over_typing(chord: Chord) -> None:
    """Refuse chords that would swallow ordinary typing, such as ``Shift+P``."""
    if chord.key in _KEYS_THAT_STAND_ALONE:
        return
    if chord.modifiers & {Modifier.CTRL, Modifier.ALT, Modifier.META}:
        return
    raise ChordError(
        _(
            '"{shortcut}" would catch ordinary typing. Add Ctrl, Alt or Super, like "{example}".'
        ).format(shortcut=chord, example=f"Ctrl+Alt+{chord.key}")
    )
