"""Opening a connection of our own to the X server, with python-xlib.

The X11 shortcut and the X11 attention backend each keep a connection
separate from Qt's. Opening one has a trap worth keeping in one place: a
failed ``Display()`` leaves a half-open socket referenced by the
exception's traceback, so the error is turned into ``OSError`` outside the
``except`` block and the socket is freed at once.

python-xlib also loads a Python module for every extension the server
offers (XInput, RandR, RECORD, …), about a megabyte that stays in memory
for the app's whole life; a connection here loads only the extensions its
caller names.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import Xlib.ext
from Xlib import display as xdisplay
from Xlib import error as xerror


def open_display(display_name: str | None = None, extensions: Iterable[str] = ()) -> Any:
    """Connect to ``display_name`` (default: ``$DISPLAY``).

    Args:
        extensions: the X extensions (by protocol name, "MIT-SCREEN-SAVER")
            the caller uses; python-xlib loads no others.

    Raises:
        OSError: the display cannot be reached.
    """
    wanted = set(extensions)
    every = Xlib.ext.__extensions__
    problem = None
    try:
        # The list is read only while the connection is set up (main thread).
        Xlib.ext.__extensions__ = [pair for pair in every if pair[0] in wanted]
        return xdisplay.Display(display_name)
    except xerror.DisplayError as error:
        # Raised outside this block so that python-xlib's half-open socket,
        # held by the traceback, is freed now rather than much later.
        problem = str(error)
    finally:
        Xlib.ext.__extensions__ = every
    raise OSError(f"cannot open the X display: {problem}")
