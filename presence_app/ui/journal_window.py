"""The journal window: read back pauses and reflections, day by day.

Why: what the user wrote is theirs to read again. The window shows it like
a small diary: days with the newest first, each pause with its time and
length, and the reflection beneath it. There are no streaks, counts or
badges, only what happened. Above the days, a small picture shows the
rhythm of the last seven days (``ui.rhythm``); it always shows those days,
whatever the search. A search field narrows the days down; "Export…" writes
it out as Markdown, JSON or CSV.

Main ideas:
- Data comes from a callable, ``load(search_text | None)``, so the window
  never opens the database itself. Entries are
  ``core.journal.JournalEntry`` values.
- Rendering is pure (``group_by_day``, ``entry_html``) and tested without
  a display; the window only puts the HTML into a ``QTextBrowser``.
- Times are shown in a given time zone (None: the system's local zone);
  "today" comes from an injected ``now`` callable, so tests fix the week.
"""

from __future__ import annotations

import html
import sqlite3
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta, tzinfo
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from presence_app.core.cue import Outcome
from presence_app.core.journal import JournalEntry
from presence_app.core.rhythm import look_back
from presence_app.core.timefmt import time_format
from presence_app.core.timewords import reason_clause
from presence_app.i18n import N_, _, ngettext
from presence_app.ui import accessibility
from presence_app.ui.rhythm import RhythmView
from presence_app.ui.theme import LIGHT, MARGIN, SPACING

SEARCH_DELAY_MS = 250
EXPORT_FORMATS: tuple[tuple[str, str], ...] = (
    ("md", N_("Markdown (*.md)")),
    ("json", N_("JSON (*.json)")),
    ("csv", N_("CSV (*.csv)")),
)
EMPTY_TEXT = N_("Nothing here yet. Your pauses and reflections will gather here.")


Entry = JournalEntry
"""One journal entry, as ``core.journal`` gives it."""

Load = Callable[[str | None], Sequence[Entry]]
Export = Callable[[Path, str], None]
ChooseTarget = Callable[[QWidget], tuple[Path, str] | None]
Now = Callable[[], datetime]
Day = tuple[date, list[Entry]]


def _system_now() -> datetime:
    return datetime.now(UTC)


def when(entry: Entry) -> datetime:
    """The instant an entry is filed under: its start, else its bell."""
    return entry.at


def group_by_day(
    entries: Sequence[Entry], tz: tzinfo | None = None
) -> list[tuple[date, list[Entry]]]:
    """Group entries by local day, newest day first, each day in time order."""
    days: dict[date, list[Entry]] = {}
    for entry in sorted(entries, key=when):
        days.setdefault(when(entry).astimezone(tz).date(), []).append(entry)
    return sorted(days.items(), key=lambda item: item[0], reverse=True)


def minutes(duration: timedelta) -> str:
    """Say a length in minutes: "3 min" or "less than a minute"."""
    count = round(duration.total_seconds() / 60)
    if count < 1:
        return _("less than a minute")
    return ngettext("{count} min", "{count} min", count).format(count=count)


def entry_summary(entry: Entry, tz: tzinfo | None = None) -> str:
    """One calm line: "10:45 · a pause of 3 min"."""
    time = time_format().clock(when(entry).astimezone(tz))
    taken = entry.ended - entry.started if entry.ended and entry.started else entry.planned
    what = {
        Outcome.COMPLETED: N_("a pause of {length}"),
        Outcome.ENDED_EARLY: N_("a pause of {length}, ended early"),
        Outcome.UNFINISHED: N_("a pause of {length}; its end was not recorded"),
        Outcome.PASSED: N_("a bell you let pass"),
        Outcome.QUIET: N_("a bell that stayed quiet"),
    }.get(entry.outcome, str(entry.outcome))
    if entry.outcome is Outcome.QUIET and entry.reason:
        what = _("a bell that stayed quiet {reason}").format(reason=reason_clause(entry.reason))
    else:
        what = _(what).format(length=minutes(taken))
    return f"{time} · {what}"


def entry_html(entry: Entry, tz: tzinfo | None = None, muted: str = LIGHT.muted) -> str:
    """One entry as HTML; everything the user wrote is escaped.

    Args:
        muted: the colour for times, prompts and feeling words.
    """
    time, _, what = entry_summary(entry, tz).partition(" · ")
    parts = [
        f'<p style="margin-top:14px; margin-bottom:0">'
        f'<span style="color:{muted}">{html.escape(time)}</span>'
        f"&nbsp;&nbsp;{html.escape(what)}</p>"
    ]
    reflection = entry.reflection
    if reflection is not None:
        parts.append(
            f'<p style="margin-top:6px; margin-bottom:0; margin-left:46px; color:{muted}">'
            f"<i>{html.escape(reflection.prompt)}</i></p>"
        )
        if reflection.text.strip():
            text = html.escape(reflection.text).replace("\n", "<br>")
            parts.append(
                f'<p style="margin-top:4px; margin-bottom:0; margin-left:46px">{text}</p>'
            )
        if reflection.feelings:
            words = html.escape(" · ".join(reflection.feelings))
            parts.append(
                f'<p style="margin-top:4px; margin-bottom:0; margin-left:46px; color:{muted}">'
                f"<small>{words}</small></p>"
            )
    return "".join(parts)


def journal_html(
    entries: Sequence[Entry], tz: tzinfo | None = None, muted: str = LIGHT.muted
) -> str:
    """All entries as HTML, by day, newest day first."""
    blocks = []
    for day, day_entries in group_by_day(entries, tz):
        heading = html.escape(time_format().day_heading(day))
        blocks.append(
            f'<p style="margin-top:24px; margin-bottom:2px; font-size:large;'
            f' font-weight:600">{heading}</p>'
        )
        blocks.extend(entry_html(entry, tz, muted) for entry in day_entries)
    return "".join(blocks)


def export_dialog(parent: QWidget | None, folder: str = "") -> QFileDialog:
    """The save dialog that asks where to export (the system's, where there is one)."""
    filters = ";;".join(_(label) for _key, label in EXPORT_FORMATS)
    dialog = QFileDialog(parent, _("Export the journal"), folder, filters)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.selectFile(_("journal.md"))
    return dialog


def choose_export_target(parent: QWidget) -> tuple[Path, str] | None:
    """Ask where to export, with the save dialog."""
    dialog = export_dialog(parent)
    if not dialog.exec() or not dialog.selectedFiles():
        return None
    chosen = dialog.selectedNameFilter()
    fmt = next((key for key, label in EXPORT_FORMATS if _(label) == chosen), "md")
    return Path(dialog.selectedFiles()[0]), fmt


class JournalWindow(QWidget):
    """Reads the journal back by day, with search and export."""

    def __init__(
        self,
        load: Load,
        export: Export | None = None,
        *,
        choose_target: ChooseTarget = choose_export_target,
        tz: tzinfo | None = None,
        now: Now = _system_now,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._load = load
        self._export = export
        self._choose_target = choose_target
        self._tz = tz
        self._now = now
        accessibility.install()
        accessibility.set_role(self, "window")
        self.setWindowTitle(_("Presence: journal"))
        self.resize(620, 680)
        self.search_field = QLineEdit(self)
        self.rhythm = RhythmView(self)
        self.entries_view = QTextBrowser(self)
        self.status_label = QLabel("", self)
        self.export_button = QPushButton(_("Export…"), self)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.refresh)
        self._build()
        find = QShortcut(QKeySequence.StandardKey.Find, self)
        find.activated.connect(self._on_find_pressed)

    def showEvent(self, event: QShowEvent) -> None:
        # Read again each time the window opens: new pauses may have happened.
        self.refresh(with_rhythm=True)
        super().showEvent(event)

    def _on_find_pressed(self) -> None:
        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()

    def _build(self) -> None:
        self.search_field.setPlaceholderText(_("Search your pauses and words"))
        self.search_field.setAccessibleName(_("Search the journal"))
        self.search_field.setClearButtonEnabled(True)
        self.search_field.textChanged.connect(self._on_search_edited)
        self.entries_view.setAccessibleName(_("Journal entries"))
        self.entries_view.setOpenLinks(False)
        self.entries_view.document().setDocumentMargin(SPACING)
        self.status_label.setProperty("role", "muted")
        self.status_label.setWordWrap(True)
        self.export_button.setAccessibleName(_("Export the journal"))
        self.export_button.setEnabled(self._export is not None)
        self.export_button.clicked.connect(self._on_export_clicked)
        title = QLabel(_("Journal"), self)
        title.setProperty("role", "title")
        accessibility.set_role(title, "heading")
        top = QHBoxLayout()
        top.setSpacing(SPACING)
        top.addWidget(title)
        top.addWidget(self.search_field, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status_label, 1)
        bottom.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        layout.setSpacing(SPACING)
        layout.addLayout(top)
        layout.addWidget(self.rhythm)
        layout.addWidget(self.entries_view, 1)
        layout.addLayout(bottom)

    def _on_search_edited(self) -> None:
        self._search_timer.start()

    def search_text(self) -> str | None:
        text = self.search_field.text().strip()
        return text or None

    def refresh(self, with_rhythm: bool = False) -> None:
        """Load the entries again (for the current search) and show them.

        The rhythm follows every unfiltered load; ``with_rhythm`` reads it
        again even while a search is active (when the window opens).
        """
        query = self.search_text()
        try:
            entries = self._load(query)
            if query is None or with_rhythm:
                self._show_rhythm(entries if query is None else self._load(None))
        except (OSError, sqlite3.Error) as error:
            self.entries_view.clear()
            self.rhythm.set_days(())
            self._say(
                _(
                    "The journal could not be read ({error}). Nothing in it was changed; "
                    "please try again in a moment."
                ).format(error=error)
            )
            return
        muted = self.palette().placeholderText().color().name()
        self.entries_view.setHtml(journal_html(entries, self._tz, muted))
        self._say(self._summary(query, len(entries)))

    def _show_rhythm(self, entries: Sequence[Entry]) -> None:
        today = self._now().astimezone(self._tz).date()
        self.rhythm.set_days(look_back(entries, self._tz, today))

    def _say(self, message: str) -> None:
        """Show a sentence beneath the entries, and tell screen readers about it."""
        self.status_label.setText(message)
        accessibility.announce(self.status_label, message)

    @staticmethod
    def _summary(query: str | None, count: int) -> str:
        if count:
            return ""
        return _("Nothing matches “{query}”.").format(query=query) if query else _(EMPTY_TEXT)

    def _on_export_clicked(self) -> None:
        if self._export is None:
            return
        target = self._choose_target(self)
        if target is None:
            return
        path, fmt = target
        try:
            self._export(path, fmt)
        except (OSError, sqlite3.Error) as error:
            self._say(
                _(
                    "The journal could not be exported to {path} ({error}). "
                    "Your journal is unchanged; you can try another folder."
                ).format(path=path, error=error)
            )
            return
        self._say(_("The journal was exported to {path}.").format(path=path))
