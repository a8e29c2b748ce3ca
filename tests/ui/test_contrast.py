"""WCAG contrast of every text colour against its background, light and dark.

First the theme's pairs (what the style sheet puts on what), for the light
and dark palettes and their high-contrast forms; then the pixels themselves,
because the palette is not always what is drawn: Qt drew placeholders and
the look-back's labels in half-transparent text (measured 2.8:1 and 2.7:1)
while the palette said otherwise. Text needs 4.5:1 (body text 7:1, as the
README promises); what tells a state apart (a highlight, a focus ring, a
ticked toggle's border) needs 3:1.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QMenu, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from presence_app.ui.theme import DARK, LIGHT, Palette, apply_theme, with_high_contrast
from tests.ui.a11y import contrast, dispose, gallery, grab_around, settle, strongest_text

PALETTES = {
    "light": LIGHT,
    "dark": DARK,
    "light, high contrast": with_high_contrast(LIGHT),
    "dark, high contrast": with_high_contrast(DARK),
}
TEXT_ON = [
    # (text, background, least ratio, where it is drawn)
    ("text", "window", 7.0, "words in every window"),
    ("text", "surface", 7.0, "words in fields, cards and the menu"),
    ("muted", "window", 4.5, "secondary text, day and hour labels, disabled Save"),
    ("muted", "surface", 4.5, "placeholders, disabled buttons, the menu's first line"),
    ("caution", "window", 4.5, "a note beside a value that cannot be used"),
    ("caution", "surface", 4.5, "the same inside a card"),
    ("accent", "window", 4.5, "“Works here”"),
    ("accent_text", "accent", 4.5, "primary buttons, the menu highlight, a selected page"),
    ("on_soft", "accent_soft", 4.5, "a ticked toggle"),
]
STATES = [
    # (colour, against, least ratio, what it tells apart)
    ("accent", "surface", 3.0, "the menu highlight from the menu"),
    ("accent", "window", 3.0, "a selected page from the window"),
    ("ring", "border", 3.0, "a focused field from an unfocused one"),
    ("ring", "window", 3.0, "a focus ring from the window"),
    ("ring_on_accent", "accent", 3.0, "a focused primary button or ticked toggle"),
    ("border", "window", 1.0, "(borders are decoration, except under high contrast)"),
]


def colour(palette: Palette, role: str) -> str:
    value = getattr(palette, role)
    assert isinstance(value, str)
    return value


@pytest.mark.parametrize("scheme", PALETTES)
@pytest.mark.parametrize(("text", "background", "least", "where"), TEXT_ON)
def test_text_colours_meet_wcag(
    scheme: str, text: str, background: str, least: float, where: str
) -> None:
    palette = PALETTES[scheme]
    ratio = contrast(colour(palette, text), colour(palette, background))
    assert ratio >= least, f"{where}: {ratio:.2f}:1"


@pytest.mark.parametrize("scheme", PALETTES)
@pytest.mark.parametrize(("part", "background", "least", "what"), STATES)
def test_states_stand_apart_by_three_to_one(
    scheme: str, part: str, background: str, least: float, what: str
) -> None:
    palette = PALETTES[scheme]
    if "high contrast" in scheme and (part, background) == ("border", "window"):
        least = 3.0  # firm borders are the point of high contrast
    ratio = contrast(colour(palette, part), colour(palette, background))
    assert ratio >= least, f"{what}: {ratio:.2f}:1"


@pytest.mark.parametrize("scheme", PALETTES)
def test_a_ticked_toggle_stands_apart_by_its_border_or_its_fill(scheme: str) -> None:
    palette = PALETTES[scheme]
    border = contrast(palette.accent, palette.border)
    fill = contrast(palette.accent_soft, palette.surface)
    assert max(border, fill) >= 3.0, (border, fill)
    assert contrast(palette.on_soft, palette.accent_soft) >= 4.5


def test_veil_text_is_readable() -> None:
    assert contrast(DARK.text, DARK.veil) >= 7


# --- what is drawn --------------------------------------------------------------------


@pytest.fixture(params=["light", "dark"])
def scheme(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[Palette]:
    palette = apply_theme(qapp, dark=request.param == "dark")
    yield palette
    apply_theme(qapp, dark=False)


@pytest.fixture
def shown(qtbot: QtBot, qapp: QApplication, tmp_path: Path) -> Iterator[object]:
    opened: list[QWidget] = []

    def show(name: str) -> QWidget:
        window: QWidget = gallery().build(name, tmp_path)
        opened.append(window)
        gallery().present(window, qapp)
        qtbot.waitUntil(window.isVisible)
        settle(qapp)
        return window

    yield show
    for window in opened:
        dispose(window)


def test_placeholders_are_drawn_in_secondary_text_not_faded_text(
    scheme: Palette, shown: object, qapp: QApplication
) -> None:
    window = shown("reflection")  # type: ignore[operator]
    field = window.text_field
    placeholder = field.viewport().palette().color(QPalette.ColorRole.PlaceholderText)
    assert placeholder.alpha() == 255
    assert placeholder.name() == scheme.muted
    window.leave_button.setFocus()  # no cursor in the field: only the placeholder is drawn
    settle(qapp)
    words = grab_around(window, field.viewport(), margin=0)[2:30, 2:260]
    assert strongest_text(words, scheme.surface) >= 4.5


def test_the_look_backs_day_and_hour_labels_are_readable(scheme: Palette, shown: object) -> None:
    window = shown("journal")  # type: ignore[operator]
    view = window.rhythm
    drawn = view.layout_now()
    image = grab_around(window, view, margin=0)
    label_width = view._label_width()
    for row in drawn.rows:
        if row.is_today:
            continue  # today's name is in the full text colour
        top = int(row.y - 8)
        name = image[top : top + 16, 4 : 4 + label_width]
        assert strongest_text(name, scheme.window) >= 4.5, row.label
    hours = image[-(view._scale_height() + 4) :, label_width:]
    assert strongest_text(hours, scheme.window) >= 4.5


def test_the_tray_menu_highlight_stands_out_and_its_words_read(
    scheme: Palette, shown: object
) -> None:
    menu = shown("menu")  # type: ignore[operator]
    assert isinstance(menu, QMenu)
    active = menu.activeAction()
    assert active is not None
    area = menu.actionGeometry(active)
    image = menu.grab(area).toImage()
    corner = image.pixelColor(3, 3)
    assert corner.name() == scheme.accent
    assert contrast(corner, scheme.surface) >= 3
    from tests.ui.a11y import pixels

    assert strongest_text(pixels(image)[:, 30:], corner) >= 4.5


def test_disabled_buttons_keep_readable_words(scheme: Palette, shown: object) -> None:
    window = shown("settings")  # type: ignore[operator]
    up = window.rhythm.list.up
    assert not up.isEnabled()
    words = grab_around(window, up, margin=0)[4:-4, 6:-6]
    background = QColor(*[int(v) for v in words[1, 1]])
    assert strongest_text(words, background) >= 4.5
    save = window.save_button
    editor = window.rhythm.editor
    editor.every.unit.setCurrentIndex(0)
    editor.every.number.setValue(0)
    window.check_now()
    assert not save.isEnabled()
    settle(QApplication.instance())  # type: ignore[arg-type]
    words = grab_around(window, save, margin=0)[4:-4, 6:-6]
    assert strongest_text(words, scheme.window) >= 4.5


def test_secondary_text_in_windows_is_drawn_readable(scheme: Palette, shown: object) -> None:
    window = shown("status")  # type: ignore[operator]
    hint = window.hint_label
    words = grab_around(window, hint, margin=0)
    assert strongest_text(words, scheme.window) >= 4.5
    quit_words = grab_around(window, window.quit_button, margin=0)[6:-6, 8:-8]
    assert strongest_text(quit_words, scheme.window) >= 4.5


def test_a_ticked_toggle_looks_unlike_an_unticked_one(
    scheme: Palette, shown: object, qapp: QApplication
) -> None:
    from tests.ui.a11y import ratios

    window = shown("status")  # type: ignore[operator]
    skip: QPushButton = window.skip_button
    window.journal_button.setFocus()
    for ticked in (False, True):
        skip.setChecked(ticked)
        settle(qapp)
        if ticked:
            after = grab_around(window, skip)
        else:
            before = grab_around(window, skip)
    strong = int((ratios(before, after) >= 3).sum())
    assert strong >= 2 * (skip.width() + skip.height())


def test_high_contrast_rings_differ_from_firm_borders() -> None:
    for palette in (with_high_contrast(LIGHT), with_high_contrast(DARK)):
        assert contrast(palette.ring, palette.border) >= 3
        assert contrast(palette.ring, palette.window) >= 3
        assert replace(palette, focus="").ring == palette.accent


def test_pixels_helper_reads_rgb(qapp: QApplication) -> None:
    from PySide6.QtGui import QImage

    from tests.ui.a11y import pixels

    image = QImage(2, 1, QImage.Format.Format_RGB32)
    image.setPixelColor(0, 0, QColor("#102030"))
    image.setPixelColor(1, 0, QColor("#ffffff"))
    assert np.array_equal(pixels(image)[0, 0], [16, 32, 48])
