"""``presence-app schedule``: preview the coming bells, no running app needed.

The preview reads the settings file, reports on stderr whatever in it could
not be used (as the settings loader words it), and prints the bells the
valid rules give, assuming each bell is answered with a pause of its full
length. Times are shown in the local zone (``TZ`` is honoured); ``--json``
gives instants with their UTC offset for scripts.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import UTC, datetime, time, tzinfo
from typing import Any, TextIO

from presence_app.core.cue import Cue
from presence_app.core.durations import format_duration
from presence_app.core.paths import Paths
from presence_app.core.schedule import preview
from presence_app.core.settings import LoadResult, load_settings
from presence_app.core.timebounds import out_of_range
from presence_app.core.timefmt import time_format
from presence_app.core.timezone import local_zone, wall_to_instant
from presence_app.i18n import _, ngettext

MAX_DAYS = 366


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add this module's commands to the parser."""
    parser = subparsers.add_parser(
        "schedule",
        help=_("preview the coming bells from the settings (no app needed)"),
        description=_(
            "Show the bells the schedules in the settings would ring, assuming each "
            "is answered with a pause of its full length."
        ),
    )
    parser.add_argument(
        "--from",
        dest="start",
        metavar="ISO",
        type=_start,
        help=_("start here (ISO-8601; without an offset, local time); default: now"),
    )
    parser.add_argument(
        "--days", type=_days, default=7, metavar="N", help=_("days to show (default 7)")
    )
    parser.add_argument(
        "--seed", type=int, metavar="N", help=_("fix the jitter, so the preview repeats")
    )
    parser.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Print the preview; settings problems go to stderr."""
    result = load_settings(Paths.from_platform().settings_file)
    report_problems(result, sys.stderr)
    zone = local_zone()
    start = args.start if args.start is not None else datetime.now(UTC)
    start = start if start.tzinfo is not None else _local_instant(start, zone)
    settings = result.settings
    cues = preview(
        settings.schedules,
        zone,
        start=start,
        days=args.days,
        default_pause=settings.pause.length,
        seed=args.seed,
    )
    if args.json:
        print(json.dumps(cues_to_json(cues, zone), indent=2))
    else:
        print("\n".join(cue_lines(cues, zone)) or no_bells(start, args.days, zone))
    return 0


def report_problems(result: LoadResult, stream: TextIO) -> None:
    """Write the loader's summary and each problem, one a line."""
    summary = result.summary()
    if summary is None:
        return
    print(summary, file=stream)
    for problem in result.problems:
        if str(problem) != summary:
            print(f"  {problem}", file=stream)


def cue_lines(cues: Sequence[Cue], zone: tzinfo) -> list[str]:
    """Return one line a bell: weekday, local date and time, rules, pause."""
    return [
        _("{when}  {rules} · {length} pause").format(
            when=_local_stamp(cue.at, zone),
            rules=" + ".join(cue.rules),
            length=format_duration(cue.pause),
        )
        for cue in cues
    ]


def cues_to_json(cues: Sequence[Cue], zone: tzinfo) -> list[dict[str, Any]]:
    """Return the bells as JSON objects with local instants and their offsets."""
    return [
        {
            "at": cue.at.astimezone(zone).isoformat(),
            "rules": list(cue.rules),
            "pause_seconds": round(cue.pause.total_seconds()),
        }
        for cue in cues
    ]


def no_bells(start: datetime, days: int, zone: tzinfo) -> str:
    text = ngettext(
        "No bells in the day from {start}.", "No bells in the {count} days from {start}.", days
    )
    return text.format(count=days, start=_local_stamp(start, zone))


def _local_stamp(instant: datetime, zone: tzinfo) -> str:
    return time_format().short_date_time(instant.astimezone(zone))


def _local_instant(naive: datetime, zone: tzinfo) -> datetime:
    """Read a naive time as local wall time (a skipped one moves forward)."""
    wall = time(naive.hour, naive.minute, naive.second, naive.microsecond)
    return wall_to_instant(naive.date(), wall, zone)


def _start(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _(
                '"{text}" is not an ISO-8601 time; write it like 2026-03-02T09:00 '
                "or 2026-03-02T09:00+01:00"
            ).format(text=text)
        ) from None
    problem = out_of_range(moment, text)
    if problem is not None:
        raise argparse.ArgumentTypeError(problem)
    return moment


def _days(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= MAX_DAYS:
        raise argparse.ArgumentTypeError(
            _('must be a whole number from 1 to {most} (found "{text}")').format(
                most=MAX_DAYS, text=text
            )
        )
    return int(text)
