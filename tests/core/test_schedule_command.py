"""``presence-app schedule`` end to end: settings file in, preview out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from presence_app.cli import main
from presence_app.core.paths import Paths
from presence_app.core.settings import load_settings

WORK_DAY = """\
schema_version = 1

[[schedules]]
name = "Work day"
every = "45m"
days = ["mon", "tue", "wed", "thu", "fri"]
hours = ["09:00-12:30", "13:30-18:00"]
pause = "1m"

[[schedules]]
name = "Evening"
at = ["21:30"]
days = "daily"
pause = "5m"
"""


def write_settings(text: str) -> Path:
    path = Paths.from_platform().settings_file
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def berlin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/Berlin")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["schedule", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_text_preview_of_a_day(capsys: pytest.CaptureFixture[str]) -> None:
    write_settings(WORK_DAY)
    code, out, err = run(capsys, "--from", "2026-11-30T08:00", "--days", "1")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "Mon 2026-11-30 09:45  Work day · 1m pause",
        "Mon 2026-11-30 10:31  Work day · 1m pause",
        "Mon 2026-11-30 11:17  Work day · 1m pause",
        "Mon 2026-11-30 12:03  Work day · 1m pause",
        "Mon 2026-11-30 14:15  Work day · 1m pause",
        "Mon 2026-11-30 15:01  Work day · 1m pause",
        "Mon 2026-11-30 15:47  Work day · 1m pause",
        "Mon 2026-11-30 16:33  Work day · 1m pause",
        "Mon 2026-11-30 17:19  Work day · 1m pause",
        "Mon 2026-11-30 21:30  Evening · 5m pause",
    ]


def test_json_preview_with_offsets(capsys: pytest.CaptureFixture[str]) -> None:
    write_settings(WORK_DAY)
    code, out, _ = run(capsys, "--from", "2026-12-04T16:00", "--days", "2", "--json")
    assert code == 0
    assert json.loads(out) == [
        {"at": "2026-12-04T16:33:00+01:00", "rules": ["Work day"], "pause_seconds": 60},
        {"at": "2026-12-04T17:19:00+01:00", "rules": ["Work day"], "pause_seconds": 60},
        {"at": "2026-12-04T21:30:00+01:00", "rules": ["Evening"], "pause_seconds": 300},
        {"at": "2026-12-05T21:30:00+01:00", "rules": ["Evening"], "pause_seconds": 300},
    ]


def test_from_with_an_offset_is_that_instant(capsys: pytest.CaptureFixture[str]) -> None:
    write_settings(WORK_DAY)
    # 20:00 UTC is 21:00 in Berlin: only the evening bell is left that day.
    _, out, _ = run(capsys, "--from", "2026-11-30T20:00+00:00", "--days", "1")
    assert out.splitlines()[0] == "Mon 2026-11-30 21:30  Evening · 5m pause"


def test_tz_decides_the_local_time(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write_settings(WORK_DAY)
    monkeypatch.setenv("TZ", "America/New_York")
    _, out, _ = run(capsys, "--from", "2026-11-30T09:00", "--days", "1", "--json")
    assert json.loads(out)[0]["at"] == "2026-11-30T09:45:00-05:00"


def test_settings_problems_go_to_stderr_and_the_rest_is_previewed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    write_settings(WORK_DAY.replace('at = ["21:30"]', 'at = ["21:30", "25:00"]'))
    code, out, err = run(capsys, "--from", "2026-11-30T21:00", "--days", "1")
    assert code == 0
    assert err.splitlines() == [
        "1 setting could not be used, so its default applies.",
        '  `schedules[1].at[1]` must be a time of day such as "21:30" (found "25:00")',
    ]
    assert out.splitlines()[:2] == [
        "Mon 2026-11-30 21:30  Evening · 5m pause",
        "Tue 2026-12-01 09:45  Work day · 1m pause",
    ]


def test_without_a_settings_file_the_defaults_are_previewed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "--from", "2026-12-05T08:00", "--days", "1")
    assert (code, err) == (0, "")
    assert out.splitlines()[:2] == [
        "Sat 2026-12-05 09:45  Through the day · 1m pause",
        "Sat 2026-12-05 10:31  Through the day · 1m pause",
    ]


def test_merged_bells_name_both_rules(capsys: pytest.CaptureFixture[str]) -> None:
    write_settings(WORK_DAY.replace('at = ["21:30"]', 'at = ["12:05"]'))
    _, out, _ = run(capsys, "--from", "2026-11-30T08:00", "--days", "1")
    assert "Mon 2026-11-30 12:03  Work day + Evening · 5m pause" in out.splitlines()


JITTERY = WORK_DAY.replace('every = "45m"', 'every = "45m"\njitter = "10m"')


def test_a_seed_makes_jitter_repeat(capsys: pytest.CaptureFixture[str]) -> None:
    write_settings(JITTERY)
    args = ("--from", "2026-11-30T08:00", "--days", "2", "--seed", "42")
    first = run(capsys, *args)[1]
    assert run(capsys, *args)[1] == first
    assert run(capsys, *args[:-1], "43")[1] != first


def test_without_a_seed_jitter_varies(capsys: pytest.CaptureFixture[str]) -> None:
    write_settings(JITTERY)
    outputs = {run(capsys, "--from", "2026-11-30T08:00", "--days", "2")[1] for _ in range(3)}
    assert len(outputs) > 1


def test_no_bells(capsys: pytest.CaptureFixture[str]) -> None:
    write_settings(WORK_DAY.replace('days = "daily"', 'days = ["sun"]'))
    code, out, _ = run(capsys, "--from", "2026-12-05T00:00", "--days", "1")
    assert (code, out) == (0, "No bells in the day from Sat 2026-12-05 00:00.\n")
    _, out, _ = run(capsys, "--from", "2026-12-05T00:00", "--days", "1", "--json")
    assert json.loads(out) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--from", "monday"],
            'argument --from: "monday" is not an ISO-8601 time; write it like '
            "2026-03-02T09:00 or 2026-03-02T09:00+01:00",
        ),
        (["--days", "0"], 'argument --days: must be a whole number from 1 to 366 (found "0")'),
        (["--days", "x"], 'argument --days: must be a whole number from 1 to 366 (found "x")'),
    ],
)
def test_usage_errors(capsys: pytest.CaptureFixture[str], args: list[str], message: str) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["schedule", *args])
    assert raised.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == f"presence-app schedule: error: {message}"


def test_a_broken_file_is_reported_and_the_defaults_previewed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = write_settings("schema_version = 1\n[[schedules]\n")
    code, out, err = run(capsys, "--from", "2026-12-05T08:00", "--days", "1")
    expected = load_settings(path).summary()
    assert expected is not None and "line 2" in expected
    assert (code, err) == (0, expected + "\n")
    assert out.splitlines()[0] == "Sat 2026-12-05 09:45  Through the day · 1m pause"
    assert path.read_text(encoding="utf-8") == "schema_version = 1\n[[schedules]\n"
