"""The command line: ``presence-app`` and ``python -m presence_app``.

Without a subcommand it starts the tray app. Subcommands live in
``presence_app.commands``; each module registers its own parsers. Only
argparse and the standard library are imported here, so that commands which
merely talk to the running app (``presence-app pause``) answer quickly.

Exit codes (a contract): 0 success, 1 a command failed (message on stderr),
2 usage error, 3 no running app for a command that needs one.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from presence_app import __version__
from presence_app.i18n import _

if TYPE_CHECKING:
    import argparse

COMMAND_MODULES: tuple[str, ...] = ("config", "schedule", "sound", "journal", "remote", "desktop")

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_NO_APP = 3


def build_parser() -> argparse.ArgumentParser:
    """Build the whole parser, asking each command module to add its part."""
    from presence_app.cliparser import Parser

    parser = Parser(
        prog="presence-app",
        description=_(
            "A gentle bell that invites short pauses. Without a command, starts the tray app."
        ),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"%(prog)s {__version__}",
        help=_("show program's version number and exit"),
    )
    subparsers = parser.add_subparsers(title=_("commands"), metavar="COMMAND")
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"presence_app.commands.{name}")
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return the exit code."""
    if not (sys.argv[1:] if argv is None else argv):
        # Starting the app is the common case (every login): the subcommands'
        # parsers, and the modules they import, are not needed for it.
        return _start_app(None)
    from presence_app.core.paths import Paths
    from presence_app.localesetup import setup_language

    setup_language(Paths.from_platform().settings_file)
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        return _start_app(args)
    try:
        result: int = handler(args)
    except BrokenPipeError:
        # The reader went away (`presence-app schedule | head`): nothing to say.
        # Point stdout at /dev/null so the interpreter's final flush is quiet.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    return result


def _start_app(args: argparse.Namespace | None) -> int:
    from presence_app.app import run

    return run(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
