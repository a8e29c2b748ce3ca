"""Focus is always visible: every Tab stop looks different when it has the focus.

For each control a person can Tab to, in every window and settings page, in
the light and the dark scheme: the control (and a few pixels around it) is
grabbed without the focus and with it, and the pixels that changed by at
least 3:1 are counted. They must add up to at least a one-pixel ring around
the control (its perimeter), in the spirit of WCAG 2.4.13. Measured before
this was fixed: the primary buttons (Pause now, Keep it, Save) changed 90
pixels, none by 3:1; the journal's entries changed 0 pixels.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QScrollArea, QWidget

from presence_app.core.settings import Page
from presence_app.ui.theme import apply_theme
from tests.ui.a11y import dispose, gallery, grab_around, interface, ratios, settle

SCREENS = [
    "status",
    "pause",
    "reflection",
    "journal",
    *(f"settings:{page.value}" for page in Page),
]


@pytest.fixture(params=["light", "dark"])
def dark(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[bool]:
    yield request.param == "dark"
    apply_theme(qapp, dark=False)


def tab_stops(window: QWidget) -> list[QWidget]:
    return [
        w
        for w in window.findChildren(QWidget)
        if w.isVisible()
        and w.isEnabled()
        and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and w.focusProxy() is None
        and not isinstance(w.parentWidget(), QAbstractSpinBox | QComboBox)
    ]


def scroll_to(widget: QWidget) -> None:
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QScrollArea):
        parent = parent.parentWidget()
    if parent is not None:
        parent.ensureWidgetVisible(widget)


def focus_change(window: QWidget, widget: QWidget, elsewhere: QWidget) -> tuple[int, int]:
    """(pixels changed by 3:1 or more, the control's perimeter) when it takes the focus."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    elsewhere.setFocus(Qt.FocusReason.TabFocusReason)
    scroll_to(widget)  # as Tab does: a page taller than the screen scrolls to the focus
    settle(app, 3)
    before = grab_around(window, widget)
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    settle(app, 3)
    assert app.focusWidget() is widget
    after = grab_around(window, widget)
    strong = int((ratios(before, after) >= 3).sum())
    return strong, 2 * (widget.width() + widget.height())


@pytest.mark.parametrize("screen", SCREENS)
def test_every_tab_stop_shows_its_focus(
    qapp: QApplication, tmp_path: Path, dark: bool, screen: str
) -> None:
    apply_theme(qapp, dark=dark)
    name, _, page = screen.partition(":")
    window = gallery().build(name, tmp_path)
    try:
        gallery().present(window, qapp)
        if page:
            gallery().show_page(window, page, qapp)
        QTest.qWaitForWindowActive(window)
        stops = tab_stops(window)
        assert stops
        faint = []
        for widget in stops:
            others = (w for w in stops if w is not widget and not widget.isAncestorOf(w))
            elsewhere = next(others, window)  # the pause holds the focus itself, for Esc
            strong, perimeter = focus_change(window, widget, elsewhere)
            if strong < perimeter:
                faint.append((interface(widget).text(QAccessible.Text.Name), strong))
        assert faint == []
    finally:
        dispose(window)
