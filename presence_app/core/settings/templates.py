"""Rules to start from, so a new person has a good rhythm in one click.

The settings window offers these as templates; each is an ordinary
``ScheduleRule`` that the person can then change.
"""

from __future__ import annotations

from datetime import time, timedelta

from presence_app.core.settings.model import ScheduleRule, TimeWindow
from presence_app.i18n import N_

WEEKDAYS = frozenset(range(5))

TEMPLATES: tuple[tuple[str, ScheduleRule], ...] = (
    (
        N_("Work day: about every 45 minutes on weekdays, with a lunch break"),
        ScheduleRule(
            N_("Work day"),
            every=timedelta(minutes=45),
            jitter=timedelta(minutes=5),
            days=WEEKDAYS,
            hours=(TimeWindow(time(9), time(12, 30)), TimeWindow(time(13, 30), time(18))),
            pause=timedelta(minutes=1),
        ),
    ),
    (
        N_("Every hour, all day: a bell each hour you are at the computer"),
        ScheduleRule(N_("Every hour, all day"), every=timedelta(hours=1)),
    ),
    (
        N_("Three fixed moments: morning, midday and evening"),
        ScheduleRule(
            N_("Three fixed moments"),
            at=(time(9), time(13), time(17, 30)),
            pause=timedelta(minutes=3),
        ),
    ),
)
"""(what it offers, in one line; the rule), both in English: the window translates
the line, and the rule's name as it adds the rule."""
