"""Starting at login: the real entry files in a temporary folder.

The Linux entry is written, read back and checked with the freedesktop
validator; the macOS launch agent is plain file writing, so it is tested
here too; the Windows registry is not here, so only its command line is.
"""

from __future__ import annotations

import errno
import os
import plistlib
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from presence_app import APP_ID
from presence_app.adapters.autostart import (
    is_autostart_enabled,
    launch_command,
    set_autostart,
    sync_autostart,
)
from presence_app.adapters.autostart.entries import (
    desktop_entry,
    desktop_exec,
    windows_command_line,
)

SPACED = ["/home/me/My Apps/bin/presence-app"]
VALIDATOR = shutil.which("desktop-file-validate")


@pytest.fixture
def config(tmp_path: Path) -> Path:
    return tmp_path / "config"


def entry_file(config: Path) -> Path:
    return config / "autostart" / f"{APP_ID}.desktop"


def turn_on(config: Path, command: list[str] = SPACED) -> str | None:
    return set_autostart(True, command=command, config_dir=config, platform="linux")


# --- Linux and the BSDs: the Desktop Entry ------------------------------------------


def test_turning_on_writes_the_autostart_entry(config: Path) -> None:
    assert turn_on(config) is None
    assert entry_file(config).read_text(encoding="utf-8") == (
        "[Desktop Entry]\n"
        "Type=Application\n"
        "Name=Presence\n"
        "Comment=A gentle bell that invites short pauses\n"
        'Exec="/home/me/My Apps/bin/presence-app"\n'
        "Icon=io.github.presenceapp.Presence\n"
        "Terminal=false\n"
        "X-GNOME-Autostart-enabled=true\n"
        "X-GNOME-Autostart-Delay=2\n"
        "X-KDE-autostart-after=panel\n"
        "X-LXQt-Need-Tray=true\n"
    )
    assert is_autostart_enabled(command=SPACED, config_dir=config, platform="linux")


def test_the_default_folder_is_the_xdg_config_folder(private_dirs: Path) -> None:
    assert set_autostart(True, command=SPACED, platform="linux") is None
    assert entry_file(private_dirs / "config").is_file()


def test_turning_off_removes_the_entry(config: Path) -> None:
    turn_on(config)
    assert set_autostart(False, command=SPACED, config_dir=config, platform="linux") is None
    assert not entry_file(config).exists()
    assert list((config / "autostart").iterdir()) == []
    assert not is_autostart_enabled(config_dir=config, platform="linux")
    # Turning off what is already off is fine.
    assert set_autostart(False, command=SPACED, config_dir=config, platform="linux") is None


@pytest.mark.parametrize(
    ("command", "line"),
    [
        (["/usr/bin/presence-app"], "/usr/bin/presence-app"),
        (SPACED, '"/home/me/My Apps/bin/presence-app"'),
        (["/usr/bin/python3", "-m", "presence_app"], "/usr/bin/python3 -m presence_app"),
        (["/opt/a$b/presence-app"], '"/opt/a\\\\$b/presence-app"'),
        (['/opt/say "hi"/p'], '"/opt/say \\\\"hi\\\\"/p"'),
        (["/opt/back\\slash/p"], '"/opt/back\\\\\\\\slash/p"'),
        (["/opt/it's/p"], '"/opt/it\'s/p"'),
        (["/opt/100%/p"], "/opt/100%%/p"),
        (["/opt/p", ""], '/opt/p ""'),
    ],
)
def test_exec_quotes_each_argument_as_the_spec_asks(command: list[str], line: str) -> None:
    assert desktop_exec(command) == line


def read_exec(value: str) -> list[str]:
    """Split an Exec value the way the Desktop Entry spec tells a reader to."""
    escapes = {"s": " ", "n": "\n", "t": "\t", "r": "\r", "\\": "\\"}
    text = re.sub(r"\\(.)", lambda m: escapes.get(m.group(1), m.group(0)), value)
    arguments: list[str] = []
    current, quoted, started, chars = "", False, False, iter(text)
    for char in chars:
        if quoted and char == "\\":
            current += next(chars)
        elif char == '"':
            quoted, started = not quoted, True
        elif char == "%":
            current += next(chars)  # the writer only ever writes "%%"
        elif char == " " and not quoted:
            if started or current:
                arguments.append(current)
            current, started = "", False
        else:
            current += char
    if started or current:
        arguments.append(current)
    return arguments


plain_text = st.text(st.characters(exclude_categories=("Cs", "Cc")), max_size=20)


@given(st.lists(plain_text, min_size=1, max_size=4))
def test_exec_reads_back_as_the_same_arguments(command: list[str]) -> None:
    assert read_exec(desktop_exec(command)) == command


@pytest.mark.skipif(VALIDATOR is None, reason="desktop-file-validate is not installed")
@pytest.mark.parametrize(
    "command",
    [
        SPACED,
        ["/usr/bin/python3", "-m", "presence_app"],
        ['/opt/odd $ "dir" \\ 100%/presence-app'],
    ],
)
def test_the_entry_passes_desktop_file_validate(config: Path, command: list[str]) -> None:
    assert VALIDATOR is not None
    turn_on(config, command)
    checked = subprocess.run(
        [VALIDATOR, str(entry_file(config))], capture_output=True, text=True, check=False
    )
    assert (checked.returncode, checked.stdout, checked.stderr) == (0, "", "")


def test_a_failed_write_keeps_the_old_entry_and_says_so(
    config: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    turn_on(config, ["/old/presence-app"])
    before = entry_file(config).read_bytes()

    def full(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    assert turn_on(config) == (
        "Presence could not set itself to start when you log in (the disk is full). "
        "It keeps running now, and you can try again in Settings."
    )
    assert entry_file(config).read_bytes() == before
    assert [p.name for p in (config / "autostart").iterdir()] == [f"{APP_ID}.desktop"]


def test_a_failed_removal_says_where_the_entry_is(config: Path) -> None:
    entry_file(config).mkdir(parents=True)  # something that cannot be unlinked
    message = set_autostart(False, command=SPACED, config_dir=config, platform="linux")
    assert message == (
        "Presence could not stop starting when you log in (a folder has that name). "
        f"Removing {entry_file(config)} turns it off."
    )


@pytest.mark.parametrize(
    "line", ["Hidden=true", "X-GNOME-Autostart-enabled=false"], ids=["hidden", "gnome-off"]
)
def test_an_entry_switched_off_by_the_desktop_does_not_count(config: Path, line: str) -> None:
    path = entry_file(config)
    path.parent.mkdir(parents=True)
    text = desktop_entry(SPACED).replace("X-GNOME-Autostart-enabled=true\n", "")
    path.write_text(text + line + "\n", encoding="utf-8")
    assert not is_autostart_enabled(config_dir=config, platform="linux")


def test_an_entry_for_another_command_is_not_this_one(config: Path) -> None:
    turn_on(config, ["/old/place/presence-app"])
    assert is_autostart_enabled(config_dir=config, platform="linux")
    assert not is_autostart_enabled(command=SPACED, config_dir=config, platform="linux")


# --- start-up: only what differs is changed ------------------------------------------


def test_sync_rewrites_an_entry_that_runs_an_old_path(config: Path) -> None:
    turn_on(config, ["/old/place/presence-app"])
    assert sync_autostart(True, command=SPACED, config_dir=config, platform="linux") is None
    assert is_autostart_enabled(command=SPACED, config_dir=config, platform="linux")


def test_sync_leaves_a_matching_entry_alone(config: Path) -> None:
    turn_on(config)
    with entry_file(config).open("a", encoding="utf-8") as stream:
        stream.write("# touched by hand\n")
    assert sync_autostart(True, command=SPACED, config_dir=config, platform="linux") is None
    assert entry_file(config).read_text(encoding="utf-8").endswith("# touched by hand\n")


def test_sync_removes_any_entry_when_off(config: Path) -> None:
    turn_on(config, ["/old/place/presence-app"])
    assert sync_autostart(False, command=SPACED, config_dir=config, platform="linux") is None
    assert not entry_file(config).exists()


# --- macOS: the launch agent ---------------------------------------------------------


def test_the_macos_launch_agent_round_trips(tmp_path: Path) -> None:
    command = ["/Applications/Presence.app/Contents/MacOS/Presence"]
    agent = tmp_path / "LaunchAgents" / f"{APP_ID}.plist"
    assert set_autostart(True, command=command, config_dir=tmp_path, platform="darwin") is None
    with agent.open("rb") as stream:
        assert plistlib.load(stream) == {
            "Label": APP_ID,
            "ProgramArguments": command,
            "RunAtLoad": True,
            "LimitLoadToSessionType": "Aqua",
            "ProcessType": "Interactive",
        }
    assert is_autostart_enabled(command=command, config_dir=tmp_path, platform="darwin")
    assert not is_autostart_enabled(command=SPACED, config_dir=tmp_path, platform="darwin")
    assert set_autostart(False, command=command, config_dir=tmp_path, platform="darwin") is None
    assert not agent.exists()
    assert not is_autostart_enabled(config_dir=tmp_path, platform="darwin")


@pytest.mark.parametrize("content", [b"not a plist", b"<?xml version='1.0'?><plist><dict>"])
def test_a_broken_launch_agent_counts_as_off(tmp_path: Path, content: bytes) -> None:
    agent = tmp_path / "LaunchAgents" / f"{APP_ID}.plist"
    agent.parent.mkdir()
    agent.write_bytes(content)
    assert not is_autostart_enabled(config_dir=tmp_path, platform="darwin")
    assert sync_autostart(True, command=SPACED, config_dir=tmp_path, platform="darwin") is None
    assert is_autostart_enabled(command=SPACED, config_dir=tmp_path, platform="darwin")


# --- Windows: the Run value's command line -------------------------------------------


@pytest.mark.parametrize(
    ("command", "line"),
    [
        (
            ["C:\\Program Files\\Presence\\presence-app.exe"],
            '"C:\\Program Files\\Presence\\presence-app.exe"',
        ),
        (
            ["C:\\Python 3.12\\python.exe", "-m", "presence_app"],
            '"C:\\Python 3.12\\python.exe" -m presence_app',
        ),
        (["C:\\Tools\\presence-app.exe"], "C:\\Tools\\presence-app.exe"),
        (["C:\\a b\\p.exe", 'say "hi"'], '"C:\\a b\\p.exe" "say \\"hi\\""'),
    ],
)
def test_the_windows_command_line_is_quoted(command: list[str], line: str) -> None:
    assert windows_command_line(command) == line


# --- the command that starts Presence ------------------------------------------------


def test_an_installed_script_is_used_by_its_absolute_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script = tmp_path / "bin" / "presence-app"
    script.parent.mkdir()
    script.write_text("#!/bin/sh\n")
    monkeypatch.chdir(tmp_path)
    command = launch_command(argv0="bin/presence-app", executable="/py", frozen=False)
    assert command == [str(script)]


def test_a_windows_launcher_without_its_suffix_is_found(tmp_path: Path) -> None:
    launcher = tmp_path / "presence-app.exe"
    launcher.write_bytes(b"MZ")
    argv0 = str(tmp_path / "presence-app")
    assert launch_command(argv0=argv0, executable="/py", frozen=False) == [str(launcher)]


@pytest.mark.parametrize(
    "argv0", ["/src/presence/presence_app/__main__.py", "/nowhere/presence-app", "-c", ""]
)
def test_otherwise_this_python_runs_the_package(argv0: str) -> None:
    command = launch_command(argv0=argv0, executable="/usr/bin/python3", frozen=False)
    assert command == ["/usr/bin/python3", "-m", "presence_app"]


def test_a_frozen_build_starts_itself() -> None:
    assert launch_command(argv0="x", executable="/opt/Presence/presence", frozen=True) == [
        "/opt/Presence/presence"
    ]


def test_by_default_the_command_is_this_interpreter_under_pytest() -> None:
    assert launch_command() == [sys.executable, "-m", "presence_app"]
