"""The running app holds one D-Bus connection per bus, however many backends use it.

The real app runs under Xvfb with a tray host, in an environment that
says "KDE Plasma on Wayland, inside Flatpak", so that every backend that
speaks D-Bus is at work at once: logind (the lock and sleep) on a private
system bus; on a private session bus, one fake desktop (``fake_desktop``)
with the screen saver (the lock, idle time), KDE's do-not-disturb, the
notification server (the bell's invitation) and the portal (the global
shortcut, start at login). The test drives each of them, then asks each
bus daemon which connections come from the app's process, and checks who
made every call.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from jeepney import DBusAddress, new_method_call  # type: ignore[import-untyped]
from jeepney.bus_messages import message_bus  # type: ignore[import-untyped]
from jeepney.io.blocking import open_dbus_connection  # type: ignore[import-untyped]

from presence_app import APP_ID
from presence_app.core.paths import Paths
from presence_app.core.schedstate import ScheduleState, state_to_json
from tests.adapters.dbus_support import private_bus, service
from tests.e2e import x11
from tests.e2e.conftest import App, start, stop, wait_for

pytestmark = pytest.mark.e2e

ADAPTERS = Path(__file__).parents[1] / "adapters"
SETTINGS = """\
schema_version = 1
shortcut = "Ctrl+Alt+P"
start_at_login = true

[[schedules]]
name = "Often"
every = "1m"

[sound]
enabled = false

[pause]
length = "5m"

[considerate]
grace_after_wake = "0s"
"""
PORTAL = "/org/freedesktop/portal/desktop"
FAKE_PORTAL = DBusAddress(PORTAL, "org.freedesktop.portal.Desktop", "org.presence.FakePortal")
FAKE_DESKTOP = DBusAddress(PORTAL, "org.freedesktop.portal.Desktop", "org.presence.FakeDesktop")
PROPERTIES = "org.freedesktop.DBus.Properties"
BARE_TRAY = """
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QApplication, QSystemTrayIcon
app = QApplication([])
app.setApplicationName("bare-tray")
pixmap = QPixmap(22, 22)
pixmap.fill(QColor("#4a7866"))
icon = QSystemTrayIcon(QIcon(pixmap))
icon.show()
app.exec()
"""
"""A tray icon and nothing else, to count the connections Qt holds by itself."""
FAKE_NOTIFY = DBusAddress(
    "/org/freedesktop/Notifications", "org.freedesktop.Notifications", "org.presence.FakeNotify"
)


@pytest.fixture
def system_bus(base_env: dict[str, str]) -> Iterator[str]:
    """A private bus standing in for the system bus, with a fake logind (unlocked)."""
    with private_bus() as (address, _daemon), service(ADAPTERS / "fake_logind.py", address):
        base_env["DBUS_SYSTEM_BUS_ADDRESS"] = address
        yield address


@pytest.fixture
def desktop(session_bus: str) -> Iterator[Any]:
    """The fake desktop on the session bus, and a connection the test drives it with."""
    with service(ADAPTERS / "fake_desktop.py", session_bus):
        connection = open_dbus_connection(session_bus)
        try:
            yield connection
        finally:
            connection.close()


def ask(
    connection: Any, address: DBusAddress, member: str, signature: str = "", *body: Any
) -> Any:
    reply = connection.send_and_get_reply(
        new_method_call(address, member, signature, body), timeout=5
    )
    return reply.body


def connections_of(pid: int, bus: str) -> list[str]:
    """The unique names on ``bus`` whose process is ``pid``, as the bus daemon sees them."""
    with open_dbus_connection(bus) as connection:
        (names,) = connection.send_and_get_reply(message_bus.ListNames(), timeout=5).body
        found = []
        for name in names:
            if name.startswith(":"):
                reply = connection.send_and_get_reply(
                    message_bus.GetConnectionUnixProcessID(name), timeout=5
                )
                if reply.body == (pid,):
                    found.append(name)
        return found


def bare_tray_connections(env: dict[str, str], session: str, system: str) -> tuple[int, int]:
    """How many connections Qt itself holds to each bus, once a bare tray icon is docked."""
    bare = start([sys.executable, "-c", BARE_TRAY], env)
    try:
        wait_for(lambda: x11.docked_icon_geometry(env["DISPLAY"], "bare-tray"), "the bare tray")
        return len(connections_of(bare.pid, session)), len(connections_of(bare.pid, system))
    finally:
        stop(bare)


def prepare(paths: Paths) -> None:
    """Write the settings and a state whose bell comes due a few seconds after start."""
    paths.settings_file.parent.mkdir(parents=True, exist_ok=True)
    paths.settings_file.write_text(SETTINGS, encoding="utf-8")
    paths.state_dir.mkdir(parents=True, exist_ok=True)
    ended = datetime.now(UTC) - timedelta(seconds=52)
    state = ScheduleState(last_pause_end=ended, last_bell=ended - timedelta(minutes=10))
    (paths.state_dir / "schedule.json").write_text(json.dumps(state_to_json(state)))


def test_every_backend_shares_one_connection_per_bus(
    display: str,
    tray_host: None,
    session_bus: str,
    system_bus: str,
    desktop: Any,
    base_env: dict[str, str],
    app: App,
) -> None:
    base_env.update(XDG_SESSION_TYPE="wayland", XDG_CURRENT_DESKTOP="KDE", FLATPAK_ID=APP_ID)
    qt_connections = bare_tray_connections(base_env, session_bus, system_bus)
    paths = Paths.from_platform()
    prepare(paths)
    app.start()
    assert app.process is not None

    # The global shortcut, through the portal: bound, and a press is heard.
    wait_for(lambda: app.status()["shortcut"]["works"], f"the shortcut (log:\n{app.log()})")
    # Start at login, through the Background portal.
    wait_for(
        lambda: (paths.state_dir / "background-portal.json").exists(), "the Background portal"
    )
    # The bell invites with a notification; taking it starts the pause.
    app.wait_state("invited", timeout=30)
    shown = wait_for(lambda: json.loads(ask(desktop, FAKE_NOTIFY, "Shown")[0]), "the note")
    (key,) = shown
    ask(desktop, FAKE_NOTIFY, "Invoke", "ss", key, "take")
    app.wait_state("pausing")
    ask(desktop, FAKE_PORTAL, "Press", "s", "pause")  # the shortcut ends the pause
    app.wait_state("reflecting")
    # The lock, sleep, idle time and do-not-disturb are heard and read.
    rows = {row["name"]: row for row in app.status()["capabilities"]}
    assert rows["Locked screen"]["detail"] == (
        "Heard at once from logind and the screen saver: it counts as away."
    )
    assert rows["Sleep"]["detail"] == "Heard at once from logind, on sleeping and waking."
    assert rows["Time away"]["works"] is True
    assert rows["Do-not-disturb"]["works"] is True

    callers = json.loads(ask(desktop, FAKE_DESKTOP, "Callers")[0])
    asked = {(interface, member) for _sender, _to, interface, member in callers}
    assert {
        ("org.freedesktop.host.portal.Registry", "Register"),
        ("org.freedesktop.portal.GlobalShortcuts", "BindShortcuts"),
        ("org.freedesktop.portal.Background", "RequestBackground"),
        ("org.freedesktop.Notifications", "Notify"),
        ("org.freedesktop.DBus.Properties", "Get"),
        ("org.freedesktop.ScreenSaver", "GetActive"),
        ("org.freedesktop.ScreenSaver", "GetSessionIdleTime"),
    } <= asked
    # Qt talks to the portal itself (it registers the app and reads the
    # portal's properties); every other call is Presence's, from one connection.
    senders = {
        sender
        for sender, to, interface, _member in callers
        if interface != "org.freedesktop.host.portal.Registry"
        and (to, interface) != ("org.freedesktop.portal.Desktop", PROPERTIES)
    }
    on_session_bus = connections_of(app.process.pid, session_bus)
    assert len(senders) == 1 and senders <= set(on_session_bus)
    # The bus daemons see one connection per bus besides Qt's own.
    assert len(on_session_bus) == qt_connections[0] + 1
    assert len(connections_of(app.process.pid, system_bus)) == qt_connections[1] + 1
