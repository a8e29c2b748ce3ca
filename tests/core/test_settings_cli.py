"""``presence-app config path | show | check``: exact output and exit codes,
and that none of them writes a file."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from presence_app.cli import main
from presence_app.core.settings import Settings, settings_to_toml


@pytest.fixture
def settings_file(private_dirs: Path) -> Path:
    return private_dirs / "config" / "presence-app" / "settings.toml"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_path_prints_the_settings_file(
    capsys: pytest.CaptureFixture[str], settings_file: Path
) -> None:
    assert run(capsys, "config", "path") == (0, f"{settings_file}\n", "")
    assert not settings_file.exists()


def test_show_prints_defaults_when_there_is_no_file(
    capsys: pytest.CaptureFixture[str], settings_file: Path
) -> None:
    code, out, err = run(capsys, "config", "show")
    assert code == 0
    assert out == settings_to_toml(Settings(), comments=True)
    assert err == f"There is no settings file at {settings_file} yet; these are the defaults.\n"
    assert not settings_file.parent.exists()


def test_show_prints_effective_values_and_problems_on_stderr(
    capsys: pytest.CaptureFixture[str], settings_file: Path
) -> None:
    settings_file.parent.mkdir(parents=True)
    content = '[sound]\nvolume = 150\nstart = "small-bell"\n'
    settings_file.write_text(content, encoding="utf-8")
    code, out, err = run(capsys, "config", "show")
    assert code == 0
    expected = dataclasses.replace(Settings().sound, start="small-bell")
    assert out == settings_to_toml(Settings(sound=expected), comments=True)
    assert err == "`sound.volume` must be between 0 and 100 (found 150)\n"
    assert settings_file.read_text(encoding="utf-8") == content


def test_check_clean_file(capsys: pytest.CaptureFixture[str], settings_file: Path) -> None:
    settings_file.parent.mkdir(parents=True)
    settings_file.write_text(settings_to_toml(Settings(), comments=True), encoding="utf-8")
    assert run(capsys, "config", "check") == (0, f"No problems found in {settings_file}.\n", "")


def test_check_lists_every_problem_and_exits_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "mine.toml"
    content = '[sound]\nvolume = 150\nvolumne = 3\n[[schedules]]\nevery = "0m"\n'
    path.write_text(content, encoding="utf-8")
    code, out, err = run(capsys, "config", "check", str(path))
    assert (code, err) == (1, "")
    assert out == (
        '`schedules[0].every` must be between 1m and 24h (found "0m")\n'
        "`sound.volumne` is not a setting Presence knows, so it is ignored; "
        "did you mean `sound.volume`?\n"
        "`sound.volume` must be between 0 and 100 (found 150)\n"
        f"3 problems found in {path}.\n"
    )
    assert path.read_text(encoding="utf-8") == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.toml", "xdg"]


def test_check_broken_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text("[sound]\nvolume = \n", encoding="utf-8")
    code, out, err = run(capsys, "config", "check", str(path))
    assert (code, err) == (1, "")
    assert out == (
        "settings.toml could not be read (line 2, column 10: invalid value); "
        "Presence runs on its defaults and has not changed the file.\n"
        f"1 problem found in {path}.\n"
    )


def test_check_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "nothing.toml"
    assert run(capsys, "config", "check", str(path)) == (
        1,
        "",
        f"There is no settings file at {path}, so there is nothing to check.\n",
    )


def test_config_without_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "config") == (
        2,
        "",
        "usage: presence-app config [-h] COMMAND ...\n"
        "presence-app config: choose one of: path, show, check\n",
    )


@pytest.mark.parametrize(
    ("argv", "first_line"),
    [
        (["config", "--help"], "usage: presence-app config [-h] COMMAND ..."),
        (["config", "path", "--help"], "usage: presence-app config path [-h]"),
        (["config", "show", "--help"], "usage: presence-app config show [-h]"),
        (["config", "check", "--help"], "usage: presence-app config check [-h] [FILE]"),
    ],
)
def test_help_everywhere(
    capsys: pytest.CaptureFixture[str], argv: list[str], first_line: str
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(argv)
    assert exited.value.code == 0
    assert capsys.readouterr().out.splitlines()[0] == first_line
