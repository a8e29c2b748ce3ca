"""Where the assets (icons, prompts) are, and how icons are loaded.

Why: the tray needs two icons (waiting, quiet), the windows one app icon,
and the reflection window the prompts file. The icon sources are SVG files
in ``presence_app/assets/icons/``; Qt's SVG icon engine (a plugin shipped with
PySide6-Essentials, checked offscreen by the tests) renders them sharply at
every size and DPI.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QIcon

from presence_app.resources import assets_dir

ASSETS_DIR = assets_dir()
"""The package's ``assets/`` folder (sounds, icons, prompts)."""

PROMPTS_FILE = ASSETS_DIR / "prompts.txt"
"""Our own reflection prompts; read with ``core.prompts.read_prompts``."""

TRAY_ICON = "presence-tray.svg"
QUIET_ICON = "presence-tray-quiet.svg"
APP_ICON = "presence.svg"

TRAY_SIZES = (16, 20, 22, 24, 32, 40, 48, 64)
TRAY_PNG_SIZES = (*TRAY_SIZES, 96, 128)
"""The sizes the tray icons are rendered to (``scripts/make_icons.py``); the
larger ones serve high-DPI panels."""


ICONS_DIR = ASSETS_DIR / "icons"


def icon_path(name: str, folder: Path = ICONS_DIR) -> Path:
    """Return the path of an icon file (in ``assets/icons`` unless told)."""
    return folder / name


def tray_png(name: str, size: int, folder: Path = ICONS_DIR) -> Path:
    """Return the path of the PNG render of the SVG icon ``name`` at ``size``."""
    return folder / "tray" / f"{Path(name).stem}-{size}.png"


def load_tray_icon(name: str) -> QIcon:
    """Load a tray icon from its PNG renders (no SVG engine), else from the SVG."""
    icon = QIcon()
    for size in TRAY_PNG_SIZES:
        png = tray_png(name, size)
        if png.exists():
            icon.addFile(str(png))
    return icon if not icon.isNull() else load_icon(name)


def load_icon(name: str, folder: Path = ICONS_DIR) -> QIcon:
    """Load an icon, preferring its SVG source and falling back to PNG renders.

    Should the SVG engine be missing, PNG renders named ``<stem>-<size>.png``
    next to the SVG are used for every tray size that has one.
    """
    path = icon_path(name, folder)
    icon = QIcon(str(path))
    if not icon.availableSizes() and icon.pixmap(16).isNull():
        icon = QIcon()
        for size in TRAY_SIZES:
            png = path.with_name(f"{path.stem}-{size}.png")
            if png.exists():
                icon.addFile(str(png))
    return icon
