"""The X11 backend against a real X server (Xvfb), driven by xdotool.

Qt itself stays on the offscreen platform; the backend opens its own Xlib
connection to the Xvfb the fixture starts, exactly as it does to the
user's display in the app.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from Xlib import XK, X
from Xlib import display as xdisplay
from Xlib import error as xerror

from presence_app.adapters.shortcut import OFF, ShortcutStatus
from presence_app.adapters.shortcut.keysyms import keysym_name
from presence_app.adapters.shortcut.x11 import (
    ModifierMasks,
    PressTracker,
    X11Shortcut,
    find_masks,
)
from presence_app.core.chord import parse_chord
from tests.adapters.xserver import running_xvfb


@pytest.fixture
def xvfb(xvfb_server: tuple[str, subprocess.Popen[bytes]]) -> str:
    """The display name of a private Xvfb."""
    return xvfb_server[0]


@pytest.fixture
def xvfb_server() -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """Start a private Xvfb and yield its display name and process; stop it by PID."""
    with running_xvfb() as server:
        yield server


def xdotool(display: str, *args: str) -> None:
    subprocess.run(["xdotool", *args], env={**os.environ, "DISPLAY": display}, check=True)


@pytest.fixture
def other_client(xvfb: str) -> Iterator[Any]:
    """Another X program: a mapped window of its own that holds the focus."""
    client = xdisplay.Display(xvfb)
    screen = client.screen()
    window = screen.root.create_window(0, 0, 100, 100, 0, screen.root_depth)
    window.map()
    window.set_input_focus(X.RevertToParent, X.CurrentTime)
    client.sync()
    yield client
    client.close()


@pytest.fixture
def shortcut(xvfb: str, qtbot: QtBot) -> Iterator[X11Shortcut]:
    backend = X11Shortcut(display_name=xvfb)
    yield backend
    backend.close()


def grab_in(client: Any, chord_text: str) -> bool:
    """Let another client grab a chord; return True if the server allowed it."""
    chord = parse_chord(chord_text)
    keycode = client.keysym_to_keycode(XK.string_to_keysym(keysym_name(chord.key)))
    return grab_keycode(client, keycode, ModifierMasks().chord_mask(chord.modifiers))


def grab_keycode(client: Any, keycode: int, mask: int, *, keep: bool = True) -> bool:
    """Let another client grab a key; return True if the server allowed it."""
    catcher = xerror.CatchError(xerror.BadAccess)
    root = client.screen().root
    root.grab_key(keycode, mask, False, X.GrabModeAsync, X.GrabModeAsync, catcher)
    client.sync()
    allowed = catcher.get_error() is None
    if allowed and not keep:
        root.ungrab_key(keycode, mask)
        client.sync()
    return allowed


def test_the_chord_starts_a_pause_while_another_window_has_focus(
    shortcut: X11Shortcut, other_client: Any, xvfb: str, qtbot: QtBot
) -> None:
    assert shortcut.set_chord(parse_chord("Ctrl+Alt+P")) == ShortcutStatus(works=True)
    assert shortcut.status.works
    focus = other_client.get_input_focus().focus
    assert focus.id != other_client.screen().root.id
    with qtbot.waitSignal(shortcut.activated, timeout=5000):
        xdotool(xvfb, "key", "ctrl+alt+p")


def test_the_chord_works_with_numlock_and_capslock_on(
    shortcut: X11Shortcut, other_client: Any, xvfb: str, qtbot: QtBot
) -> None:
    shortcut.set_chord(parse_chord("Ctrl+Alt+P"))
    xdotool(xvfb, "key", "Num_Lock")
    num_lock = ModifierMasks().num_lock
    qtbot.waitUntil(lambda: other_client.screen().root.query_pointer().mask & num_lock != 0)
    with qtbot.waitSignal(shortcut.activated, timeout=5000):
        xdotool(xvfb, "key", "ctrl+alt+p")
    xdotool(xvfb, "key", "Caps_Lock")
    qtbot.waitUntil(lambda: other_client.screen().root.query_pointer().mask & X.LockMask != 0)
    with qtbot.waitSignal(shortcut.activated, timeout=5000):
        xdotool(xvfb, "key", "ctrl+alt+p")


def test_holding_the_chord_starts_one_pause_only(
    shortcut: X11Shortcut, xvfb: str, qtbot: QtBot
) -> None:
    shortcut.set_chord(parse_chord("Ctrl+Alt+P"))
    presses: list[None] = []
    shortcut.activated.connect(lambda: presses.append(None))
    # Held for a second, Xvfb auto-repeats the key about twenty times.
    xdotool(xvfb, "keydown", "ctrl+alt+p", "sleep", "1", "keyup", "ctrl+alt+p")
    with qtbot.waitSignal(shortcut.activated, timeout=5000):
        xdotool(xvfb, "key", "ctrl+alt+p")
    assert len(presses) == 2


def test_the_grab_follows_the_key_to_a_new_keycode(
    shortcut: X11Shortcut, other_client: Any, xvfb: str, qtbot: QtBot
) -> None:
    shortcut.set_chord(parse_chord("Ctrl+Alt+P"))
    p_keysym = XK.string_to_keysym("p")
    old_keycode = other_client.keysym_to_keycode(p_keysym)
    spare = 250  # unused in Xvfb's default keymap
    width = len(other_client.get_keyboard_mapping(old_keycode, 1)[0])
    # A layout change: P moves to another keycode.
    other_client.change_keyboard_mapping(old_keycode, [[X.NoSymbol] * width])
    other_client.change_keyboard_mapping(
        spare, [[p_keysym, XK.string_to_keysym("P")] + [X.NoSymbol] * (width - 2)]
    )
    other_client.sync()
    mask = ModifierMasks().chord_mask(parse_chord("Ctrl+Alt+P").modifiers)
    qtbot.waitUntil(lambda: not grab_keycode(other_client, spare, mask, keep=False))
    assert grab_keycode(other_client, old_keycode, mask)
    with qtbot.waitSignal(shortcut.activated, timeout=5000):
        xdotool(xvfb, "key", "ctrl+alt+p")


def test_other_chords_do_not_activate(shortcut: X11Shortcut, xvfb: str, qtbot: QtBot) -> None:
    shortcut.set_chord(parse_chord("Ctrl+Alt+P"))
    presses: list[None] = []
    shortcut.activated.connect(lambda: presses.append(None))
    xdotool(xvfb, "key", "ctrl+alt+o", "ctrl+p", "alt+p")
    with qtbot.waitSignal(shortcut.activated, timeout=5000):
        xdotool(xvfb, "key", "ctrl+alt+p")
    assert len(presses) == 1


def test_a_chord_held_by_another_program_is_reported_by_name(
    shortcut: X11Shortcut, other_client: Any, xvfb: str, qtbot: QtBot
) -> None:
    assert grab_in(other_client, "Ctrl+Alt+P")
    with qtbot.waitSignal(shortcut.status_changed, timeout=1000) as changed:
        status = shortcut.set_chord(parse_chord("ctrl+alt+p"))
    expected = ShortcutStatus(
        works=False,
        message="Ctrl+Alt+P is already used by another program; "
        "choose another shortcut in Settings.",
    )
    assert status == expected
    assert changed.args == [expected]
    assert shortcut.status == expected
    # The backend keeps working: another chord can be taken and used.
    assert shortcut.set_chord(parse_chord("Ctrl+Alt+O")).works
    with qtbot.waitSignal(shortcut.activated, timeout=5000):
        xdotool(xvfb, "key", "ctrl+alt+o")


def test_a_new_chord_releases_the_old_one(
    shortcut: X11Shortcut, other_client: Any, xvfb: str, qtbot: QtBot
) -> None:
    shortcut.set_chord(parse_chord("Ctrl+Alt+P"))
    assert not grab_in(other_client, "Ctrl+Alt+P")
    assert shortcut.set_chord(parse_chord("Ctrl+Shift+F5")).works
    assert grab_in(other_client, "Ctrl+Alt+P")
    with qtbot.waitSignal(shortcut.activated, timeout=5000):
        xdotool(xvfb, "key", "ctrl+shift+F5")


def test_turning_the_shortcut_off_releases_it(
    shortcut: X11Shortcut, other_client: Any, qtbot: QtBot
) -> None:
    shortcut.set_chord(parse_chord("Ctrl+Alt+P"))
    with qtbot.waitSignal(shortcut.status_changed, timeout=1000) as changed:
        assert shortcut.set_chord(None) == OFF
    assert changed.args == [OFF]
    assert grab_in(other_client, "Ctrl+Alt+P")


def test_close_releases_the_chord_and_is_safe_twice(
    shortcut: X11Shortcut, other_client: Any
) -> None:
    shortcut.set_chord(parse_chord("Super+Space"))
    shortcut.close()
    shortcut.close()
    assert grab_in(other_client, "Super+Space")


def test_a_key_this_keyboard_lacks_is_reported(shortcut: X11Shortcut) -> None:
    # Xvfb's default keymap stops at F12.
    assert shortcut.set_chord(parse_chord("Ctrl+Alt+F20")) == ShortcutStatus(
        works=False,
        message="Ctrl+Alt+F20 cannot be used, because this keyboard has no F20 key. "
        "Choose another shortcut in Settings.",
    )


def test_a_lost_display_is_reported_and_not_raised(
    shortcut: X11Shortcut, xvfb_server: tuple[str, subprocess.Popen[bytes]], qtbot: QtBot
) -> None:
    shortcut.set_chord(parse_chord("Ctrl+Alt+P"))
    with qtbot.waitSignal(shortcut.status_changed, timeout=5000):
        xvfb_server[1].terminate()
    assert shortcut.status == ShortcutStatus(
        works=False,
        message="The connection to the display was lost, so the shortcut no longer works. "
        "Restart Presence to bring it back.",
    )


def test_modifier_bits_come_from_the_keyboard_mapping(xvfb: str) -> None:
    client = xdisplay.Display(xvfb)
    try:
        mapping = client.get_modifier_mapping()

        def keycode_of(name: str) -> int:
            return int(client.keysym_to_keycode(XK.string_to_keysym(name)))

        assert find_masks(mapping, keycode_of) == ModifierMasks(
            alt=X.Mod1Mask, meta=X.Mod4Mask, num_lock=X.Mod2Mask
        )
    finally:
        client.close()


def test_modifier_bits_follow_an_unusual_mapping() -> None:
    codes = {"Alt_L": 64, "Super_L": 133, "Num_Lock": 77}
    mapping = [[50], [66], [37], [133], [64], [], [], [77]]
    masks = find_masks(mapping, lambda name: codes.get(name, 0))
    assert masks == ModifierMasks(alt=X.Mod2Mask, meta=X.Mod1Mask, num_lock=X.Mod5Mask)
    assert masks.lock_variants() == (0, X.LockMask, X.Mod5Mask, X.LockMask | X.Mod5Mask)


def test_auto_repeat_is_not_a_new_press() -> None:
    presses = PressTracker()
    assert presses.press(100)
    presses.release(250)
    assert not presses.press(250)  # a repeat: release and press share a time
    presses.release(290)
    assert presses.press(900)
