"""Whether the desktop's do-not-disturb is on: the backend for this platform.

Linux: the notification server's ``Inhibited`` property, which KDE Plasma
offers (``dnd_notifications``; jeepney, imported only there). Elsewhere,
and on Linux desktops without the property, the answer is "cannot tell".
"""

from __future__ import annotations

import logging
import sys
from typing import Protocol

from presence_app.core.considerate import DoNotDisturb, NoDoNotDisturb

log = logging.getLogger(__name__)


class DesktopDnd(DoNotDisturb, Protocol):
    """``core.considerate.DoNotDisturb`` plus ``close``. Main thread only."""

    def close(self) -> None:
        """Release the connection, if any."""
        ...


def create_dnd(platform_name: str, system: str = sys.platform) -> DesktopDnd:
    """Return the reader for this desktop (Linux: the notification server).

    Args:
        platform_name: ``QGuiApplication.platformName()``; off a real
            desktop (offscreen, say) there is nothing to ask.
        system: ``sys.platform``.
    """
    on_desktop = platform_name == "xcb" or platform_name.startswith("wayland")
    if system.startswith("linux") and on_desktop:
        try:
            from presence_app.adapters.dnd_notifications import NotificationsDnd
        except ImportError as error:  # jeepney is missing
            log.warning("do-not-disturb cannot be read: %s", error)
            return NoDoNotDisturb()
        return NotificationsDnd()
    return NoDoNotDisturb()
