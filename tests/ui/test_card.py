"""The invitation card: never takes focus, answers through signals, fades away."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QSize, Qt
from PySide6.QtGui import QEnterEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from presence_app.ui.card import EDGE_GAP, InvitationCard, card_position, card_title

AVAILABLE = QRect(0, 0, 1920, 1040)
SIZE = QSize(320, 140)


def make_card(qtbot: QtBot, timeout: timedelta = timedelta(minutes=1)) -> InvitationCard:
    card = InvitationCard(timeout, reduced_motion=True)
    qtbot.addWidget(card)
    return card


def test_card_does_not_take_focus(qtbot: QtBot, themed: QApplication) -> None:
    editor = QWidget()
    field = QLineEdit(editor)
    qtbot.addWidget(editor)
    editor.show()
    editor.activateWindow()
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    card = make_card(qtbot)
    card.show()
    qtbot.waitExposed(card)
    assert field.hasFocus()
    assert QApplication.focusWidget() is field
    assert card.windowFlags() & Qt.WindowType.WindowDoesNotAcceptFocus
    assert card.windowFlags() & Qt.WindowType.Tool
    assert card.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    for button in (card.take_button, card.pass_button):
        assert button.focusPolicy() == Qt.FocusPolicy.NoFocus


def test_take_a_pause_emits_accepted(qtbot: QtBot, themed: QApplication) -> None:
    card = make_card(qtbot)
    card.show()
    with qtbot.waitSignal(card.accepted):
        qtbot.mouseClick(card.take_button, Qt.MouseButton.LeftButton)
    assert not card.isVisible()


def test_let_it_pass_emits_passed_false(qtbot: QtBot, themed: QApplication) -> None:
    card = make_card(qtbot)
    card.show()
    with qtbot.waitSignal(card.passed) as blocker:
        qtbot.mouseClick(card.pass_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [False]


@pytest.mark.parametrize("reduced_motion", [True, False])
def test_timeout_emits_passed_true_once(
    qtbot: QtBot, themed: QApplication, reduced_motion: bool
) -> None:
    card = InvitationCard(timedelta(milliseconds=50), reduced_motion=reduced_motion)
    qtbot.addWidget(card)
    answers: list[bool] = []
    card.passed.connect(answers.append)
    card.show()
    with qtbot.waitSignal(card.passed, timeout=3000) as blocker:
        pass
    assert blocker.args == [True]
    qtbot.waitUntil(lambda: not card.isVisible())
    qtbot.mouseClick(card.pass_button, Qt.MouseButton.LeftButton)
    assert answers == [True]


def test_buttons_have_accessible_names(
    qtbot: QtBot, themed: QApplication, accessible_name: Callable[[QWidget], str]
) -> None:
    card = make_card(qtbot)
    assert accessible_name(card.take_button) == "Take a pause"
    assert accessible_name(card.pass_button) == "Let it pass"


def test_card_text(qtbot: QtBot, themed: QApplication) -> None:
    card = make_card(qtbot)
    assert card.take_button.text() == "Take a pause"
    assert card.pass_button.text() == "Let it pass"


def test_position_without_tray_is_bottom_right() -> None:
    point = card_position(SIZE, None, AVAILABLE)
    assert point == QPoint(1920 - EDGE_GAP - 320, 1040 - EDGE_GAP - 140)


def test_position_below_a_tray_icon_at_the_top() -> None:
    tray = QRect(1800, 0, 24, 24)
    point = card_position(SIZE, tray, AVAILABLE)
    assert point.y() == tray.bottom() + EDGE_GAP
    assert point.x() + SIZE.width() <= AVAILABLE.right() - EDGE_GAP + 1


def test_position_above_a_tray_icon_at_the_bottom() -> None:
    tray = QRect(900, 1016, 24, 24)
    point = card_position(SIZE, tray, AVAILABLE)
    assert point.y() + SIZE.height() == tray.top() - EDGE_GAP
    assert point.x() == tray.center().x() - SIZE.width() // 2


def test_card_shown_at_its_position(qtbot: QtBot, themed: QApplication) -> None:
    card = make_card(qtbot)
    card.show()
    qtbot.waitExposed(card)
    screen = QApplication.primaryScreen().availableGeometry()
    assert screen.contains(card.frameGeometry())


def test_mouse_on_the_card_holds_the_timeout(qtbot: QtBot, themed: QApplication) -> None:
    card = InvitationCard(
        timedelta(milliseconds=80), reduced_motion=True, linger=timedelta(milliseconds=50)
    )
    qtbot.addWidget(card)
    answers: list[bool] = []
    card.passed.connect(answers.append)
    card.show()
    inside = QPointF(10, 10)
    QApplication.sendEvent(card, QEnterEvent(inside, inside, card.mapToGlobal(inside)))
    # Nothing to wait for: a held card must still be there well after its timeout.
    qtbot.wait(300)
    assert answers == []
    assert card.isVisible()
    QApplication.sendEvent(card, QEvent(QEvent.Type.Leave))
    with qtbot.waitSignal(card.passed, timeout=2000) as blocker:
        pass
    assert blocker.args == [True]


def test_leaving_without_entering_does_not_shorten_the_timeout(
    qtbot: QtBot, themed: QApplication
) -> None:
    card = InvitationCard(timedelta(minutes=1), linger=timedelta(milliseconds=10))
    qtbot.addWidget(card)
    card.show()
    QApplication.sendEvent(card, QEvent(QEvent.Type.Leave))
    assert card._timer.remainingTime() > 50_000


@pytest.mark.parametrize(
    ("length", "title"),
    [
        (None, "A bell for you"),
        (timedelta(seconds=45), "A bell for you · 45 s"),
        (timedelta(minutes=3), "A bell for you · 3 min"),
        (timedelta(minutes=2, seconds=40), "A bell for you · 3 min"),
    ],
)
def test_card_title_names_the_pause_length(length: timedelta | None, title: str) -> None:
    assert card_title(length) == title


def test_card_appears_next_to_a_known_tray_icon(qtbot: QtBot, themed: QApplication) -> None:
    area = QApplication.primaryScreen().availableGeometry()
    tray = QRect(area.right() - 40, area.top(), 24, 24)
    card = InvitationCard(timedelta(minutes=1), tray_geometry=tray, reduced_motion=True)
    qtbot.addWidget(card)
    card.show()
    assert card.pos() == card_position(card.size(), tray, area)
    assert card.geometry().top() == tray.bottom() + EDGE_GAP
