"""Where the icons come from, and how they are loaded.

Why: the tray needs two icons (waiting, quiet) and the windows one app
icon. The sources are SVG files in ``assets/icons/``; Qt's SVG icon engine
(a plugin shipped with PySide6-Essentials) renders them sharply at every
size and DPI. If that plugin is missing, ``load_icon`` returns an icon
with no sizes (``isNull()``) and the caller may fall back to PNGs.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QIcon

ASSETS_DIR = Path(__file__).resolve().parents[2] / "assets"
"""The repository's ``assets/`` folder (sounds, icons, prompts)."""

TRAY_ICON = "presence-tray.svg"
QUIET_ICON = "presence-tray-quiet.svg"
APP_ICON = "presence.svg"

TRAY_SIZES = (16, 20, 22, 24, 32, 40, 48, 64)


def icon_path(name: str) -> Path:
    """Return the path of an icon file in ``assets/icons``."""
    return ASSETS_DIR / "icons" / name


def load_icon(name: str) -> QIcon:
    """Load an icon, preferring its SVG source and falling back to PNG renders.

    A PNG render ``<stem>-<size>.png`` next to the SVG is added for every
    tray size when present (made by ``scripts/render-icons`` if ever needed).
    """
    path = icon_path(name)
    icon = QIcon(str(path))
    if not icon.availableSizes() and icon.pixmap(16).isNull():
        icon = QIcon()
        for size in TRAY_SIZES:
            png = path.with_name(f"{path.stem}-{size}.png")
            if png.exists():
                icon.addFile(str(png))
    return icon
