"""Explanatory comments for the settings file Presence writes afresh.

tomli-w cannot write comments, so they are added to its output line by
line: a short header, a note on schedule rules, and above every key the
row's sentence (plus the allowed values where there is a range or a
choice). The comments change nothing that the loader reads, so round trips
stay exact; they are there so that a person opening the file finds their
way without the README. (A save over a file the user already has keeps
that file's own comments instead; see ``keep``.)
"""

from __future__ import annotations

import re

from presence_app.core.settings.model import FIELDS
from presence_app.core.settings.rows import Field, Kind
from presence_app.core.settings.text import limit_text, one_of

HEADER = """\
# Presence settings. Edit freely; Presence notices when you save this file and
# uses it at once. Durations look like "90s", "45m" or "1h30m"; times of day
# like "21:30". `presence-app config check` lists anything Presence cannot use.
"""

SCHEDULES = """\
# Each [[schedules]] table is one rule, with either `every` (the space between
# pauses, 1m to 24h) or `at` (fixed times such as ["21:30"]). Optional:
# `jitter` (ring about every so often, less than half of `every`), `days`
# ("daily", "weekdays", "weekends" or a list such as ["mon", "tue"]), `hours`
# (such as ["09:00-12:30"]; "22:00-01:00" crosses midnight) and `pause`
# (this rule's pause length, 10s to 1h).
"""

_KEY_LINE = re.compile(r"([A-Za-z_]+) = ")
_TABLE_LINE = re.compile(r"\[\[?([A-Za-z_]+)\]\]?")


def add_comments(text: str) -> str:
    """Return tomli-w output with explanatory comments added."""
    fields = {field.key: field for field in FIELDS}
    lines = [HEADER]
    table = ""
    for line in text.splitlines():
        if table_match := _TABLE_LINE.fullmatch(line):
            if table_match.group(1) == "schedules" and table != "schedules":
                lines.append(SCHEDULES.rstrip("\n"))
            table = table_match.group(1)
        elif (key_match := _KEY_LINE.match(line)) and table != "schedules":
            name = key_match.group(1)
            key = f"{table}.{name}" if table else name
            if key in fields:
                lines.extend(comment_lines(fields[key]))
            elif key == "schedules":
                lines.append(SCHEDULES.rstrip("\n"))
        lines.append(line)
    return "\n".join(lines) + "\n"


def comment_lines(field: Field) -> list[str]:
    """The comment written above a key: its sentence, and what it allows."""
    comment = [f"# {field.sentence}"]
    if field.kind is Kind.CHOICE:
        comment.append(f"# One of {one_of(field.choices)}.")
    elif (
        field.minimum is not None
        and field.maximum is not None
        and field.kind is not Kind.TEXT_LIST
    ):
        comment.append(f"# From {limit_text(field.minimum)} to {limit_text(field.maximum)}.")
    return comment
