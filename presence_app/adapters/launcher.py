"""Presence in the desktop's applications menu: the launcher, its icon and metainfo.

A wheel or pipx install puts a ``presence-app`` command on the disk and
nothing in the menu. ``presence-app desktop install`` adds what a desktop
reads, in the user's data folder (``$XDG_DATA_HOME``, usually
``~/.local/share``): the Desktop Entry in ``applications/``, the scalable
icon in the hicolor theme, and the AppStream metainfo in ``metainfo/``.
``desktop remove`` takes them out again.

Main ideas:

- The entry is the shipped one (``assets/desktop``) with every ``Exec``
  pointing at the command that ran the install, by its absolute path and
  quoted as the Desktop Entry spec asks, so it works without ``PATH``.
- Removing leaves the folders as they were: the folders and caches the
  install created are remembered in a small record in the state folder and
  removed again when nothing else is in them. The journal and the settings
  live elsewhere and are never touched.
- The desktop database and the icon cache are refreshed when their tools
  are installed; a tool that is missing or fails only costs a log line.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from platformdirs import site_data_dir, user_data_path

from presence_app import APP_ID
from presence_app.adapters.autostart.entries import desktop_exec
from presence_app.adapters.installation import is_pipx
from presence_app.core.atomicfile import write_atomic
from presence_app.i18n import N_, _
from presence_app.resources import asset_path

log = logging.getLogger(__name__)

TEMPLATE_COMMAND = "presence-app"
"""The command the shipped entry runs (Flatpak and distributions keep it)."""
TOOL_TIMEOUT_S = 30
DESKTOP_CACHE = "mimeinfo.cache"
ICON_CACHE = "icon-theme.cache"

Refresh = Callable[["LauncherFiles"], None]


@dataclass(frozen=True)
class LauncherFiles:
    """Where the launcher's three files go under one data folder."""

    data_home: Path

    @property
    def applications(self) -> Path:
        return self.data_home / "applications"

    @property
    def icon_theme(self) -> Path:
        return self.data_home / "icons" / "hicolor"

    @property
    def entry(self) -> Path:
        return self.applications / f"{APP_ID}.desktop"

    @property
    def icon(self) -> Path:
        return self.icon_theme / "scalable" / "apps" / f"{APP_ID}.svg"

    @property
    def metainfo(self) -> Path:
        return self.data_home / "metainfo" / f"{APP_ID}.metainfo.xml"

    @property
    def files(self) -> tuple[Path, Path, Path]:
        return (self.entry, self.icon, self.metainfo)

    @property
    def caches(self) -> tuple[Path, Path]:
        return (self.applications / DESKTOP_CACHE, self.icon_theme / ICON_CACHE)

    def is_installed(self) -> bool:
        return self.entry.is_file()


def launcher_entry(command: Sequence[str], template: str | None = None) -> str:
    """Return the shipped Desktop Entry with every ``Exec`` running ``command``."""
    if template is None:
        template = asset_path("desktop", f"{APP_ID}.desktop").read_text(encoding="utf-8")
    prefix = f"Exec={TEMPLATE_COMMAND}"
    lines = [
        f"Exec={desktop_exec(command)}{line[len(prefix) :]}" if line.startswith(prefix) else line
        for line in template.splitlines()
    ]
    return "\n".join(lines) + "\n"


def install_launcher(
    command: Sequence[str], files: LauncherFiles, record: Path, refresh: Refresh | None = None
) -> None:
    """Write the entry, icon and metainfo, and refresh the desktop's caches.

    Raises:
        OSError: a file could not be written; whatever this call wrote is gone again.
    """
    remembered = _read_record(record)
    new_folders = [str(f) for f in _missing_folders([*files.files, record])]
    caches_before = {str(c) for c in files.caches if c.exists()}
    folders = _merge(remembered.get("folders", []), new_folders)
    before: dict[Path, bytes | None] = {}
    try:
        _write_record(record, {**remembered, "folders": folders})
        for path, data in zip(files.files, _contents(command), strict=True):
            before[path] = path.read_bytes() if path.is_file() else None
            write_atomic(path, data, mode=0o644)
    except OSError:
        _put_back(before)
        _restore_record(record, remembered)
        _remove_empty(new_folders)
        raise
    (refresh or refresh_caches)(files)
    made = [str(c) for c in files.caches if c.exists() and str(c) not in caches_before]
    with contextlib.suppress(OSError):  # without the record, removing keeps the folders
        caches = _merge(remembered.get("caches", []), made)
        _write_record(record, {"folders": folders, "caches": caches})


def _contents(command: Sequence[str]) -> tuple[bytes, bytes, bytes]:
    """The entry, the icon and the metainfo, in the order of ``LauncherFiles.files``."""
    return (
        launcher_entry(command).encode("utf-8"),
        asset_path("icons", "presence.svg").read_bytes(),
        asset_path("desktop", f"{APP_ID}.metainfo.xml").read_bytes(),
    )


def remove_launcher(files: LauncherFiles, record: Path, refresh: Refresh | None = None) -> bool:
    """Remove the entry, icon and metainfo, and what the install created for them.

    Returns whether there was anything to remove.

    Raises:
        OSError: a file could not be removed.
    """
    found = [path for path in files.files if path.exists()]
    for path in found:
        path.unlink()
    (refresh or refresh_caches)(files)
    remembered = _read_record(record)
    for cache in map(Path, remembered.get("caches", [])):
        if cache.is_file() and _holds_only(cache.parent, cache):
            cache.unlink()
    record.unlink(missing_ok=True)
    _remove_empty(remembered.get("folders", []))
    return bool(found)


def refresh_caches(files: LauncherFiles) -> None:
    """Run ``update-desktop-database`` and ``gtk-update-icon-cache`` where they exist."""
    import subprocess  # only here: the app imports this module at start-up

    icon_options = ["--quiet", "--force", "--ignore-theme-index"]
    runs = (
        ("update-desktop-database", ["--quiet"], files.applications),
        ("gtk-update-icon-cache", icon_options, files.icon_theme),
    )
    for tool, options, folder in runs:
        program = shutil.which(tool)
        if program is None or not folder.is_dir():
            continue
        try:
            done = subprocess.run(
                [program, *options, str(folder)],
                capture_output=True,
                text=True,
                timeout=TOOL_TIMEOUT_S,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            log.info("%s could not refresh %s: %s", tool, folder, error)
            continue
        if done.returncode != 0:
            log.info("%s could not refresh %s: %s", tool, folder, done.stderr.strip())


def _put_back(before: dict[Path, bytes | None]) -> None:
    """Undo a failed install: remove new files, restore replaced ones."""
    for path, data in before.items():
        with contextlib.suppress(OSError):  # the failure itself is what the user hears of
            if data is None:
                path.unlink(missing_ok=True)
            else:
                write_atomic(path, data, mode=0o644)


def _missing_folders(paths: Sequence[Path]) -> list[Path]:
    """The folders that writing ``paths`` would create, outermost first."""
    missing: list[Path] = []
    for path in paths:
        for folder in reversed(path.parents):
            if not folder.exists() and folder not in missing:
                missing.append(folder)
    return missing


def _merge(old: Sequence[str], new: Sequence[str]) -> list[str]:
    return list(dict.fromkeys([*old, *new]))


def _holds_only(folder: Path, keep: Path) -> bool:
    """Whether ``folder`` holds no file but ``keep`` (empty subfolders do not count)."""
    return all(p == keep or p.is_dir() for p in folder.rglob("*"))


def _remove_empty(folders: Sequence[str]) -> None:
    """Remove the given folders that are empty, innermost first."""
    for folder in sorted(folders, key=lambda f: len(Path(f).parts), reverse=True):
        with contextlib.suppress(OSError):  # not empty (or already gone): keep it
            Path(folder).rmdir()


def _read_record(record: Path) -> dict[str, list[str]]:
    try:
        data = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {
        key: [str(item) for item in value]
        for key, value in data.items()
        if key in ("folders", "caches") and isinstance(value, list)
    }


def _write_record(record: Path, data: dict[str, list[str]]) -> None:
    write_atomic(record, json.dumps(data, indent=2).encode("utf-8"))


def _restore_record(record: Path, data: dict[str, list[str]]) -> None:
    with contextlib.suppress(OSError):  # the install already failed; say that, not this
        if data:
            _write_record(record, data)
        else:
            record.unlink(missing_ok=True)


OFFER = N_(
    "Presence is not in your applications menu yet. If you would like it there, "
    "run “presence-app desktop install” once."
)
OFFERED_MARKER = "launcher-offered"
"""A file in the state folder: the offer was made, so it is not made again."""


def default_files() -> LauncherFiles:
    """The launcher's places in this user's data folder (``$XDG_DATA_HOME``)."""
    return LauncherFiles(user_data_path())


def launcher_offer(
    state_dir: Path, *, pipx: bool | None = None, data_dirs: Sequence[Path] | None = None
) -> str | None:
    """Return the one-time offer to add the launcher, or None if it is not for now.

    It is made once, on the first start of a pipx install that nothing has
    put in the menu yet (neither ``desktop install`` nor a system package).
    """
    if not (is_pipx() if pipx is None else pipx):
        return None
    marker = state_dir / OFFERED_MARKER
    if marker.exists():
        return None
    if data_dirs is None:
        data_dirs = [user_data_path(), *map(Path, site_data_dir(multipath=True).split(os.pathsep))]
    if any(LauncherFiles(folder).is_installed() for folder in data_dirs):
        return None
    try:
        write_atomic(marker, b"")
    except OSError as error:  # it could not be remembered: better no offer than one each start
        log.info("the launcher offer could not be remembered: %s", error)
        return None
    return _(OFFER)
