"""The no-tray status window: every menu action as a button, same signals."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from presence_app.ui.status_window import NO_TRAY_HINT, StatusWindow
from presence_app.ui.tray import Tray


@pytest.fixture
def window(qtbot: QtBot, themed: QApplication) -> StatusWindow:
    window = StatusWindow()
    qtbot.addWidget(window)
    window.show()
    return window


def test_a_button_for_every_tray_action(window: StatusWindow, qapp: QApplication) -> None:
    tray = Tray()
    menu_texts = [a.text() for a in tray.menu.actions() if a.isEnabled() and a.text()]
    menu_texts.remove("Quiet")
    menu_texts[2:2] = [a.text() for a in tray.quiet_menu.actions()]
    assert [b.text() for b in window.buttons()] == menu_texts
    tray.menu.deleteLater()


@pytest.mark.parametrize(
    ("button_name", "signal_name"),
    [
        ("pause_button", "pause_requested"),
        ("journal_button", "journal_requested"),
        ("settings_button", "settings_requested"),
        ("quit_button", "quit_requested"),
    ],
)
def test_buttons_emit_signals(
    qtbot: QtBot, window: StatusWindow, button_name: str, signal_name: str
) -> None:
    with qtbot.waitSignal(getattr(window, signal_name)):
        qtbot.mouseClick(getattr(window, button_name), Qt.MouseButton.LeftButton)


def test_quiet_buttons_emit_specs(qtbot: QtBot, window: StatusWindow) -> None:
    specs = []
    for button in window.quiet_buttons:
        with qtbot.waitSignal(window.quiet_requested) as blocker:
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        specs.append(blocker.args[0])
    assert specs == ["30m", "1h", "until tomorrow", "off"]


def test_skip_toggles_and_show_state_sets_it_quietly(qtbot: QtBot, window: StatusWindow) -> None:
    with qtbot.waitSignal(window.skip_toggled) as blocker:
        qtbot.mouseClick(window.skip_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [True]
    toggles: list[bool] = []
    window.skip_toggled.connect(toggles.append)
    window.show_state("Quiet until 17:00", "Quiet until 17:00 — you asked for quiet", True, False)
    assert toggles == []
    assert not window.skip_button.isChecked()
    assert window.state_label.text() == "Quiet until 17:00 — you asked for quiet"


def test_hint_explains_how_to_get_a_tray(window: StatusWindow) -> None:
    assert window.hint_label.text() == NO_TRAY_HINT
    assert NO_TRAY_HINT == (
        "There is no tray on this desktop, so Presence lives in this window. "
        "On GNOME, the “AppIndicator and KStatusNotifierItem Support” extension "
        "adds a tray; on KDE Plasma, add the “System Tray” widget to a panel; on "
        "sway and other wlroots compositors, use a bar with a tray (swaybar with "
        "tray_output, or waybar's tray module). Then start Presence again."
    )


def test_opened_from_a_tray_it_has_no_hint(qtbot: QtBot, themed: QApplication) -> None:
    window = StatusWindow(hint="")
    qtbot.addWidget(window)
    window.show()
    assert not window.hint_label.isVisible()


LONG_NOTICE = (
    "This desktop does not let apps set global shortcuts. To start a pause with a key, "
    "bind the command “presence-app pause” in your desktop's keyboard settings."
)


def _overlaps(widgets: list[QWidget]) -> list[tuple[str, str]]:
    shown = [w for w in widgets if w.isVisible()]
    found = []
    for index, first in enumerate(shown):
        for second in shown[index + 1 :]:
            a = QRect(first.mapTo(first.window(), QPoint(0, 0)), first.size())
            b = QRect(second.mapTo(second.window(), QPoint(0, 0)), second.size())
            if a.intersects(b):
                found.append((first.objectName() or first.text(), second.text()))
    return found


@pytest.mark.parametrize("size", [(300, 200), (320, 700), (457, 449), (640, 752), (1280, 300)])
def test_nothing_overlaps_or_is_cut_at_any_size(
    qtbot: QtBot, themed: QApplication, size: tuple[int, int]
) -> None:
    window = StatusWindow()
    qtbot.addWidget(window)
    window.show_notice(LONG_NOTICE)
    window.show()
    window.setFixedSize(*size)
    qtbot.waitUntil(lambda: window.size().width() == size[0])
    QApplication.processEvents()
    labels = [window.state_label, window.notice_label, window.hint_label]
    assert _overlaps([*labels, *window.buttons()]) == []
    for label in labels:
        # A wrapped label is given at least the height its words need at its width.
        assert label.height() >= label.heightForWidth(label.width())
    for button in window.buttons():
        assert button.width() >= button.minimumSizeHint().width(), button.text()


def test_a_superseded_notice_is_withdrawn(window: StatusWindow) -> None:
    window.show_notice("Asking the desktop for Ctrl+Alt+P.")
    window.withdraw_notice("Asking the desktop for Ctrl+Alt+P.", LONG_NOTICE)
    assert window.notice_label.text() == LONG_NOTICE
    window.withdraw_notice("something never shown", None)
    assert window.notice_label.text() == LONG_NOTICE
    window.withdraw_notice(LONG_NOTICE, None)
    assert not window.notice_label.isVisible()


def test_every_button_reachable_by_tab_and_named(
    qtbot: QtBot, window: StatusWindow, accessible_name: Callable[[QWidget], str]
) -> None:
    for button in window.buttons():
        assert button.focusPolicy() & Qt.FocusPolicy.TabFocus
        assert accessible_name(button)
    assert accessible_name(window.quiet_buttons[0]) == "Quiet: For 30 minutes"
    assert accessible_name(window.journal_button) == "Journal"


THREE_LINES = (
    "Quiet: you asked for quiet until 17:00, and a call is going on. "
    "Then the next bell rings at 17:45. A bell stayed quiet at 10:15 "
    "while you were away."
)


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("late", [False, True], ids=["before-showing", "while-shown"])
@pytest.mark.parametrize("size", [(300, 200), (340, 700), (400, 449), (480, 560), (640, 752)])
def test_the_sentence_and_notice_never_hide_or_cut_the_buttons(
    qtbot: QtBot, qapp: QApplication, dark: bool, late: bool, size: tuple[int, int]
) -> None:
    from PySide6.QtWidgets import QScrollArea

    from presence_app.ui.theme import apply_theme

    apply_theme(qapp, dark=dark)
    window = StatusWindow()
    qtbot.addWidget(window)
    if not late:
        window.show_state("", THREE_LINES, True, False)
        window.show_notice(LONG_NOTICE)
    window.show()
    window.resize(*size)
    if late:
        window.show_state("", THREE_LINES, True, False)
        window.show_notice(LONG_NOTICE)
    qtbot.waitUntil(lambda: window.notice_label.isVisible())
    QApplication.processEvents()
    viewport = window.findChild(QScrollArea).viewport()
    shown = [window.state_label, window.notice_label, window.hint_label, *window.buttons()]
    placed = {w: QRect(w.mapTo(viewport, QPoint(0, 0)), w.size()) for w in shown}
    for index, first in enumerate(shown):
        for second in shown[index + 1 :]:
            assert not placed[first].intersects(placed[second]), (first.text(), second.text())
    for widget in shown:
        # Within the visible width: a narrow window wraps its buttons, never cuts them.
        assert placed[widget].left() >= 0 and placed[widget].right() < viewport.width()
    for label in (window.state_label, window.notice_label, window.hint_label):
        assert label.height() >= label.heightForWidth(label.width())
    for button in window.buttons():
        assert button.width() >= button.minimumSizeHint().width(), button.text()
    apply_theme(qapp, dark=False)


def test_the_window_grows_to_show_a_longer_sentence(qtbot: QtBot, themed: QApplication) -> None:
    window = StatusWindow(hint="")
    qtbot.addWidget(window)
    window.show()
    before = window.height()
    window.show_state("", THREE_LINES, True, False)
    window.show_notice(LONG_NOTICE)
    QApplication.processEvents()
    assert window.height() > before
    needed = window.content.heightForWidth(window.width())
    assert window.height() >= min(needed, 560)
