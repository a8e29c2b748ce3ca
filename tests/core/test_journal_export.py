"""Exports of a small fixed journal, in each format, checked exactly."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from presence_app.core.cue import Outcome, Source
from presence_app.core.export import render as export
from presence_app.core.journal import Journal, JournalEntry

BERLIN = ZoneInfo("Europe/Berlin")
T0 = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)  # 09:00 in Berlin
MINUTE = timedelta(minutes=1)


@pytest.fixture
def entries(tmp_path: Path) -> list[JournalEntry]:
    journal = Journal(tmp_path / "journal.sqlite3")
    journal.record(
        outcome=Outcome.PASSED,
        source=Source.SCHEDULE,
        rules=("Work day",),
        planned=MINUTE,
        cue_at=T0,
    )
    first = journal.record(
        outcome=Outcome.COMPLETED,
        source=Source.SCHEDULE,
        rules=("Work day",),
        planned=MINUTE,
        cue_at=T0 + 45 * MINUTE,
        started=T0 + 46 * MINUTE,
        ended=T0 + 47 * MINUTE,
    )
    journal.add_reflection(
        first,
        written=T0 + 48 * MINUTE,
        prompt="What did you notice?",
        text="The light on the wall.\n\nAnd my breath.",
        feelings=("calm", "tender"),
    )
    journal.record(
        outcome=Outcome.ENDED_EARLY,
        source=Source.COMMAND,
        planned=5 * MINUTE,
        started=T0 + timedelta(days=1, hours=12),
        ended=T0 + timedelta(days=1, hours=12, seconds=100),
    )
    journal.record(
        outcome=Outcome.QUIET,
        source=Source.SCHEDULE,
        planned=MINUTE,
        cue_at=T0 + timedelta(days=1, hours=13),
        reason="Quiet during a call",
    )
    journal.add_reflection(
        None, written=T0 + timedelta(days=1, hours=14), prompt="Where are you now?", text="Home."
    )
    result = journal.entries()
    journal.close()
    return result


MARKDOWN = """\
# Presence journal

## Thursday, 26 November 2026

**09:00** · The bell was let pass (Work day).

**09:46** · A pause of 1 minute, after the bell (Work day).

> *What did you notice?*
>
> The light on the wall.
>
> And my breath.
>
> Feeling calm, tender.

## Friday, 27 November 2026

**21:00** · A pause of 5 minutes, started from the command line; \
it ended after 1 minute 40 seconds.

**22:00** · The bell stayed quiet during a call.

**23:00** · A reflection.

> *Where are you now?*
>
> Home.
"""


def test_markdown_reads_like_a_diary_by_local_day(entries: list[JournalEntry]) -> None:
    assert export(entries, "md", BERLIN) == MARKDOWN


def test_markdown_days_follow_the_local_zone(entries: list[JournalEntry]) -> None:
    # In Tokyo (UTC+9) the 27 November evening entries fall on the 28th.
    text = export(entries, "md", ZoneInfo("Asia/Tokyo"))
    assert "## Saturday, 28 November 2026\n\n**05:00** · A pause of 5 minutes" in text


def test_markdown_of_an_empty_journal() -> None:
    assert export([], "md", BERLIN) == "# Presence journal\n\nNothing has been written here yet.\n"


def test_json_has_every_field_with_local_offsets(entries: list[JournalEntry]) -> None:
    records = json.loads(export(entries, "json", BERLIN))
    assert len(records) == 5
    assert records[1] == {
        "id": entries[1].id,
        "at": "2026-11-26T09:46:00+01:00",
        "cue_at": "2026-11-26T09:45:00+01:00",
        "started": "2026-11-26T09:46:00+01:00",
        "ended": "2026-11-26T09:47:00+01:00",
        "outcome": "completed",
        "source": "schedule",
        "rules": ["Work day"],
        "planned_seconds": 60,
        "reason": None,
        "reflection": {
            "written": "2026-11-26T09:48:00+01:00",
            "prompt": "What did you notice?",
            "text": "The light on the wall.\n\nAnd my breath.",
            "feelings": ["calm", "tender"],
        },
    }
    # Words kept without a recorded pause claim no outcome.
    assert (records[4]["outcome"], records[4]["source"], records[4]["cue_at"]) == (
        None,
        None,
        None,
    )
    assert records[4]["reflection"]["text"] == "Home."
    assert records[3]["reason"] == "Quiet during a call"


def test_csv_has_one_row_per_entry(entries: list[JournalEntry]) -> None:
    rows = list(csv.DictReader(io.StringIO(export(entries, "csv", BERLIN))))
    assert [row["outcome"] for row in rows] == ["passed", "completed", "ended early", "quiet", ""]
    assert rows[1] == {
        "id": str(entries[1].id),
        "at": "2026-11-26T09:46:00+01:00",
        "cue_at": "2026-11-26T09:45:00+01:00",
        "started": "2026-11-26T09:46:00+01:00",
        "ended": "2026-11-26T09:47:00+01:00",
        "outcome": "completed",
        "source": "schedule",
        "rules": "Work day",
        "planned_seconds": "60",
        "reason": "",
        "reflection_written": "2026-11-26T09:48:00+01:00",
        "prompt": "What did you notice?",
        "text": "The light on the wall.\n\nAnd my breath.",
        "feelings": "calm, tender",
    }
    assert rows[0]["prompt"] == "" and rows[0]["feelings"] == ""
    assert rows[3]["reason"] == "Quiet during a call"
