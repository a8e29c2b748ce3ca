"""The portal backend against a fake portal on a private D-Bus daemon."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jeepney import DBusAddress, new_method_call  # type: ignore[import-untyped]
from jeepney.io.blocking import open_dbus_connection  # type: ignore[import-untyped]
from pytestqt.qtbot import QtBot

from presence_app import APP_ID
from presence_app.adapters.shortcut import OFF, ShortcutStatus
from presence_app.adapters.shortcut.portal import PortalShortcut
from presence_app.core.chord import parse_chord
from tests.adapters.dbus_support import read_line, stop

FAKE_PORTAL = Path(__file__).with_name("fake_portal.py")
CONTROL = DBusAddress(
    "/org/freedesktop/portal/desktop", "org.freedesktop.portal.Desktop", "org.presence.FakePortal"
)
UNAVAILABLE = (
    "This desktop does not let apps set global shortcuts. To start a pause with a key, "
    "bind the command “presence-app pause” in your desktop's keyboard settings."
)
WAITING = "Asking the desktop for Ctrl+Alt+P. It may show a window where you can confirm it."


def start_fake(bus: str, *flags: str) -> subprocess.Popen[bytes]:
    fake = subprocess.Popen(
        [sys.executable, str(FAKE_PORTAL), bus, *flags],
        stdout=subprocess.PIPE,
        start_new_session=True,
    )
    assert read_line(fake.stdout, "the fake portal") == "READY"
    return fake


@pytest.fixture
def fake_portal(bus: str) -> Iterator[Any]:
    """The fake portal, and a connection the test uses to drive it."""
    fake = start_fake(bus)
    control = open_dbus_connection(bus)
    try:
        yield control
    finally:
        control.close()
        stop(fake)


def fake(control: Any, member: str, signature: str | None = None, *body: Any) -> Any:
    reply = control.send_and_get_reply(
        new_method_call(CONTROL, member, signature, body), timeout=5
    )
    return reply.body


def calls(control: Any) -> list[Any]:
    return list(json.loads(fake(control, "Calls")[0]))


@pytest.fixture
def make_backend(bus: str, tmp_path: Path, qtbot: QtBot) -> Iterator[Any]:
    made: list[PortalShortcut] = []

    def make() -> PortalShortcut:
        made.append(PortalShortcut(app_id=APP_ID, state_dir=tmp_path / "state", bus=bus))
        return made[-1]

    yield make
    for backend in made:
        backend.close()


def wait_works(qtbot: QtBot, backend: PortalShortcut) -> None:
    qtbot.waitUntil(lambda: backend.status.works, timeout=5000)


def test_setting_the_same_chord_again_changes_nothing(
    make_backend: Any, fake_portal: Any, qtbot: QtBot
) -> None:
    backend = make_backend()
    backend.set_chord(parse_chord("Ctrl+Alt+P"))
    wait_works(qtbot, backend)
    before = calls(fake_portal)
    assert backend.set_chord(parse_chord("ctrl+alt+p")).works
    assert calls(fake_portal) == before


def test_binds_the_chord_then_a_press_starts_a_pause(
    make_backend: Any, fake_portal: Any, qtbot: QtBot, tmp_path: Path
) -> None:
    backend = make_backend()
    assert backend.set_chord(parse_chord("Ctrl+Alt+P")) == ShortcutStatus(
        works=False, message=WAITING
    )
    wait_works(qtbot, backend)
    assert backend.status == ShortcutStatus(
        works=True, message="Your desktop starts a pause when you press CTRL+ALT+p."
    )
    register, create, bind = calls(fake_portal)
    assert register == ["Register", APP_ID, {}]
    assert create[0] == "CreateSession"
    assert sorted(create[1]) == ["handle_token", "session_handle_token"]
    session = bind[1]
    assert session.endswith("/" + create[1]["session_handle_token"])
    assert bind[0:4] == [
        "BindShortcuts",
        session,
        [["pause", {"description": "Start a pause", "preferred_trigger": "CTRL+ALT+p"}]],
        "",
    ]
    presses: list[None] = []
    backend.activated.connect(lambda: presses.append(None))
    fake(fake_portal, "Press", "s", "something-else")
    with qtbot.waitSignal(backend.activated, timeout=5000):
        fake(fake_portal, "Press", "s", "pause")
    assert len(presses) == 1
    saved = json.loads((tmp_path / "state" / "shortcut-portal.json").read_text())
    assert saved == {"app_id": APP_ID, "chord": "Ctrl+Alt+P"}


def test_the_next_start_lists_instead_of_asking_again(
    make_backend: Any, fake_portal: Any, qtbot: QtBot
) -> None:
    first = make_backend()
    first.set_chord(parse_chord("Ctrl+Alt+P"))
    wait_works(qtbot, first)
    first.close()
    second = make_backend()
    second.set_chord(parse_chord("Ctrl+Alt+P"))
    wait_works(qtbot, second)
    members = [call[0] for call in calls(fake_portal)]
    assert members == [
        "Register",
        "CreateSession",
        "BindShortcuts",
        "Close",
        "Register",
        "CreateSession",
        "ListShortcuts",
    ]
    with qtbot.waitSignal(second.activated, timeout=5000):
        fake(fake_portal, "Press", "s", "pause")


def test_a_new_chord_binds_in_a_new_session(
    make_backend: Any, fake_portal: Any, qtbot: QtBot
) -> None:
    backend = make_backend()
    backend.set_chord(parse_chord("Ctrl+Alt+P"))
    wait_works(qtbot, backend)
    backend.set_chord(parse_chord("Super+Shift+Space"))
    qtbot.waitUntil(lambda: "SHIFT" in (backend.status.message or ""), timeout=5000)
    assert backend.status == ShortcutStatus(
        works=True, message="Your desktop starts a pause when you press SHIFT+LOGO+space."
    )
    members = [call[0] for call in calls(fake_portal)]
    assert members[3:] == ["Close", "CreateSession", "BindShortcuts"]
    old_session = calls(fake_portal)[2][1]
    assert calls(fake_portal)[3][1] == old_session


def test_a_trigger_changed_in_the_desktop_shows_in_the_status(
    make_backend: Any, fake_portal: Any, qtbot: QtBot
) -> None:
    backend = make_backend()
    backend.set_chord(parse_chord("Ctrl+Alt+P"))
    wait_works(qtbot, backend)
    with qtbot.waitSignal(backend.status_changed, timeout=5000) as changed:
        fake(fake_portal, "ChangeTrigger", "s", "Super+B")
    assert changed.args == [
        ShortcutStatus(works=True, message="Your desktop starts a pause when you press Super+B.")
    ]


def test_turning_it_off_closes_the_session(
    make_backend: Any, fake_portal: Any, qtbot: QtBot
) -> None:
    backend = make_backend()
    backend.set_chord(parse_chord("Ctrl+Alt+P"))
    wait_works(qtbot, backend)
    assert backend.set_chord(None) == OFF
    qtbot.waitUntil(lambda: calls(fake_portal)[-1][0] == "Close", timeout=5000)


def test_a_cancelled_dialog_is_reported(make_backend: Any, fake_portal: Any, qtbot: QtBot) -> None:
    fake(fake_portal, "AnswerBindWith", "u", 1)
    backend = make_backend()
    backend.set_chord(parse_chord("Ctrl+Alt+P"))
    qtbot.waitUntil(lambda: backend.status.message != WAITING, timeout=5000)
    assert backend.status == ShortcutStatus(
        works=False,
        message="The shortcut was not set, because the desktop's dialog was closed. "
        "Save the shortcut in Settings again to see the dialog once more.",
    )
    # Saving the same shortcut again asks the desktop once more.
    fake(fake_portal, "AnswerBindWith", "u", 0)
    assert backend.set_chord(parse_chord("Ctrl+Alt+P")).message == WAITING
    wait_works(qtbot, backend)
    assert [call[0] for call in calls(fake_portal)][-3:] == [
        "Close",
        "CreateSession",
        "BindShortcuts",
    ]


def test_a_portal_without_global_shortcuts_says_what_to_do(
    make_backend: Any, bus: str, qtbot: QtBot
) -> None:
    portal = start_fake(bus, "--without-shortcuts")
    try:
        backend = make_backend()
        backend.set_chord(parse_chord("Ctrl+Alt+P"))
        qtbot.waitUntil(lambda: backend.status.message == UNAVAILABLE, timeout=5000)
        assert not backend.status.works
    finally:
        stop(portal)


def test_no_portal_at_all_says_what_to_do(make_backend: Any, qtbot: QtBot) -> None:
    backend = make_backend()
    backend.set_chord(parse_chord("Ctrl+Alt+P"))
    qtbot.waitUntil(lambda: backend.status.message == UNAVAILABLE, timeout=5000)
    assert not backend.status.works


def test_no_session_bus_says_what_to_do(tmp_path: Path, qtbot: QtBot) -> None:
    backend = PortalShortcut(
        app_id=APP_ID, state_dir=tmp_path, bus=f"unix:path={tmp_path}/no-bus-here"
    )
    assert backend.set_chord(parse_chord("Ctrl+Alt+P")) == ShortcutStatus(
        works=False, message=UNAVAILABLE
    )
    assert backend.set_chord(None) == OFF
    backend.close()


def test_a_lost_bus_is_reported(
    make_backend: Any,
    fake_portal: Any,
    bus_daemon: tuple[str, subprocess.Popen[bytes]],
    qtbot: QtBot,
) -> None:
    backend = make_backend()
    backend.set_chord(parse_chord("Ctrl+Alt+P"))
    wait_works(qtbot, backend)
    stop(bus_daemon[1])
    qtbot.waitUntil(lambda: not backend.status.works, timeout=5000)
    lost = ShortcutStatus(
        works=False,
        message="The connection to the desktop was lost, so the shortcut no longer works. "
        "Restart Presence to bring it back.",
    )
    assert backend.status == lost
    assert backend.set_chord(parse_chord("Ctrl+Alt+O")) == lost
    assert backend.set_chord(None) == OFF


def test_the_environment_names_the_session_bus(
    bus: str, fake_portal: Any, tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", bus)
    backend = PortalShortcut(app_id=APP_ID, state_dir=tmp_path)
    try:
        backend.set_chord(parse_chord("Ctrl+Alt+P"))
        wait_works(qtbot, backend)
    finally:
        backend.close()
    assert os.environ["DBUS_SESSION_BUS_ADDRESS"] == bus
