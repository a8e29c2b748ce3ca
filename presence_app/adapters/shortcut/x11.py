"""The X11 backend: a passive key grab on the root window, read in the Qt loop.

Main ideas:

- The backend opens its *own* Xlib connection (python-xlib), separate from
  Qt's, and grabs the chord with ``XGrabKey`` on the root window. The X
  server then sends the key to us whichever window has the focus, and the
  focused window does not also receive it.
- Events are read by a ``QSocketNotifier`` on the connection's socket, so
  they arrive on the Qt main thread and no thread is needed. Xlib may
  queue events while it waits for a reply, so the queue is drained at
  start-up, after each request and in every notifier slot.
- X matches modifiers exactly, so NumLock or CapsLock would hide the chord.
  Each chord is grabbed four times: plain, with CapsLock, with NumLock, and
  with both.
- Only one client can grab a chord. Another program holding it makes the
  server answer ``BadAccess``; we catch it (``CatchError`` plus ``sync``),
  release our partial grabs and tell the user the chord is taken.
- Which modifier bit means Alt, Super or NumLock, and which keycode a key
  has, comes from the display's own keyboard mapping.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QSocketNotifier, QTimer
from Xlib import XK, X
from Xlib import error as xerror

from presence_app.adapters.shortcut.base import OFF, GlobalShortcut, ShortcutStatus, taken_message
from presence_app.adapters.shortcut.keysyms import keysym_name
from presence_app.adapters.xdisplay import open_display
from presence_app.core.chord import Chord, Modifier
from presence_app.i18n import N_, _

log = logging.getLogger(__name__)

LOST_MESSAGE = N_(
    "The connection to the display was lost, so the shortcut no longer works. "
    "Restart Presence to bring it back."
)


def missing_key_message(chord: Chord) -> str:
    """Say that this keyboard has no key for ``chord``."""
    return _(
        "{chord} cannot be used, because this keyboard has no {key} key. Choose another "
        "shortcut in Settings."
    ).format(chord=chord, key=chord.key)


@dataclass(frozen=True)
class ModifierMasks:
    """The X modifier bits for this display's keyboard mapping."""

    alt: int = X.Mod1Mask
    meta: int = X.Mod4Mask
    num_lock: int = X.Mod2Mask

    def chord_mask(self, modifiers: frozenset[Modifier]) -> int:
        """Combine the bits for a chord's modifiers."""
        bits = {
            Modifier.CTRL: X.ControlMask,
            Modifier.SHIFT: X.ShiftMask,
            Modifier.ALT: self.alt,
            Modifier.META: self.meta,
        }
        mask = 0
        for modifier in modifiers:
            mask |= bits[modifier]
        return mask

    def lock_variants(self) -> tuple[int, ...]:
        """The lock-key states to grab too, so NumLock and CapsLock do not matter."""
        return (0, X.LockMask, self.num_lock, X.LockMask | self.num_lock)


def find_masks(
    mapping: Sequence[Sequence[int]], keycode_of: Callable[[str], int]
) -> ModifierMasks:
    """Read which modifier bit holds Alt, Super and NumLock.

    Args:
        mapping: the display's modifier mapping, eight lists of keycodes
            (Shift, Lock, Control, Mod1 ... Mod5).
        keycode_of: the keycode for a keysym name, 0 when absent.
    """

    def mask_holding(names: tuple[str, ...], default: int) -> int:
        codes = {keycode_of(name) for name in names} - {0}
        for index, keycodes in enumerate(mapping):
            if index >= 3 and codes & set(keycodes):
                return 1 << index
        return default

    return ModifierMasks(
        alt=mask_holding(("Alt_L", "Alt_R"), X.Mod1Mask),
        meta=mask_holding(("Super_L", "Super_R"), X.Mod4Mask),
        num_lock=mask_holding(("Num_Lock",), X.Mod2Mask),
    )


class PressTracker:
    """Tell a real key press from the server's auto-repeat.

    Holding a key makes X send release/press pairs that share one timestamp;
    a pause must not start and end again while the user holds the keys.
    (Detectable auto-repeat, which sends presses without releases, is an
    opt-in we never ask for.)
    """

    def __init__(self) -> None:
        self._released_at: int | None = None

    def press(self, time: int) -> bool:
        """Record a press; return True when it is a new press, not a repeat."""
        return time != self._released_at

    def release(self, time: int) -> None:
        self._released_at = time


@dataclass(frozen=True)
class _Grab:
    chord: Chord
    keycode: int
    mask: int
    locks: tuple[int, ...]


class X11Shortcut(GlobalShortcut):
    """Global shortcut through ``XGrabKey``. Main thread only."""

    def __init__(self, display_name: str | None = None, parent: QObject | None = None) -> None:
        """Connect to ``display_name`` (default ``$DISPLAY``).

        Raises:
            OSError: the X display cannot be opened.
        """
        super().__init__(parent)
        self._display: Any = open_display(display_name)
        self._root: Any = self._display.screen().root
        self._chord: Chord | None = None
        self._grab: _Grab | None = None
        self._presses = PressTracker()
        self._masks = find_masks(self._display.get_modifier_mapping(), self._keycode_of)
        self._notifier = QSocketNotifier(self._display.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._on_readable)
        self._drain()

    def set_chord(self, chord: Chord | None) -> ShortcutStatus:
        if self._display is None:
            return self.status
        self._chord = chord
        try:
            self._release()
            if chord is None:
                return self._set_status(OFF)
            return self._set_status(self._take(chord))
        except xerror.ConnectionClosedError:
            return self._lose_connection()

    def close(self) -> None:
        if self._display is None:
            return
        self._notifier.setEnabled(False)
        try:
            self._release()
            self._display.close()
        except xerror.ConnectionClosedError:
            pass  # Already gone: the server dropped the grabs with the connection.
        self._display = None

    def _keycode_of(self, name: str) -> int:
        return int(self._display.keysym_to_keycode(XK.string_to_keysym(name)))

    def _take(self, chord: Chord) -> ShortcutStatus:
        """Grab ``chord`` in every lock state, or say why it cannot be grabbed."""
        keycode = self._keycode_of(keysym_name(chord.key))
        if keycode == 0:
            return ShortcutStatus(works=False, message=missing_key_message(chord))
        masks = self._masks
        grab = _Grab(chord, keycode, masks.chord_mask(chord.modifiers), masks.lock_variants())
        catcher = xerror.CatchError(xerror.BadAccess)
        for extra in grab.locks:
            self._root.grab_key(
                grab.keycode, grab.mask | extra, False, X.GrabModeAsync, X.GrabModeAsync, catcher
            )
        self._display.sync()
        self._drain()
        if catcher.get_error() is not None:
            self._ungrab(grab)  # Drop the variants that did succeed.
            return ShortcutStatus(works=False, message=taken_message(chord))
        self._grab = grab
        return ShortcutStatus(works=True)

    def _release(self) -> None:
        if self._grab is not None:
            self._ungrab(self._grab)
            self._grab = None

    def _ungrab(self, grab: _Grab) -> None:
        for extra in grab.locks:
            self._root.ungrab_key(grab.keycode, grab.mask | extra)
        self._display.sync()
        self._drain()

    def _on_readable(self) -> None:
        try:
            self._drain()
        except xerror.ConnectionClosedError:
            self._lose_connection()

    def _drain(self) -> None:
        """Handle every event Xlib has read or can read without blocking."""
        while self._display.pending_events():
            self._handle(self._display.next_event())

    def _handle(self, event: Any) -> None:
        if event.type == X.MappingNotify:
            self._on_mapping_changed(event)
            return
        grab = self._grab
        if grab is None or event.type not in (X.KeyPress, X.KeyRelease):
            return
        if event.detail != grab.keycode:
            return
        if event.type == X.KeyRelease:
            self._presses.release(event.time)
        elif event.type == X.KeyPress and self._presses.press(event.time):
            self.activated.emit()

    def _on_mapping_changed(self, event: Any) -> None:
        """Follow a keyboard layout change: the chord's keycode may have moved."""
        self._display.refresh_keyboard_mapping(event)
        self._masks = find_masks(self._display.get_modifier_mapping(), self._keycode_of)
        chord, grab = self._chord, self._grab
        if chord is None:
            return
        keycode = self._keycode_of(keysym_name(chord.key))
        wanted = (keycode, self._masks.chord_mask(chord.modifiers), self._masks.lock_variants())
        if grab is None or wanted != (grab.keycode, grab.mask, grab.locks):
            # Regrab from the event loop, not from inside this drain. Only when
            # something moved: tools like xdotool remap keys all the time.
            QTimer.singleShot(0, self, lambda: self._regrab(chord))

    def _regrab(self, chord: Chord) -> None:
        if self._display is not None and self._chord == chord:
            self.set_chord(chord)  # Releases the grab on the old keycode first.

    def _lose_connection(self) -> ShortcutStatus:
        log.warning("the X connection of the global shortcut was closed")
        self._notifier.setEnabled(False)
        self._display = None
        self._grab = None
        return self._set_status(ShortcutStatus(works=False, message=_(LOST_MESSAGE)))
