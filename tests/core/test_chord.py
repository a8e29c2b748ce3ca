"""Parsing and validating shortcut strings."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from presence_app.core.chord import KEYS, Chord, ChordError, Modifier, parse_chord

CTRL, ALT, SHIFT, META = Modifier.CTRL, Modifier.ALT, Modifier.SHIFT, Modifier.META


@pytest.mark.parametrize(
    ("text", "modifiers", "key", "canonical"),
    [
        ("Ctrl+Alt+P", {CTRL, ALT}, "P", "Ctrl+Alt+P"),
        ("ctrl+alt+p", {CTRL, ALT}, "P", "Ctrl+Alt+P"),
        ("  Alt + Control + p ", {CTRL, ALT}, "P", "Ctrl+Alt+P"),
        ("P+Ctrl+Alt", {CTRL, ALT}, "P", "Ctrl+Alt+P"),
        ("Option+Cmd+Space", {ALT, META}, "Space", "Alt+Super+Space"),
        ("Win+Shift+f5", {META, SHIFT}, "F5", "Shift+Super+F5"),
        ("Super+1", {META}, "1", "Super+1"),
        ("Meta+Esc", {META}, "Escape", "Super+Escape"),
        ("Ctrl+Shift+return", {CTRL, SHIFT}, "Enter", "Ctrl+Shift+Enter"),
        ("Ctl+Opt+pgdn", {CTRL, ALT}, "PageDown", "Ctrl+Alt+PageDown"),
        ("Command+Del", {META}, "Delete", "Super+Delete"),
        ("F9", set(), "F9", "F9"),
        ("Shift+F20", {SHIFT}, "F20", "Shift+F20"),
        ("Pause", set(), "Pause", "Pause"),
        ("Ctrl+Alt+Shift+Super+Z", {CTRL, ALT, SHIFT, META}, "Z", "Ctrl+Alt+Shift+Super+Z"),
    ],
)
def test_valid_chords_parse_to_their_canonical_form(
    text: str, modifiers: set[Modifier], key: str, canonical: str
) -> None:
    chord = parse_chord(text)
    assert chord == Chord(frozenset(modifiers), key)
    assert str(chord) == canonical


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", 'The shortcut is empty. Write it like "Ctrl+Alt+P".'),
        ("   ", 'The shortcut is empty. Write it like "Ctrl+Alt+P".'),
        ("Ctrl+Ctrl", '"Ctrl+Ctrl" names Ctrl twice.'),
        ("Ctrl+Control+P", '"Ctrl+Control+P" names Ctrl twice.'),
        ("Cmd+Win+P", '"Cmd+Win+P" names Super twice.'),
        ("Ctrl+", '"Ctrl+" ends with "+" but no key. Add a key, like "Ctrl+Alt+P".'),
        ("+", '"+" ends with "+" but no key. Add a key, like "Ctrl+Alt+P".'),
        (
            "Ctrl++P",
            '"Ctrl++P" has an empty part between two "+". Write it like "Ctrl+Alt+P".',
        ),
        ("Ctrl+Alt", '"Ctrl+Alt" has no key. Add one after the modifiers, like "Ctrl+Alt+P".'),
        ("shift", '"shift" has no key. Add one after the modifiers, like "Shift+P".'),
        (
            "Ctrl+P+Q",
            '"Ctrl+P+Q" names more than one key (P and Q). '
            "A shortcut has one key after its modifiers.",
        ),
        (
            "Ctrl+Foo",
            '"Foo" in "Ctrl+Foo" is not a key name Presence knows. Use a letter, a digit, '
            "F1 to F20, or a key such as Space, Home or PageUp.",
        ),
        (
            "Ctrl+Alt+Spcae",
            '"Spcae" in "Ctrl+Alt+Spcae" is not a key name Presence knows. Did you mean "Space"?',
        ),
        (
            "Ctrl+Alt+F25",
            '"F25" in "Ctrl+Alt+F25" is not a key name Presence knows. Did you mean "F5"?',
        ),
        ("P", '"P" would catch ordinary typing. Add Ctrl, Alt or Super, like "Ctrl+Alt+P".'),
        (
            "Shift+space",
            '"Shift+Space" would catch ordinary typing. '
            'Add Ctrl, Alt or Super, like "Ctrl+Alt+Space".',
        ),
    ],
)
def test_nonsense_is_refused_with_a_clear_message(text: str, message: str) -> None:
    with pytest.raises(ChordError) as caught:
        parse_chord(text)
    assert str(caught.value) == message


def test_chord_error_is_a_value_error() -> None:
    assert issubclass(ChordError, ValueError)


chords = st.builds(
    Chord,
    st.frozensets(st.sampled_from(list(Modifier)), min_size=1).filter(
        lambda mods: bool(mods & {CTRL, ALT, META})
    ),
    st.sampled_from(KEYS),
)


@given(chords)
def test_the_canonical_form_parses_back_to_the_same_chord(chord: Chord) -> None:
    assert parse_chord(str(chord)) == chord
    assert parse_chord(str(chord).lower()) == chord


@given(st.text(alphabet=st.sampled_from(list("+ ctrlaltshiftsuperpf5CPX1\t")) | st.characters()))
def test_any_text_either_parses_or_gives_a_chord_error(text: str) -> None:
    try:
        chord = parse_chord(text)
    except ChordError as error:
        assert str(error)
    else:
        assert parse_chord(str(chord)) == chord
