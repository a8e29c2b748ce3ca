"""Idle time read from a fake GNOME Mutter idle monitor on a private bus."""

from __future__ import annotations

import logging
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jeepney import DBusAddress, new_method_call  # type: ignore[import-untyped]

from presence_app.adapters.attention.gnome import MutterSurroundings, mutter_on_bus
from tests.adapters.dbus_support import controlled_service, service, stop

FAKE = Path(__file__).with_name("fake_mutter.py")
CONTROL = DBusAddress(
    "/org/gnome/Mutter/IdleMonitor/Core", "org.gnome.Mutter.IdleMonitor", "org.presence.FakeMutter"
)
LOGGER = "presence_app.adapters.attention.gnome"


@pytest.fixture
def control(bus: str) -> Iterator[Any]:
    """A fake Mutter, and a connection to set its idle time."""
    with controlled_service(FAKE, bus) as connection:
        yield connection


@pytest.fixture
def mutter(bus: str) -> Iterator[MutterSurroundings]:
    backend = MutterSurroundings(bus, timeout=0.3)
    yield backend
    backend.close()


def set_idle(control: Any, milliseconds: int) -> None:
    reply = control.send_and_get_reply(
        new_method_call(CONTROL, "SetIdletime", "t", (milliseconds,))
    )
    assert reply.body == ()


def test_follows_the_idle_time(mutter: MutterSurroundings, control: Any) -> None:
    assert mutter.idle_seconds() == 0.0
    set_idle(control, 1500)
    assert mutter.idle_seconds() == 1.5
    set_idle(control, 3 * 60 * 60 * 1000 + 1)
    assert mutter.idle_seconds() == 10800.001
    set_idle(control, 20)
    assert mutter.idle_seconds() == 0.02


def test_full_screen_cannot_be_seen(mutter: MutterSurroundings, control: Any) -> None:
    assert mutter.fullscreen_app() is None
    assert mutter.idle_seconds() == 0.0


def test_no_mutter_cannot_tell_and_says_so_once(
    mutter: MutterSurroundings, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, LOGGER):
        assert mutter.idle_seconds() is None
        assert mutter.idle_seconds() is None
    (record,) = caplog.records
    assert record.getMessage() == (
        'GNOME cannot tell the idle time (Name "org.gnome.Mutter.IdleMonitor" does not exist); '
        "taken as unknown"
    )


def test_mutter_arriving_later_is_heard(mutter: MutterSurroundings, bus: str) -> None:
    assert mutter.idle_seconds() is None
    with service(FAKE, bus):
        assert mutter.idle_seconds() == 0.0


def test_a_hung_mutter_is_not_waited_for_long(
    mutter: MutterSurroundings, bus: str, caplog: pytest.LogCaptureFixture
) -> None:
    with service(FAKE, bus, "--silent"), caplog.at_level(logging.WARNING, LOGGER):
        started = time.monotonic()
        assert mutter.idle_seconds() is None
        assert mutter.idle_seconds() is None
        assert time.monotonic() - started < 2.0
    assert [r.getMessage() for r in caplog.records] == [
        "GNOME cannot tell the idle time (no answer within 0.3 s); taken as unknown"
    ]


def test_no_session_bus_cannot_tell(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    with caplog.at_level(logging.WARNING, LOGGER):
        assert MutterSurroundings().idle_seconds() is None
        missing = MutterSurroundings("unix:path=/nonexistent/bus")
        assert missing.idle_seconds() is None
        assert missing.idle_seconds() is None
    assert len(caplog.records) == 2  # one per backend, not one per question
    assert not mutter_on_bus()


def test_a_lost_bus_cannot_tell(
    mutter: MutterSurroundings, control: Any, bus_daemon: tuple[str, subprocess.Popen[bytes]]
) -> None:
    set_idle(control, 4000)
    assert mutter.idle_seconds() == 4.0
    stop(bus_daemon[1])
    assert mutter.idle_seconds() is None
    assert mutter.idle_seconds() is None


def test_mutter_on_bus(bus: str) -> None:
    assert not mutter_on_bus(bus)
    with service(FAKE, bus):
        assert mutter_on_bus(bus)
    assert not mutter_on_bus("unix:path=/nonexistent/bus")
