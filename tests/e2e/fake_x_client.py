"""Another X program for the shortcut tests.

``python fake_x_client.py window`` maps a small window and prints its id, so
a test can give it the keyboard focus. ``python fake_x_client.py grab``
holds Ctrl+Alt+P (as another program might) and prints READY. Either runs
until terminated.
"""

from __future__ import annotations

import signal
import sys

from Xlib import XK, X, display


def main(mode: str) -> None:
    connection = display.Display()
    root = connection.screen().root
    if mode == "grab":
        keycode = connection.keysym_to_keycode(XK.string_to_keysym("p"))
        root.grab_key(keycode, X.ControlMask | X.Mod1Mask, True, X.GrabModeAsync, X.GrabModeAsync)
        connection.sync()
        print("READY", flush=True)
    else:
        window = root.create_window(
            10, 400, 200, 100, 0, connection.screen().root_depth,
            background_pixel=connection.screen().white_pixel,
            event_mask=X.KeyPressMask | X.FocusChangeMask,
        )  # fmt: skip
        window.set_wm_name("Another program")
        window.map()
        connection.sync()
        print(window.id, flush=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    while True:
        connection.next_event()


if __name__ == "__main__":
    main(sys.argv[1])
