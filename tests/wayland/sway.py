"""A real sway session, headless: sway, swaybar's tray, mako, a keyboard.

Why: the tests must see what a sway user sees. Sway runs with its headless
backend and the pixman renderer (no GPU); swaybar hosts StatusNotifierItems
(and is its own StatusNotifierWatcher); mako is the notification server;
``wtype`` types through the virtual-keyboard protocol; ``swaymsg -t
get_tree`` tells focus and geometry; ``grim`` takes screenshots.

Main ideas:
- Start order matters: the session bus, then sway (which starts swaybar),
  then mako, then a keyboard holder: ``wtype`` loses the first key after
  another ``wtype`` exits, so one long-lived ``wtype`` keeps the virtual
  keyboard alive for the whole session.
- Every look-up waits for a condition with a deadline; nothing sleeps.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tests.wayland.user import UserSession, wait_for

PROGRAMS = ("sway", "swaymsg", "swaybar", "mako", "makoctl", "wtype", "grim")
WIDTH, HEIGHT = 1280, 800

CONFIG = f"""
output HEADLESS-1 resolution {WIDTH}x{HEIGHT} position 0 0
xwayland disable
default_border normal 2
focus_on_window_activation smart
bar {{
    position top
    tray_output *
}}
"""


class SwaySession(UserSession):
    """sway + swaybar + mako as the test user. ``start()``, then use, ``close()``."""

    def __init__(self) -> None:
        super().__init__("sway")
        self.config = self.home / "sway.conf"

    def start(self) -> None:
        self.config.write_text(CONFIG)
        self.env["DBUS_SESSION_BUS_ADDRESS"] = self.start_bus()
        self.env["XDG_CURRENT_DESKTOP"] = "sway"
        self.env["XDG_SESSION_TYPE"] = "wayland"
        sway_env = {
            "WLR_BACKENDS": "headless",
            "WLR_LIBINPUT_NO_DEVICES": "1",
            "WLR_RENDERER": "pixman",
        }
        self._sway = self.spawn(["sway", "-c", str(self.config)], "sway.log", env=sway_env)
        display = wait_for(self._wayland_socket, "sway's Wayland socket")
        self.env["WAYLAND_DISPLAY"] = display
        self.env["SWAYSOCK"] = wait_for(self._sway_socket, "sway's IPC socket")
        wait_for(lambda: self.outputs(), "sway to answer on its IPC socket")
        wait_for(self._bar_is_up, "swaybar to start")
        self.spawn(["mako", "--default-timeout", "0"], "mako.log")
        wait_for(lambda: self.run(["makoctl", "list"]).returncode == 0, "mako to answer")
        self.spawn(["wtype", "-s", "3600000"], "wtype-holder.log")

    def _wayland_socket(self) -> str | None:
        if self._sway.poll() is not None:
            raise AssertionError(f"sway exited ({self._sway.returncode}):\n{self.log('sway.log')}")
        sockets = sorted(p.name for p in self.runtime.glob("wayland-*") if not p.suffix)
        return sockets[0] if sockets else None

    def _sway_socket(self) -> str | None:
        found = sorted(self.runtime.glob("sway-ipc.*.sock"))
        return str(found[0]) if found else None

    def _bar_is_up(self) -> bool:
        result = self.run(["swaymsg", "-t", "get_bar_config"])
        return result.returncode == 0 and bool(json.loads(result.stdout or "[]"))

    # --- looking -----------------------------------------------------------

    def swaymsg(self, *args: str) -> Any:
        result = self.run(["swaymsg", "-r", *args])
        assert result.returncode == 0, f"swaymsg {args}: {result.stderr}{result.stdout}"
        return json.loads(result.stdout) if result.stdout.strip() else None

    def outputs(self) -> list[dict[str, Any]]:
        return list(self.swaymsg("-t", "get_outputs") or [])

    def tree(self) -> dict[str, Any]:
        return dict(self.swaymsg("-t", "get_tree"))

    def windows(self) -> list[dict[str, Any]]:
        """Every application window, tiled or floating, with ``floating`` set."""
        return list(_windows(self.tree(), floating=False))

    def focused(self) -> dict[str, Any] | None:
        return next((w for w in self.windows() if w.get("focused")), None)

    def windows_of(self, pid: int) -> list[dict[str, Any]]:
        return [w for w in self.windows() if w.get("pid") == pid]

    def notifications(self) -> list[dict[str, Any]]:
        """What mako shows now: [{"id", "app_name", "summary", "body", "actions"}]."""
        result = self.run(["makoctl", "list"])
        assert result.returncode == 0, result.stderr
        data = json.loads(result.stdout)
        return [
            {key: item[key]["data"] for key in item if isinstance(item[key], dict)}
            for item in data["data"][0]
        ]

    def screenshot(self, target: Path) -> Path:
        """A PNG of the whole output (grim), readable by the test."""
        inside = self.logs / target.name
        result = self.run(["grim", str(inside)])
        assert result.returncode == 0, result.stderr
        target.write_bytes(inside.read_bytes())
        return target

    # --- acting ------------------------------------------------------------

    def type(self, text: str, delay_ms: int = 20) -> None:
        result = self.run(["wtype", "-d", str(delay_ms), text], timeout=60)
        assert result.returncode == 0, result.stderr

    def focus(self, pid: int) -> None:
        self.swaymsg(f"[pid={pid}] focus")
        wait_for(lambda: (f := self.focused()) and f.get("pid") == pid, f"focus on pid {pid}")


def _windows(node: dict[str, Any], floating: bool) -> Iterator[dict[str, Any]]:
    if node.get("type") in ("con", "floating_con") and node.get("pid"):
        yield {**node, "floating": floating}
    for child in node.get("nodes", []):
        yield from _windows(child, floating)
    for child in node.get("floating_nodes", []):
        yield from _windows(child, True)
