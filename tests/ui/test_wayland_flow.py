"""The app wired together as on Wayland: notification invitation, tray, notices, windows.

Offscreen, on a fake clock; the Wayland-only choices are made by hand here
(the real compositors are tested in tests/wayland).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from PySide6.QtCore import QPropertyAnimation
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QGraphicsOpacityEffect, QSystemTrayIcon, QWidget
from pytestqt.qtbot import QtBot

from presence_app.adapters.shortcut import ShortcutStatus
from presence_app.core.clock import FakeClock
from presence_app.core.cue import Source
from presence_app.core.lifecycle_ports import State
from presence_app.core.paths import Paths
from presence_app.ipc import InstanceLock
from presence_app.ui import compositor
from presence_app.ui.invitation import Invitations, NotificationInvitation
from presence_app.ui.pause_window import PauseWindow
from presence_app.ui.reflection import ReflectionWindow
from presence_app.ui.status_window import StatusWindow
from presence_app.ui.tray import Tray
from presence_app.wiring import App
from tests.ui.test_app_flow import SETTINGS, START, build, fire_timer_at
from tests.ui.test_invitation import FakeNotifications


@pytest.fixture
def presence(
    qtbot: QtBot, qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[App, FakeClock]]:
    monkeypatch.setenv("TZ", "UTC")
    monkeypatch.delenv("XDG_SESSION_TYPE", raising=False)
    lock, clock = InstanceLock(Paths.from_platform()), FakeClock(START)
    app = build(qapp, SETTINGS, clock, lock)
    yield app, clock
    app.shutdown()
    lock.release()


def test_a_bell_invites_with_a_notification_and_opens_no_window(
    presence: tuple[App, FakeClock],
) -> None:
    app, clock = presence
    notifications = FakeNotifications()
    app.view._invitations = Invitations(
        app.notices.say,
        notification=True,
        notifications=lambda: notifications,  # type: ignore[arg-type,return-value]
    )
    fire_timer_at(app, clock, START + timedelta(minutes=45))
    assert app.lifecycle.state is State.INVITED
    assert [type(w) for w in app.view.windows] == [NotificationInvitation]
    assert not [w for w in QApplication.topLevelWidgets() if w.isVisible() and w.isWindow()
                and not isinstance(w, StatusWindow)]  # fmt: skip
    notifications.action_invoked.emit("note-1", "take")
    assert app.lifecycle.state is State.PAUSING
    assert [type(w) for w in app.view.windows] == [PauseWindow]


def test_pause_now_during_an_unseen_bell_takes_it(presence: tuple[App, FakeClock]) -> None:
    app, clock = presence
    notifications = FakeNotifications()
    app.view._invitations = Invitations(
        app.notices.say,
        notification=True,
        notifications=lambda: notifications,  # type: ignore[arg-type,return-value]
    )
    fire_timer_at(app, clock, START + timedelta(minutes=45))
    notifications.failed.emit("note-1", "org.freedesktop.DBus.Error.ServiceUnknown")
    assert app.status()["notices"][-1].startswith("This desktop could not show the bell's")
    assert app.lifecycle.pause_now(Source.TRAY)
    assert app.lifecycle.state is State.PAUSING
    assert notifications.withdrawn == []  # nothing was shown, nothing to take away


def test_on_wayland_a_click_on_the_icon_asks_for_the_status_window(qtbot: QtBot) -> None:
    tray = Tray(menu_pops_up=False)
    for reason in (
        QSystemTrayIcon.ActivationReason.Trigger,
        QSystemTrayIcon.ActivationReason.Context,
        QSystemTrayIcon.ActivationReason.MiddleClick,
    ):
        with qtbot.waitSignal(tray.window_requested, timeout=1000):
            tray.icon.activated.emit(reason)
    assert not tray.menu.isVisible()
    tray.menu.deleteLater()


def test_the_status_window_opened_from_the_tray_has_every_action_and_no_hint(
    presence: tuple[App, FakeClock], qtbot: QtBot
) -> None:
    app, _ = presence
    surface = app.surface
    surface.window = None  # as with a tray: no window until asked
    surface.open_window()
    window = surface.window
    assert isinstance(window, StatusWindow)
    assert window.isVisible() and not window.hint_label.isVisible()
    assert window.state_label.text().startswith("Next bell at 09:45")
    with qtbot.waitSignal(window.pause_requested):
        window.pause_button.click()
    assert app.lifecycle.state is State.PAUSING


def test_a_superseded_shortcut_notice_is_withdrawn(presence: tuple[App, FakeClock]) -> None:
    app, _ = presence
    asking = "Asking the desktop for Ctrl+Alt+P. It may show a window where you can confirm it."
    refused = "This desktop does not let apps set global shortcuts."
    app.shortcut.status_changed.emit(ShortcutStatus(works=False, message=asking))
    assert app.status()["notices"][-1] == asking
    app.shortcut.status_changed.emit(ShortcutStatus(works=False, message=refused))
    assert asking not in app.status()["notices"]
    assert app.status()["notices"][-1] == refused
    assert app.surface.window is not None
    assert app.surface.window.notice_label.text() == refused
    app.shortcut.status_changed.emit(
        ShortcutStatus(works=True, message="Your desktop starts a pause.")
    )
    assert refused not in app.status()["notices"]


@pytest.mark.parametrize(
    ("environ", "tiles"),
    [
        ({"XDG_CURRENT_DESKTOP": "sway"}, True),
        ({"XDG_CURRENT_DESKTOP": "Hyprland"}, True),
        ({"SWAYSOCK": "/run/user/1000/sway-ipc.sock"}, True),
        ({"XDG_CURRENT_DESKTOP": "GNOME"}, False),
        ({"XDG_CURRENT_DESKTOP": "KDE"}, False),
        ({}, False),
    ],
)
def test_tiling_compositors_are_recognised(environ: dict[str, str], tiles: bool) -> None:
    assert compositor.tiles_windows(environ) is tiles


def test_on_a_tiling_compositor_a_window_keeps_its_size(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    window.resize(480, 300)
    compositor.keep_own_size(window, {"XDG_CURRENT_DESKTOP": "GNOME"})
    assert window.minimumSize() != window.maximumSize()
    compositor.keep_own_size(window, {"XDG_CURRENT_DESKTOP": "sway"})
    assert (window.minimumSize().width(), window.minimumSize().height()) == (480, 300)
    assert window.maximumSize() == window.minimumSize()


def test_without_window_opacity_the_content_fades(qtbot: QtBot) -> None:
    assert QGuiApplication.platformName() == "offscreen"  # no window opacity here
    window = QWidget()
    qtbot.addWidget(window)
    compositor.prepare_fade(window)
    window.show()
    fade = compositor.fade_in(window, 50, window)
    effect = window.graphicsEffect()
    assert isinstance(effect, QGraphicsOpacityEffect)
    assert fade.targetObject() is effect
    assert window.windowOpacity() == 1.0
    qtbot.waitUntil(lambda: fade.state() == QPropertyAnimation.State.Stopped, timeout=2000)
    assert window.graphicsEffect() is None  # dropped when done: no cost afterwards


@pytest.mark.parametrize("width", [360, 427, 480])
def test_the_reflection_never_clips_its_words_when_narrow(
    qtbot: QtBot, themed: QApplication, width: int
) -> None:
    window = ReflectionWindow(
        "What did you notice just now?", ("calm", "tired", "grateful", "restless", "clear")
    )
    qtbot.addWidget(window)
    window.show()
    window.setMinimumWidth(0)
    window.resize(width, 420)
    qtbot.waitUntil(lambda: window.width() == width)
    hint = window.hint_label
    assert hint.height() >= hint.heightForWidth(hint.width())
    assert hint.width() >= hint.minimumSizeHint().width()
    for button in (window.leave_button, window.save_button, window.prompt_label):
        assert button.geometry().right() <= window.width()
