"""Whether the desktop asks for less motion, where Qt cannot tell us.

Qt reports the motion preference only from 6.12 on, and Presence keeps
PySide6 below 6.12 for now. So the two Linux desktops that have such a
setting are asked directly:

- GNOME (and desktops built on its settings): ``enable-animations`` in
  ``org.gnome.desktop.interface``, read with the ``gsettings`` tool;
- KDE Plasma: ``AnimationDurationFactor`` in the ``[KDE]`` group of
  ``kdeglobals`` (0 means no animations).

It is asked only when a pause window opens (never at start-up and never
while idle), and any failure means "no preference known".
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from pathlib import Path

from presence_app.adapters import gsettings

log = logging.getLogger(__name__)


def desktop_prefers_reduced_motion(
    environ: Mapping[str, str] = os.environ, run: gsettings.Run = gsettings.run
) -> bool | None:
    """Return True or False when the desktop says, None when it does not."""
    desktop = environ.get("XDG_CURRENT_DESKTOP", "").lower()
    if "kde" in desktop:
        return _kde(environ)
    answer = gsettings.get("org.gnome.desktop.interface", "enable-animations", run)
    if answer not in ("true", "false"):
        return None
    return answer == "false"


def _kde(environ: Mapping[str, str]) -> bool | None:
    import configparser

    config = Path(environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    try:
        parser.read(config / "kdeglobals", encoding="utf-8")
        factor = parser.get("KDE", "AnimationDurationFactor", fallback=None)
        return None if factor is None else float(factor) == 0
    except (configparser.Error, ValueError, UnicodeDecodeError) as error:
        log.info("kdeglobals could not tell the motion preference: %s", error)
        return None
