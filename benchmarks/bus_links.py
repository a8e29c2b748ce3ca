"""How many D-Bus connections the running app holds, with every D-Bus backend at work.

Runs the real app on a private Xvfb with trayer, in an environment that
says "KDE Plasma on Wayland, inside Flatpak", against two private buses:
a "system" bus with a fake logind, and a session bus with one fake desktop
(``tests/adapters/fake_desktop.py``: the portal, the notification server
with KDE's do-not-disturb, the screen saver). It waits until the global
shortcut is bound through the portal, start at login was asked of the
Background portal, and a bell's notification was taken (a pause runs),
then prints, for the app and for a bare PySide6 tray app in the same
session (Qt's own connections):

- the connections each bus daemon sees from the process;
- the Unix sockets in ``/proc/PID/fd``, and how many lead to each bus;
- resident memory (VmRSS).

    python benchmarks/bus_links.py

To measure another checkout, run this from outside the repository with
that checkout first on ``PYTHONPATH`` (``python -m`` puts the current
folder first on the app's path).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from jeepney import DBusAddress, new_method_call  # noqa: E402
from jeepney.bus_messages import message_bus  # noqa: E402
from jeepney.io.blocking import open_dbus_connection  # noqa: E402

from presence_app import APP_ID  # noqa: E402
from presence_app.core.schedstate import ScheduleState, state_to_json  # noqa: E402
from tests.adapters.dbus_support import private_bus, service  # noqa: E402
from tests.e2e import x11  # noqa: E402
from tests.e2e.test_one_bus_link import BARE_TRAY, SETTINGS  # noqa: E402

ADAPTERS = ROOT / "tests" / "adapters"
NOTIFY = DBusAddress(
    "/org/freedesktop/Notifications", "org.freedesktop.Notifications", "org.presence.FakeNotify"
)


def wait_for(condition: Callable[[], Any], what: str, timeout: float = 60) -> Any:
    deadline = time.monotonic() + timeout
    while not (result := condition()):
        if time.monotonic() > deadline:
            raise RuntimeError(f"timed out waiting for {what}")
        time.sleep(0.05)
    return result


@contextmanager
def process(command: list[str], env: dict[str, str]) -> Iterator[subprocess.Popen[bytes]]:
    child = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,
    )  # fmt: skip
    try:
        yield child
    finally:
        child.terminate()
        child.wait()


def display() -> tuple[list[str], Callable[[], None]]:
    xvfb, name = x11.start_xvfb()

    def stop() -> None:
        xvfb.terminate()
        xvfb.wait()

    return [name], stop


def environment(home: str, name: str, session: str, system: str) -> dict[str, str]:
    env = dict(os.environ, DISPLAY=name, QT_QPA_PLATFORM="xcb", SDL_AUDIODRIVER="dummy")
    env.update(
        DBUS_SESSION_BUS_ADDRESS=session, DBUS_SYSTEM_BUS_ADDRESS=system,
        XDG_SESSION_TYPE="wayland", XDG_CURRENT_DESKTOP="KDE", FLATPAK_ID=APP_ID,
    )  # fmt: skip
    env.pop("WAYLAND_DISPLAY", None)
    for kind in ("CONFIG", "DATA", "STATE", "RUNTIME"):
        folder = Path(home, kind.lower())
        folder.mkdir(mode=0o700)
        env[f"XDG_{kind}_HOME" if kind != "RUNTIME" else "XDG_RUNTIME_DIR"] = str(folder)
    settings = Path(env["XDG_CONFIG_HOME"], "presence-app", "settings.toml")
    settings.parent.mkdir()
    settings.write_text(SETTINGS)
    state = Path(env["XDG_STATE_HOME"], "presence-app")
    state.mkdir()
    ended = datetime.now(UTC) - timedelta(seconds=50)  # the bell comes due in about 10 s
    schedule = ScheduleState(last_pause_end=ended, last_bell=ended - timedelta(minutes=10))
    (state / "schedule.json").write_text(json.dumps(state_to_json(schedule)))
    return env


def status(env: dict[str, str]) -> dict[str, Any]:
    reply = subprocess.run(
        [sys.executable, "-m", "presence_app", "status", "--json"],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    return json.loads(reply.stdout) if reply.returncode == 0 else {}


def connections(pid: int, bus: str) -> int:
    with open_dbus_connection(bus) as connection:
        (names,) = connection.send_and_get_reply(message_bus.ListNames(), timeout=5).body
        asked = (message_bus.GetConnectionUnixProcessID(n) for n in names if n.startswith(":"))
        return sum(connection.send_and_get_reply(m, timeout=5).body == (pid,) for m in asked)


def sockets(pid: int, buses: dict[str, str]) -> dict[str, int]:
    """Unix sockets in /proc/PID/fd, and how many lead to each bus (by ``ss``)."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        target = os.readlink(fd)
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    local: dict[str, str] = {}
    peers: dict[str, str] = {}
    for line in subprocess.run(["ss", "-xan"], capture_output=True, text=True).stdout.splitlines():
        parts = line.split()
        if len(parts) >= 8 and parts[0] == "u_str":
            local[parts[5]] = parts[4]
            peers[parts[5]] = parts[7]
    counts = {"sockets": len(inodes)}
    for label, address in buses.items():
        path = address.split("path=")[1].split(",")[0]
        counts[label] = sum(local.get(peers.get(inode, ""), "") == path for inode in inodes)
    return counts


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def report(label: str, pid: int, buses: dict[str, str]) -> None:
    seen = {name: connections(pid, address) for name, address in buses.items()}
    counted = sockets(pid, buses)
    print(
        f"{label:18}  connections seen by the daemons: session {seen['session']}, "
        f"system {seen['system']};  /proc/PID/fd: {counted['sockets']} sockets, "
        f"{counted['session']} to the session bus, {counted['system']} to the system bus;  "
        f"RSS {rss_mb(pid):.1f} MB"
    )


def main() -> None:
    (name,), stop_display = display()
    with ExitStack() as stack, tempfile.TemporaryDirectory() as home:
        stack.callback(stop_display)
        session, _ = stack.enter_context(private_bus())
        system, _ = stack.enter_context(private_bus())
        stack.enter_context(service(ADAPTERS / "fake_logind.py", system))
        stack.enter_context(service(ADAPTERS / "fake_desktop.py", session))
        wait_for(lambda: x11.accepts_connections(name), "Xvfb")
        env = environment(home, name, session, system)
        stack.enter_context(process(["trayer", "--edge", "top", "--align", "right"], env))
        wait_for(lambda: x11.tray_owner(name), "trayer")
        buses = {"session": session, "system": system}
        with process([sys.executable, "-c", BARE_TRAY], env) as bare:
            wait_for(lambda: x11.docked_icon_geometry(name, "bare-tray"), "the bare tray")
            report("bare PySide6 tray", bare.pid, buses)
        with process([sys.executable, "-m", "presence_app"], env) as app:
            wait_for(lambda: status(env).get("shortcut", {}).get("works"), "the shortcut")
            wait_for(lambda: status(env).get("state") == "invited", "the bell")
            with open_dbus_connection(session) as driver:
                shown = wait_for(
                    lambda: json.loads(driver.send_and_get_reply(
                        new_method_call(NOTIFY, "Shown"), timeout=5).body[0]), "the note",
                )  # fmt: skip
                (key,) = shown
                driver.send_and_get_reply(new_method_call(NOTIFY, "Invoke", "ss", (key, "take")))
            wait_for(lambda: status(env).get("state") == "pausing", "the pause")
            report("Presence", app.pid, buses)
            quit_app = [sys.executable, "-m", "presence_app", "quit"]
            subprocess.run(quit_app, env=env, capture_output=True, check=False)


if __name__ == "__main__":
    main()
