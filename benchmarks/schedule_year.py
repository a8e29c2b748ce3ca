"""Preview a year of a busy schedule and print how long it took.

Five rules, three of them with jitter, in a zone with daylight saving: the
work the ``schedule`` command does for ``--days 366``, and far more than
the app ever asks at once. Target: well under 200 ms on a laptop-class core.

Run: ``.venv/bin/python benchmarks/schedule_year.py [--repeat N]``
"""

from __future__ import annotations

import argparse
import time as clock
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from presence_app.core.schedule import preview
from presence_app.core.settings import ScheduleRule, TimeWindow

WEEKDAYS = frozenset(range(5))
RULES = (
    ScheduleRule(
        name="Work day",
        every=timedelta(minutes=45),
        jitter=timedelta(minutes=5),
        days=WEEKDAYS,
        hours=(TimeWindow(time(9), time(12, 30)), TimeWindow(time(13, 30), time(18))),
    ),
    ScheduleRule(
        name="Eyes",
        every=timedelta(minutes=20),
        jitter=timedelta(minutes=3),
        days=WEEKDAYS,
        hours=(TimeWindow(time(8), time(19)),),
        pause=timedelta(seconds=20),
    ),
    ScheduleRule(name="Lunch", at=(time(12, 0),), days=WEEKDAYS, pause=timedelta(minutes=5)),
    ScheduleRule(name="Evening", at=(time(21, 30),), pause=timedelta(minutes=5)),
    ScheduleRule(
        name="Weekend",
        every=timedelta(minutes=90),
        jitter=timedelta(minutes=15),
        days=frozenset({5, 6}),
        hours=(TimeWindow(time(22), time(2)),),
    ),
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs; the best is reported")
    args = parser.parse_args()
    start = datetime(2026, 1, 1, tzinfo=UTC)
    timings = []
    cpu = []
    count = 0
    for seed in range(args.repeat):
        began = clock.perf_counter()
        began_cpu = clock.process_time()
        cues = preview(
            RULES,
            ZoneInfo("Europe/Berlin"),
            start=start,
            days=366,
            default_pause=timedelta(minutes=1),
            seed=seed,
        )
        timings.append(clock.perf_counter() - began)
        cpu.append(clock.process_time() - began_cpu)
        count = len(cues)
    print(f"a year of 5 rules: {count} bells")
    print(
        f"wall: best {min(timings) * 1000:.1f} ms, worst {max(timings) * 1000:.1f} ms; "
        f"CPU: best {min(cpu) * 1000:.1f} ms; over {args.repeat} runs "
        "(target: well under 200 ms)"
    )


if __name__ == "__main__":
    main()
