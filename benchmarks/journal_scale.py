"""How the journal behaves after years of use.

Fills a journal in a temporary folder with ten years of a busy rhythm (14
bells a day, a reflection after every third), then times what the app and
the CLI do with it: recording one more entry, reading one day, reading a
week, searching, reading everything and exporting everything.

Run: .venv/bin/python benchmarks/journal_scale.py [--days N]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from presence_app.core.cue import Outcome, Source
from presence_app.core.journal import Journal, export

OUTCOMES = (Outcome.COMPLETED, Outcome.PASSED, Outcome.ENDED_EARLY, Outcome.QUIET)


def fill(journal: Journal, start: datetime, days: int) -> int:
    count = 0
    for day in range(days):
        for bell in range(14):
            at = start + timedelta(days=day, hours=8, minutes=45 * bell)
            outcome = OUTCOMES[(day + bell) % len(OUTCOMES)]
            paused = outcome in (Outcome.COMPLETED, Outcome.ENDED_EARLY)
            entry = journal.record(
                outcome=outcome,
                source=Source.SCHEDULE,
                rules=("Work day",),
                planned=timedelta(minutes=1),
                cue_at=at,
                started=at if paused else None,
                ended=at + timedelta(minutes=1) if paused else None,
            )
            if paused and bell % 3 == 0:
                journal.add_reflection(
                    entry,
                    written=at + timedelta(minutes=2),
                    prompt="What did you notice?",
                    text=f"Day {day}: the light, the sound of the street, my breath.",
                    feelings=("calm",),
                )
            count += 1
    return count


def timed(label: str, call: Callable[[], Any], repeat: int = 5) -> Any:
    best, result = float("inf"), None
    for _ in range(repeat):
        begin = time.perf_counter()
        result = call()
        best = min(best, time.perf_counter() - begin)
    if isinstance(result, str):
        size = f" ({len(result.encode()) / 1e6:.1f} MB)"
    else:
        size = f" ({len(result)} entries)" if isinstance(result, list) else ""
    print(f"{label:<34} {best * 1000:9.2f} ms{size}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=3650)
    days = parser.parse_args().days
    start = datetime(2016, 1, 1, tzinfo=UTC)
    end = start + timedelta(days=days)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "journal.sqlite3"
        journal = Journal(path)
        begin = time.perf_counter()
        count = fill(journal, start, days)
        took = time.perf_counter() - begin
        print(f"filled {count} entries in {took:.1f} s ({took / count * 1e6:.0f} µs each)")
        print(f"file size: {path.stat().st_size / 1e6:.1f} MB (+ WAL)")
        now = end
        timed(
            "record one entry",
            lambda: journal.record(
                outcome=Outcome.PASSED, source=Source.TRAY, planned=timedelta(1), cue_at=now
            ),
        )
        timed("entries of one day", lambda: journal.entries(since=end - timedelta(days=1)))
        timed("entries of one week", lambda: journal.entries(since=end - timedelta(days=7)))
        timed("search 'street' (all years)", lambda: journal.entries(search="street"), repeat=3)
        everything = timed("all entries", journal.entries, repeat=3)
        zone = ZoneInfo("Europe/Berlin")
        for fmt in ("md", "json", "csv"):
            timed(f"export all as {fmt}", lambda f=fmt: export(everything, f, zone), repeat=1)
        journal.close()
        timed("open an existing journal", lambda: Journal(path).close())


if __name__ == "__main__":
    main()
