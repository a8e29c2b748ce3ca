#!/usr/bin/python3
"""Walk Presence's windows the way a screen reader sees them (AT-SPI).

Why: names, roles and keyboard paths are only real if assistive technology
can read them. This script asks the desktop's accessibility bus (at-spi2)
for every window of a running Presence (or of ``scripts/window_gallery.py``)
and prints what a screen reader would hear, and what looks wrong.

It runs with the system Python, which has pyatspi (Debian:
``apt install at-spi2-core python3-pyatspi``), not in the venv:

    /usr/bin/python3 scripts/atspi_walk.py              the tree of each window
    /usr/bin/python3 scripts/atspi_walk.py --check      only the problems
    /usr/bin/python3 scripts/atspi_walk.py --tab 40     also press Tab 40 times
                                                        (with xdotool) and list
                                                        where the focus went
    /usr/bin/python3 scripts/atspi_walk.py --json       everything as JSON
    /usr/bin/python3 scripts/atspi_walk.py --listen 10  what is announced in the
                                                        next 10 seconds

To check by hand on your desktop: start Presence with accessibility on
(a running screen reader turns it on; otherwise start it with
``QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1 presence-app``), open a window
(``presence-app settings``, ``presence-app journal``, ``presence-app pause``),
and run this script. ``--pid`` picks one process; by default every
application named like Presence is walked. Exit status: 0 when nothing is
wrong, 1 when a problem was found, 2 when no window was found.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from typing import Any

INTERACTIVE = {
    "push button",
    "toggle button",
    "check box",
    "radio button",
    "combo box",
    "spin button",
    "text",
    "entry",
    "password text",
    "slider",
    "list",
    "list box",
    "menu item",
    "check menu item",
    "radio menu item",
    "menu",
    "page tab",
    "link",
    "table",
    "tree",
    "tree table",
}
"""Roles a person operates; each needs a name. (Scroll bars are left out:
Qt never names them, screen readers announce them by role, and they are
never Tab stops.)"""
CONTAINERS = {"filler", "panel", "scroll pane", "viewport", "unknown", "redundant object"}
WINDOW_ROLES = {
    "frame",
    "window",
    "dialog",
    "file chooser",
    "alert",
    "notification",
    "popup menu",
    "menu",
}


def _states(acc: Any) -> list[str]:
    import pyatspi

    try:
        return sorted(pyatspi.stateToString(s) for s in acc.getState().getStates())
    except Exception:  # a node that went away while walked
        return []


def _keys(acc: Any) -> list[str]:
    try:
        action = acc.queryAction()
    except NotImplementedError:
        return []
    return [key for i in range(action.nActions) for key in [action.getKeyBinding(i)] if key]


def _text(acc: Any) -> str | None:
    try:
        text = acc.queryText()
    except NotImplementedError:
        return None
    return str(text.getText(0, -1))


def node(acc: Any, depth: int = 0) -> dict[str, Any]:
    """One accessible object and everything under it, as plain values."""
    found = {
        "role": acc.getRoleName(),
        "name": acc.name or "",
        "description": acc.description or "",
        "states": _states(acc),
        "keys": _keys(acc),
        "attributes": dict(
            pair.split(":", 1) for pair in (acc.getAttributes() or []) if ":" in pair
        ),
    }
    text = _text(acc)
    if text is not None:
        found["text"] = text
    found["children"] = [
        node(child, depth + 1)
        for child in (acc.getChildAtIndex(i) for i in range(min(acc.childCount, 500)))
        if child is not None
    ]
    return found


def applications(pid: int | None) -> list[Any]:
    import pyatspi

    desktop = pyatspi.Registry.getDesktop(0)
    found = []
    for index in range(desktop.childCount):
        app = desktop.getChildAtIndex(index)
        if app is None:
            continue
        try:
            app_pid = app.get_process_id()
        except Exception:
            continue
        name = (app.name or "").lower()
        if pid is not None and app_pid != pid:
            continue
        if pid is None and not any(part in name for part in ("presence", "gallery", "python")):
            continue
        found.append(app)
    return found


def flatten(tree: dict[str, Any]) -> list[dict[str, Any]]:
    nodes = [tree]
    for child in tree["children"]:
        nodes.extend(flatten(child))
    return nodes


def shown(tree: dict[str, Any]) -> list[dict[str, Any]]:
    """The objects on screen: showing, inside parents that are showing."""
    if "showing" not in tree["states"]:
        return []
    nodes = [tree]
    for child in tree["children"]:
        nodes.extend(shown(child))
    return nodes


def problems(window: dict[str, Any]) -> list[str]:
    """What a screen reader user would stumble on in one window."""
    found = []
    if window["role"] not in WINDOW_ROLES:
        found.append(f"the window is a {window['role']!r}, not a window or dialog")
    if not window["name"]:
        found.append("the window has no name")
    where = focused(window)
    if where is not None and where["role"] in CONTAINERS and not where["name"]:
        found.append(f"the focus is on an unnamed {where['role']}")
    keys: dict[str, str] = {}
    visible = shown(window)
    for item in flatten(window):
        showing = any(item is other for other in visible)
        label = f"{item['role']} {item['name']!r}"
        if showing and item["role"] in INTERACTIVE and not item["name"].strip():
            found.append(f"a {item['role']} has no name")
        for key in item["keys"]:
            mnemonic = key.split(";")[0].lower()
            # Only chords are mnemonics; a combo box's plain "Down" opens it.
            if "+" in mnemonic and showing:
                if mnemonic in keys and keys[mnemonic] != label:
                    found.append(f"{mnemonic} is both {keys[mnemonic]} and {label}")
                keys.setdefault(mnemonic, label)
    return found


def focused(tree: dict[str, Any]) -> dict[str, Any] | None:
    """The object with the keyboard focus.

    Qt marks a text field's viewport focused along with the field, and a
    list's current item along with the list (even the hidden list of a closed
    combo box): the deepest showing focused object that is not a plain
    container is the one a screen reader announces.
    """
    hits = [n for n in shown(tree) if "focused" in n["states"]]
    meaningful = [n for n in hits if n["role"] not in CONTAINERS]
    return (meaningful or hits or [None])[-1]


def tab_walk(app: Any, presses: int, timeout: float = 5.0) -> list[dict[str, str]]:
    """Press Tab ``presses`` times; return where the focus went after each press.

    "Where" is what a screen reader hears: the object of the focus event
    the application sends (``object:state-changed:focused``).
    """
    import pyatspi
    from gi.repository import GLib

    pid = app.get_process_id()
    arrived: list[Any] = []

    def on_focus(event: Any) -> None:
        try:
            mine = event.source.get_process_id() == pid
        except Exception:  # the object went away meanwhile
            return
        if event.detail1 == 1 and mine:
            arrived.append(event.source)

    pyatspi.Registry.registerEventListener(on_focus, "object:state-changed:focused")
    context = GLib.MainContext.default()
    visits = []
    try:
        for _ in range(presses):
            arrived.clear()
            subprocess.run(["xdotool", "key", "--clearmodifiers", "Tab"], check=True)
            deadline = time.monotonic() + timeout
            while not arrived and time.monotonic() < deadline:
                if not context.iteration(False):
                    time.sleep(0.01)
            # Let the events of the same move arrive too; the last one counts.
            settle = time.monotonic() + 0.15
            while time.monotonic() < settle:
                if not context.iteration(False):
                    time.sleep(0.01)
            source = arrived[-1] if arrived else None
            visits.append(
                {"role": source.getRoleName(), "name": source.name or ""} if source else {}
            )
    finally:
        pyatspi.Registry.deregisterEventListener(on_focus, "object:state-changed:focused")
    return visits


def listen(seconds: float) -> list[dict[str, str]]:
    """Collect the announcements made on the bus for ``seconds`` (what a screen reader speaks).

    Prints "LISTENING" (flushed) once the listener is registered.
    """
    import pyatspi
    from gi.repository import GLib

    heard: list[dict[str, str]] = []

    def on_announcement(event: Any) -> None:
        heard.append({"from": event.source.name or "", "words": str(event.any_data or "")})

    pyatspi.Registry.registerEventListener(on_announcement, "object:announcement")
    print("LISTENING", flush=True)
    context = GLib.MainContext.default()
    deadline = time.monotonic() + seconds
    try:
        while time.monotonic() < deadline:
            if not context.iteration(False):
                time.sleep(0.01)
    finally:
        pyatspi.Registry.deregisterEventListener(on_announcement, "object:announcement")
    return heard


def describe(tree: dict[str, Any], depth: int = 0) -> list[str]:
    """The tree as indented lines: role, name, description, keys, states."""
    states = [s for s in tree["states"] if s in ("focused", "checked", "invalid_entry")]
    parts = [f"{'  ' * depth}{tree['role']}", repr(tree["name"])]
    if tree["description"]:
        parts.append(f"— {tree['description']!r}")
    if tree["keys"]:
        parts.append(f"keys {tree['keys']}")
    if states:
        parts.append(f"[{', '.join(states)}]")
    if "showing" not in tree["states"]:
        return []
    lines = [" ".join(parts)]
    for child in tree["children"]:
        lines.extend(describe(child, depth + 1))
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pid", type=int, help="walk only this process")
    parser.add_argument("--check", action="store_true", help="print only the problems")
    parser.add_argument("--json", action="store_true", help="print everything as JSON")
    parser.add_argument("--tab", type=int, default=0, metavar="N", help="press Tab N times")
    parser.add_argument(
        "--listen", type=float, default=0, metavar="S", help="print announcements for S seconds"
    )
    args = parser.parse_args()
    if args.listen:
        json.dump(listen(args.listen), sys.stdout, ensure_ascii=False)
        print()
        return 0
    apps = applications(args.pid)
    windows = [
        (app, node(window))
        for app in apps
        for window in (app.getChildAtIndex(i) for i in range(app.childCount))
        if window is not None
    ]
    windows = [(app, tree) for app, tree in windows if "showing" in tree["states"]]
    if not windows:
        print("No Presence window is showing on the accessibility bus.", file=sys.stderr)
        return 2
    report = []
    for app, tree in windows:
        entry = {"window": tree, "problems": problems(tree)}
        if args.tab:
            entry["tab"] = tab_walk(app, args.tab)
        report.append(entry)
    if args.json:
        json.dump(report, sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        for entry in report:
            window = entry["window"]
            print(f"== {window['role']} {window['name']!r}")
            if not args.check:
                print("\n".join(describe(window)))
            for visit in entry.get("tab", []):
                print(f"   Tab → {visit.get('role')} {visit.get('name')!r}")
            for problem in entry["problems"]:
                print(f"   PROBLEM: {problem}")
    return 1 if any(entry["problems"] for entry in report) else 0


if __name__ == "__main__":
    os.environ.setdefault("NO_AT_BRIDGE", "1")
    sys.exit(main())
