"""Small X11 look-ups for the end-to-end tests (python-xlib)."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager

from Xlib import X
from Xlib import display as xdisplay
from Xlib.error import ConnectionClosedError, DisplayError


def start_xvfb(screen: str = "1280x800x24") -> tuple[subprocess.Popen[str], str]:
    """Start a private Xvfb; return it and its display name (":N").

    The server picks a free display number and says it through
    ``-displayfd``, so nothing is guessed; an empty name means it died.
    """
    read, write = os.pipe()
    process = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", screen, "-nolisten", "tcp"],
        pass_fds=(write,),
        start_new_session=True,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    os.close(write)
    with os.fdopen(read) as stream:
        number = stream.readline().strip()
    return process, f":{number}" if number else ""


@contextmanager
def connect(name: str) -> Iterator[xdisplay.Display]:
    connection = xdisplay.Display(name)
    try:
        yield connection
    finally:
        connection.close()


def accepts_connections(name: str) -> bool:
    """Whether an X client can connect to display ``name`` now."""
    try:
        with connect(name):
            return True
    except (DisplayError, ConnectionClosedError, OSError):  # not up yet, or reset under load
        return False


def tray_owner(name: str) -> int:
    """The window owning the XEmbed system tray selection, or 0."""
    try:
        with connect(name) as d:
            atom = d.intern_atom(f"_NET_SYSTEM_TRAY_S{d.get_default_screen()}")
            owner = d.get_selection_owner(atom)
            return 0 if owner == X.NONE else int(owner.id)
    except (DisplayError, ConnectionClosedError, OSError):  # a reset under load: ask again
        return 0


def docked_icon_geometry(name: str, wm_class: str) -> tuple[int, int, int, int] | None:
    """Root geometry (x, y, w, h) of a mapped window of ``wm_class`` inside the tray."""
    with connect(name) as d:
        root = d.screen().root
        for window in _descendants(root):
            try:
                classes = window.get_wm_class() or ()
                attributes = window.get_attributes()
            except Exception:  # noqa: BLE001 - windows may vanish while we look
                continue
            if wm_class in classes and attributes.map_state == X.IsViewable:
                parent = window.query_tree().parent
                if parent.id == root.id:
                    continue  # a top-level window, not a docked icon
                g = window.get_geometry()
                origin = window.translate_coords(root, 0, 0)
                return (-origin.x, -origin.y, g.width, g.height)
    return None


def _descendants(window: object) -> Iterator[object]:
    for child in window.query_tree().children:  # type: ignore[attr-defined]
        yield child
        yield from _descendants(child)
