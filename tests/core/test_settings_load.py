"""Loading settings: valid files of every shape, each kind of invalid value
with its exact message, unknown keys, broken files and schema versions."""

from __future__ import annotations

import dataclasses
from datetime import time, timedelta
from pathlib import Path

import pytest

from presence_app.core.settings import (
    FileState,
    InvitationForm,
    LoadResult,
    PauseStyle,
    Problem,
    ScheduleRule,
    Settings,
    TimeWindow,
    load_settings,
    parse_settings,
    upgrade,
)

WORKDAYS = frozenset(range(5))


def messages(result: LoadResult) -> list[str]:
    return [problem.message for problem in result.problems]


def test_empty_file_gives_defaults_without_problems() -> None:
    result = parse_settings("")
    assert result == LoadResult(Settings(), (), FileState.OK)
    assert result.summary() is None


def test_presence_never_starts_at_login_unless_asked() -> None:
    assert parse_settings("").settings.start_at_login is False
    assert parse_settings("start_at_login = true").settings.start_at_login is True


def test_a_value_is_as_written_only_when_the_file_said_it_clearly() -> None:
    assert parse_settings("start_at_login = true").is_as_written("start_at_login")
    assert parse_settings("").is_as_written("start_at_login")
    assert LoadResult(Settings(), (), FileState.MISSING).is_as_written("start_at_login")
    unusable = parse_settings('start_at_login = "yes"')
    assert not unusable.is_as_written("start_at_login")
    assert unusable.is_as_written("shortcut")
    broken = parse_settings("start_at_login = ")
    assert broken.file_state is FileState.BROKEN
    assert not broken.is_as_written("start_at_login")


def test_design_example_schedules_load_exactly() -> None:
    text = """
schema_version = 1

[[schedules]]
name = "Work day"
every = "45m"
jitter = "5m"
days = ["mon", "tue", "wed", "thu", "fri"]
hours = ["09:00-12:30", "13:30-18:00"]
pause = "1m"

[[schedules]]
name = "Evening"
at = ["21:30"]
days = "daily"
pause = "5m"
"""
    result = parse_settings(text)
    assert result.problems == ()
    assert result.settings.schedules == (
        ScheduleRule(
            name="Work day",
            every=timedelta(minutes=45),
            jitter=timedelta(minutes=5),
            days=WORKDAYS,
            hours=(TimeWindow(time(9), time(12, 30)), TimeWindow(time(13, 30), time(18))),
            pause=timedelta(minutes=1),
        ),
        ScheduleRule(
            name="Evening",
            at=(time(21, 30),),
            days=frozenset(range(7)),
            pause=timedelta(minutes=5),
        ),
    )


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ('every = "1m"', ScheduleRule("R", every=timedelta(minutes=1))),
        ('every = "24h"', ScheduleRule("R", every=timedelta(hours=24))),
        (
            'every = "1h30m"\njitter = "44m"',
            ScheduleRule("R", timedelta(minutes=90), timedelta(minutes=44)),
        ),
        ('at = "07:05"', ScheduleRule("R", at=(time(7, 5),))),
        ('at = ["21:30", "9:00", "21:30"]', ScheduleRule("R", at=(time(9), time(21, 30)))),
        ("at = [12:15:00]", ScheduleRule("R", at=(time(12, 15),))),
        ('every = "1h"\ndays = "weekdays"', ScheduleRule("R", timedelta(hours=1), days=WORKDAYS)),
        (
            'every = "1h"\ndays = "Weekends"',
            ScheduleRule("R", timedelta(hours=1), days=frozenset({5, 6})),
        ),
        (
            'every = "1h"\ndays = ["Sunday", "MON"]',
            ScheduleRule("R", timedelta(hours=1), days=frozenset({0, 6})),
        ),
        (
            'every = "1h"\nhours = "22:00-01:00"',
            ScheduleRule("R", timedelta(hours=1), hours=(TimeWindow(time(22), time(1)),)),
        ),
        (
            'every = "1h"\nhours = ["00:00-24:00"]',
            ScheduleRule("R", timedelta(hours=1), hours=(TimeWindow(time(0), time(0)),)),
        ),
        (
            'every = "1h"\nhours = ["18:00-24:00"]',
            ScheduleRule("R", timedelta(hours=1), hours=(TimeWindow(time(18), time(0)),)),
        ),
        (
            'every = "1h"\npause = "10s"',
            ScheduleRule("R", timedelta(hours=1), pause=timedelta(seconds=10)),
        ),
        (
            'every = "1h"\npause = "60m"',
            ScheduleRule("R", timedelta(hours=1), pause=timedelta(hours=1)),
        ),
    ],
)
def test_valid_rule_shapes(lines: str, expected: ScheduleRule) -> None:
    result = parse_settings(f'[[schedules]]\nname = "R"\n{lines}\n')
    assert result.problems == ()
    assert result.settings.schedules == (expected,)


def test_every_section_and_key_can_be_set() -> None:
    text = """
shortcut = ""
start_at_login = true
schedules = []
[sound]
enabled = false
start = "small-bell"
end = "custom"
volume = 0
custom_file = "/home/me/bell.ogg"
fade_in = "2s"
[pause]
length = "2m30s"
style = "fullscreen"
show_countdown = true
phrase = "Breathe."
[invitation]
form = "sound"
card_timeout = "10m"
[reflection]
enabled = false
prompts = ["What is here now?"]
feelings = []
[considerate]
quiet_when_away = false
away_after = "2h"
quiet_when_fullscreen = false
quiet_when_dnd = false
grace_after_wake = "0s"
[journal]
keep_days = 365
"""
    result = parse_settings(text)
    assert result.problems == ()
    settings = result.settings
    assert settings.schedules == ()
    assert settings.shortcut == ""
    assert settings.start_at_login is True
    assert settings.sound == dataclasses.replace(
        settings.sound,
        enabled=False,
        start="small-bell",
        end="custom",
        volume=0,
        custom_file="/home/me/bell.ogg",
        fade_in=timedelta(seconds=2),
    )
    assert settings.pause.length == timedelta(minutes=2, seconds=30)
    assert settings.pause.style is PauseStyle.FULLSCREEN
    assert settings.pause.show_countdown is True
    assert settings.pause.phrase == "Breathe."
    assert settings.invitation.form is InvitationForm.SOUND
    assert settings.invitation.card_timeout == timedelta(minutes=10)
    assert settings.reflection.enabled is False
    assert settings.reflection.prompts == ("What is here now?",)
    assert settings.reflection.feelings == ()
    assert settings.considerate.quiet_when_away is False
    assert settings.considerate.away_after == timedelta(hours=2)
    assert settings.considerate.grace_after_wake == timedelta(0)
    assert settings.journal.keep_days == 365


def test_missing_schedules_key_keeps_default_rule() -> None:
    assert parse_settings("[sound]\nvolume = 10\n").settings.schedules == Settings().schedules


def test_fade_in_accepts_milliseconds_and_integral_float_volume() -> None:
    result = parse_settings('[sound]\nfade_in = "300ms"\nvolume = 40.0\n')
    assert result.problems == ()
    assert result.settings.sound.fade_in == timedelta(milliseconds=300)
    assert result.settings.sound.volume == 40


INVALID: list[tuple[str, list[str]]] = [
    ("[sound]\nvolume = 150", ["`sound.volume` must be between 0 and 100 (found 150)"]),
    ("[sound]\nvolume = -1", ["`sound.volume` must be between 0 and 100 (found -1)"]),
    (
        '[sound]\nvolume = "loud"',
        ['`sound.volume` must be a whole number between 0 and 100 (found "loud")'],
    ),
    (
        "[sound]\nvolume = true",
        ["`sound.volume` must be a whole number between 0 and 100 (found true)"],
    ),
    (
        "[sound]\nvolume = 12.5",
        ["`sound.volume` must be a whole number between 0 and 100 (found 12.5)"],
    ),
    ('[sound]\nenabled = "yes"', ['`sound.enabled` must be true or false (found "yes")']),
    (
        '[sound]\nstart = "gong"',
        [
            '`sound.start` must be "singing-bowl", "small-bell", "soft-chime", "wooden-tone", '
            '"none" or "custom" (found "gong")'
        ],
    ),
    (
        '[sound]\nend = "custom"',
        [
            '`sound.end` is "custom" but `sound.custom_file` is empty, so "singing-bowl" rings '
            "instead."
        ],
    ),
    ('[sound]\nfade_in = "11s"', ['`sound.fade_in` must be between 0s and 10s (found "11s")']),
    ('[pause]\nlength = "5s"', ['`pause.length` must be between 10s and 1h (found "5s")']),
    (
        '[pause]\nlength = "one minute"',
        [
            '`pause.length` must be a duration between 10s and 1h, such as "1m" (found "one '
            'minute")'
        ],
    ),
    (
        "[pause]\nlength = 90",
        ['`pause.length` must be a duration with a unit, such as "90m" or "90s" (found 90)'],
    ),
    ('[pause]\nstyle = "dim"', ['`pause.style` must be "window" or "fullscreen" (found "dim")']),
    ("[pause]\nphrase = 7", ["`pause.phrase` must be text in quotes (found 7)"]),
    (
        f'[pause]\nphrase = "{"a" * 201}"',
        [f'`pause.phrase` must be at most 200 characters long (found "{"a" * 56}…)'],
    ),
    (
        '[invitation]\nform = "popup"',
        ['`invitation.form` must be "card", "pause" or "sound" (found "popup")'],
    ),
    (
        '[invitation]\ncard_timeout = "1h"',
        ['`invitation.card_timeout` must be between 10s and 10m (found "1h")'],
    ),
    (
        '[reflection]\nprompts = "Why?"',
        [
            '`reflection.prompts` must be a list of texts in quotes, such as ["calm", "clear"] '
            '(found "Why?")'
        ],
    ),
    ("shortcut = 5", ["`shortcut` must be text in quotes (found 5)"]),
    ('start_at_login = "yes"', ['`start_at_login` must be true or false (found "yes")']),
    (
        '[considerate]\naway_after = "30s"',
        ['`considerate.away_after` must be between 1m and 2h (found "30s")'],
    ),
    (
        "[journal]\nkeep_days = 40000",
        ["`journal.keep_days` must be between 0 and 36500 (found 40000)"],
    ),
    ("sound = 3", ["`sound` must be a table that starts with [sound] (found 3)"]),
    ('schema_version = "1"', ['`schema_version` must be a whole number such as 1 (found "1")']),
    ("schema_version = 0", ["`schema_version` must be a whole number such as 1 (found 0)"]),
]


@pytest.mark.parametrize(("text", "expected"), INVALID)
def test_invalid_value_reports_exact_message_and_falls_back(
    text: str, expected: list[str]
) -> None:
    result = parse_settings(text + "\n")
    assert messages(result) == expected
    assert result.file_state is FileState.OK
    assert result.settings == Settings()


def test_bad_list_items_are_left_out_and_the_rest_kept() -> None:
    result = parse_settings('[reflection]\nfeelings = ["calm", 3, " "]\n')
    assert messages(result) == [
        "`reflection.feelings[1]` must be text in quotes (found 3)",
        '`reflection.feelings[2]` must be text that is not empty (found " ")',
    ]
    assert result.settings.reflection.feelings == ("calm",)


@pytest.mark.parametrize("huge", ["99999999999999d", "999999999999999999999h", "10" * 15 + "ms"])
def test_durations_too_long_for_timedelta_are_reported_not_crashed_on(huge: str) -> None:
    result = parse_settings(f'[pause]\nlength = "{huge}"\n')
    assert messages(result) == [f'`pause.length` must be between 10s and 1h (found "{huge}")']


def test_only_the_bad_value_falls_back() -> None:
    result = parse_settings(
        '[sound]\nvolume = 150\nstart = "small-bell"\n[pause]\nlength = "2m"\n'
    )
    assert result.settings.sound.volume == 60
    assert result.settings.sound.start == "small-bell"
    assert result.settings.pause.length == timedelta(minutes=2)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "[sound]\nvolumne = 3",
            "`sound.volumne` is not a setting Presence knows, so it is ignored; did you mean "
            "`sound.volume`?",
        ),
        (
            "[sounds]\nvolume = 3",
            "`sounds` is not a setting Presence knows, so it is ignored; did you mean `sound`?",
        ),
        (
            "shortcuts = 'x'",
            "`shortcuts` is not a setting Presence knows, so it is ignored; did you mean "
            "`shortcut`?",
        ),
        ("colour = 'blue'", "`colour` is not a setting Presence knows, so it is ignored."),
        (
            "[[schedules]]\nevry = '1m'\nevery = '1h'",
            "`schedules[0].evry` is not a setting Presence knows, so it is ignored; did you "
            "mean `schedules[0].every`?",
        ),
    ],
)
def test_unknown_keys_are_named_with_a_suggestion(text: str, expected: str) -> None:
    assert messages(parse_settings(text + "\n")) == [expected]


def test_summary_counts_problems_calmly() -> None:
    one = parse_settings("[sound]\nvolume = 150\n")
    two = parse_settings("[sound]\nvolume = 150\nenabled = 1\n")
    assert one.summary() == "1 setting could not be used, so its default applies."
    assert two.summary() == "2 settings could not be used, so their defaults apply."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "[sound]\nvolume = \n",
            "settings.toml could not be read (line 2, column 10: invalid value); "
            "Presence runs on its defaults and has not changed the file.",
        ),
        (
            "[sound\n",
            "settings.toml could not be read (line 1, column 7: expected ']' at the end of a "
            "table "
            "declaration); Presence runs on its defaults and has not changed the file.",
        ),
        (
            'a = "open',
            "settings.toml could not be read (end of document: unterminated string); "
            "Presence runs on its defaults and has not changed the file.",
        ),
    ],
)
def test_broken_toml_names_line_and_column(text: str, expected: str) -> None:
    result = parse_settings(text)
    assert result == LoadResult(Settings(), (Problem("", expected),), FileState.BROKEN)
    assert result.summary() == expected


def test_newer_schema_is_left_alone_and_defaults_apply(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    content = b'schema_version = 2\n[sound]\nvolume = 5\nnew_thing = "x"\n'
    path.write_bytes(content)
    result = load_settings(path)
    assert result.file_state is FileState.NEWER
    assert result.settings == Settings()
    assert result.summary() == (
        "settings.toml was written by a newer version of Presence (schema_version 2, "
        "this version knows 1); Presence runs on its defaults and has not changed the file."
    )
    assert path.read_bytes() == content


def test_missing_file_gives_defaults_quietly(tmp_path: Path) -> None:
    result = load_settings(tmp_path / "settings.toml")
    assert result == LoadResult(Settings(), (), FileState.MISSING)
    assert result.summary() is None
    assert not (tmp_path / "settings.toml").exists()


def test_unreadable_file_is_reported(tmp_path: Path) -> None:
    folder = tmp_path / "settings.toml"
    folder.mkdir()
    result = load_settings(folder)
    assert result.file_state is FileState.UNREADABLE
    assert result.summary() == (
        "settings.toml could not be opened (a folder has that name); "
        "Presence runs on its defaults and has not changed the file."
    )


def test_file_that_is_not_utf8_is_broken_and_kept(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_bytes(b"shortcut = '\xff'\n")
    result = load_settings(path)
    assert result.file_state is FileState.BROKEN
    assert result.summary() == (
        "settings.toml could not be read (byte 13 is not UTF-8 text); "
        "Presence runs on its defaults and has not changed the file."
    )
    assert path.read_bytes() == b"shortcut = '\xff'\n"


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_bytes("\ufeffshortcut = 'Ctrl+Alt+B'\n".encode())
    result = load_settings(path)
    assert result.problems == ()
    assert result.settings.shortcut == "Ctrl+Alt+B"


def test_upgrades_run_in_order_from_the_file_version() -> None:
    def one_to_two(document: dict[str, object]) -> dict[str, object]:
        return {**document, "steps": ["1->2"]}

    def two_to_three(document: dict[str, object]) -> dict[str, object]:
        steps = document.get("steps", [])
        assert isinstance(steps, list)
        return {**document, "steps": [*steps, "2->3"]}

    steps = {1: one_to_two, 2: two_to_three}
    assert upgrade({}, 1, steps, target=3) == {"steps": ["1->2", "2->3"]}
    assert upgrade({}, 2, steps, target=3) == {"steps": ["2->3"]}
    assert upgrade({"a": 1}, 3, steps, target=3) == {"a": 1}


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            "Ctrl+Ctrl",
            '`shortcut` must be a key chord such as "Ctrl+Alt+P", or "" for none '
            '(found "Ctrl+Ctrl"): "Ctrl+Ctrl" names Ctrl twice.',
        ),
    ],
)
def test_a_shortcut_that_cannot_be_pressed_falls_back(value: str, message: str) -> None:
    result = parse_settings(f'shortcut = "{value}"\n')
    assert [p.message for p in result.problems] == [message]
    assert result.settings.shortcut == "Ctrl+Alt+P"


@pytest.mark.parametrize("value", ["", "Ctrl+Shift+Space", "super+f5"])
def test_a_shortcut_that_reads_is_kept(value: str) -> None:
    result = parse_settings(f'shortcut = "{value}"\n')
    assert result.problems == ()
    assert result.settings.shortcut == value
