"""The windows the user opens on purpose: settings and the journal.

At most one of each is open; asking again brings it to the front. They are
built on demand (most days nobody opens them), and closed windows are
dropped. Main thread only.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from presence_app.core.atomicfile import write_atomic
from presence_app.core.export import FORMATS, Format
from presence_app.core.journal import export

if TYPE_CHECKING:
    from presence_app.core.journal import JournalEntry
    from presence_app.presence import Presence

log = logging.getLogger(__name__)


class SideWindows(QObject):
    def __init__(self, presence: Presence) -> None:
        super().__init__(presence)
        self._presence = presence
        self._open: dict[str, QWidget] = {}

    def show(self, which: str) -> None:
        """Open (or bring to the front) the "settings" or "journal" window."""
        window = self._open.get(which)
        if window is None or not window.isVisible():
            window = self._build_settings() if which == "settings" else self._build_journal()
            self._open[which] = window
        window.show()
        window.raise_()
        window.activateWindow()

    def _build_settings(self) -> QWidget:
        from presence_app.ui.settings import SettingsWindow
        from presence_app.ui.settings.wiring import ports_for

        window = SettingsWindow(ports_for(self._presence))
        window.settings_saved.connect(self._presence.apply_settings)
        return window

    def _build_journal(self) -> QWidget:
        from presence_app.ui.journal_window import JournalWindow

        return JournalWindow(
            self._entries, self._export, tz=self._presence.zone, now=self._presence.clock_now
        )

    def _entries(self, search: str | None) -> list[JournalEntry]:
        return self._presence.journal.entries(search=search or None)

    def _export(self, target: Path, fmt: str) -> None:
        kind: Format = next((known for known in FORMATS if known == fmt), "md")
        text = export(self._presence.journal.entries(), kind, self._presence.zone)
        write_atomic(target, text.encode("utf-8"))
