"""``presence-app journal``: open the journal window, or export the journal.

``journal`` alone asks the running app to show its journal window (exit 3
if none runs). ``journal export`` needs no app: it reads the journal file
directly (SQLite's WAL lets it read while the app writes), renders it with
``core.export`` in local time, and prints it or writes it atomically with
``-o``. A journal that does not exist yet is not created: the export is
empty, and a note on stderr says why.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from presence_app.commands.remote import EXIT_FAILED, EXIT_OK, request
from presence_app.core.exportfile import ExportTargetError, write_export
from presence_app.core.paths import Paths
from presence_app.core.timebounds import out_of_range
from presence_app.core.timezone import local_zone
from presence_app.i18n import _

if TYPE_CHECKING:
    from presence_app.core.journal import JournalEntry


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add this module's commands to the parser."""
    journal = subparsers.add_parser(
        "journal", help=_("open the journal window, or export the journal")
    )
    journal.set_defaults(handler=run_show)
    actions = journal.add_subparsers(title=_("actions"), metavar="ACTION")
    export = actions.add_parser(
        "export", help=_("write the journal as Markdown, JSON or CSV (no running app needed)")
    )
    export.add_argument(
        "--format",
        choices=("md", "json", "csv"),
        default="md",
        help=_("Markdown (in your language) or JSON or CSV (for programs); default: md"),
    )
    export.add_argument(
        "--since",
        type=since_date,
        metavar="DATE",
        help=_("only entries from this local date or time on, such as 2026-11-01"),
    )
    export.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help=_("write to FILE instead of printing")
    )
    export.set_defaults(handler=run_export)


def since_date(text: str) -> datetime:
    """Read ``--since``: a local date (from its midnight) or a date and time."""
    zone = local_zone()
    try:
        moment = datetime.combine(date.fromisoformat(text), time(0))
    except ValueError:
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            raise argparse.ArgumentTypeError(
                _(
                    '"{text}" is not a date; use a form such as 2026-11-01 or 2026-11-01T09:00'
                ).format(text=text)
            ) from None
    problem = out_of_range(moment, text)
    if problem is not None:
        raise argparse.ArgumentTypeError(problem)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=zone)


def run_show(args: argparse.Namespace) -> int:
    reply = request({"command": "show", "window": "journal"})
    if isinstance(reply, int):
        return reply
    print(_("The journal is open."))
    return EXIT_OK


def run_export(args: argparse.Namespace) -> int:
    from presence_app.core.export import render

    entries = _read(Paths.from_platform().journal_file, args.since)
    if isinstance(entries, int):
        return entries
    text = render(entries, args.format, local_zone())
    if args.output is None:
        sys.stdout.write(text)
        return EXIT_OK
    try:
        write_export(args.output, text.encode("utf-8"))  # as private as the journal
    except ExportTargetError as error:
        print(error, file=sys.stderr)
        return EXIT_FAILED
    except OSError as error:
        print(
            _("The export could not be written to {path} ({reason}).").format(
                path=args.output, reason=error
            ),
            file=sys.stderr,
        )
        return EXIT_FAILED
    print(_("The journal was written to {path}.").format(path=args.output))
    return EXIT_OK


def _read(path: Path, since: datetime | None) -> list[JournalEntry] | int:
    """Return the entries, or the exit code after saying why they cannot be read."""
    import sqlite3

    from presence_app.core.journal import Journal, JournalError

    if not path.exists():
        print(
            _(
                "There is no journal yet at {path}, so the export is empty. "
                "Pauses and reflections are kept there from the first bell on."
            ).format(path=path),
            file=sys.stderr,
        )
        return []
    try:
        journal = Journal(path, read_only=True)
        try:
            return journal.entries(since=since)
        finally:
            journal.close()
    except JournalError as error:
        print(error, file=sys.stderr)
    except (sqlite3.Error, OSError) as error:
        print(
            _("The journal at {path} could not be read ({reason}). It was left as it is.").format(
                path=path, reason=error
            ),
            file=sys.stderr,
        )
    return EXIT_FAILED
