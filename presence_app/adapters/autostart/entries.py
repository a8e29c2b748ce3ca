"""The login entries themselves, as plain text and bytes: no files, no registry.

Each platform starts programs at login from its own kind of entry: a
Desktop Entry file (Linux and the BSDs, per the freedesktop autostart
spec), a value under the registry's ``Run`` key (Windows), a launch agent
property list (macOS). Writing those entries correctly is mostly about
quoting a command that may hold spaces or odd characters, so that part
lives here, pure and testable on any machine; ``autostart`` does the I/O.
The app imports this at start-up on every platform, so the modules only
Windows or macOS need (``subprocess``, ``plistlib``) are imported on use.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from presence_app import APP_ID

DESKTOP_GROUP = "[Desktop Entry]"
AUTOSTART_DELAY_S = 2
"""Seconds the desktop waits before starting Presence, so the panel settles first."""

_RESERVED = frozenset(" \t\n\"'\\><~|&;$*?#()`")
"""Characters that make the Desktop Entry spec ask for a quoted argument."""
_QUOTED_ESCAPES = re.compile(r'(["`$\\])')
_STRING_ESCAPES = {"\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def desktop_exec(command: Sequence[str]) -> str:
    """Write ``command`` as the value of a Desktop Entry ``Exec`` key.

    The spec's quoting rule comes first: an argument with a reserved
    character goes in double quotes, with ``"``, `````, ``$`` and ``\\``
    escaped by a backslash inside; ``%`` is doubled so that it is not read
    as a field code. The general string escapes are applied on top, since
    a reader undoes them first (so one backslash in a path becomes four).
    """
    line = " ".join(_exec_argument(argument) for argument in command)
    return "".join(_STRING_ESCAPES.get(char, char) for char in line)


def _exec_argument(argument: str) -> str:
    argument = argument.replace("%", "%%")
    if argument and _RESERVED.isdisjoint(argument):
        return argument
    return '"' + _QUOTED_ESCAPES.sub(r"\\\1", argument) + '"'


def desktop_entry(command: Sequence[str]) -> str:
    """Return the autostart Desktop Entry file that runs ``command`` at login."""
    lines = [
        DESKTOP_GROUP,
        "Type=Application",
        "Name=Presence",
        "Comment=A gentle bell that invites short pauses",
        f"Exec={desktop_exec(command)}",
        f"Icon={APP_ID}",
        "Terminal=false",
        "X-GNOME-Autostart-enabled=true",
        f"X-GNOME-Autostart-Delay={AUTOSTART_DELAY_S}",
        # Start once the panel (and with it the tray) is there.
        "X-KDE-autostart-after=panel",
        "X-LXQt-Need-Tray=true",
    ]
    return "\n".join(lines) + "\n"


def desktop_entry_keys(text: str) -> dict[str, str]:
    """Read the keys of the ``[Desktop Entry]`` group (values left escaped)."""
    keys: dict[str, str] = {}
    group = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            group = line
        elif group == DESKTOP_GROUP and "=" in line:
            key, value = line.split("=", 1)
            keys.setdefault(key.strip(), value.strip())
    return keys


def desktop_entry_runs(text: str) -> str | None:
    """Return the ``Exec`` value of an entry the desktop will start, or None.

    An entry switched off by ``Hidden=true`` or
    ``X-GNOME-Autostart-enabled=false`` does not start anything.
    """
    keys = desktop_entry_keys(text)
    if keys.get("Hidden") == "true" or keys.get("X-GNOME-Autostart-enabled") == "false":
        return None
    return keys.get("Exec")


def windows_command_line(command: Sequence[str]) -> str:
    """Return ``command`` as one Windows command line, quoted as programs parse it.

    ``subprocess.list2cmdline`` follows the Microsoft C runtime rules, which
    is how both the ``Run`` key's starter and Python split a command line.
    """
    import subprocess

    return subprocess.list2cmdline(command)


def launch_agent(command: Sequence[str]) -> bytes:
    """Return the macOS launch agent property list that runs ``command`` at login."""
    import plistlib

    agent = {
        "Label": APP_ID,
        "ProgramArguments": list(command),
        "RunAtLoad": True,
        # Only in the graphical session, where the menu bar (the tray) lives.
        "LimitLoadToSessionType": "Aqua",
        "ProcessType": "Interactive",
    }
    return plistlib.dumps(agent)


def launch_agent_runs(data: bytes) -> list[str] | None:
    """Return the command a launch agent runs at login, or None if it runs none.

    Raises:
        ValueError: the data is not a property list of the expected shape.
    """
    import plistlib
    from xml.parsers.expat import ExpatError

    try:
        agent = plistlib.loads(data)
    except ExpatError as error:  # malformed XML is not a ValueError of its own
        raise ValueError(str(error)) from error
    if not isinstance(agent, dict) or agent.get("RunAtLoad") is not True:
        return None
    arguments = agent.get("ProgramArguments")
    if not isinstance(arguments, list) or not all(isinstance(a, str) for a in arguments):
        raise ValueError("ProgramArguments is not a list of texts")
    return arguments
