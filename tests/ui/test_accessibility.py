"""Every window as a screen reader and a keyboard meet it (Qt's accessibility interface).

Walks each window of ``scripts/window_gallery.py`` (status, tray menu,
invitation card, pause, reflection, journal with its look-back, the export
dialog, and every page of the settings window) through ``QAccessible``, the
interface Qt hands to AT-SPI: windows are windows named by their title,
every control has a name, no name hides words shown on screen, combo boxes
are named by their label, titles are headings, mnemonics are unique, the
window opens with the focus on a named control, and Tab reaches every
control in reading order. The same checks run over the real AT-SPI bus in
``tests/e2e/test_atspi.py``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QMenu,
    QRadioButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from presence_app.core.settings import Page
from presence_app.ui.theme import apply_theme
from tests.ui.a11y import (
    INTERACTIVE,
    dispose,
    gallery,
    interface,
    mnemonics,
    plain,
    settle,
    visible_words,
    walk,
)

WINDOWS = ["status", "menu", "card", "pause", "reflection", "journal", "export", "settings"]
PAGES = [page.value for page in Page]
SCREENS = [*(w for w in WINDOWS if w != "settings"), *(f"settings:{p}" for p in PAGES)]
WINDOW_ROLES = {
    QAccessible.Role.Window,
    QAccessible.Role.Dialog,
    QAccessible.Role.Notification,
    QAccessible.Role.PopupMenu,
}


class Screens:
    """Gallery windows, built once per test module (building the settings window is slow)."""

    def __init__(self, app: QApplication, folder: Path) -> None:
        self._app = app
        self._folder = folder
        self._built: dict[str, QWidget] = {}

    def open(self, screen: str, *, fresh: bool = False) -> QWidget:
        """Show a screen ("status", "settings:sound"), settled, with keys accepted."""
        apply_theme(self._app, dark=False)
        name, _, page = screen.partition(":")
        window = None if fresh else self._built.get(name)
        for other in self._built.values():
            if other is not window:
                other.hide()  # one active window at a time, as a person sees them
        if window is None:
            window = gallery().build(name, self._folder)
            self._built[name if not fresh else f"{name}#{len(self._built)}"] = window
        gallery().present(window, self._app)
        if page:
            gallery().show_page(window, page, self._app)
        guard = getattr(window, "_guard", None)
        deadline = 200
        # Keys are ignored for a moment after a pause or reflection opens.
        while guard is not None and not guard.accepts_keys() and deadline:
            QTest.qWait(10)
            deadline -= 1
        settle(self._app)
        if not isinstance(window, QMenu) and name != "card":
            QTest.qWaitForWindowActive(window)
        return window

    def close(self) -> None:
        for window in self._built.values():
            dispose(window)


@pytest.fixture(scope="module")
def screens(qapp: QApplication, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Screens]:
    built = Screens(qapp, tmp_path_factory.mktemp("gallery"))
    yield built
    built.close()


@pytest.fixture
def open_screen(screens: Screens) -> Any:
    return screens.open


@pytest.mark.parametrize("screen", SCREENS)
def test_a_window_is_a_window_named_by_its_title(open_screen: Any, screen: str) -> None:
    window = open_screen(screen)
    top = interface(window)
    assert top.role() in WINDOW_ROLES
    if not isinstance(window, QMenu):
        assert top.text(QAccessible.Text.Name) == window.windowTitle()


@pytest.mark.parametrize("screen", SCREENS)
def test_every_control_has_a_name(open_screen: Any, screen: str) -> None:
    window = open_screen(screen)
    unnamed = [
        (node.role, node.widget)
        for node in walk(interface(window))
        if node.role in INTERACTIVE and not node.name.strip()
    ]
    assert unnamed == []


@pytest.mark.parametrize("screen", SCREENS)
def test_no_name_hides_words_on_screen(open_screen: Any, screen: str) -> None:
    window = open_screen(screen)
    hidden = []
    for widget, words in visible_words(window):
        read = interface(widget)
        heard = (
            plain(read.text(QAccessible.Text.Name))
            + " "
            + plain(read.text(QAccessible.Text.Description))
        )
        # "Journal…" is heard as "Journal": the dots promise a window, not a word.
        if words.rstrip("…") not in heard:
            hidden.append((words, read.text(QAccessible.Text.Name)))
    assert hidden == []


@pytest.mark.parametrize("screen", ["export", *(f"settings:{p}" for p in PAGES)])
def test_combo_boxes_are_named_by_their_label_and_hold_their_value(
    open_screen: Any, screen: str
) -> None:
    window = open_screen(screen)
    combos = [c for c in window.findChildren(QComboBox) if c.isVisible()]
    for combo in combos:
        read = interface(combo)
        labels = [
            plain(label.text()) for label in window.findChildren(QLabel) if label.buddy() is combo
        ]
        name = read.text(QAccessible.Text.Name)
        assert name in (*labels, combo.accessibleName()) and name, name
        assert name != combo.currentText()
        assert read.text(QAccessible.Text.Value) == combo.currentText()
        assert read.role() == QAccessible.Role.ComboBox
        assert read.childCount() == 1  # the list of choices, as Qt's own has it


def test_settings_combo_is_heard_by_label_not_by_value(open_screen: Any) -> None:
    window = open_screen("settings:sound")
    bell = window.editor("sound.start")
    read = interface(bell)
    assert read.text(QAccessible.Text.Name) == "Opening bell"
    assert read.text(QAccessible.Text.Value) == bell.currentText() == "Singing bowl"


@pytest.mark.parametrize("screen", ["status", "journal", *(f"settings:{p}" for p in PAGES)])
def test_titles_and_group_names_are_headings(open_screen: Any, screen: str) -> None:
    window = open_screen(screen)
    heads = [
        label
        for label in window.findChildren(QLabel)
        if label.isVisible() and label.property("role") in ("title", "heading", "day")
    ]
    assert heads
    for label in heads:
        read = interface(label)
        assert read.role() == QAccessible.Role.Heading, label.text()
        assert read.text(QAccessible.Text.Name) == plain(label.text())


def test_the_look_back_is_a_chart_read_in_words(open_screen: Any) -> None:
    window = open_screen("journal")
    read = interface(window.rhythm)
    assert read.role() == QAccessible.Role.Chart
    assert read.text(QAccessible.Text.Name) == "Seven days of pauses"
    assert read.text(QAccessible.Text.Description).startswith(
        "Seven days of pauses: Friday, no pauses, 1 bell passed; Saturday, 1 pause;"
    )
    assert window.rhythm.focusPolicy() & Qt.FocusPolicy.TabFocus


@pytest.mark.parametrize("screen", SCREENS)
def test_mnemonics_are_unique_in_a_window(open_screen: Any, screen: str) -> None:
    window = open_screen(screen)
    keys = mnemonics(window)
    assert len(keys) == len(set(keys)), keys


OPENING_FOCUS = {
    "status": "Pause now",
    "pause": "Presence: a pause",
    "reflection": "What did you notice just now?",
    "journal": "Search the journal",
    "export": "File name:",
    "settings": "Pages",
}


@pytest.mark.parametrize(("screen", "name"), OPENING_FOCUS.items())
def test_a_window_opens_with_the_focus_on_a_named_control(
    open_screen: Any, themed: QApplication, screen: str, name: str
) -> None:
    window = open_screen(screen)
    focus = themed.focusWidget()
    assert focus is not None and focus.window() is window
    read = interface(focus)
    assert read.text(QAccessible.Text.Name) == name
    assert read.role() not in (QAccessible.Role.Client, QAccessible.Role.Pane)


def tab_stops(window: QWidget) -> list[QWidget]:
    """The widgets Tab should reach: shown, enabled, taking focus by Tab."""
    return [
        w
        for w in window.findChildren(QWidget)
        if w.isVisible()
        and w.isEnabled()
        and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and w.focusProxy() is None
        and not isinstance(w.parentWidget(), QAbstractSpinBox | QComboBox)
    ]


def press_tab_around(qtbot: QtBot, app: QApplication, limit: int = 200) -> list[QWidget]:
    """Press Tab until the focus is back where it started; return each new stop."""
    start = app.focusWidget()
    assert start is not None
    visited = [start]
    for _ in range(limit):
        current = app.focusWidget()
        assert current is not None
        qtbot.keyClick(current, Qt.Key.Key_Tab)
        now = app.focusWidget()
        if now is start and len(visited) > 1:
            return visited
        if now is not None and now is not visited[-1]:
            visited.append(now)
    raise AssertionError(f"Tab never came back to {start!r}")


TAB_SCREENS = ["status", "pause", "reflection", "journal", *(f"settings:{p}" for p in PAGES)]


@pytest.mark.parametrize("screen", TAB_SCREENS)
def test_tab_reaches_every_control(
    qtbot: QtBot, open_screen: Any, themed: QApplication, screen: str
) -> None:
    window = open_screen(screen)
    visited = press_tab_around(qtbot, themed)
    missed = [w for w in tab_stops(window) if w not in visited]
    # Radio buttons of one group are one Tab stop; the arrows choose among them.
    missed = [w for w in missed if not isinstance(w, QRadioButton)]
    assert missed == []


def names(widgets: list[QWidget]) -> list[str]:
    return [interface(w).text(QAccessible.Text.Name) for w in widgets]


def test_tab_order_follows_the_status_window(
    qtbot: QtBot, open_screen: Any, themed: QApplication
) -> None:
    open_screen("status")
    assert names(press_tab_around(qtbot, themed)) == [
        "Pause now",
        "Let the next bell pass",
        "Quiet: For 30 minutes",
        "Quiet: For 1 hour",
        "Quiet: Until tomorrow",
        "Quiet: Not quiet (bells ring again)",
        "Journal",
        "Settings",
        "Quit",
    ]


def test_new_hours_come_before_add_hours_in_the_tab_order(
    qtbot: QtBot, open_screen: Any, themed: QApplication
) -> None:
    window = open_screen("settings:rhythm", fresh=True)
    order = names(press_tab_around(qtbot, themed))
    hours = order.index("All day")
    assert order[hours : hours + 8] == [
        "All day", "From 1", "To 1", "Remove", "From 2", "To 2", "Remove", "Add hours",
    ]  # fmt: skip
    assert order[-3:] == ["The coming week", "Save", "Cancel"]
    qtbot.mouseClick(window.rhythm.editor.hours.add, Qt.MouseButton.LeftButton)
    # The new fields show on the next turn of the event loop, and take the focus then.
    qtbot.waitUntil(lambda: names([themed.focusWidget()]) == ["From 3"])
    order = names(press_tab_around(qtbot, themed))
    assert order[order.index("From 3") : order.index("Add hours") + 1] == [
        "From 3", "To 3", "Remove", "Add hours",
    ]  # fmt: skip


def test_arrows_move_through_pages_rules_and_choices(
    qtbot: QtBot, open_screen: Any, themed: QApplication
) -> None:
    window = open_screen("settings", fresh=True)
    window.pages.setFocus()
    qtbot.keyClick(window.pages, Qt.Key.Key_Down)
    assert window.stack.currentIndex() == 1
    qtbot.keyClick(window.pages, Qt.Key.Key_Up)
    rules = window.rhythm.list.view
    rules.setFocus()
    qtbot.keyClick(rules, Qt.Key.Key_Down)
    assert rules.currentRow() == 1
    assert window.rhythm.editor.name.text() == "Three fixed moments"
    every = window.rhythm.editor.every_choice
    qtbot.keyClick(rules, Qt.Key.Key_Up)
    every.setFocus()
    qtbot.keyClick(every, Qt.Key.Key_Right)
    assert window.rhythm.editor.at_choice.isChecked()


def test_the_tray_menu_names_every_entry(open_screen: Any) -> None:
    menu = open_screen("menu")
    entries = [node for node in walk(interface(menu)) if node.role == QAccessible.Role.MenuItem]
    assert [node.name for node in entries if node.name] == [
        "Next bell at 10:45",
        "Pause now",
        "Let the next bell pass",
        "Quiet",
        "Journal…",
        "Settings…",
        "Quit",
    ]


def test_buttons_keep_their_words_for_screen_readers(open_screen: Any) -> None:
    window = open_screen("status")
    for button in window.findChildren(QAbstractButton):
        assert plain(button.text()).rstrip("…") in interface(button).text(QAccessible.Text.Name)


def test_a_combo_box_opens_from_its_show_menu_action(open_screen: Any, qtbot: QtBot) -> None:
    window = open_screen("settings:pause")
    combo = window.editor("pause.style")
    read = interface(combo)
    actions = read.actionInterface()
    assert actions is not None
    assert QAccessible.queryAccessibleInterface(combo.view()) is read.child(0)
    assert read.indexOfChild(read.child(0)) == 0
    assert not read.state().expanded
    actions.doAction(actions.showMenuAction())
    qtbot.waitUntil(combo.view().isVisible)
    assert read.state().expanded
    combo.hidePopup()
