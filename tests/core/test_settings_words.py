"""Rules in plain words, as the settings window lists them."""

from __future__ import annotations

from datetime import time, timedelta

import pytest

from presence_app.core.settings import ScheduleRule, TimeWindow
from presence_app.core.settings.templates import TEMPLATES
from presence_app.core.settings.words import rule_summary, window_words

MINUTE = timedelta(minutes=1)


NIGHT = ScheduleRule(
    "N",
    every=timedelta(hours=1, minutes=30),
    days=frozenset({0, 2}),
    hours=(TimeWindow(time(22), time(1)),),
    pause=timedelta(seconds=30),
)


@pytest.mark.parametrize(
    ("rule", "text"),
    [
        (
            TEMPLATES[0][1],
            "About every 45 minutes, 09:00–12:30 and 13:30–18:00, weekdays, 1-minute pause",
        ),
        (TEMPLATES[1][1], "Every hour, all day, every day, 1-minute pause"),
        (TEMPLATES[2][1], "At 09:00, 13:00 and 17:30, all day, every day, 3-minute pause"),
        (
            NIGHT,
            "Every 1 hour 30 minutes, 22:00–01:00 (into the next day), Mon and Wed, "
            "30-second pause",
        ),
        (
            ScheduleRule("S", every=MINUTE, days=frozenset({6})),
            "Every minute, all day, Sunday only, 1-minute pause",
        ),
    ],
)
def test_a_rule_reads_in_one_line(rule: ScheduleRule, text: str) -> None:
    assert rule_summary(rule, MINUTE) == text


@pytest.mark.parametrize(
    ("window", "text"),
    [
        (TimeWindow(time(22), time(1)), "22:00 – 01:00, into the next day"),
        (TimeWindow(time(9), time(12, 30)), "09:00 – 12:30"),
        (TimeWindow(time(18), time(0)), "18:00 – 24:00"),
        (TimeWindow(time(0), time(0)), "the whole day"),
    ],
)
def test_a_window_says_when_it_crosses_midnight(window: TimeWindow, text: str) -> None:
    assert window_words(window) == text
