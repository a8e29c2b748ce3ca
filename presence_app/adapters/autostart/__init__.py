"""Start Presence when the user logs in, or stop doing so.

The setting ``start_at_login`` (off until the user turns it on) is the
truth, and this module makes the platform's login entry match it: a Desktop
Entry in ``$XDG_CONFIG_HOME/autostart`` (Linux and the BSDs), a value under
the registry's ``HKCU\\...\\Run`` key (Windows), a launch agent in
``~/Library/LaunchAgents`` (macOS). The entries' text and its quoting live
in ``autostart.entries``; here is only the reading, writing and removing.

Main ideas:

- Nothing raises at the app: a change that cannot be made comes back as one
  calm sentence for the user, and the app keeps running as it is.
- The entry runs the command that started this Presence
  (:func:`launch_command`). At start-up :func:`sync_autostart` rewrites an
  entry that runs something else (an older install at another path), and
  removes one the setting no longer wants.
- Main thread only; each call is one small file or registry operation.
"""

from __future__ import annotations

import errno
import logging
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from platformdirs import user_config_path

from presence_app import APP_ID
from presence_app.adapters.autostart.entries import (
    desktop_entry,
    desktop_entry_runs,
    desktop_exec,
    launch_agent,
    launch_agent_runs,
    windows_command_line,
)
from presence_app.core.atomicfile import write_atomic
from presence_app.core.settings import os_error_reason
from presence_app.i18n import _

log = logging.getLogger(__name__)

SCRIPT_NAME = "presence-app"
"""The installed entry point (``[project.scripts]``)."""
RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
RUN_VALUE = "Presence"
_NO_REGISTRY = "the Windows registry is not here"


def launch_command(
    *, argv0: str | None = None, executable: str | None = None, frozen: bool | None = None
) -> list[str]:
    """Return the command that starts Presence the way it was started now.

    A frozen build is its own program; an installed ``presence-app`` script
    is used by its absolute path; anything else (a source checkout, ``python
    -m presence_app``) becomes this interpreter running the package. The
    arguments default to ``sys.argv[0]``, ``sys.executable`` and ``sys.frozen``.
    """
    argv0 = sys.argv[0] if argv0 is None else argv0
    executable = executable or sys.executable
    if getattr(sys, "frozen", False) if frozen is None else frozen:
        return [str(Path(executable).absolute())]
    script = Path(argv0)
    if script.name in (SCRIPT_NAME, f"{SCRIPT_NAME}.exe"):
        # Windows launchers may report the script without its ".exe".
        for candidate in (script, script.with_name(f"{SCRIPT_NAME}.exe")):
            if candidate.is_file():
                return [str(candidate.absolute())]
    return [executable, "-m", "presence_app"]


class LoginEntry(Protocol):
    """One platform's login entry. Methods raise ``OSError`` (reading also ``ValueError``)."""

    @property
    def where(self) -> str:
        """Where the entry lives, for a message the user can act on."""
        ...

    def runs(self) -> object | None:
        """What the entry starts at login, as ``expected`` writes it; None if nothing."""
        ...

    def expected(self, command: Sequence[str]) -> object: ...

    def write(self, command: Sequence[str]) -> None: ...

    def remove(self) -> None:
        """Remove the entry; one that is not there is fine."""
        ...


@dataclass(frozen=True)
class DesktopAutostart:
    """``<config>/autostart/<app id>.desktop``, read by every freedesktop session."""

    path: Path

    @property
    def where(self) -> str:
        return str(self.path)

    def runs(self) -> str | None:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        return desktop_entry_runs(text)

    def expected(self, command: Sequence[str]) -> str:
        return desktop_exec(command)

    def write(self, command: Sequence[str]) -> None:
        write_atomic(self.path, desktop_entry(command).encode("utf-8"), mode=0o644)

    def remove(self) -> None:
        self.path.unlink(missing_ok=True)


@dataclass(frozen=True)
class LaunchAgent:
    """``~/Library/LaunchAgents/<app id>.plist`` with ``RunAtLoad``, read by launchd at login."""

    path: Path

    @property
    def where(self) -> str:
        return str(self.path)

    def runs(self) -> list[str] | None:
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return None
        return launch_agent_runs(data)

    def expected(self, command: Sequence[str]) -> list[str]:
        return list(command)

    def write(self, command: Sequence[str]) -> None:
        write_atomic(self.path, launch_agent(command), mode=0o644)

    def remove(self) -> None:
        self.path.unlink(missing_ok=True)


class RunKey:
    """The ``Presence`` value under ``HKEY_CURRENT_USER\\...\\Run`` (Windows only).

    ``winreg`` is imported on use; elsewhere every change raises ``OSError``.
    """

    where = f'the "{RUN_VALUE}" value under HKEY_CURRENT_USER\\{RUN_KEY}'

    def runs(self) -> str | None:
        if sys.platform == "win32":
            import winreg

            try:
                with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
                    value, kind = winreg.QueryValueEx(key, RUN_VALUE)
            except FileNotFoundError:
                return None
            return value if kind in (winreg.REG_SZ, winreg.REG_EXPAND_SZ) else None
        raise OSError(errno.ENOSYS, _NO_REGISTRY)

    def expected(self, command: Sequence[str]) -> str:
        return windows_command_line(command)

    def write(self, command: Sequence[str]) -> None:
        if sys.platform == "win32":
            import winreg

            with winreg.CreateKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
                winreg.SetValueEx(key, RUN_VALUE, 0, winreg.REG_SZ, windows_command_line(command))
            return
        raise OSError(errno.ENOSYS, _NO_REGISTRY)

    def remove(self) -> None:
        if sys.platform == "win32":
            import winreg

            try:
                with winreg.OpenKey(
                    winreg.HKEY_CURRENT_USER, RUN_KEY, 0, winreg.KEY_SET_VALUE
                ) as key:
                    winreg.DeleteValue(key, RUN_VALUE)
            except FileNotFoundError:
                pass
            return
        raise OSError(errno.ENOSYS, _NO_REGISTRY)


def login_entry(config_dir: Path | None = None, platform: str = sys.platform) -> LoginEntry:
    """Return this platform's login entry.

    ``config_dir`` is the folder that holds the entry's folder: the XDG
    config folder on Linux (``autostart/`` is in it), ``~/Library`` on macOS
    (``LaunchAgents/``); Windows keeps its entry in the registry.
    """
    if platform == "win32":
        return RunKey()
    if platform == "darwin":
        library = config_dir or Path.home() / "Library"
        return LaunchAgent(library / "LaunchAgents" / f"{APP_ID}.plist")
    return DesktopAutostart((config_dir or user_config_path()) / "autostart" / f"{APP_ID}.desktop")


def set_autostart(
    enabled: bool,
    *,
    command: list[str],
    config_dir: Path | None = None,
    platform: str = sys.platform,
) -> str | None:
    """Make Presence start at login (or not); return a message for the user if that failed."""
    entry = login_entry(config_dir, platform)
    try:
        if enabled:
            entry.write(command)
        else:
            entry.remove()
    except OSError as error:
        log.warning("the login entry at %s could not be changed: %s", entry.where, error)
        return failure_message(enabled, entry.where, error)
    return None


def is_autostart_enabled(
    *,
    command: list[str] | None = None,
    config_dir: Path | None = None,
    platform: str = sys.platform,
) -> bool:
    """Tell whether Presence starts at login (running ``command``, when given)."""
    entry = login_entry(config_dir, platform)
    try:
        runs = entry.runs()
    except (OSError, ValueError) as error:
        log.warning("the login entry at %s could not be read: %s", entry.where, error)
        return False
    if runs is None:
        return False
    return command is None or runs == entry.expected(command)


def sync_autostart(
    enabled: bool,
    *,
    command: list[str],
    config_dir: Path | None = None,
    platform: str = sys.platform,
) -> str | None:
    """Change the login entry only where it differs from the setting (at start-up)."""
    wanted = command if enabled else None  # when off, any entry that starts something goes
    if is_autostart_enabled(command=wanted, config_dir=config_dir, platform=platform) == enabled:
        return None
    return set_autostart(enabled, command=command, config_dir=config_dir, platform=platform)


def failure_message(enabled: bool, where: str, error: OSError) -> str:
    """Say calmly that the login entry could not be changed, and what helps."""
    reason = os_error_reason(error)
    if enabled:
        return _(
            "Presence could not set itself to start when you log in ({reason}). It keeps "
            "running now, and you can try again in Settings."
        ).format(reason=reason)
    return _(
        "Presence could not stop starting when you log in ({reason}). Removing {where} turns "
        "it off."
    ).format(reason=reason, where=where)
