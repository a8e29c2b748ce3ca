"""What works on this desktop, in words a person can act on.

Each part of the app that depends on the desktop (the tray, the global
shortcut, time away, full screen, do-not-disturb, calls, the sound device,
the invitation) can describe itself as one ``Capability``: whether it works
here, one line saying what it does here, and one line saying what to do
when it does not. The settings window's "About this desktop" page and
``presence-app status`` show these rows; nothing here probes anything.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Capability:
    """One thing the app can or cannot do on this desktop."""

    name: str
    """What it is, as a label: "Global shortcut"."""
    works: bool | None
    """True: works here; False: does not; None: cannot tell yet."""
    detail: str
    """One line on how it works here: "Ctrl+Alt+P, through the X server"."""
    advice: str = ""
    """One line on what to do when it does not work; empty when it does."""
