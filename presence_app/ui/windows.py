"""The windows the user opens on purpose: settings and the journal.

At most one of each is open; asking again brings it to the front. They are
built on demand (most days nobody opens them), and closed windows are
dropped. Each window gets only what it may use: the settings window its
ports (what it may read and do) and a way to apply what it saved
(``SettingsAccess``), the journal window a way to read entries
(``JournalAccess``). Main thread only.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from presence_app.core.settings import Settings
from presence_app.ui.compositor import keep_own_size

if TYPE_CHECKING:  # the windows and the export are imported when first opened
    from presence_app.core.journal import JournalEntry
    from presence_app.ui.settings.ports import SettingsPorts

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SettingsAccess:
    """What the settings window may do: its ports (built when it opens), and apply."""

    ports: Callable[[], SettingsPorts]
    apply: Callable[[Settings], None]


@dataclass(frozen=True)
class JournalAccess:
    """What the journal window may do: read entries (optionally searched)."""

    entries: Callable[[str | None], list[JournalEntry]]
    zone: Callable[[], tzinfo]
    now: Callable[[], datetime]


class SideWindows(QObject):
    def __init__(
        self,
        settings: SettingsAccess,
        journal: JournalAccess,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._journal = journal
        self._open: dict[str, QWidget] = {}

    def show(self, which: str) -> None:
        """Open (or bring to the front) the "settings" or "journal" window."""
        window = self._open.get(which)
        if window is None or not window.isVisible():
            window = self._build_settings() if which == "settings" else self._build_journal()
            keep_own_size(window)  # floats at its size on tiling compositors
            self._open[which] = window
        window.show()
        window.raise_()
        window.activateWindow()

    def _build_settings(self) -> QWidget:
        from presence_app.ui.settings import SettingsWindow

        window = SettingsWindow(self._settings.ports())
        window.settings_saved.connect(self._settings.apply)
        return window

    def _build_journal(self) -> QWidget:
        from presence_app.ui.journal_window import JournalWindow

        journal = self._journal
        return JournalWindow(
            lambda search: journal.entries(search or None),
            self._export,
            tz=journal.zone(),
            now=journal.now,
        )

    def _export(self, target: Path, fmt: str) -> None:
        from presence_app.core.export import FORMATS, Format, render
        from presence_app.core.exportfile import write_export

        kind: Format = next((known for known in FORMATS if known == fmt), "md")
        text = render(self._journal.entries(None), kind, self._journal.zone())
        write_export(target, text.encode("utf-8"))
