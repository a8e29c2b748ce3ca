"""Opening a connection of our own to the X server, with python-xlib.

The X11 shortcut and the X11 attention backend each keep a connection
separate from Qt's. Opening one has a trap worth keeping in one place: a
failed ``Display()`` leaves a half-open socket referenced by the
exception's traceback, so the error is turned into ``OSError`` outside the
``except`` block and the socket is freed at once.
"""

from __future__ import annotations

from typing import Any

from Xlib import display as xdisplay
from Xlib import error as xerror


def open_display(display_name: str | None = None) -> Any:
    """Connect to ``display_name`` (default: ``$DISPLAY``).

    Raises:
        OSError: the display cannot be reached.
    """
    problem = None
    try:
        return xdisplay.Display(display_name)
    except xerror.DisplayError as error:
        # Raised outside this block so that python-xlib's half-open socket,
        # held by the traceback, is freed now rather than much later.
        problem = str(error)
    raise OSError(f"cannot open the X display: {problem}")
