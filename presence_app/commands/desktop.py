"""``presence-app desktop install | remove``: Presence in the applications menu.

A pip or pipx install gives a command and nothing in the menu; these two
commands add and take away the launcher (with "Pause now", "Journal" and
"Settings" on right-click), its icon and its metainfo in the user's data
folder. The work is done by ``adapters.launcher``; here are the words.
Inside Flatpak there is nothing to do: Flatpak keeps the launcher itself.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path
from typing import Any

from presence_app import APP_ID

EXIT_OK = 0
EXIT_FAILED = 1

IN_FLATPAK_INSTALL = "Flatpak already keeps Presence in your applications menu; nothing was added."
IN_FLATPAK_REMOVE = (
    f"Flatpak keeps Presence in your applications menu; `flatpak uninstall {APP_ID}` takes it out."
)
NOTHING_TO_REMOVE = "Presence was not in your applications menu, so nothing was removed."


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add ``desktop install`` and ``desktop remove`` to the parser."""
    desktop = subparsers.add_parser(
        "desktop", help="add Presence to the applications menu, or take it out"
    )
    actions = desktop.add_subparsers(title="actions", metavar="ACTION", required=True)
    install = actions.add_parser(
        "install", help="add the launcher, icon and metainfo to your applications menu"
    )
    install.set_defaults(handler=run_install)
    remove = actions.add_parser(
        "remove", help="take them out again (the journal and settings stay)"
    )
    remove.set_defaults(handler=run_remove)


def run_install(args: argparse.Namespace) -> int:
    """Add the launcher for the command that is running now."""
    from presence_app.adapters.autostart import launch_command
    from presence_app.adapters.installation import in_flatpak
    from presence_app.adapters.launcher import default_files, install_launcher
    from presence_app.core.settings import os_error_reason

    if in_flatpak():
        print(IN_FLATPAK_INSTALL)
        return EXIT_OK
    files = default_files()
    command = launch_command()
    try:
        install_launcher(command, files, _record())
    except OSError as error:
        print(
            "Presence could not be added to your applications menu "
            f"({os_error_reason(error)}). Nothing was changed.",
            file=sys.stderr,
        )
        return EXIT_FAILED
    print("Presence is in your applications menu now, with its icon.")
    print('Right-click it there for "Pause now", "Journal" and "Settings".')
    print(f"It starts: {shlex.join(command)}")
    print("Added:")
    for path in files.files:
        print(f"  {path}")
    print("To take it out again: presence-app desktop remove")
    return EXIT_OK


def run_remove(args: argparse.Namespace) -> int:
    """Take the launcher, icon and metainfo out again."""
    from presence_app.adapters.installation import in_flatpak
    from presence_app.adapters.launcher import default_files, remove_launcher
    from presence_app.core.settings import os_error_reason

    if in_flatpak():
        print(IN_FLATPAK_REMOVE)
        return EXIT_OK
    files = default_files()
    try:
        removed = remove_launcher(files, _record())
    except OSError as error:
        left = next((str(path) for path in files.files if path.exists()), str(files.entry))
        print(
            "Presence could not be taken out of your applications menu "
            f"({os_error_reason(error)}). Removing {left} by hand does it.",
            file=sys.stderr,
        )
        return EXIT_FAILED
    if not removed:
        print(NOTHING_TO_REMOVE)
        return EXIT_OK
    print("Presence is no longer in your applications menu.")
    print("Your journal and settings are as they were.")
    return EXIT_OK


def _record() -> Path:
    """The note of what the install created, in the state folder."""
    from presence_app.core.paths import Paths

    return Paths.from_platform().state_dir / "launcher.json"
