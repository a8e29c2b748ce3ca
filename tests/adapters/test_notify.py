"""Desktop notifications with buttons, against a fake server on a private bus."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from jeepney import DBusAddress, new_method_call  # type: ignore[import-untyped]
from jeepney.io.blocking import open_dbus_connection  # type: ignore[import-untyped]
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from presence_app import APP_ID
from presence_app.adapters.notify import Note, Notifications, is_sandboxed
from tests.adapters.dbus_support import service

FAKE = Path(__file__).with_name("fake_notify_server.py")
NOTE = Note(
    title="A bell for you · 3 min",
    body="Would you like a short pause?",
    actions=(("take", "Take a pause"), ("pass", "Let it pass")),
    timeout=timedelta(seconds=60),
    icon="/icons/presence.svg",
)


def control_address(portal: bool) -> DBusAddress:
    name = "org.freedesktop.portal.Desktop" if portal else "org.freedesktop.Notifications"
    path = "/org/freedesktop/portal/desktop" if portal else "/org/freedesktop/Notifications"
    return DBusAddress(path, name, "org.presence.FakeNotify")


class Server:
    """Drives the fake server as a user would."""

    def __init__(self, bus: str, portal: bool) -> None:
        self._conn = open_dbus_connection(bus)
        self._address = control_address(portal)

    def call(self, member: str, signature: str | None = None, *body: Any) -> Any:
        message = new_method_call(self._address, member, signature, body)
        return self._conn.send_and_get_reply(message, timeout=5).body

    def shown(self) -> dict[str, Any]:
        return dict(json.loads(self.call("Shown")[0]))

    def close(self) -> None:
        self._conn.close()


@pytest.fixture(params=[False, True], ids=["freedesktop", "portal"])
def portal(request: pytest.FixtureRequest) -> bool:
    return bool(request.param)


@pytest.fixture
def server(bus: str, portal: bool) -> Iterator[Server]:
    with service(FAKE, bus, *(["--portal"] if portal else [])):
        driver = Server(bus, portal)
        yield driver
        driver.close()


@pytest.fixture
def notes(bus: str, portal: bool, qapp: QApplication) -> Iterator[Notifications]:
    made = Notifications(APP_ID, bus=bus, sandboxed=portal)
    yield made
    made.close()


def shown_one(qtbot: QtBot, server: Server) -> tuple[str, dict[str, Any]]:
    qtbot.waitUntil(lambda: len(server.shown()) == 1, timeout=5000)
    ((key, note),) = server.shown().items()
    return key, note


def test_a_note_carries_its_words_buttons_and_timeout(
    qtbot: QtBot, server: Server, notes: Notifications, portal: bool
) -> None:
    notes.show(NOTE)
    _, note = shown_one(qtbot, server)
    if portal:
        assert note == {
            "title": "A bell for you · 3 min",
            "body": "Would you like a short pause?",
            "priority": "normal",
            "default-action": "take",
            "buttons": [
                {"label": "Take a pause", "action": "take"},
                {"label": "Let it pass", "action": "pass"},
            ],
        }
    else:
        assert note == {
            "app": "Presence",
            "icon": "/icons/presence.svg",
            "title": "A bell for you · 3 min",
            "body": "Would you like a short pause?",
            "actions": ["default", "Take a pause", "take", "Take a pause", "pass", "Let it pass"],
            "hints": {"desktop-entry": APP_ID, "suppress-sound": True, "urgency": 1},
            "timeout": 60000,
        }


@pytest.mark.parametrize("key", ["take", "pass", "default"])
def test_a_chosen_button_is_reported_once(
    qtbot: QtBot, server: Server, notes: Notifications, portal: bool, key: str
) -> None:
    seen: list[tuple[str, str]] = []
    notes.action_invoked.connect(lambda handle, chosen: seen.append((handle, chosen)))
    notes.dismissed.connect(lambda handle: seen.append((handle, "dismissed")))
    handle = notes.show(NOTE)
    server_key, _ = shown_one(qtbot, server)
    if portal and key == "default":
        key = "take"  # the portal sends the default action's own name
    server.call("Invoke", "ss", server_key, key)
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    # The server closes the note after the action; a second note, once shown,
    # proves that closing was read too (the bus keeps the order).
    second = notes.show(NOTE)
    qtbot.waitUntil(lambda: second in notes._ids.values() or portal, timeout=5000)
    assert seen == [(handle, "take" if key == "default" else key)]


@pytest.mark.parametrize("portal", [False])  # the portal never tells of closing
def test_dismissed_and_expired_are_told_apart(
    qtbot: QtBot, server: Server, notes: Notifications
) -> None:
    dismissed: list[str] = []
    expired: list[str] = []
    notes.dismissed.connect(dismissed.append)
    notes.expired.connect(expired.append)
    first = notes.show(NOTE)
    key, _ = shown_one(qtbot, server)
    server.call("Dismiss", "s", key)
    qtbot.waitUntil(lambda: dismissed == [first], timeout=5000)
    second = notes.show(NOTE)
    key, _ = shown_one(qtbot, server)
    server.call("Expire", "s", key)
    qtbot.waitUntil(lambda: expired == [second], timeout=5000)


def test_withdrawing_takes_the_note_away_even_before_the_reply(
    qtbot: QtBot, server: Server, notes: Notifications
) -> None:
    handle = notes.show(NOTE)
    notes.withdraw(handle)  # at once: the server's id is not known yet
    qtbot.waitUntil(lambda: not server.shown(), timeout=5000)
    again = notes.show(NOTE)
    shown_one(qtbot, server)
    notes.withdraw(again)
    qtbot.waitUntil(lambda: not server.shown(), timeout=5000)


def test_a_refused_note_is_reported(bus: str, qtbot: QtBot, qapp: QApplication) -> None:
    with service(FAKE, bus, "--refuse"):
        notes = Notifications(APP_ID, bus=bus, sandboxed=False)
        with qtbot.waitSignal(notes.failed, timeout=5000) as blocker:
            handle = notes.show(NOTE)
        assert blocker.args == [handle, "org.freedesktop.DBus.Error.Failed"]
        notes.close()


def test_no_server_at_all_is_reported(bus: str, qtbot: QtBot, qapp: QApplication) -> None:
    notes = Notifications(APP_ID, bus=bus, sandboxed=False)
    with qtbot.waitSignal(notes.failed, timeout=5000) as blocker:
        notes.show(NOTE)
    assert blocker.args[1] == "org.freedesktop.DBus.Error.ServiceUnknown"
    notes.close()


def test_no_session_bus_is_reported_at_once(qtbot: QtBot, qapp: QApplication) -> None:
    notes = Notifications(APP_ID, bus="unix:path=/nonexistent/bus", sandboxed=False)
    with qtbot.waitSignal(notes.failed, timeout=1000) as blocker:
        notes.show(NOTE)
    assert blocker.args[1].startswith("no session bus")


def test_the_bus_is_opened_at_the_first_note_not_before(bus: str, qapp: QApplication) -> None:
    notes = Notifications(APP_ID, bus=bus, sandboxed=False)
    assert notes._link is None
    notes.close()


def test_flatpak_is_recognised_by_its_info_file(tmp_path: Path) -> None:
    assert not is_sandboxed(tmp_path / "missing")
    (tmp_path / ".flatpak-info").write_text("[Application]\n")
    assert is_sandboxed(tmp_path / ".flatpak-info")
