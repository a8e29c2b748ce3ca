"""Helpers for the accessibility tests: every window, what a screen reader reads, pixels.

The windows come from ``scripts/window_gallery.py`` (the same sample windows
the screenshots and the AT-SPI walk use). What a screen reader reads is taken
from Qt's own accessibility interface (``QAccessible``), which is what Qt
hands to AT-SPI, UI Automation and NSAccessibility.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QRect
from PySide6.QtGui import QAccessible, QAccessibleInterface, QColor, QImage
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QWidget,
)

ROOT = Path(__file__).resolve().parents[2]
INTERACTIVE = {
    QAccessible.Role.Button,
    QAccessible.Role.CheckBox,
    QAccessible.Role.RadioButton,
    QAccessible.Role.ComboBox,
    QAccessible.Role.SpinBox,
    QAccessible.Role.EditableText,
    QAccessible.Role.Slider,
    QAccessible.Role.List,
    QAccessible.Role.MenuItem,
    QAccessible.Role.PageTab,
    QAccessible.Role.Link,
    QAccessible.Role.Chart,
}
"""Roles a person operates or reads by Tab; each needs a name."""


def gallery() -> ModuleType:
    """``scripts/window_gallery.py`` as a module."""
    if "window_gallery" not in sys.modules:
        spec = importlib.util.spec_from_file_location(
            "window_gallery", ROOT / "scripts" / "window_gallery.py"
        )
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules["window_gallery"] = module
        spec.loader.exec_module(module)
    return sys.modules["window_gallery"]


def settle(app: QApplication, turns: int = 10) -> None:
    for _ in range(turns):
        app.processEvents()


def dispose(window: QWidget) -> None:
    """Close and delete a window now, so later restyling does not walk it too."""
    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def interface(obj: Any) -> QAccessibleInterface:
    found = QAccessible.queryAccessibleInterface(obj)
    assert found is not None, obj
    return found


@dataclass(frozen=True)
class Node:
    """One accessible object as a screen reader gets it."""

    role: QAccessible.Role
    name: str
    description: str
    value: str
    widget: QWidget | None


def walk(root: QAccessibleInterface) -> Iterator[Node]:
    """Every visible accessible object under ``root`` (itself included)."""
    state = root.state()
    if state.invisible:
        return
    obj = root.object()
    yield Node(
        root.role(),
        root.text(QAccessible.Text.Name),
        root.text(QAccessible.Text.Description),
        root.text(QAccessible.Text.Value),
        obj if isinstance(obj, QWidget) else None,
    )
    for index in range(root.childCount()):
        child = root.child(index)
        if child is not None and child.isValid():
            yield from walk(child)


def plain(text: str) -> str:
    """Visible words without mnemonic marks, tags or doubled spaces."""
    text = re.sub(r"<[^>]+>", " ", text.replace("&&", "\0").replace("&", "").replace("\0", "&"))
    return " ".join(text.split())


def visible_words(window: QWidget) -> list[tuple[QWidget, str]]:
    """Each label and button on screen, with the words it shows."""
    found = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window):
            continue
        if isinstance(widget, QLabel | QAbstractButton) and plain(widget.text()):
            found.append((widget, plain(widget.text())))
    return found


def mnemonics(window: QWidget) -> list[str]:
    """Every Alt+letter of the window's buttons, labels and menu entries."""
    texts = [w.text() for w in window.findChildren(QLabel)]
    texts += [w.text() for w in window.findChildren(QAbstractButton)]
    texts += [action.text() for action in window.actions()]
    keys = []
    for text in texts:
        match = re.search(r"&([^&\s])", text.replace("&&", ""))
        if match:
            keys.append(match.group(1).lower())
    return keys


# --- colour -------------------------------------------------------------------------


def luminance(colour: str | QColor) -> float:
    q = QColor(colour)

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(q.red()) + 0.7152 * channel(q.green()) + 0.0722 * channel(q.blue())


def contrast(a: str | QColor, b: str | QColor) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def pixels(image: QImage) -> np.ndarray:
    """An image as an (h, w, 3) float array of 0–255 channels."""
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    width, height = image.width(), image.height()
    raw = np.frombuffer(image.constBits(), np.uint8, count=image.bytesPerLine() * height)
    rows = raw.reshape(height, image.bytesPerLine())[:, : width * 3]
    return rows.reshape(height, width, 3).astype(float)


def luminances(rgb: np.ndarray) -> np.ndarray:
    c = rgb / 255.0
    c = np.where(c <= 0.03928, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return 0.2126 * c[..., 0] + 0.7152 * c[..., 1] + 0.0722 * c[..., 2]


def ratios(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Per-pixel WCAG contrast between two images of the same size."""
    la, lb = luminances(a), luminances(b)
    return (np.maximum(la, lb) + 0.05) / (np.minimum(la, lb) + 0.05)


def strongest_text(region: np.ndarray, background: str | QColor) -> float:
    """The contrast of the darkest-or-lightest ink in ``region`` against its background.

    Glyph stems are drawn at full colour; the strongest pixel is the colour
    the text was drawn with (antialiased edges are only lighter).
    """
    back = np.array(QColor(background).getRgb()[:3], dtype=float)
    return float(ratios(region, np.broadcast_to(back, region.shape)).max())


def grab_around(window: QWidget, widget: QWidget, margin: int = 3) -> np.ndarray:
    """The pixels of ``widget`` and a few around it, as drawn in its window."""
    rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    return pixels(window.grab(rect.adjusted(-margin, -margin, margin, margin)).toImage())
