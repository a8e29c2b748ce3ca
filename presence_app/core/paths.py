"""Where Presence keeps its files, from platformdirs.

One ``Paths`` value is built at start-up and handed to whoever needs a
location; nothing else asks platformdirs. On Linux the XDG variables
(``XDG_CONFIG_HOME``, ``XDG_DATA_HOME``, ``XDG_STATE_HOME``,
``XDG_RUNTIME_DIR``) move every folder, which tests and portable set-ups use.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from presence_app import APP_NAME


@dataclass(frozen=True)
class Paths:
    config_dir: Path
    data_dir: Path
    state_dir: Path
    log_dir: Path
    runtime_dir: Path

    @classmethod
    def from_platform(cls) -> Paths:
        """Ask platformdirs for this user's folders (nothing is created)."""
        dirs = platformdirs.PlatformDirs(APP_NAME, appauthor=False)
        return cls(
            config_dir=Path(dirs.user_config_dir),
            data_dir=Path(dirs.user_data_dir),
            state_dir=Path(dirs.user_state_dir),
            log_dir=Path(dirs.user_log_dir),
            runtime_dir=_runtime_dir(dirs),
        )

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.toml"

    @property
    def journal_file(self) -> Path:
        return self.data_dir / "journal.sqlite3"

    @property
    def log_file(self) -> Path:
        return self.log_dir / "presence.log"

    @property
    def socket_path(self) -> Path:
        return self.runtime_dir / "command.sock"


def _runtime_dir(dirs: platformdirs.PlatformDirs) -> Path:
    """Return a user-private folder for the socket and lock.

    platformdirs falls back to a shared temporary folder when
    ``XDG_RUNTIME_DIR`` is unset; a per-user subfolder keeps that private.
    """
    if os.name == "posix" and not os.environ.get("XDG_RUNTIME_DIR"):
        return Path(tempfile.gettempdir()) / f"{APP_NAME}-{os.getuid()}"
    return Path(dirs.user_runtime_dir)
