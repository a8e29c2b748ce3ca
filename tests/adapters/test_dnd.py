"""Do-not-disturb read from a fake KDE notification server on a private bus."""

from __future__ import annotations

import logging
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jeepney import DBusAddress, new_method_call  # type: ignore[import-untyped]

from presence_app.adapters.attention.dnd import create_dnd
from presence_app.adapters.attention.dnd_gnome import GnomeDnd
from presence_app.adapters.attention.dnd_kde import NotificationsDnd
from presence_app.core.considerate import NoDoNotDisturb
from tests.adapters.dbus_support import controlled_service, service, stop

FAKE = Path(__file__).with_name("fake_notifications.py")
CONTROL = DBusAddress(
    "/org/freedesktop/Notifications",
    "org.freedesktop.Notifications",
    "org.presence.FakeNotifications",
)
LOGGER = "presence_app.adapters.attention.dnd_kde"


@pytest.fixture
def control(bus: str) -> Iterator[Any]:
    """A KDE-like notification server, and a connection to switch its DND."""
    with controlled_service(FAKE, bus) as connection:
        yield connection


@pytest.fixture
def dnd(bus: str) -> Iterator[NotificationsDnd]:
    reader = NotificationsDnd(bus, timeout=0.3)
    yield reader
    reader.close()


def set_inhibited(control: Any, on: bool) -> None:
    reply = control.send_and_get_reply(new_method_call(CONTROL, "SetInhibited", "b", (on,)))
    assert reply.body == ()


def test_follows_the_switch(dnd: NotificationsDnd, control: Any) -> None:
    assert dnd.is_on() is False
    set_inhibited(control, True)
    assert dnd.is_on() is True
    set_inhibited(control, False)
    assert dnd.is_on() is False


def test_a_server_without_the_property_cannot_tell(
    dnd: NotificationsDnd, bus: str, caplog: pytest.LogCaptureFixture
) -> None:
    with service(FAKE, bus, "--without-inhibited"), caplog.at_level(logging.INFO, LOGGER):
        assert dnd.is_on() is None
        assert dnd.is_on() is None
    (record,) = caplog.records
    assert record.getMessage() == (
        "do-not-disturb cannot be read (No such property ('org.freedesktop.Notifications', "
        "'Inhibited')); bells ring as scheduled"
    )


def test_no_notification_server_cannot_tell(dnd: NotificationsDnd) -> None:
    assert dnd.is_on() is None


def test_a_hung_server_is_not_waited_for_long(dnd: NotificationsDnd, bus: str) -> None:
    with service(FAKE, bus, "--silent"):
        started = time.monotonic()
        assert dnd.is_on() is None
        assert time.monotonic() - started < 2.0


def test_no_session_bus_cannot_tell(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    assert NotificationsDnd().is_on() is None
    assert NotificationsDnd("unix:path=/nonexistent/bus").is_on() is None


def test_a_lost_bus_cannot_tell(
    dnd: NotificationsDnd, control: Any, bus_daemon: tuple[str, subprocess.Popen[bytes]]
) -> None:
    set_inhibited(control, True)
    assert dnd.is_on() is True
    stop(bus_daemon[1])
    assert dnd.is_on() is None


@pytest.mark.parametrize(
    "platform, system, desktop, kind",
    [
        ("xcb", "linux", "KDE", NotificationsDnd),
        ("wayland", "linux", "KDE", NotificationsDnd),
        ("xcb", "linux", "", NotificationsDnd),
        ("xcb", "linux", "Unity", NotificationsDnd),
        ("wayland", "linux", "GNOME", GnomeDnd),
        ("xcb", "linux", "ubuntu:GNOME", GnomeDnd),
        ("wayland", "linux", "GNOME-Classic:GNOME", GnomeDnd),
        ("offscreen", "linux", "GNOME", NoDoNotDisturb),
        ("offscreen", "linux", "KDE", NoDoNotDisturb),
        ("windows", "win32", "", NoDoNotDisturb),
        ("cocoa", "darwin", "", NoDoNotDisturb),
    ],
)
def test_the_factory(platform: str, system: str, desktop: str, kind: type) -> None:
    reader = create_dnd(platform, system, {"XDG_CURRENT_DESKTOP": desktop})
    assert isinstance(reader, kind)
    reader.close()
