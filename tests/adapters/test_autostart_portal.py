"""Start at login inside Flatpak: the Background portal, faked on a private bus.

The requests are real D-Bus calls read by the Qt loop, answered by a fake
portal program (``fake_background_portal.py``) that the test steers: the
user allows, refuses, or closes the desktop's dialog. The whole app is run
once as if inside Flatpak, to show it asks the portal and writes no file.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from jeepney import DBusAddress, new_method_call  # type: ignore[import-untyped]
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from presence_app import APP_ID
from presence_app.adapters.autostart.portal import (
    CANCELLED,
    DENIED,
    NO_PORTAL,
    REASON,
    STATE_FILE,
    PortalLogin,
    failure,
)
from presence_app.adapters.autostart.switch import FileLogin, create_login_switch
from presence_app.core.clock import FakeClock
from presence_app.core.paths import Paths
from presence_app.ipc import InstanceLock
from presence_app.wiring import compose
from tests.adapters.dbus_support import controlled_service

FAKE = Path(__file__).with_name("fake_background_portal.py")
CONTROL = DBusAddress(
    "/org/freedesktop/portal/desktop", "org.freedesktop.portal.Desktop", "org.presence.FakePortal"
)
COMMAND = ["presence-app"]


@pytest.fixture
def control(bus: str) -> Iterator[Any]:
    with controlled_service(FAKE, bus) as connection:
        yield connection


def calls(control: Any) -> list[Any]:
    reply = control.send_and_get_reply(new_method_call(CONTROL, "Calls"), timeout=5)
    return list(json.loads(reply.body[0]))


def answer_with(control: Any, code: int, allow: bool) -> None:
    control.send_and_get_reply(new_method_call(CONTROL, "AnswerWith", "ub", (code, allow)))


@pytest.fixture
def portal(bus: str, tmp_path: Path) -> Iterator[tuple[PortalLogin, list[str]]]:
    reports: list[str] = []
    login = PortalLogin(tmp_path / "state" / STATE_FILE, reports.append, COMMAND, bus=bus)
    yield login, reports
    login.close()


def request(enabled: bool, token: str) -> list[Any]:
    options = {
        "reason": REASON,
        "autostart": enabled,
        "commandline": COMMAND,
        "dbus-activatable": False,
        "handle_token": token,
    }
    return ["RequestBackground", "", options]


def test_turning_on_asks_the_portal_to_start_presence_at_login(
    portal: tuple[PortalLogin, list[str]], control: Any, tmp_path: Path, qtbot: QtBot
) -> None:
    login, reports = portal
    login.apply(True)
    qtbot.waitUntil(lambda: (tmp_path / "state" / STATE_FILE).exists(), timeout=10_000)
    (call,) = calls(control)
    assert call == request(True, call[2]["handle_token"])
    assert call[2]["handle_token"].startswith("presence_")
    assert reports == []
    state = json.loads((tmp_path / "state" / STATE_FILE).read_text())
    assert state == {"autostart": True, "commandline": COMMAND, "granted": True}


def test_turning_off_asks_the_portal_to_stop(
    portal: tuple[PortalLogin, list[str]], control: Any, tmp_path: Path, qtbot: QtBot
) -> None:
    login, reports = portal
    login.apply(False)
    qtbot.waitUntil(lambda: len(calls(control)) == 1, timeout=10_000)
    assert calls(control)[0][2]["autostart"] is False
    qtbot.waitUntil(lambda: (tmp_path / "state" / STATE_FILE).exists(), timeout=10_000)
    assert reports == []


def test_start_up_asks_nothing_when_the_portal_already_has_it(
    portal: tuple[PortalLogin, list[str]], control: Any, tmp_path: Path, qtbot: QtBot
) -> None:
    login, reports = portal
    login.apply(True)
    qtbot.waitUntil(lambda: (tmp_path / "state" / STATE_FILE).exists(), timeout=10_000)
    login.apply(True, only_if_different=True)
    login.apply(False, only_if_different=True)  # differs: asked
    qtbot.waitUntil(lambda: len(calls(control)) == 2, timeout=10_000)
    assert [call[2]["autostart"] for call in calls(control)] == [True, False]


def test_a_refusal_is_told_once_and_not_asked_again_at_start_up(
    portal: tuple[PortalLogin, list[str]], control: Any, tmp_path: Path, qtbot: QtBot
) -> None:
    login, reports = portal
    answer_with(control, 0, False)
    login.apply(True)
    qtbot.waitUntil(lambda: reports == [DENIED], timeout=10_000)
    assert reports == [
        "Your desktop did not allow Presence to start when you log in. You can allow it "
        "in your desktop's settings for background apps, then turn it on again in Settings."
    ]
    login.apply(True, only_if_different=True)
    assert len(calls(control)) == 1


def test_a_closed_dialog_is_told_and_asked_again_next_time(
    portal: tuple[PortalLogin, list[str]], control: Any, tmp_path: Path, qtbot: QtBot
) -> None:
    login, reports = portal
    answer_with(control, 1, True)
    login.apply(True)
    qtbot.waitUntil(lambda: reports == [CANCELLED], timeout=10_000)
    assert not (tmp_path / "state" / STATE_FILE).exists()
    answer_with(control, 0, True)
    login.apply(True, only_if_different=True)
    qtbot.waitUntil(lambda: (tmp_path / "state" / STATE_FILE).exists(), timeout=10_000)
    assert len(calls(control)) == 2


def test_no_portal_on_the_bus_is_told_calmly(
    portal: tuple[PortalLogin, list[str]], qtbot: QtBot
) -> None:
    login, reports = portal
    login.apply(True)
    qtbot.waitUntil(lambda: reports != [], timeout=10_000)
    assert reports == [failure(True, NO_PORTAL)]
    assert reports == [
        "Presence could not set itself to start when you log in "
        "(this desktop offers no background portal). "
        "It keeps running now, and you can try again in Settings."
    ]


def test_no_session_bus_at_all_is_told_calmly(tmp_path: Path) -> None:
    reports: list[str] = []
    login = PortalLogin(tmp_path / STATE_FILE, reports.append, COMMAND, bus="unix:path=/nowhere")
    login.apply(False)
    assert reports == [
        "Presence could not stop starting when you log in "
        "(this desktop offers no background portal). "
        "Your desktop's settings for background apps can turn it off."
    ]


@pytest.mark.parametrize(
    ("environ", "kind"),
    [({"FLATPAK_ID": APP_ID}, PortalLogin), ({}, FileLogin)],
    ids=["flatpak", "elsewhere"],
)
def test_the_portal_is_chosen_inside_flatpak_only(
    environ: dict[str, str], kind: type, tmp_path: Path, qapp: QApplication
) -> None:
    switch = create_login_switch(tmp_path, lambda message: None, environ=environ)
    assert isinstance(switch, kind)
    switch.close()


def test_the_app_inside_flatpak_starts_at_login_through_the_portal(
    bus: str,
    control: Any,
    private_dirs: Path,
    monkeypatch: pytest.MonkeyPatch,
    qapp: QApplication,
    qtbot: QtBot,
) -> None:
    monkeypatch.setenv("FLATPAK_ID", APP_ID)
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", bus)
    monkeypatch.delenv("XDG_SESSION_TYPE", raising=False)
    paths = Paths.from_platform()
    paths.settings_file.parent.mkdir(parents=True, exist_ok=True)
    paths.settings_file.write_text(
        'start_at_login = true\nschema_version = 1\nshortcut = ""\n\n[sound]\nenabled = false\n',
        encoding="utf-8",
    )
    lock = InstanceLock(paths)
    assert lock.try_acquire()
    app = compose(qapp, paths, FakeClock(datetime(2026, 3, 2, 9, 0, tzinfo=UTC)), lock)
    try:
        app.start()
        qtbot.waitUntil(lambda: len(calls(control)) == 1, timeout=10_000)
        assert calls(control)[0][2]["autostart"] is True
        assert calls(control)[0][2]["commandline"] == ["presence-app"]
        qtbot.waitUntil(lambda: (paths.state_dir / STATE_FILE).exists(), timeout=10_000)
        assert not (private_dirs / "config" / "autostart").exists()
        assert app.notices.messages == []
    finally:
        app.shutdown()
        lock.release()
