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
from presence_app.core.timefmt import TimeFormat, time_format
from presence_app.core.timewords import day_words, duration_words, reason_clause
from presence_app.i18n import N_, _

Format = Literal["md", "json", "csv"]
FORMATS: tuple[Format, ...] = ("md", "json", "csv")

_STARTED_BY = {
    "schedule": N_("A pause of {length}, after the bell{rules}"),
    "tray": N_("A pause of {length}, started from the tray{rules}"),
    "shortcut": N_("A pause of {length}, started with the shortcut{rules}"),
    "command": N_("A pause of {length}, started from the command line{rules}"),
}
"""How a pause began, as the start of its sentence ({rules}: " (Work day)" or "")."""

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


def render(
    entries: Sequence[JournalEntry], fmt: Format, zone: tzinfo, clock: TimeFormat | None = None
) -> str:
    """Render ``entries`` (oldest first) in ``fmt``, with times in ``zone``.

    Markdown is written in the app's language with ``clock``'s times (the
    user's, by default); JSON and CSV keep ISO 8601 and the journal's own words.
    """
    if fmt == "md":
        return _markdown(entries, zone, clock or time_format())
    if fmt == "json":
        return json.dumps([_record(e, zone) for e in entries], ensure_ascii=False, indent=2) + "\n"
    return _csv(entries, zone)


# --- Markdown ---------------------------------------------------------------


def _markdown(entries: Sequence[JournalEntry], zone: tzinfo, clock: TimeFormat) -> str:
    lines = [_("# Presence journal"), ""]
    if not entries:
        lines += [_("Nothing has been written here yet."), ""]
    for day, group in groupby(entries, key=lambda e: e.at.astimezone(zone).date()):
        lines += [f"## {day_words(day, clock)}", ""]
        for entry in group:
            lines += [f"**{clock.clock(entry.at.astimezone(zone))}** · {describe(entry)}", ""]
            if entry.reflection is not None:
                lines += [*_quote(entry.reflection), ""]
    return "\n".join(lines)


def describe(entry: JournalEntry) -> str:
    """Say in plain words what happened, as one sentence."""
    if entry.is_reflection_only:
        return _("A reflection.")
    rules = f" ({', '.join(entry.rules)})" if entry.rules else ""
    outcome = entry.outcome.value
    if outcome == "passed":
        return _("The bell was let pass{rules}.").format(rules=rules)
    if outcome == "quiet" and entry.reason:
        return _("The bell stayed quiet {reason}{rules}.").format(
            reason=reason_clause(entry.reason), rules=rules
        )
    if outcome == "quiet":
        return _("The bell stayed quiet{rules}.").format(rules=rules)
    if outcome == "rang":
        return _("The bell rang{rules}.").format(rules=rules)
    if outcome not in ("completed", "ended early", "unfinished"):
        return _("The bell: {outcome}{rules}.").format(outcome=outcome, rules=rules)
    return _pause_sentence(entry, outcome, rules)


def _pause_sentence(entry: JournalEntry, outcome: str, rules: str) -> str:
    start = _STARTED_BY.get(entry.source.value)
    length = duration_words(entry.planned)
    if start is None:
        began = _("A pause of {length}, started by {source}{rules}").format(
            length=length, source=entry.source.value, rules=rules
        )
    else:
        began = _(start).format(length=length, rules=rules)
    if outcome == "unfinished":
        return _("{pause}; its end was not recorded.").format(pause=began)
    if outcome == "ended early" and entry.started and entry.ended:
        return _("{pause}; it ended after {length}.").format(
            pause=began, length=duration_words(entry.ended - entry.started)
        )
    return _("{pause}.").format(pause=began)


def _quote(reflection: Reflection) -> list[str]:
    lines = [f"> *{reflection.prompt}*", ">"]
    lines += [f"> {line}".rstrip() for line in reflection.text.splitlines() or [""]]
    if reflection.feelings:
        feelings = ", ".join(reflection.feelings)
        lines += [">", "> " + _("Feeling {feelings}.").format(feelings=feelings)]
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
