"""Render the tray icons from their SVG sources to PNG files, one per size.

The tray icon is the one picture Presence shows all day. Drawing it from
SVG would load Qt's SVG module and icon plugin (about a megabyte resident)
into the app for its whole life, so the tray uses these renders instead;
the SVGs stay the sources (and are installed for the desktop's menu).
Run after changing an icon: ``python scripts/make_icons.py``. A test
checks the PNG files match what this script renders now.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QIODevice, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from presence_app.ui.assets import ICONS_DIR, TRAY_PNG_SIZES, tray_png  # noqa: E402

SOURCES = ("presence-tray.svg", "presence-tray-quiet.svg")


def render(svg: Path, size: int) -> bytes:
    """Return the PNG bytes of ``svg`` drawn at ``size`` × ``size`` pixels."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(svg)).render(painter)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data().data())


def renders() -> dict[Path, bytes]:
    """Every PNG file this script writes, with its bytes."""
    return {
        tray_png(name, size): render(ICONS_DIR / name, size)
        for name in SOURCES
        for size in TRAY_PNG_SIZES
    }


def main() -> None:
    _app = QGuiApplication.instance() or QGuiApplication([])
    for path, data in renders().items():
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(data)
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
