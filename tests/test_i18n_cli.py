"""The command line in the user's language and with the user's clock.

Under ``LANGUAGE=de`` the help, the schedule, ``config check`` on a broken
file and ``status`` (against a real command socket) speak German; under
``LANG=en_US.UTF-8`` times are written with AM/PM, under ``en_GB`` and
``de_DE`` in 24 hours. The schedule runs as a real process too, as a user
would start it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from presence_app.cli import main
from presence_app.cliparser import translate_error
from tests.test_cli_remote import STATUS, FakeApp, fake_app, fixed_time_and_zone, run_cli

__all__ = ["fake_app", "fixed_time_and_zone"]  # fixtures shared with the remote tests

MONDAY = "2026-12-07T08:00"
SETTINGS = """\
[[schedules]]
name = "Morgen"
at = ["09:00", "14:30"]
"""


@pytest.fixture
def settings_file(private_dirs: Path) -> Path:
    folder = private_dirs / "config" / "presence-app"
    folder.mkdir(parents=True)
    path = folder / "settings.toml"
    path.write_text(SETTINGS, encoding="utf-8")
    return path


def test_help_in_german(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("LANGUAGE", "de")
    with pytest.raises(SystemExit) as leaving:
        main(["--help"])
    assert leaving.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("Aufruf: presence-app [-h] [--version] COMMAND ...\n")
    assert "Optionen:\n  -h, --help  diese Hilfe zeigen und beenden\n" in out
    assert "    pause     jetzt eine Pause beginnen (startet Presence zuerst, falls es\n" in out


def test_subcommand_help_in_german(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("LANGUAGE", "de")
    with pytest.raises(SystemExit):
        main(["config", "check", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("Aufruf: presence-app config check [-h] [FILE]\n")
    assert (
        "Argumente:\n  FILE        die zu prüfende Datei (sonst: deine Einstellungsdatei)" in out
    )


def test_usage_error_in_german(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("LANGUAGE", "de")
    with pytest.raises(SystemExit) as leaving:
        main(["schedule", "--days", "0"])
    assert leaving.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "presence-app schedule: Fehler: Argument --days: "
        "muss eine ganze Zahl von 1 bis 366 sein (gefunden: „0“)"
    )


def test_schedule_in_german(
    settings_file: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("LANGUAGE", "de")
    monkeypatch.setenv("TZ", "Europe/Berlin")
    assert main(["schedule", "--from", MONDAY, "--days", "1"]) == 0
    assert capsys.readouterr().out == (
        "Mo 2026-12-07 09:00  Morgen · 1m Pause\nMo 2026-12-07 14:30  Morgen · 1m Pause\n"
    )


def test_config_check_on_a_broken_file_in_german(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("LANGUAGE", "de")
    broken = tmp_path / "broken.toml"
    broken.write_text('[sound]\nvolume = 150\nstart = "gong"\n[pause\n', encoding="utf-8")
    assert main(["config", "check", str(broken)]) == 1
    assert capsys.readouterr().out == (
        "broken.toml ließ sich nicht lesen (Zeile 4, Spalte 7: expected ']' at the end of a "
        "table declaration); Presence läuft mit den Standardwerten und hat die Datei nicht "
        f"verändert.\n1 Problem in {broken} gefunden.\n"
    )


def test_config_check_of_bad_values_in_german(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("LANGUAGE", "de_DE.UTF-8")
    bad = tmp_path / "bad.toml"
    bad.write_text('[sound]\nvolume = 150\nstart = "gong"\n', encoding="utf-8")
    assert main(["config", "check", str(bad)]) == 1
    assert capsys.readouterr().out == (
        "`sound.volume` muss zwischen 0 und 100 sein (gefunden: 150)\n"
        '`sound.start` muss "singing-bowl", "small-bell", "soft-chime", "wooden-tone", '
        '"none" oder "custom" sein (gefunden: "gong")\n'
        f"2 Probleme in {bad} gefunden.\n"
    )


def test_status_in_german(
    qtbot: QtBot,
    capsys: pytest.CaptureFixture[str],
    fake_app: FakeApp,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("LANGUAGE", "de")
    fake_app.replies["status"] = {
        **STATUS,
        "kept_quiet": {"at": "2026-11-26T09:45:00+00:00", "reason": "Quiet during a call"},
    }
    assert run_cli(qtbot, ["status"]) == 0
    assert capsys.readouterr().out == (
        "Presence wartet auf die nächste Glocke.\n"
        "Die nächste Glocke läutet um 14:45.\n"
        "Still während eines Anrufs, darum hat die Glocke um 10:45 nicht geläutet.\n"
    )


@pytest.mark.parametrize(
    ("lang", "first"),
    [
        ("en_US.UTF-8", "Mon 2026-12-07 9:00 AM  Morgen · 1m pause"),
        ("en_GB.UTF-8", "Mon 2026-12-07 09:00  Morgen · 1m pause"),
        ("de_DE.UTF-8", "Mo 2026-12-07 09:00  Morgen · 1m Pause"),
    ],
)
def test_schedule_uses_the_region_clock(settings_file: Path, lang: str, first: str) -> None:
    """A real ``presence-app schedule`` process, as a user would run it."""
    env = {**os.environ, "LANG": lang, "TZ": "Europe/Berlin"}
    done = subprocess.run(
        [sys.executable, "-m", "presence_app", "schedule", "--from", MONDAY, "--days", "1"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    lines = done.stdout.splitlines()
    assert lines[0] == first
    assert lines[1].endswith(
        ("2:30 PM  Morgen · 1m pause", "14:30  Morgen · 1m pause", "14:30  Morgen · 1m Pause")
    )
    assert ("PM" in lines[1]) == lang.startswith("en_US")


@pytest.mark.parametrize(
    ("said", "translated"),
    [
        ("unrecognized arguments: --x", "unbekannte Argumente: --x"),
        (
            "argument --format: invalid choice: 'doc' (choose from 'md', 'json', 'csv')",
            "Argument --format: ungültige Wahl: 'doc' (möglich sind 'md', 'json', 'csv')",
        ),
        ("the following arguments are required: NAME", "diese Argumente fehlen noch: NAME"),
        ("something argparse never says", "something argparse never says"),
    ],
)
def test_argparse_errors_are_translated_by_their_template(said: str, translated: str) -> None:
    from presence_app import i18n

    i18n.use_language("de", [])
    assert translate_error(said) == translated
