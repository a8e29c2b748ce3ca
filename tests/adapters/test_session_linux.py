"""The lock and sleep, told by a fake logind and a fake screen saver on private buses.

Two private buses stand in for the system bus (logind) and the session bus
(the screen saver); the test changes their state while the watch listens,
and waits for the watch's Qt signals, as the running app would.
"""

from __future__ import annotations

import logging
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jeepney import DBusAddress, new_method_call  # type: ignore[import-untyped]
from pytestqt.qtbot import QtBot

from presence_app.adapters.attention.logind import LinuxSessionWatch
from presence_app.adapters.attention.screensaver import ScreenSaverSurroundings
from presence_app.adapters.bus.link import BusLink
from tests.adapters.dbus_support import controlled_service, private_bus, service, stop

HERE = Path(__file__).parent
LOGIND = HERE / "fake_logind.py"
SAVER = HERE / "fake_screensaver.py"
LOGIND_CONTROL = DBusAddress(
    "/org/freedesktop/login1", "org.freedesktop.login1", "org.presence.FakeLogind"
)
SAVER_CONTROL = DBusAddress(
    "/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver", "org.presence.FakeScreenSaver"
)
LOGGER = "presence_app.adapters.attention.logind"


@pytest.fixture
def system_bus() -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    with private_bus() as daemon:
        yield daemon


@pytest.fixture
def logind(system_bus: tuple[str, subprocess.Popen[bytes]]) -> Iterator[Any]:
    with controlled_service(LOGIND, system_bus[0]) as connection:
        yield connection


@pytest.fixture
def saver(bus: str) -> Iterator[Any]:
    with controlled_service(SAVER, bus) as connection:
        yield connection


@pytest.fixture
def links(
    qtbot: QtBot, system_bus: tuple[str, subprocess.Popen[bytes]], bus: str
) -> Iterator[tuple[BusLink, BusLink]]:
    system, session = BusLink(system_bus[0]), BusLink(bus)
    yield system, session
    system.close()
    session.close()


def make_watch(links: tuple[BusLink, BusLink], **environ: str) -> LinuxSessionWatch:
    watch = LinuxSessionWatch(*links, environ=environ)
    watch.start()
    return watch


def send(control: Any, address: DBusAddress, member: str, signature: str = "", *body: Any) -> None:
    reply = control.send_and_get_reply(new_method_call(address, member, signature, body))
    assert reply.body == ()


def test_logind_locked_hint_is_heard_while_running(
    qtbot: QtBot, logind: Any, links: tuple[BusLink, BusLink]
) -> None:
    watch = make_watch(links)
    assert watch.lock_sources == ["logind"] and watch.sleep_source == "logind"
    assert not watch.is_locked
    with qtbot.waitSignal(watch.locked):
        send(logind, LOGIND_CONTROL, "SetLockedHint", "b", True)
    assert watch.is_locked
    with qtbot.waitSignal(watch.unlocked):
        send(logind, LOGIND_CONTROL, "SetLockedHint", "b", False)
    assert not watch.is_locked


def test_logind_lock_and_unlock_signals_are_heard(
    qtbot: QtBot, logind: Any, links: tuple[BusLink, BusLink]
) -> None:
    watch = make_watch(links, XDG_SESSION_ID="32")
    with qtbot.waitSignal(watch.locked):
        send(logind, LOGIND_CONTROL, "Lock")
    with qtbot.waitSignal(watch.unlocked):
        send(logind, LOGIND_CONTROL, "Unlock")


def test_prepare_for_sleep_tells_of_sleep_and_wake(
    qtbot: QtBot, logind: Any, links: tuple[BusLink, BusLink]
) -> None:
    watch = make_watch(links)
    with qtbot.waitSignal(watch.sleeping):
        send(logind, LOGIND_CONTROL, "PrepareForSleep", "b", True)
    with qtbot.waitSignal(watch.woke):
        send(logind, LOGIND_CONTROL, "PrepareForSleep", "b", False)


def test_a_session_locked_at_start_is_locked_at_once(
    qtbot: QtBot, system_bus: tuple[str, subprocess.Popen[bytes]], links: tuple[BusLink, BusLink]
) -> None:
    with service(LOGIND, system_bus[0], "--locked"):
        watch = LinuxSessionWatch(*links, environ={})
        with qtbot.waitSignal(watch.locked, timeout=1000):
            watch.start()
        assert watch.is_locked


def test_the_screen_saver_tells_of_the_lock(
    qtbot: QtBot, saver: Any, links: tuple[BusLink, BusLink], caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, LOGGER):
        watch = make_watch(links)  # no logind on the system bus
    assert watch.lock_sources == ["the screen saver"]
    assert watch.sleep_source is None
    assert "logind cannot tell of the lock or of sleep (logind is not running)" in caplog.messages
    with qtbot.waitSignal(watch.locked):
        send(saver, SAVER_CONTROL, "SetActive", "b", True)
    with qtbot.waitSignal(watch.unlocked):
        send(saver, SAVER_CONTROL, "SetActive", "b", False)


def test_both_sources_together_latest_word_wins(
    qtbot: QtBot, logind: Any, saver: Any, links: tuple[BusLink, BusLink]
) -> None:
    watch = make_watch(links)
    assert watch.lock_sources == ["logind", "the screen saver"]
    with qtbot.waitSignal(watch.locked):
        send(logind, LOGIND_CONTROL, "Lock")
    with qtbot.assertNotEmitted(watch.locked, wait=100):
        send(saver, SAVER_CONTROL, "SetActive", "b", True)  # already locked: no second signal
    with qtbot.waitSignal(watch.unlocked):
        send(saver, SAVER_CONTROL, "SetActive", "b", False)


def test_a_signal_during_a_question_is_heard_after_it(
    qtbot: QtBot, saver: Any, links: tuple[BusLink, BusLink]
) -> None:
    watch = make_watch(links)
    idle = ScreenSaverSurroundings(links[1])
    send(saver, SAVER_CONTROL, "SetIdle", "u", 4200)
    with qtbot.waitSignal(watch.locked):
        send(saver, SAVER_CONTROL, "SetActive", "b", True)
        assert idle.idle_seconds() == 4.2  # asked over the same connection
    assert links[1].connection() is links[1].connection()


def test_no_buses_at_all_hear_nothing_and_say_so_once(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    missing = BusLink("unix:path=/nonexistent/system"), BusLink("unix:path=/nonexistent/bus")
    with caplog.at_level(logging.INFO, LOGGER):
        watch = make_watch(missing)
    assert (watch.lock_sources, watch.sleep_source, watch.is_locked) == ([], None, False)
    assert len(caplog.records) == 2  # one per bus
    watch.close()


def test_a_lost_bus_is_not_fatal_and_returns(
    qtbot: QtBot,
    logind: Any,
    links: tuple[BusLink, BusLink],
    system_bus: tuple[str, subprocess.Popen[bytes]],
) -> None:
    watch = make_watch(links)
    stop(system_bus[1])
    qtbot.waitUntil(lambda: links[0]._conn is None)  # the link noticed, and closed
    assert not watch.is_locked


def test_the_screen_saver_tells_the_idle_time(saver: Any, bus: str) -> None:
    idle = ScreenSaverSurroundings(bus, timeout=0.3)
    assert idle.idle_seconds() == 0.0
    send(saver, SAVER_CONTROL, "SetIdle", "u", 185_000)
    assert idle.idle_seconds() == 185.0
    assert idle.fullscreen_app() is None
    idle.close()


def test_kde_on_wayland_refuses_the_idle_time(bus: str, caplog: pytest.LogCaptureFixture) -> None:
    idle = ScreenSaverSurroundings(bus, timeout=0.3)
    logger = "presence_app.adapters.attention.screensaver"
    with service(SAVER, bus, "--wayland"), caplog.at_level(logging.INFO, logger):
        assert idle.idle_seconds() is None
        assert idle.idle_seconds() is None
    assert caplog.messages == [
        "the screen saver cannot tell the idle time (GetSessionIdleTime is not supported); "
        "taken as unknown"
    ]
    idle.close()
