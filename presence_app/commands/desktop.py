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
from presence_app.i18n import N_, _

EXIT_OK = 0
EXIT_FAILED = 1

IN_FLATPAK_INSTALL = N_(
    "Flatpak already keeps Presence in your applications menu; nothing was added."
)
IN_FLATPAK_REMOVE = N_(
    "Flatpak keeps Presence in your applications menu; `flatpak uninstall {app}` takes it out."
)
NOTHING_TO_REMOVE = N_("Presence was not in your applications menu, so nothing was removed.")


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add ``desktop install`` and ``desktop remove`` to the parser."""
    desktop = subparsers.add_parser(
        "desktop", help=_("add Presence to the applications menu, or take it out")
    )
    actions = desktop.add_subparsers(title=_("actions"), metavar="ACTION", required=True)
    install = actions.add_parser(
        "install", help=_("add the launcher, icon and metainfo to your applications menu")
    )
    install.set_defaults(handler=run_install)
    remove = actions.add_parser(
        "remove", help=_("take them out again (the journal and settings stay)")
    )
    remove.set_defaults(handler=run_remove)


def run_install(args: argparse.Namespace) -> int:
    """Add the launcher for the command that is running now."""
    from presence_app.adapters.autostart import launch_command
    from presence_app.adapters.installation import in_flatpak
    from presence_app.adapters.launcher import default_files, install_launcher
    from presence_app.core.settings import os_error_reason

    if in_flatpak():
        print(_(IN_FLATPAK_INSTALL))
        return EXIT_OK
    files = default_files()
    command = launch_command()
    try:
        install_launcher(command, files, _record())
    except OSError as error:
        print(
            _(
                "Presence could not be added to your applications menu ({reason}). "
                "Nothing was changed."
            ).format(reason=os_error_reason(error)),
            file=sys.stderr,
        )
        return EXIT_FAILED
    print(_("Presence is in your applications menu now, with its icon."))
    print(_('Right-click it there for "Pause now", "Journal" and "Settings".'))
    print(_("It starts: {command}").format(command=shlex.join(command)))
    print(_("Added:"))
    for path in files.files:
        print(f"  {path}")
    print(_("To take it out again: {command}").format(command="presence-app desktop remove"))
    return EXIT_OK


def run_remove(args: argparse.Namespace) -> int:
    """Take the launcher, icon and metainfo out again."""
    from presence_app.adapters.installation import in_flatpak
    from presence_app.adapters.launcher import default_files, remove_launcher
    from presence_app.core.settings import os_error_reason

    if in_flatpak():
        print(_(IN_FLATPAK_REMOVE).format(app=APP_ID))
        return EXIT_OK
    files = default_files()
    try:
        removed = remove_launcher(files, _record())
    except OSError as error:
        left = next((str(path) for path in files.files if path.exists()), str(files.entry))
        print(
            _(
                "Presence could not be taken out of your applications menu ({reason}). "
                "Removing {path} by hand does it."
            ).format(reason=os_error_reason(error), path=left),
            file=sys.stderr,
        )
        return EXIT_FAILED
    if not removed:
        print(_(NOTHING_TO_REMOVE))
        return EXIT_OK
    print(_("Presence is no longer in your applications menu."))
    print(_("Your journal and settings are as they were."))
    return EXIT_OK


def _record() -> Path:
    """The note of what the install created, in the state folder."""
    from presence_app.core.paths import Paths

    return Paths.from_platform().state_dir / "launcher.json"
