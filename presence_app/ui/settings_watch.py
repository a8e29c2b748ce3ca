"""Hand edits reload by themselves: watch ``settings.toml`` and apply changes.

The file is one source of truth shared by the settings window and the
user's editor, so a save in the editor reaches the running app at once,
exactly as a save from the window does.

Main ideas:

- ``QFileSystemWatcher`` watches the file *and* its folder: editors that
  save by writing a new file and renaming it over the old one replace the
  watched file (the watcher then drops it; it is added again), and the
  folder sees the rename. No polling: the kernel tells us.
- Editors write twice in a row, and one save is several events; a short
  single-shot timer (``DELAY_MS``) lets them settle, then the file is read
  once (bounded, like every settings read).
- Only a real change of the bytes counts; ``loaded`` then carries the fresh
  ``LoadResult``. ``apply_loaded`` applies it through the app's own path,
  unless it is what is in effect already (the app's own save from the
  window, or a change of comments only), so nothing is applied twice.
- A file that cannot be read as settings (broken TOML, a newer version, a
  pipe) changes nothing in effect and is never written to; the user hears
  why, as at start-up.

Main thread only.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from presence_app.core.settings import (
    FileState,
    LoadResult,
    ReadRefused,
    Settings,
    load_settings,
    read_settings_bytes,
)
from presence_app.i18n import _

log = logging.getLogger(__name__)

DELAY_MS = 250
"""How long a save may keep writing before the file is read."""


class SettingsWatch(QObject):
    """Emits ``loaded(LoadResult)`` when the settings file's content changes."""

    loaded = Signal(object)

    def __init__(
        self, path: Path, parent: QObject | None = None, delay_ms: int = DELAY_MS
    ) -> None:
        super().__init__(parent)
        self._path = path
        self._watcher = QFileSystemWatcher(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._on_settled)
        self._watcher.fileChanged.connect(self._on_event)
        self._watcher.directoryChanged.connect(self._on_event)
        self._last = self._content()
        self._rearm()

    @property
    def watched(self) -> list[str]:
        return [*self._watcher.files(), *self._watcher.directories()]

    def _rearm(self) -> None:
        """Watch the folder, and the file again if a rename replaced it."""
        wanted = [str(self._path.parent)]
        if self._path.exists():
            wanted.append(str(self._path))
        missing = [path for path in wanted if path not in self.watched]
        if missing:
            self._watcher.addPaths(missing)

    def _on_event(self, _path: str) -> None:
        self._rearm()
        self._timer.start()

    def _on_settled(self) -> None:
        self._rearm()
        content = self._content()
        if content == self._last:
            return
        self._last = content
        log.info("%s changed on disk; reading it again", self._path.name)
        self.loaded.emit(load_settings(self._path))

    def _content(self) -> bytes | str | None:
        try:
            return read_settings_bytes(self._path)
        except FileNotFoundError:
            return None
        except ReadRefused as refused:
            return refused.message


def settings_notice(loaded: LoadResult) -> str | None:
    """The one calm notice for what loading found (as start-up says it), or None."""
    summary = loaded.summary()
    if summary is None:
        return None
    if len(loaded.problems) == 1 and loaded.problems[0].key:
        return f"{summary} {loaded.problems[0].message.rstrip('.')}."
    if loaded.problems and loaded.problems[0].key:
        return _("{summary} `presence-app config check` lists each one.").format(summary=summary)
    return summary


def apply_loaded(
    loaded: LoadResult,
    current: Settings,
    apply: Callable[[Settings], None],
    notify: Callable[[str], None],
) -> bool:
    """Use freshly loaded settings as a save from the window would; True if applied.

    Nothing of a file that could not be read at all is used: the settings in
    effect stay, and the notice says why.
    """
    for problem in loaded.problems:
        log.warning("settings: %s", problem.message)
    notice = settings_notice(loaded)
    if loaded.file_state.is_whole_file or loaded.file_state is FileState.MISSING:
        if notice:
            notify(_("{notice} The settings in effect stay as they were.").format(notice=notice))
        return False
    changed = loaded.settings != current
    if changed:
        log.info("applying the settings from the file")
        apply(loaded.settings)
    if notice:
        notify(notice)
    return changed
