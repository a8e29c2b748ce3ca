"""The shared D-Bus link, against fake services on private buses.

One ``BusLink`` carries questions, calls answered later, followed signals
and portal requests over one connection; these tests check each way, how
they mix, and what happens when the bus goes away and comes back.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jeepney import DBusAddress, MatchRule, new_method_call  # type: ignore[import-untyped]
from pytestqt.qtbot import QtBot

from presence_app.adapters.bus import Buses
from presence_app.adapters.bus import link as link_module
from presence_app.adapters.bus.link import BusLink
from presence_app.adapters.bus.portal import DISCONNECTED, PortalRequests
from tests.adapters.dbus_support import BUS_CONFIG, controlled_service, read_line, service, stop

HERE = Path(__file__).parent
SAVER = DBusAddress(
    "/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver", "org.freedesktop.ScreenSaver"
)
SAVER_CONTROL = SAVER.with_interface("org.presence.FakeScreenSaver")
ACTIVE_CHANGED = MatchRule(type="signal", interface=SAVER.interface, member="ActiveChanged")
SHORTCUTS = DBusAddress(
    "/org/freedesktop/portal/desktop",
    "org.freedesktop.portal.Desktop",
    "org.freedesktop.portal.GlobalShortcuts",
)
NOTIFICATIONS = DBusAddress(
    "/org/freedesktop/Notifications",
    "org.freedesktop.Notifications",
    "org.freedesktop.Notifications",
)


@pytest.fixture
def saver(bus: str) -> Iterator[Any]:
    with controlled_service(HERE / "fake_screensaver.py", bus) as connection:
        yield connection


@pytest.fixture
def link(bus: str, qtbot: QtBot) -> Iterator[BusLink]:
    made = BusLink(bus)
    yield made
    made.close()


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every connection the links open, by bus."""
    buses: list[str] = []
    real = link_module.open_dbus_connection

    def counting(bus: str) -> Any:
        buses.append(bus)
        return real(bus)

    monkeypatch.setattr(link_module, "open_dbus_connection", counting)
    return buses


def set_active(control: Any, active: bool) -> None:
    reply = control.send_and_get_reply(new_method_call(SAVER_CONTROL, "SetActive", "b", (active,)))
    assert reply.body == ()


def test_the_buses_make_nothing_and_import_no_dbus_until_asked() -> None:
    code = (
        "import sys; from presence_app.adapters.bus import Buses; Buses(); "
        "print('jeepney' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


def test_a_link_connects_at_its_first_use_and_only_once(
    bus: str, saver: Any, opened: list[str], qtbot: QtBot
) -> None:
    buses = Buses(session=bus, system=bus)
    link = buses.session
    assert buses.session is link and not link.is_open and opened == []
    heard: list[bool] = []
    link.watch(ACTIVE_CHANGED, lambda message: heard.append(message.body[0]))
    assert link.ask(new_method_call(SAVER, "GetActive"), 1.0).body == (False,)
    replies: list[tuple[Any, ...]] = []
    link.call(new_method_call(SAVER, "GetSessionIdleTime"), on_reply=replies.append)
    set_active(saver, True)
    qtbot.waitUntil(lambda: heard == [True, True] and replies == [(0,)])  # two paths
    assert opened == [bus]
    buses.close()
    assert not link.is_open


def test_an_error_reply_reaches_its_callback(link: BusLink, saver: Any, qtbot: QtBot) -> None:
    errors: list[str] = []
    replies: list[tuple[Any, ...]] = []
    link.call(new_method_call(SAVER, "Lock"), on_reply=replies.append, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert errors == ["org.freedesktop.DBus.Error.UnknownMethod"] and replies == []


def test_a_question_left_unanswered_keeps_the_connection(
    bus: str, link: BusLink, saver: Any
) -> None:
    with service(HERE / "fake_notifications.py", bus, "--silent"):
        name = link.unique_name
        question = new_method_call(NOTIFICATIONS, "GetServerInformation")
        with pytest.raises(TimeoutError):
            link.ask(question, 0.2)
        assert link.unique_name == name  # the same connection goes on
        assert link.ask(new_method_call(SAVER, "GetActive"), 1.0).body == (False,)


def test_a_signal_heard_during_a_question_comes_after_it(
    link: BusLink, saver: Any, qtbot: QtBot
) -> None:
    heard: list[bool] = []
    also: list[bool] = []

    def on_active(message: Any) -> None:
        heard.append(message.body[0])

    link.watch(ACTIVE_CHANGED, on_active)
    link.watch(ACTIVE_CHANGED, lambda message: also.append(message.body[0]))
    set_active(saver, True)  # sent before the question, read while it waits
    assert link.ask(new_method_call(SAVER, "GetActive"), 1.0).body == (True,)
    assert heard == []  # never inside the question
    qtbot.waitUntil(lambda: heard == [True, True])  # the fake tells on two paths
    link.unwatch(on_active)
    set_active(saver, False)
    qtbot.waitUntil(lambda: also == [True, True, False, False])  # the other watch still hears
    assert heard == [True, True]


def test_a_failing_handler_is_logged_and_the_next_signal_is_heard(
    link: BusLink, saver: Any, qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    heard: list[bool] = []

    def on_active(message: Any) -> None:
        heard.append(message.body[0])
        if len(heard) == 1:
            raise ValueError("a bug in a backend")

    link.watch(ACTIVE_CHANGED, on_active)
    with caplog.at_level(logging.ERROR, "presence_app.adapters.bus.link"):
        set_active(saver, True)
        qtbot.waitUntil(lambda: len(heard) == 2)
    assert caplog.messages == [f"a message from the {link.bus} bus could not be handled"]


def test_a_portal_request_hears_its_response_and_a_forgotten_one_is_dropped(
    bus: str, link: BusLink, qtbot: QtBot
) -> None:
    answers: list[tuple[int, dict[str, Any]]] = []
    requests = PortalRequests(link)
    with service(HERE / "fake_portal.py", bus):
        ask = {"on_response": lambda code, results: answers.append((code, results))}
        requests.request(
            SHORTCUTS, "CreateSession", "a{sv}", (), on_error=pytest.fail, **ask,
            options={"session_handle_token": ("s", "first")},
        )  # fmt: skip
        requests.forget()  # its Response comes all the same, and is dropped
        requests.request(
            SHORTCUTS, "CreateSession", "a{sv}", (), on_error=pytest.fail, **ask,
            options={"session_handle_token": ("s", "second")},
        )  # fmt: skip
        qtbot.waitUntil(lambda: bool(answers))  # the first Response came before it
    ((code, results),) = answers
    assert code == 0 and results["session_handle"][1].endswith("/second")


def test_a_portal_request_without_a_bus_is_told_as_an_error(qtbot: QtBot) -> None:
    requests = PortalRequests(BusLink("unix:path=/nonexistent/bus"))
    errors: list[str] = []
    requests.request(
        SHORTCUTS, "CreateSession", "a{sv}", (), on_response=pytest.fail, on_error=errors.append
    )
    assert errors == []  # later, as the bus's own errors come
    qtbot.waitUntil(lambda: errors == [DISCONNECTED])


def test_no_bus_raises_at_each_use_and_keeps_nothing_open(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    missing = BusLink("unix:path=/nonexistent/bus")
    with pytest.raises(OSError):
        missing.ask(new_method_call(SAVER, "GetActive"), 0.2)
    with pytest.raises(OSError):
        missing.call(new_method_call(SAVER, "GetActive"))
    assert not missing.is_open
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    with pytest.raises(OSError, match="DBUS_SESSION_BUS_ADDRESS is not set"):
        BusLink("SESSION").connection()


@pytest.fixture
def restartable_bus() -> Iterator[tuple[str, list[subprocess.Popen[bytes]]]]:
    """A bus daemon that the test can stop and start again at the same address."""
    if shutil.which("dbus-daemon") is None:
        pytest.skip("needs the dbus-daemon program (apt-get install dbus)")
    folder = Path(tempfile.mkdtemp(prefix="presence-bus-"))
    config = folder / "bus.conf"
    config.write_text(BUS_CONFIG.format(socket=folder / "bus"), encoding="utf-8")
    daemons: list[subprocess.Popen[bytes]] = []
    try:
        yield str(config), daemons
    finally:
        for daemon in daemons:
            stop(daemon)
        shutil.rmtree(folder, ignore_errors=True)


def start_daemon(config: str, daemons: list[subprocess.Popen[bytes]]) -> str:
    daemon = subprocess.Popen(
        ["dbus-daemon", f"--config-file={config}", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    daemons.append(daemon)
    return read_line(daemon.stdout, "dbus-daemon").split(",guid=")[0]


def test_a_lost_bus_is_told_and_the_next_connection_hears_every_watch_again(
    restartable_bus: tuple[str, list[subprocess.Popen[bytes]]], qtbot: QtBot
) -> None:
    config, daemons = restartable_bus
    address = start_daemon(config, daemons)
    link = BusLink(address)
    heard: list[bool] = []
    link.watch(ACTIVE_CHANGED, lambda message: heard.append(message.body[0]))
    first = link.unique_name
    with qtbot.waitSignal(link.lost, timeout=5000):
        stop(daemons[0])
    assert not link.is_open
    assert start_daemon(config, daemons) == address
    with controlled_service(HERE / "fake_screensaver.py", address) as saver:
        assert link.ask(new_method_call(SAVER, "GetActive"), 1.0).body == (False,)  # the next use
        assert link.unique_name != first
        set_active(saver, True)
        qtbot.waitUntil(lambda: heard == [True, True])
    link.close()


def test_the_backends_on_a_shared_link_connect_only_when_they_talk(
    bus: str, tmp_path: Path, qtbot: QtBot
) -> None:
    from presence_app import APP_ID
    from presence_app.adapters.attention.dnd_kde import NotificationsDnd
    from presence_app.adapters.attention.gnome import MutterSurroundings
    from presence_app.adapters.attention.screensaver import ScreenSaverSurroundings
    from presence_app.adapters.autostart.portal import PortalLogin
    from presence_app.adapters.notify import Notifications
    from presence_app.adapters.shortcut.portal import PortalShortcut

    link = Buses(session=bus).session
    shortcut = PortalShortcut(app_id=APP_ID, state_dir=tmp_path, bus=link)
    backends = [
        shortcut,
        PortalLogin(tmp_path / "login.json", pytest.fail, ["presence-app"], bus=link),
        Notifications(APP_ID, bus=link, sandboxed=False),
        NotificationsDnd(link),
        MutterSurroundings(link),
        ScreenSaverSurroundings(link),
    ]
    shortcut.set_chord(None)  # no shortcut: nothing to ask the desktop
    assert not link.is_open
    assert NotificationsDnd(link).is_on() is None  # no notification server on this bus
    assert link.is_open
    for backend in backends:
        backend.close()
    assert link.is_open  # a shared link stays open for the others
    link.close()
