"""The tray: a menu built once, actions that report through signals."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from presence_app.ui.tray import Tray

MENU_TEXTS = [
    "Next bell…",
    "",
    "Pause now",
    "Let the next bell pass",
    "Quiet",
    "",
    "Journal…",
    "Settings…",
    "",
    "Quit",
]
QUIET_TEXTS = [
    "For 30 minutes",
    "For 1 hour",
    "Until tomorrow",
    "Not quiet (bells ring again)",
]


@pytest.fixture
def tray(qapp: QApplication) -> Iterator[Tray]:
    tray = Tray()
    yield tray
    tray.hide()
    tray.menu.deleteLater()


def texts(actions: list[QAction]) -> list[str]:
    return [action.text() for action in actions]


def test_menu_items_in_order(tray: Tray) -> None:
    assert texts(tray.menu.actions()) == MENU_TEXTS
    assert texts(tray.quiet_menu.actions()) == QUIET_TEXTS
    assert tray.icon.contextMenu() is tray.menu
    assert not tray.next_action.isEnabled()
    assert tray.skip_action.isCheckable()


@pytest.mark.parametrize(
    ("action_name", "signal_name"),
    [
        ("pause_action", "pause_requested"),
        ("journal_action", "journal_requested"),
        ("settings_action", "settings_requested"),
        ("quit_action", "quit_requested"),
    ],
)
def test_actions_emit_signals(
    qtbot: QtBot, tray: Tray, action_name: str, signal_name: str
) -> None:
    with qtbot.waitSignal(getattr(tray, signal_name)):
        getattr(tray, action_name).trigger()


def test_skip_is_a_toggle(qtbot: QtBot, tray: Tray) -> None:
    with qtbot.waitSignal(tray.skip_toggled) as blocker:
        tray.skip_action.trigger()
    assert blocker.args == [True]
    with qtbot.waitSignal(tray.skip_toggled) as blocker:
        tray.skip_action.trigger()
    assert blocker.args == [False]


@pytest.mark.parametrize(
    ("label", "spec"),
    [
        ("For 30 minutes", "30m"),
        ("For 1 hour", "1h"),
        ("Until tomorrow", "until tomorrow"),
        ("Not quiet (bells ring again)", "off"),
    ],
)
def test_quiet_choices_emit_their_spec(qtbot: QtBot, tray: Tray, label: str, spec: str) -> None:
    action = next(a for a in tray.quiet_menu.actions() if a.text() == label)
    with qtbot.waitSignal(tray.quiet_requested) as blocker:
        action.trigger()
    assert blocker.args == [spec]


def test_update_changes_texts_and_icon_without_replacing_the_menu(tray: Tray) -> None:
    menu, quiet_menu = tray.menu, tray.quiet_menu
    actions = list(menu.actions())
    quiet_actions = list(quiet_menu.actions())
    waiting_icon = tray.current_icon().pixmap(32).toImage()
    toggles: list[bool] = []
    tray.skip_toggled.connect(toggles.append)

    tray.update("Quiet until 17:00", "Quiet until 17:00 — you asked for quiet", True, True)

    assert tray.icon.contextMenu() is menu
    assert tray.quiet_menu is quiet_menu
    assert menu.actions() == actions
    assert quiet_menu.actions() == quiet_actions
    assert tray.next_action.text() == "Quiet until 17:00"
    assert tray.icon.toolTip() == "Quiet until 17:00 — you asked for quiet"
    assert tray.skip_action.isChecked()
    assert toggles == []
    assert tray.current_icon().pixmap(32).toImage() != waiting_icon

    tray.update("Next bell at 10:45", "Next bell at 10:45 (in 12 min)", False, False)
    assert menu.actions() == actions
    assert tray.current_icon().pixmap(32).toImage() == waiting_icon
    assert not tray.skip_action.isChecked()


def test_icons_load_from_svg(tray: Tray) -> None:
    assert not tray.current_icon().isNull()
    assert not tray.current_icon().pixmap(16).isNull()


def test_geometry_unknown_offscreen(tray: Tray) -> None:
    tray.show()
    assert tray.geometry() is None


def test_the_minute_refresh_hands_on_only_what_changed(tray: Tray) -> None:
    """A tray icon set again is drawn again (and an SNI host refetches it), so the
    once-a-minute refresh must not set an icon or tooltip that did not change."""
    icons: list[object] = []
    tips: list[str] = []
    set_icon, set_tip = tray.icon.setIcon, tray.icon.setToolTip
    tray.icon.setIcon = lambda icon: (icons.append(icon), set_icon(icon))  # type: ignore[method-assign]
    tray.icon.setToolTip = lambda tip: (tips.append(tip), set_tip(tip))  # type: ignore[method-assign]
    tray.update("Next bell at 10:45", "Next bell at 10:45 (in 13 min)", False, False)
    tray.update("Next bell at 10:45", "Next bell at 10:45 (in 12 min)", False, False)
    assert icons == []  # still the ordinary icon it started with
    assert tips == ["Next bell at 10:45 (in 13 min)", "Next bell at 10:45 (in 12 min)"]
    tray.update("Next bell at 10:45", "Next bell at 10:45 (in 12 min)", False, False)
    assert len(tips) == 2
    tray.update("Quiet until 11:30", "Quiet until 11:30", True, False)
    tray.update("Quiet until 11:30", "Quiet until 11:30", True, False)
    assert len(icons) == 1 and tray.current_icon().cacheKey() == icons[0].cacheKey()  # type: ignore[attr-defined]
    tray.update("Next bell at 11:45", "Next bell at 11:45 (in 15 min)", False, False)
    assert len(icons) == 2
