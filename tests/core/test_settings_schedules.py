"""Schedule rules: each kind of bad value, what falls back, which rules are
left out, and how rules are written back and described."""

from __future__ import annotations

from datetime import time, timedelta

import pytest

from presence_app.core.settings import (
    ScheduleRule,
    TimeWindow,
    describe_rule,
    parse_settings,
    rule_to_toml,
)

DAYS = '"mon", "tue", "wed", "thu", "fri", "sat" or "sun"'
RANGE = 'a time range such as "09:00-12:30" (or "00:00-24:00" for the whole day)'


def load_rule(lines: str) -> tuple[tuple[ScheduleRule, ...], list[str]]:
    result = parse_settings(f'[[schedules]]\nname = "R"\n{lines}\n')
    return result.settings.schedules, [problem.message for problem in result.problems]


KEPT: list[tuple[str, list[str], ScheduleRule]] = [
    (
        'every = "0m"',
        ['`schedules[0].every` must be between 1m and 24h (found "0m")'],
        ScheduleRule("R", every=timedelta(minutes=45)),
    ),
    (
        'every = "25h"\npause = "2m"',
        ['`schedules[0].every` must be between 1m and 24h (found "25h")'],
        ScheduleRule("R", every=timedelta(minutes=45), pause=timedelta(minutes=2)),
    ),
    (
        'every = "soon"',
        [
            '`schedules[0].every` must be a duration between 1m and 24h, such as "45m" (found '
            '"soon")'
        ],
        ScheduleRule("R", every=timedelta(minutes=45)),
    ),
    (
        "every = 45",
        ['`schedules[0].every` must be a duration with a unit, such as "45m" or "45s" (found 45)'],
        ScheduleRule("R", every=timedelta(minutes=45)),
    ),
    (
        'every = "10m"\njitter = "5m"',
        ['`schedules[0].jitter` must be less than half of `every`, here 5m (found "5m")'],
        ScheduleRule("R", every=timedelta(minutes=10)),
    ),
    (
        'every = "1m"\njitter = "30s"',
        ['`schedules[0].jitter` must be less than half of `every`, here 30s (found "30s")'],
        ScheduleRule("R", every=timedelta(minutes=1)),
    ),
    (
        'every = "45m"\njitter = "99999999999d"',
        [
            "`schedules[0].jitter` must be less than half of `every`, here 22m30s "
            '(found "99999999999d")'
        ],
        ScheduleRule("R", every=timedelta(minutes=45)),
    ),
    (
        'every = "1h"\njitter = "-1m"',
        ['`schedules[0].jitter` must be a duration such as "5m" (found "-1m")'],
        ScheduleRule("R", every=timedelta(hours=1)),
    ),
    (
        'at = ["21:30"]\njitter = "5m"',
        ["`schedules[0].jitter` only works together with `every`, so it is ignored."],
        ScheduleRule("R", at=(time(21, 30),)),
    ),
    (
        'at = ["21:30", "25:00", "7"]',
        [
            '`schedules[0].at[1]` must be a time of day such as "21:30" (found "25:00")',
            '`schedules[0].at[2]` must be a time of day such as "21:30" (found "7")',
        ],
        ScheduleRule("R", at=(time(21, 30),)),
    ),
    (
        'every = "1h"\ndays = ["mon", "funday", 3]',
        [
            f'`schedules[0].days[1]` must be {DAYS} (found "funday")',
            f"`schedules[0].days[2]` must be {DAYS} (found 3)",
        ],
        ScheduleRule("R", every=timedelta(hours=1), days=frozenset({0})),
    ),
    (
        'every = "1h"\ndays = "sometimes"',
        [
            '`schedules[0].days` must be a list of days such as ["mon", "tue"], '
            'or "daily", "weekdays" or "weekends" (found "sometimes")'
        ],
        ScheduleRule("R", every=timedelta(hours=1)),
    ),
    (
        'every = "1h"\ndays = []',
        [
            '`schedules[0].days` must be a list of days such as ["mon", "tue"], '
            'or "daily", "weekdays" or "weekends" (found [])'
        ],
        ScheduleRule("R", every=timedelta(hours=1)),
    ),
    (
        'every = "1h"\nhours = ["9-5", "10:00-10:00", "22:00-01:00", "24:00-02:00"]',
        [
            f'`schedules[0].hours[0]` must be {RANGE} (found "9-5")',
            f'`schedules[0].hours[1]` must be {RANGE} (found "10:00-10:00")',
            f'`schedules[0].hours[3]` must be {RANGE} (found "24:00-02:00")',
        ],
        ScheduleRule("R", every=timedelta(hours=1), hours=(TimeWindow(time(22), time(1)),)),
    ),
    (
        'every = "1h"\nhours = 9',
        ['`schedules[0].hours` must be a list of time ranges such as ["09:00-12:30"] (found 9)'],
        ScheduleRule("R", every=timedelta(hours=1)),
    ),
    (
        'every = "1h"\npause = "2h"',
        ['`schedules[0].pause` must be between 10s and 1h (found "2h")'],
        ScheduleRule("R", every=timedelta(hours=1)),
    ),
]


@pytest.mark.parametrize(("lines", "expected_messages", "expected_rule"), KEPT)
def test_bad_field_falls_back_and_rule_is_kept(
    lines: str, expected_messages: list[str], expected_rule: ScheduleRule
) -> None:
    rules, found = load_rule(lines)
    assert found == expected_messages
    assert rules == (expected_rule,)


DROPPED: list[tuple[str, list[str]]] = [
    (
        'every = "1h"\nat = ["09:00"]',
        [
            "`schedules[0]` has both `every` and `at`, but a rule needs exactly one of them, "
            "so this rule is not used."
        ],
    ),
    (
        'days = "daily"',
        [
            '`schedules[0]` needs `every` (such as "45m") or `at` (such as ["21:30"]), so this '
            "rule is not used."
        ],
    ),
    (
        "at = []",
        [
            '`schedules[0].at` must be a list of times of day such as ["12:30", "21:30"] '
            "(found []), so this rule is not used."
        ],
    ),
    (
        'at = ["noon"]',
        [
            '`schedules[0].at[0]` must be a time of day such as "21:30" (found "noon")',
            "`schedules[0].at` has no time that can be used, so this rule is not used.",
        ],
    ),
]


@pytest.mark.parametrize(("lines", "expected_messages"), DROPPED)
def test_rule_that_cannot_be_made_valid_is_left_out(
    lines: str, expected_messages: list[str]
) -> None:
    rules, found = load_rule(lines)
    assert found == expected_messages
    assert rules == ()


def test_left_out_rule_does_not_disturb_the_others() -> None:
    text = '[[schedules]]\nat = []\n[[schedules]]\nname = "B"\nevery = "20m"\n'
    result = parse_settings(text)
    assert result.settings.schedules == (ScheduleRule("B", every=timedelta(minutes=20)),)
    assert [p.key for p in result.problems] == ["schedules[0].at"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "schedules = 5",
            "`schedules` must be a list of rules, each starting with [[schedules]] (found 5)",
        ),
        (
            "schedules = [1]",
            "`schedules[0]` must be a table that starts with [[schedules]] (found 1), "
            "so this rule is not used.",
        ),
        (
            '[[schedules]]\nname = 3\nevery = "1h"',
            "`schedules[0].name` must be text of 1 to 100 characters in quotes (found 3)",
        ),
    ],
)
def test_schedule_shape_problems(text: str, expected: str) -> None:
    assert [p.message for p in parse_settings(text + "\n").problems] == [expected]


def test_rule_without_name_gets_a_numbered_one() -> None:
    result = parse_settings('[[schedules]]\nevery = "1h"\n[[schedules]]\nevery = "2h"\n')
    assert [rule.name for rule in result.settings.schedules] == ["Schedule 1", "Schedule 2"]


@pytest.mark.parametrize(
    ("rule", "table"),
    [
        (
            ScheduleRule(
                "Work", timedelta(minutes=45), timedelta(minutes=5), days=frozenset(range(5))
            ),
            {"name": "Work", "every": "45m", "jitter": "5m", "days": "weekdays"},
        ),
        (
            ScheduleRule(
                "Eve", at=(time(21, 30),), days=frozenset({2, 0}), pause=timedelta(minutes=5)
            ),
            {"name": "Eve", "at": ["21:30"], "days": ["mon", "wed"], "pause": "5m"},
        ),
        (
            ScheduleRule(
                "Night",
                every=timedelta(hours=24),
                days=frozenset({5, 6}),
                hours=(TimeWindow(time(22), time(0)), TimeWindow(time(0), time(0))),
            ),
            {
                "name": "Night",
                "every": "24h",
                "days": "weekends",
                "hours": ["22:00-24:00", "00:00-24:00"],
            },
        ),
    ],
)
def test_rule_is_written_in_the_design_shape(rule: ScheduleRule, table: dict[str, object]) -> None:
    assert rule_to_toml(rule) == table


@pytest.mark.parametrize(
    ("rule", "text"),
    [
        (
            ScheduleRule(
                "Work day",
                timedelta(minutes=45),
                timedelta(minutes=5),
                days=frozenset(range(5)),
                hours=(TimeWindow(time(9), time(12, 30)), TimeWindow(time(13, 30), time(18))),
                pause=timedelta(minutes=1),
            ),
            "Work day: about every 45m (±5m), on weekdays, 09:00–12:30, 13:30–18:00, pauses of 1m",
        ),
        (
            ScheduleRule("Evening", at=(time(7), time(21, 30)), days=frozenset({0, 2})),
            "Evening: at 07:00, 21:30, on Mon, Wed",
        ),
        (ScheduleRule("All", every=timedelta(hours=2)), "All: every 2h, every day"),
    ],
)
def test_rule_is_described_in_one_readable_line(rule: ScheduleRule, text: str) -> None:
    assert describe_rule(rule) == text
