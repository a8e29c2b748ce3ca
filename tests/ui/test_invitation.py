"""The invitation this desktop allows: the card on X11, a notification on Wayland."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from presence_app.adapters.notify import Note
from presence_app.core.cue import Cue
from presence_app.ui.card import InvitationCard
from presence_app.ui.invitation import (
    NO_NOTIFICATIONS_MESSAGE,
    Invitations,
    NotificationInvitation,
    uses_notification,
)

CUE = Cue(at=datetime(2026, 3, 2, 9, 45, tzinfo=UTC), pause=timedelta(minutes=3), rules=("Work",))


class FakeNotifications(QObject):
    """The signals and calls of ``adapters.notify.Notifications``, by hand."""

    action_invoked = Signal(str, str)
    dismissed = Signal(str)
    expired = Signal(str)
    failed = Signal(str, str)

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[Note] = []
        self.withdrawn: list[str] = []

    def show(self, note: Note) -> str:
        self.shown.append(note)
        return f"note-{len(self.shown)}"

    def withdraw(self, handle: str) -> None:
        self.withdrawn.append(handle)

    def close(self) -> None:
        pass


@pytest.mark.parametrize(
    ("platform", "environ", "system", "expected"),
    [
        ("xcb", {"XDG_SESSION_TYPE": "x11"}, "linux", False),
        ("wayland", {"XDG_SESSION_TYPE": "wayland"}, "linux", True),
        ("wayland", {}, "linux", True),
        ("xcb", {"XDG_SESSION_TYPE": "wayland"}, "linux", True),  # XWayland is no safer
        ("windows", {}, "win32", False),
        ("cocoa", {}, "darwin", False),
        ("offscreen", {}, "linux", False),
    ],
)
def test_which_invitation(
    platform: str, environ: dict[str, str], system: str, expected: bool
) -> None:
    assert uses_notification(platform, environ, system) is expected


def open_invitation(
    notifications: FakeNotifications, reports: list[str], timeout: float = 60
) -> NotificationInvitation:
    chooser = Invitations(
        reports.append,
        notification=True,
        notifications=lambda: notifications,  # type: ignore[arg-type,return-value]
    )
    invitation = chooser.open(
        CUE, timedelta(seconds=timeout), tray_geometry=None, reduced_motion=False
    )
    assert isinstance(invitation, NotificationInvitation)
    return invitation


def test_the_notification_says_what_the_card_says(qapp: QApplication) -> None:
    notifications = FakeNotifications()
    open_invitation(notifications, []).show()
    (note,) = notifications.shown
    assert note.title == "A bell for you · 3 min"
    assert note.body == "Would you like a short pause?"
    assert note.actions == (("take", "Take a pause"), ("pass", "Let it pass"))
    assert note.timeout == timedelta(seconds=60)
    assert note.icon.endswith("presence.svg")


@pytest.mark.parametrize(
    ("act", "expected"),
    [
        (lambda n: n.action_invoked.emit("note-1", "take"), ("accepted", None)),
        (lambda n: n.action_invoked.emit("note-1", "pass"), ("passed", False)),
        (lambda n: n.dismissed.emit("note-1"), ("passed", False)),
        (lambda n: n.expired.emit("note-1"), ("passed", True)),
    ],
    ids=["take", "let it pass", "dismissed", "expired on the server"],
)
def test_each_answer_is_told_once(qtbot: QtBot, act: object, expected: tuple[str, object]) -> None:
    notifications = FakeNotifications()
    invitation = open_invitation(notifications, [])
    answers: list[tuple[str, object]] = []
    invitation.accepted.connect(lambda: answers.append(("accepted", None)))
    invitation.passed.connect(lambda timed_out: answers.append(("passed", timed_out)))
    invitation.show()
    notifications.action_invoked.emit("note-9", "take")  # another note: not ours
    act(notifications)  # type: ignore[operator]
    act(notifications)  # type: ignore[operator]
    notifications.expired.emit("note-1")
    assert answers == [expected]


def test_it_passes_by_itself_after_the_timeout_and_is_taken_away(qtbot: QtBot) -> None:
    notifications = FakeNotifications()
    invitation = open_invitation(notifications, [], timeout=0.05)
    invitation.show()
    with qtbot.waitSignal(invitation.passed, timeout=2000) as blocker:
        pass
    assert blocker.args == [True]
    assert notifications.withdrawn == ["note-1"]


def test_closing_takes_the_note_away_without_an_answer(qtbot: QtBot) -> None:
    notifications = FakeNotifications()
    invitation = open_invitation(notifications, [])
    answers: list[object] = []
    invitation.accepted.connect(lambda: answers.append("accepted"))
    invitation.passed.connect(answers.append)
    invitation.show()
    invitation.close()
    notifications.action_invoked.emit("note-1", "take")
    assert notifications.withdrawn == ["note-1"]
    assert answers == []


def test_where_no_note_can_be_shown_the_bell_waits_unseen(qtbot: QtBot) -> None:
    notifications = FakeNotifications()
    reports: list[str] = []
    invitation = open_invitation(notifications, reports, timeout=0.2)
    invitation.show()
    notifications.failed.emit("note-1", "org.freedesktop.DBus.Error.ServiceUnknown")
    assert reports == [NO_NOTIFICATIONS_MESSAGE]
    assert NO_NOTIFICATIONS_MESSAGE == (
        "This desktop could not show the bell's invitation, so a bell only rings. "
        "To take the pause, choose “Pause now” in Presence's menu or press your "
        "shortcut; if you do nothing, the bell passes."
    )
    with qtbot.waitSignal(invitation.passed, timeout=2000) as blocker:
        pass
    assert blocker.args == [True]
    assert notifications.withdrawn == []


def test_on_x11_the_card_is_the_invitation(qtbot: QtBot, qapp: QApplication) -> None:
    chooser = Invitations(lambda _: None, notification=False)
    card = chooser.open(CUE, timedelta(seconds=60), tray_geometry=None, reduced_motion=True)
    assert isinstance(card, InvitationCard)
    qtbot.addWidget(card)
