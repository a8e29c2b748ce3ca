"""The preview renders every window in both schemes with the theme's colours."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from presence_app.ui.preview import render
from presence_app.ui.theme import DARK, LIGHT, Palette, apply_theme

NAMES = ["card", "pause", "pause-fullscreen", "reflection", "journal", "status"]


@pytest.mark.parametrize(("dark", "palette"), [(False, LIGHT), (True, DARK)])
def test_every_window_renders_in_the_theme(
    qapp: QApplication, tmp_path: Path, dark: bool, palette: Palette
) -> None:
    written = render(tmp_path, dark, qapp)
    scheme = "dark" if dark else "light"
    assert [p.name for p in written] == [f"{name}-{scheme}.png" for name in NAMES]
    for path in written:
        image = QImage(str(path))
        assert not image.isNull()
        assert image.width() >= 200 and image.height() >= 100
    reflection = QImage(str(tmp_path / f"reflection-{scheme}.png"))
    assert reflection.pixelColor(4, 4).name() == palette.window
    apply_theme(qapp, dark=False)
