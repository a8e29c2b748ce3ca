"""The tray's PNG icons are what ``scripts/make_icons.py`` renders from the SVGs now."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from presence_app.ui.assets import QUIET_ICON, TRAY_ICON, TRAY_PNG_SIZES, load_tray_icon

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "make_icons.py"


def _script():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("make_icons", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def largest_difference(first: QImage, second: QImage) -> int:
    assert first.size() == second.size()
    worst = 0
    for y in range(first.height()):
        for x in range(first.width()):
            a, b = first.pixelColor(x, y), second.pixelColor(x, y)
            for channel in ("red", "green", "blue", "alpha"):
                worst = max(worst, abs(getattr(a, channel)() - getattr(b, channel)()))
    return worst


def test_every_png_matches_its_svg_drawn_now(qapp: object) -> None:
    renders = _script().renders()
    assert len(renders) == 2 * len(TRAY_PNG_SIZES)
    for path, data in renders.items():
        assert path.exists(), f"{path.name} is missing: run scripts/make_icons.py"
        drawn = QImage.fromData(data)
        kept = QImage(str(path)).convertToFormat(drawn.format())
        assert largest_difference(drawn, kept) <= 2, f"{path.name} is stale: run make_icons.py"


@pytest.mark.parametrize("name", [TRAY_ICON, QUIET_ICON])
def test_the_tray_icon_comes_from_the_pngs_at_every_size(qapp: object, name: str) -> None:
    icon = load_tray_icon(name)
    assert sorted(size.width() for size in icon.availableSizes()) == sorted(TRAY_PNG_SIZES)
