"""Whether the desktop's do-not-disturb is on: the backend for this platform.

Linux: on GNOME, the ``show-banners`` setting (``dnd_gnome``, read with
the ``gsettings`` tool); on other desktops, the notification server's
``Inhibited`` property, which KDE Plasma offers (``dnd_kde``;
jeepney, imported only there). On Windows, its quiet time after an
install or upgrade (``windows``; Focus Assist cannot be read). Elsewhere,
and on Linux desktops with neither, the answer is "cannot tell".
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Mapping
from typing import Any, Protocol

from presence_app.adapters.desktop import is_gnome
from presence_app.core.considerate import DoNotDisturb, NoDoNotDisturb

log = logging.getLogger(__name__)


class DesktopDnd(DoNotDisturb, Protocol):
    """``core.considerate.DoNotDisturb`` plus ``close``. Main thread only."""

    def close(self) -> None:
        """Release the connection, if any."""
        ...


def create_dnd(
    platform_name: str,
    system: str = sys.platform,
    environ: Mapping[str, str] = os.environ,
    *,
    session_link: Any = None,
) -> DesktopDnd:
    """Return the reader for this desktop (nothing is asked yet).

    Args:
        platform_name: ``QGuiApplication.platformName()``; off a real
            desktop (offscreen, say) there is nothing to ask.
        system: ``sys.platform``.
        environ: the process environment (``XDG_CURRENT_DESKTOP`` names GNOME).
        session_link: the session bus's shared ``BusLink`` (else KDE's
            switch is read over a link of its own).
    """
    if system == "win32" and platform_name == "windows":
        from presence_app.adapters.attention.windows import WindowsQuietTime

        try:
            return WindowsQuietTime()
        except OSError as error:
            log.warning("quiet time cannot be read: %s", error)
            return NoDoNotDisturb()
    on_desktop = platform_name == "xcb" or platform_name.startswith("wayland")
    if not (system.startswith("linux") and on_desktop):
        return NoDoNotDisturb()
    if is_gnome(environ):
        from presence_app.adapters.attention.dnd_gnome import GnomeDnd

        return GnomeDnd()
    try:
        from presence_app.adapters.attention.dnd_kde import NotificationsDnd
    except ImportError as error:  # jeepney is missing
        log.warning("do-not-disturb cannot be read: %s", error)
        return NoDoNotDisturb()
    return NotificationsDnd(session_link or "SESSION")
