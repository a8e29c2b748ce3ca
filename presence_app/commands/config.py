"""``presence-app config path | show | check [FILE]``: the settings file from
the command line.

None of these commands ever writes or creates a file: ``show`` and
``check`` only read, so that looking never changes anything. Problems go to
the user as the same sentences the app shows; ``check`` prints them on
standard output (they are what was asked for) and exits 1 when there are
any, while ``show`` prints the effective TOML on standard output and the
problems on standard error, so its output can be redirected into a file.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from presence_app.cli import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from presence_app.i18n import _, ngettext


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add ``config`` and its three commands to the parser."""
    parser = subparsers.add_parser(
        "config",
        help=_("find, show or check the settings file"),
        description=_("Find, show or check the settings file. None of these commands changes it."),
    )
    parser.set_defaults(handler=lambda args: _usage(parser))
    commands = parser.add_subparsers(title=_("commands"), metavar="COMMAND")
    _register_path_and_show(commands)
    _register_check(commands)


def _register_path_and_show(commands: argparse._SubParsersAction[Any]) -> None:
    path = commands.add_parser(
        "path",
        help=_("print where the settings file lives"),
        description=_("Print the path of the settings file (it may not exist yet)."),
    )
    path.set_defaults(handler=_path)
    show = commands.add_parser(
        "show",
        help=_("print the settings in effect, as TOML"),
        description=_(
            "Print the settings Presence uses, as TOML: the file's values where they "
            "are valid, defaults elsewhere. Problems are printed on standard error."
        ),
    )
    show.set_defaults(handler=_show)


def _register_check(commands: argparse._SubParsersAction[Any]) -> None:
    check = commands.add_parser(
        "check",
        help=_("check a settings file and list every problem"),
        description=_(
            "Check a settings file and list every problem found. "
            "Exits with 0 when the file is clean and 1 when something needs a look."
        ),
    )
    check.add_argument(
        "file",
        nargs="?",
        type=Path,
        metavar="FILE",
        help=_("the file to check (default: your settings file)"),
    )
    check.set_defaults(handler=_check)


def _settings_file() -> Path:
    from presence_app.core.paths import Paths

    return Paths.from_platform().settings_file


def _usage(parser: argparse.ArgumentParser) -> int:
    sys.stderr.write(parser.format_usage())
    print(
        _("{command}: choose one of: {choices}").format(
            command="presence-app config", choices="path, show, check"
        ),
        file=sys.stderr,
    )
    return EXIT_USAGE


def _path(args: argparse.Namespace) -> int:
    print(_settings_file())
    return EXIT_OK


def _show(args: argparse.Namespace) -> int:
    from presence_app.core.settings import FileState, load_settings, settings_to_toml

    path = _settings_file()
    result = load_settings(path)
    if result.file_state is FileState.MISSING:
        print(
            _("There is no settings file at {path} yet; these are the defaults.").format(
                path=path
            ),
            file=sys.stderr,
        )
    for problem in result.problems:
        print(problem, file=sys.stderr)
    print(settings_to_toml(result.settings, comments=True), end="")
    return EXIT_OK


def _check(args: argparse.Namespace) -> int:
    from presence_app.core.settings import FileState, load_settings

    path: Path = args.file if args.file is not None else _settings_file()
    result = load_settings(path)
    if result.file_state is FileState.MISSING:
        print(
            _("There is no settings file at {path}, so there is nothing to check.").format(
                path=path
            ),
            file=sys.stderr,
        )
        return EXIT_FAILED
    if not result.problems:
        print(_("No problems found in {path}.").format(path=path))
        return EXIT_OK
    for problem in result.problems:
        print(problem)
    count = len(result.problems)
    print(
        ngettext(
            "{count} problem found in {path}.", "{count} problems found in {path}.", count
        ).format(count=count, path=path)
    )
    return EXIT_FAILED
