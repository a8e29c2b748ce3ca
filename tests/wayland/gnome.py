"""A real GNOME Shell 43 session, headless, that a test can look into and type in.

Why: GNOME is the biggest Wayland desktop, and its window manager decides
focus by its own rules. ``gnome-shell --headless --wayland --no-x11
--virtual-monitor 1280x800`` runs here as an unprivileged user with:

- a private session bus, and a second empty bus standing in for the system
  bus (without one the shell stops in ``loginManager.js``);
- the settings in a key file (``GSETTINGS_BACKEND=keyfile``), so no dconf
  service is needed and the test writes them before the shell starts;
- a small extension (``presence-test@presence``) that switches on
  ``global.context.unsafe_mode``, so ``org.gnome.Shell.Eval`` and the
  screenshot interface answer, leaves the overview, and logs every change
  of the focus window with its title and frame (``PRESENCE-FOCUS {json}``).

Typing goes through a Clutter virtual keyboard created inside the shell
(``Eval``), which reaches the focused Wayland client like real keys.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from tests.wayland.user import UserSession, wait_for

PROGRAMS = ("gnome-shell", "gdbus")
WIDTH, HEIGHT = 1280, 800
EXTENSION_UUID = "presence-test@presence"

METADATA = {
    "uuid": EXTENSION_UUID,
    "name": "Presence test helper",
    "description": "Eval, screenshots and a focus log for the Presence tests.",
    "shell-version": ["43"],
}

EXTENSION_JS = """
const Main = imports.ui.main;
let handlers = [];
function describe(win) {
    if (!win) return null;
    const r = win.get_frame_rect();
    return {title: win.get_title(), pid: win.get_pid(),
            rect: [r.x, r.y, r.width, r.height]};
}
function init() {}
function enable() {
    global.context.unsafe_mode = true;
    handlers.push(global.display.connect('notify::focus-window', () => {
        log('PRESENCE-FOCUS ' + JSON.stringify(describe(global.display.focus_window)));
    }));
    if (Main.layoutManager._startingUp)
        Main.layoutManager.connect('startup-complete', () => Main.overview.hide());
    else
        Main.overview.hide();
    log('PRESENCE-READY');
}
function disable() {
    handlers.forEach(id => global.display.disconnect(id));
    handlers = [];
}
"""

KEYFILE = f"""[org/gnome/shell]
enabled-extensions=['{EXTENSION_UUID}']
disable-user-extensions=false
welcome-dialog-last-shown-version='999'

[org/gnome/desktop/interface]
enable-animations=false
"""

PRELUDE = (
    "const Main = imports.ui.main; const Clutter = imports.gi.Clutter;"
    " const GLib = imports.gi.GLib;"
)
KEYBOARD = (
    "if (!global._presenceKeyboard) global._presenceKeyboard = Clutter.get_default_backend()"
    ".get_default_seat().create_virtual_device(Clutter.InputDeviceType.KEYBOARD_DEVICE);"
)
_FOCUS_LINE = re.compile(r"PRESENCE-FOCUS (.*)$")


class GnomeSession(UserSession):
    """gnome-shell as the test user. ``start()``, then use, ``close()``."""

    def __init__(self) -> None:
        super().__init__("gnome")

    def start(self) -> None:
        self._write_settings()
        self.env["DBUS_SESSION_BUS_ADDRESS"] = self.start_bus()
        self.env["DBUS_SYSTEM_BUS_ADDRESS"] = self.start_bus("system-bus")
        self.env["XDG_CURRENT_DESKTOP"] = "GNOME"
        self.env["XDG_SESSION_TYPE"] = "wayland"
        self.env["XDG_SESSION_DESKTOP"] = "gnome"
        self.env["GSETTINGS_BACKEND"] = "keyfile"
        self._shell = self.spawn(
            ["gnome-shell", "--headless", "--wayland", "--no-x11",
             "--virtual-monitor", f"{WIDTH}x{HEIGHT}"],
            "gnome-shell.log",
        )  # fmt: skip
        wait_for(self._ready, "gnome-shell to start with the test extension", timeout=90)
        self.env["WAYLAND_DISPLAY"] = wait_for(self._wayland_socket, "the Wayland socket")
        wait_for(lambda: self.eval("1 + 1") == 2, "org.gnome.Shell.Eval to answer")
        wait_for(lambda: self.eval("Main.overview.visible") is False, "the overview to close")
        # GNOME's own start-up notices ("unsafe mode", "screen lock disabled")
        # would queue before ours on screen: clear them.
        self.eval("Main.messageTray.getSources().forEach(s => s.destroy()); return true;")
        # Keys sent right after a virtual keyboard is made are lost: make it now.
        assert self.eval(KEYBOARD + "return true;") is True, "no virtual keyboard"

    def _write_settings(self) -> None:
        extension = self.home / ".local/share/gnome-shell/extensions" / EXTENSION_UUID
        extension.mkdir(parents=True)
        (extension / "metadata.json").write_text(json.dumps(METADATA))
        (extension / "extension.js").write_text(EXTENSION_JS)
        keyfile = self.home / ".config/glib-2.0/settings/keyfile"
        keyfile.parent.mkdir(parents=True)
        keyfile.write_text(KEYFILE)
        self.give(self.home)

    def _ready(self) -> bool:
        if self._shell.poll() is not None:
            log = self.log("gnome-shell.log")[-3000:]
            raise AssertionError(f"gnome-shell exited ({self._shell.returncode}):\n{log}")
        return "PRESENCE-READY" in self.log("gnome-shell.log")

    def _wayland_socket(self) -> str | None:
        sockets = sorted(p.name for p in self.runtime.glob("wayland-*") if not p.suffix)
        return sockets[0] if sockets else None

    # --- looking -----------------------------------------------------------

    def eval(self, script: str) -> Any:
        """Run JavaScript in the shell; return its JSON-decoded result."""
        result = self.run(
            ["gdbus", "call", "--session", "--dest", "org.gnome.Shell",
             "--object-path", "/org/gnome/Shell", "--method", "org.gnome.Shell.Eval",
             f"(() => {{ {PRELUDE} {script_body(script)} }})()"],
        )  # fmt: skip
        if result.returncode != 0:
            return None
        match = re.match(r"^\((true|false), '(.*)'\)$", result.stdout.strip(), re.S)
        if match is None or match.group(1) != "true":
            return None
        text = re.sub(r"\\(.)", r"\1", match.group(2))  # undo GVariant's escapes
        return json.loads(text) if text and text != "undefined" else None

    def focus_window(self) -> dict[str, Any] | None:
        return self.eval(  # type: ignore[no-any-return]
            "const w = global.display.focus_window; if (!w) return null;"
            "const r = w.get_frame_rect();"
            "return {title: w.get_title(), pid: w.get_pid(), rect: [r.x, r.y, r.width, r.height]};"
        )

    def windows(self) -> list[dict[str, Any]]:
        return list(
            self.eval(
                "return global.get_window_actors().map(a => a.meta_window).map(w => {"
                "const r = w.get_frame_rect();"
                "return {title: w.get_title(), pid: w.get_pid(), type: w.get_window_type(),"
                " rect: [r.x, r.y, r.width, r.height], focused: w.has_focus()}; });"
            )
            or []
        )

    def focus_log(self) -> list[dict[str, Any] | None]:
        """Every focus change the extension logged, oldest first."""
        changes: list[dict[str, Any] | None] = []
        for line in self.log("gnome-shell.log").splitlines():
            match = _FOCUS_LINE.search(line)
            if match:
                changes.append(json.loads(match.group(1)))
        return changes

    def notifications(self) -> list[dict[str, Any]]:
        """The notifications in GNOME's message tray: title, body, action labels."""
        return list(
            self.eval(
                "return Main.messageTray.getSources().flatMap(s => s.notifications.map(n => ({"
                "title: n.title, body: n.bannerBodyText, source: s.title,"
                " actions: (n.actions || []).map(a => a.label)})));"
            )
            or []
        )

    def screenshot(self, target: Path) -> Path:
        inside = self.logs / target.name
        result = self.run(
            ["gdbus", "call", "--session", "--dest", "org.gnome.Shell.Screenshot",
             "--object-path", "/org/gnome/Shell/Screenshot",
             "--method", "org.gnome.Shell.Screenshot.Screenshot", "false", "false", str(inside)],
        )  # fmt: skip
        assert result.returncode == 0 and "true" in result.stdout, result.stderr + result.stdout
        target.write_bytes(inside.read_bytes())
        return target

    # --- acting ------------------------------------------------------------

    def type(self, text: str) -> None:
        """Type ``text`` (ASCII) through a Clutter virtual keyboard, key by key."""
        keyvals = ",".join(str(ord(char)) for char in text)
        script = (
            KEYBOARD + "const kb = global._presenceKeyboard;"
            f"let t = GLib.get_monotonic_time(); for (const k of [{keyvals}]) {{"
            " kb.notify_keyval(t++, k, Clutter.KeyState.PRESSED);"
            " kb.notify_keyval(t++, k, Clutter.KeyState.RELEASED); } return true;"
        )
        assert self.eval(script) is True, "typing through the virtual keyboard failed"


def script_body(script: str) -> str:
    """A function body: an expression becomes ``return (expression);``."""
    return script if "return " in script else f"return ({script});"
