"""The shared look: palettes readable in both schemes, reduced motion, icons."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from presence_app.ui.assets import APP_ICON, QUIET_ICON, TRAY_ICON, icon_path, load_icon
from presence_app.ui.theme import (
    DARK,
    LIGHT,
    Palette,
    apply_theme,
    follow_color_scheme,
    prefers_high_contrast,
    prefers_reduced_motion,
    system_prefers_dark,
    watch_reduced_motion,
)


def luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    q = QColor(colour)
    return 0.2126 * channel(q.red()) + 0.7152 * channel(q.green()) + 0.0722 * channel(q.blue())


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("palette", [LIGHT, DARK], ids=["light", "dark"])
def test_palettes_meet_wcag_contrast(palette: Palette) -> None:
    assert contrast(palette.text, palette.window) >= 7
    assert contrast(palette.text, palette.surface) >= 7
    assert contrast(palette.muted, palette.window) >= 4.5
    assert contrast(palette.caution, palette.window) >= 4.5
    assert contrast(palette.accent_text, palette.accent) >= 4.5
    assert contrast(DARK.text, palette.veil) >= 7


@pytest.mark.parametrize(("dark", "expected"), [(True, DARK), (False, LIGHT)])
def test_apply_theme_sets_the_palette(qapp: QApplication, dark: bool, expected: Palette) -> None:
    used = apply_theme(qapp, dark=dark)
    assert used is expected
    window = qapp.palette().color(QPalette.ColorRole.Window)
    assert window.name() == expected.window
    assert "QPushButton" in qapp.styleSheet()


def test_offscreen_scheme_is_unknown_and_falls_back_to_the_palette(qapp: QApplication) -> None:
    assert qapp.styleHints().colorScheme() == Qt.ColorScheme.Unknown
    apply_theme(qapp, dark=False)
    assert not system_prefers_dark(qapp)
    apply_theme(qapp, dark=True)
    assert system_prefers_dark(qapp)
    apply_theme(qapp, dark=False)


def test_reduced_motion_follows_desktop_unless_overridden(qapp: QApplication) -> None:
    def still() -> bool:
        return True

    def unknown() -> None:
        return None

    assert prefers_reduced_motion(qapp, desktop=unknown) is False
    assert prefers_reduced_motion(qapp, desktop=still) is True
    assert prefers_reduced_motion(qapp, override=True, desktop=unknown) is True
    assert prefers_reduced_motion(qapp, override=False, desktop=still) is False


@pytest.mark.parametrize("name", [TRAY_ICON, QUIET_ICON, APP_ICON])
def test_svg_icons_render_at_tray_sizes(qapp: QApplication, name: str) -> None:
    assert icon_path(name).is_file()
    icon = load_icon(name)
    for size in (16, 22, 32, 64):
        image = icon.pixmap(size).toImage()
        assert image.width() == size
        centre = image.pixelColor(size // 2, size // 2)
        edge_of_ring = image.pixelColor(size // 2, size // 2 - int(size * 25 / 64))
        assert centre.alpha() > 0 or edge_of_ring.alpha() > 0
        assert image.pixelColor(0, 0).alpha() == 0 or name == APP_ICON


def test_theme_follows_a_scheme_change(qapp: QApplication) -> None:
    apply_theme(qapp, dark=False)
    follow_color_scheme(qapp)
    qapp.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert qapp.palette().color(QPalette.ColorRole.Window).name() == DARK.window
    qapp.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert qapp.palette().color(QPalette.ColorRole.Window).name() == LIGHT.window


@pytest.mark.skipif(
    not hasattr(Qt, "MotionPreference"),
    reason="this Qt predates motion preferences (6.12); pyproject keeps PySide6 below 6.12",
)
def test_motion_preference_changes_are_reported(qapp: QApplication) -> None:
    seen: list[bool] = []
    assert watch_reduced_motion(qapp, seen.append)
    hints = qapp.styleHints().accessibility()
    hints.motionPreferenceChanged.emit(Qt.MotionPreference.ReducedMotion)
    hints.motionPreferenceChanged.emit(Qt.MotionPreference.NoPreference)
    assert seen == [True, False]


def test_png_renders_stand_in_when_the_svg_cannot_be_used(
    qapp: QApplication, tmp_path: Path
) -> None:
    (tmp_path / "glyph.svg").write_text("not an svg")
    for size in (16, 32):
        load_icon(TRAY_ICON).pixmap(size).save(str(tmp_path / f"glyph-{size}.png"))
    icon = load_icon("glyph.svg", tmp_path)
    assert sorted(s.width() for s in icon.availableSizes()) == [16, 32]
    assert not icon.pixmap(16).isNull()


def test_high_contrast_strengthens_secondary_text_and_borders(qapp: QApplication) -> None:
    assert prefers_high_contrast(qapp) is False
    used = apply_theme(qapp, dark=False, high_contrast=True)
    assert used.muted == LIGHT.text
    assert used.border == LIGHT.firm_border
    assert contrast(used.border, used.window) >= 4.5
    placeholder = qapp.palette().color(QPalette.ColorRole.PlaceholderText)
    assert placeholder.name() == LIGHT.text
    assert apply_theme(qapp, dark=False) is LIGHT
