"""Turn journal entries into text the user can keep: Markdown, JSON or CSV.

Markdown is for reading: a small diary with a heading per day, local times,
outcomes said in plain words and reflections quoted with their prompt and
feeling words. JSON and CSV are for other programs: every field, instants
in ISO-8601 with the local offset.
"""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from datetime import datetime, tzinfo
from itertools import groupby
from typing import Any, Literal

from presence_app.core.journal import JournalEntry, Reflection
from presence_app.core.timewords import day_words, duration_words, reason_clause

Format = Literal["md", "json", "csv"]
FORMATS: tuple[Format, ...] = ("md", "json", "csv")

_STARTED_BY = {
    "schedule": "after the bell",
    "tray": "started from the tray",
    "shortcut": "started with the shortcut",
    "command": "started from the command line",
}

CSV_FIELDS = (
    "id",
    "at",
    "cue_at",
    "started",
    "ended",
    "outcome",
    "source",
    "rules",
    "planned_seconds",
    "reason",
    "reflection_written",
    "prompt",
    "text",
    "feelings",
)


def render(entries: Sequence[JournalEntry], fmt: Format, zone: tzinfo) -> str:
    """Render ``entries`` (oldest first) in ``fmt``, with times in ``zone``."""
    if fmt == "md":
        return _markdown(entries, zone)
    if fmt == "json":
        return json.dumps([_record(e, zone) for e in entries], ensure_ascii=False, indent=2) + "\n"
    return _csv(entries, zone)


# --- Markdown ---------------------------------------------------------------


def _markdown(entries: Sequence[JournalEntry], zone: tzinfo) -> str:
    lines = ["# Presence journal", ""]
    if not entries:
        lines += ["Nothing has been written here yet.", ""]
    for day, group in groupby(entries, key=lambda e: e.at.astimezone(zone).date()):
        lines += [f"## {day_words(day)}", ""]
        for entry in group:
            lines += [f"**{entry.at.astimezone(zone):%H:%M}** · {describe(entry)}", ""]
            if entry.reflection is not None:
                lines += [*_quote(entry.reflection), ""]
    return "\n".join(lines)


def describe(entry: JournalEntry) -> str:
    """Say in plain words what happened, as one sentence."""
    if entry.is_reflection_only:
        return "A reflection."
    rules = f" ({', '.join(entry.rules)})" if entry.rules else ""
    outcome = entry.outcome.value
    if outcome == "passed":
        return f"The bell was let pass{rules}."
    if outcome == "quiet":
        why = f" {reason_clause(entry.reason)}" if entry.reason else ""
        return f"The bell stayed quiet{why}{rules}."
    if outcome == "rang":
        return f"The bell rang{rules}."
    if outcome not in ("completed", "ended early", "unfinished"):
        return f"The bell: {outcome}{rules}."
    how = _STARTED_BY.get(entry.source.value, f"started by {entry.source.value}")
    sentence = f"A pause of {duration_words(entry.planned)}, {how}{rules}"
    if outcome == "unfinished":
        return sentence + "; its end was not recorded."
    if outcome == "ended early" and entry.started and entry.ended:
        sentence += f"; it ended after {duration_words(entry.ended - entry.started)}"
    return sentence + "."


def _quote(reflection: Reflection) -> list[str]:
    lines = [f"> *{reflection.prompt}*", ">"]
    lines += [f"> {line}".rstrip() for line in reflection.text.splitlines() or [""]]
    if reflection.feelings:
        lines += [">", f"> Feeling {', '.join(reflection.feelings)}."]
    return lines


# --- JSON and CSV -----------------------------------------------------------


def _iso(moment: datetime | None, zone: tzinfo) -> str | None:
    return None if moment is None else moment.astimezone(zone).isoformat(timespec="seconds")


def _record(entry: JournalEntry, zone: tzinfo) -> dict[str, Any]:
    pause_known = not entry.is_reflection_only
    reflection = entry.reflection
    return {
        "id": entry.id,
        "at": _iso(entry.at, zone),
        "cue_at": _iso(entry.cue_at, zone),
        "started": _iso(entry.started, zone),
        "ended": _iso(entry.ended, zone),
        "outcome": entry.outcome.value if pause_known else None,
        "source": entry.source.value if pause_known else None,
        "rules": list(entry.rules),
        "planned_seconds": round(entry.planned.total_seconds()),
        "reason": entry.reason,
        "reflection": None
        if reflection is None
        else {
            "written": _iso(reflection.written, zone),
            "prompt": reflection.prompt,
            "text": reflection.text,
            "feelings": list(reflection.feelings),
        },
    }


def _csv(entries: Sequence[JournalEntry], zone: tzinfo) -> str:
    import csv  # only when exporting

    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS)
    writer.writeheader()
    for entry in entries:
        record = _record(entry, zone)
        reflection = record.pop("reflection") or {}
        record["rules"] = "; ".join(record["rules"])
        record["reflection_written"] = reflection.get("written")
        record["prompt"] = reflection.get("prompt")
        record["text"] = reflection.get("text")
        record["feelings"] = ", ".join(reflection.get("feelings", ()))
        writer.writerow(record)
    return out.getvalue()
