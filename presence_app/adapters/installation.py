"""How this Presence was installed: Flatpak, a frozen build, pipx, or otherwise.

A few things depend on it. Inside a Flatpak sandbox a file in
``~/.config/autostart`` does nothing, so start-at-login goes through the
Background portal, and Flatpak has already put Presence in the menu. A
frozen build is its own program. After ``pipx install`` nothing has put
Presence in the applications menu yet, so the first start offers to. The
facts are read here, as functions of what they are given, so tests can
answer for any kind of installation.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

FLATPAK_INFO = Path("/.flatpak-info")
"""Every Flatpak sandbox has this file at its root; nothing outside one does."""
PIPX_METADATA = "pipx_metadata.json"
"""pipx writes this into the root of each virtual environment it makes."""


def in_flatpak(environ: Mapping[str, str] | None = None, info_file: Path = FLATPAK_INFO) -> bool:
    """Return whether Presence runs inside a Flatpak sandbox."""
    environ = os.environ if environ is None else environ
    return bool(environ.get("FLATPAK_ID")) or info_file.is_file()


def is_frozen() -> bool:
    """Return whether this is a frozen build (PyInstaller), not Python running a package."""
    return bool(getattr(sys, "frozen", False))


def is_pipx(prefix: str | None = None) -> bool:
    """Return whether this Python is a virtual environment that pipx made."""
    return (Path(sys.prefix if prefix is None else prefix) / PIPX_METADATA).is_file()
