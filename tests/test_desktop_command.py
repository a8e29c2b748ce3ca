"""``presence-app desktop install | remove`` into the test's private XDG folders.

The command runs as a user runs it (the installed script, in a subprocess);
the files it writes are checked with the freedesktop validators, and
removing must leave every folder exactly as it was, journal and settings
included. The one-time offer after a pipx install is tested here too.
"""

from __future__ import annotations

import hashlib
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from presence_app import APP_ID, __version__
from presence_app.adapters.launcher import (
    OFFER,
    LauncherFiles,
    install_launcher,
    launcher_entry,
    launcher_offer,
)
from presence_app.resources import asset_path
from tests.adapters.test_autostart import read_exec

SCRIPT = Path(sys.executable).with_name("presence-app")
COMMAND = [str(SCRIPT)] if SCRIPT.is_file() else [sys.executable, "-m", "presence_app"]


def need(binary: str) -> str:
    found = shutil.which(binary)
    if found is None:
        pytest.skip(f"{binary} is not installed (scripts/test installs it as root)")
    return found


def presence(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*COMMAND, *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )


def snapshot(root: Path) -> dict[str, str]:
    """Every folder and file under ``root``, with each file's content hash."""
    return {
        str(path.relative_to(root)): (
            "folder" if path.is_dir() else hashlib.sha256(path.read_bytes()).hexdigest()
        )
        for path in sorted(root.rglob("*"))
    }


@pytest.fixture
def files(private_dirs: Path) -> LauncherFiles:
    return LauncherFiles(private_dirs / "data")


@pytest.fixture
def users_own_files(private_dirs: Path) -> None:
    """A journal and settings, as a user who has used Presence has them."""
    (private_dirs / "config" / "presence-app").mkdir()
    (private_dirs / "config" / "presence-app" / "settings.toml").write_text("schema_version = 1\n")
    (private_dirs / "data" / "presence-app").mkdir()
    (private_dirs / "data" / "presence-app" / "journal.sqlite3").write_bytes(b"my words")


def test_install_puts_valid_files_in_the_menu_and_remove_restores_every_folder(
    files: LauncherFiles, private_dirs: Path, users_own_files: None
) -> None:
    before = snapshot(private_dirs)
    installed = presence("desktop", "install")
    assert installed.returncode == 0, installed.stderr
    assert installed.stdout == (
        "Presence is in your applications menu now, with its icon.\n"
        'Right-click it there for "Pause now", "Journal" and "Settings".\n'
        f"It starts: {shlex.join(COMMAND)}\n"
        "Added:\n"
        f"  {files.entry}\n"
        f"  {files.icon}\n"
        f"  {files.metainfo}\n"
        "To take it out again: presence-app desktop remove\n"
    )
    assert installed.stderr == ""
    assert files.icon.read_bytes() == asset_path("icons", "presence.svg").read_bytes()
    # The desktop's caches were refreshed by the tools that keep them.
    if shutil.which("update-desktop-database"):
        assert (files.applications / "mimeinfo.cache").is_file()
    if shutil.which("gtk-update-icon-cache"):
        assert (files.icon_theme / "icon-theme.cache").is_file()
    for path in files.files:
        assert path.stat().st_mode & 0o777 == 0o644

    validated = subprocess.run(
        [need("desktop-file-validate"), str(files.entry)], capture_output=True, text=True
    )
    assert (validated.returncode, validated.stdout, validated.stderr) == (0, "", "")
    appstream = subprocess.run(
        [need("appstreamcli"), "validate", "--no-net", "--pedantic", str(files.metainfo)],
        capture_output=True,
        text=True,
    )
    assert appstream.returncode == 0, appstream.stdout

    removed = presence("desktop", "remove")
    assert removed.returncode == 0, removed.stderr
    assert removed.stdout == (
        "Presence is no longer in your applications menu.\n"
        "Your journal and settings are as they were.\n"
    )
    assert snapshot(private_dirs) == before


def test_every_exec_runs_the_command_that_installed_it(files: LauncherFiles) -> None:
    assert presence("desktop", "install").returncode == 0
    lines = [
        line.removeprefix("Exec=")
        for line in files.entry.read_text().splitlines()
        if line.startswith("Exec=")
    ]
    commands = [read_exec(line) for line in lines]
    actions = ("pause", "journal", "settings")
    assert commands == [COMMAND, *([*COMMAND, action] for action in actions)]
    # The launcher's own command, asked for its version, is this Presence.
    ran = subprocess.run(
        [*commands[0], "--version"], capture_output=True, text=True, timeout=60, check=False
    )
    assert (ran.returncode, ran.stdout) == (0, f"presence-app {__version__}\n")


def test_install_twice_and_remove_once_leaves_nothing(
    files: LauncherFiles, private_dirs: Path
) -> None:
    before = snapshot(private_dirs)
    assert presence("desktop", "install").returncode == 0
    assert presence("desktop", "install").returncode == 0
    assert presence("desktop", "remove").returncode == 0
    assert snapshot(private_dirs) == before


def test_remove_keeps_folders_and_caches_that_were_there_before(
    files: LauncherFiles, private_dirs: Path
) -> None:
    other = files.applications / "org.example.Other.desktop"
    other.parent.mkdir(parents=True)
    other.write_text("[Desktop Entry]\nType=Application\nName=Other\nExec=other\n")
    files.icon_theme.mkdir(parents=True)
    before = snapshot(private_dirs)
    assert presence("desktop", "install").returncode == 0
    assert presence("desktop", "remove").returncode == 0
    after = snapshot(private_dirs)
    # update-desktop-database (when installed) leaves its cache beside the
    # other entry, where it belongs; everything else is as it was.
    after.pop("data/applications/mimeinfo.cache", None)
    assert after == before


def test_remove_without_an_install_says_so(private_dirs: Path) -> None:
    before = snapshot(private_dirs)
    removed = presence("desktop", "remove")
    assert (removed.returncode, removed.stdout) == (
        0,
        "Presence was not in your applications menu, so nothing was removed.\n",
    )
    assert snapshot(private_dirs) == before


def test_a_failed_install_says_why_and_changes_nothing(
    files: LauncherFiles, private_dirs: Path
) -> None:
    files.metainfo.parent.parent.mkdir(parents=True, exist_ok=True)
    files.metainfo.parent.write_text("a file where a folder should be")
    before = snapshot(private_dirs)
    failed = presence("desktop", "install")
    assert failed.returncode == 1
    assert failed.stdout == ""
    assert failed.stderr.startswith("Presence could not be added to your applications menu (")
    assert failed.stderr.endswith("). Nothing was changed.\n")
    assert snapshot(private_dirs) == before


def test_a_failed_reinstall_keeps_the_launcher_that_was_there(
    files: LauncherFiles, private_dirs: Path
) -> None:
    record = private_dirs / "state" / "presence-app" / "launcher.json"
    install_launcher(["/old/presence-app"], files, record, _none)
    files.metainfo.unlink()
    files.metainfo.parent.rmdir()
    files.metainfo.parent.write_text("a file where a folder should be")
    before = snapshot(private_dirs)
    failed = presence("desktop", "install")
    assert failed.returncode == 1
    assert snapshot(private_dirs) == before
    assert "Exec=/old/presence-app pause" in files.entry.read_text()


def test_inside_flatpak_there_is_nothing_to_add(private_dirs: Path) -> None:
    env = {**os.environ, "FLATPAK_ID": APP_ID}
    before = snapshot(private_dirs)
    installed = presence("desktop", "install", env=env)
    assert (installed.returncode, installed.stdout) == (
        0,
        "Flatpak already keeps Presence in your applications menu; nothing was added.\n",
    )
    removed = presence("desktop", "remove", env=env)
    assert removed.stdout == (
        "Flatpak keeps Presence in your applications menu; "
        f"`flatpak uninstall {APP_ID}` takes it out.\n"
    )
    assert snapshot(private_dirs) == before


def test_the_shipped_entry_is_the_launcher_for_the_plain_command() -> None:
    shipped = asset_path("desktop", f"{APP_ID}.desktop").read_text(encoding="utf-8")
    assert launcher_entry(["presence-app"]) == shipped
    spaced = launcher_entry(["/home/me/My Apps/presence-app"])
    assert 'Exec="/home/me/My Apps/presence-app" journal' in spaced.splitlines()


def test_the_shipped_metainfo_names_the_entry_and_the_app_id() -> None:
    text = asset_path("desktop", f"{APP_ID}.metainfo.xml").read_text(encoding="utf-8")
    assert f"<id>{APP_ID}</id>" in text
    assert f'<launchable type="desktop-id">{APP_ID}.desktop</launchable>' in text


# --- the one-time offer after a pipx install --------------------------------------------


def test_a_pipx_install_is_offered_the_launcher_once(tmp_path: Path) -> None:
    state, data = tmp_path / "state", [tmp_path / "data"]
    assert launcher_offer(state, pipx=True, data_dirs=data) == OFFER
    assert OFFER == (
        "Presence is not in your applications menu yet. If you would like it there, "
        "run “presence-app desktop install” once."
    )
    assert launcher_offer(state, pipx=True, data_dirs=data) is None


def test_no_offer_outside_pipx_or_when_the_launcher_is_there(tmp_path: Path) -> None:
    assert launcher_offer(tmp_path / "a", pipx=False, data_dirs=[tmp_path]) is None
    install_launcher(COMMAND, LauncherFiles(tmp_path / "data"), tmp_path / "record.json", _none)
    assert launcher_offer(tmp_path / "b", pipx=True, data_dirs=[tmp_path / "data"]) is None


def test_pipx_is_told_by_its_metadata_file(tmp_path: Path) -> None:
    from presence_app.adapters.installation import is_pipx

    assert not is_pipx(str(tmp_path))
    (tmp_path / "pipx_metadata.json").write_text("{}")
    assert is_pipx(str(tmp_path))


def _none(files: LauncherFiles) -> None:
    """No cache refresh: the test is about the offer."""
