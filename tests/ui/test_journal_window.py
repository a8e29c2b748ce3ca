"""The journal window: entries by day, search, export; calm wording."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from presence_app.core.cue import Outcome, Source
from presence_app.core.journal import JournalEntry, Reflection
from presence_app.ui.journal_window import (
    EMPTY_TEXT,
    JournalWindow,
    entry_summary,
    group_by_day,
    journal_html,
)


def entry(
    entry_id: int,
    at: datetime,
    outcome: Outcome = Outcome.COMPLETED,
    minutes: float = 3,
    text: str | None = None,
) -> JournalEntry:
    started = at if outcome in (Outcome.COMPLETED, Outcome.ENDED_EARLY) else None
    ended = at + timedelta(minutes=minutes) if started else None
    reflection = Reflection(at, "What did you notice just now?", text, ("calm",)) if text else None
    return JournalEntry(
        entry_id, at, started, ended, outcome, Source.SCHEDULE, ("work",),
        timedelta(minutes=3), reflection,
    )  # fmt: skip


ENTRIES = [
    entry(1, datetime(2026, 3, 1, 9, 0, tzinfo=UTC), text="Birdsong <outside>"),
    entry(2, datetime(2026, 3, 2, 16, 30, tzinfo=UTC), Outcome.PASSED),
    entry(3, datetime(2026, 3, 2, 10, 45, tzinfo=UTC), Outcome.ENDED_EARLY, 1, "Tea"),
    entry(4, datetime(2026, 3, 1, 14, 0, tzinfo=UTC), Outcome.QUIET),
]


class FakeJournal:
    """Answers searches like the real journal: text in the reflection."""

    def __init__(self, entries: Sequence[JournalEntry]) -> None:
        self.entries = list(entries)
        self.queries: list[str | None] = []

    def load(self, query: str | None) -> Sequence[JournalEntry]:
        self.queries.append(query)
        if query is None:
            return self.entries
        return [
            e for e in self.entries if e.reflection and query.lower() in e.reflection.text.lower()
        ]


def test_group_by_day_newest_day_first_in_time_order() -> None:
    days = group_by_day(ENTRIES, UTC)
    assert [day for day, _ in days] == [date(2026, 3, 2), date(2026, 3, 1)]
    assert [[e.id for e in day_entries] for _, day_entries in days] == [[3, 2], [1, 4]]


@pytest.mark.parametrize(
    ("index", "text"),
    [
        (0, "09:00 · a pause of 3 min"),
        (1, "16:30 · a bell you let pass"),
        (2, "10:45 · a pause of 1 min, ended early"),
        (3, "14:00 · a bell that stayed quiet"),
    ],
)
def test_entry_summary(index: int, text: str) -> None:
    assert entry_summary(ENTRIES[index], UTC) == text


def test_a_pause_started_by_hand_is_filed_under_its_start() -> None:
    by_hand = JournalEntry(
        5, None, datetime(2026, 3, 3, 8, 5, tzinfo=UTC), datetime(2026, 3, 3, 8, 7, tzinfo=UTC),
        Outcome.COMPLETED, Source.TRAY, (), timedelta(minutes=2), None,
    )  # fmt: skip
    days = group_by_day([*ENTRIES, by_hand], UTC)
    assert days[0] == (date(2026, 3, 3), [by_hand])
    assert entry_summary(by_hand, UTC) == "08:05 · a pause of 2 min"


@pytest.mark.parametrize(
    ("reason", "text"),
    [
        ("Quiet during a call", "09:45 · a bell that stayed quiet during a call"),
        (
            "Quiet while the screen was locked",
            "09:45 · a bell that stayed quiet while the screen was locked",
        ),
        (None, "09:45 · a bell that stayed quiet"),
    ],
)
def test_a_quiet_bell_says_why(reason: str | None, text: str) -> None:
    quiet = JournalEntry(
        6, datetime(2026, 3, 3, 9, 45, tzinfo=UTC), None, None, Outcome.QUIET, Source.SCHEDULE,
        (), timedelta(minutes=1), None, reason,
    )  # fmt: skip
    assert entry_summary(quiet, UTC) == text


def test_html_escapes_what_the_user_wrote() -> None:
    page = journal_html(ENTRIES, UTC)
    assert "Birdsong &lt;outside&gt;" in page
    assert "<outside>" not in page
    assert page.index("Monday 2 March 2026") < page.index("Sunday 1 March 2026")


@pytest.fixture
def journal() -> FakeJournal:
    return FakeJournal(ENTRIES)


def make_window(qtbot: QtBot, journal: FakeJournal, **options: object) -> JournalWindow:
    window = JournalWindow(journal.load, tz=UTC, **options)  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.show()
    return window


def test_window_shows_days_newest_first(
    qtbot: QtBot, themed: QApplication, journal: FakeJournal
) -> None:
    window = make_window(qtbot, journal)
    text = window.entries_view.toPlainText()
    assert text.index("Monday 2 March 2026") < text.index("Sunday 1 March 2026")
    assert text.index("10:45") < text.index("16:30")
    assert "Tea" in text and "Birdsong <outside>" in text
    assert journal.queries == [None]


def test_search_filters_after_typing_stops(
    qtbot: QtBot, themed: QApplication, journal: FakeJournal
) -> None:
    window = make_window(qtbot, journal)
    qtbot.keyClicks(window.search_field, "bird")
    qtbot.waitUntil(lambda: journal.queries[-1] == "bird")
    assert journal.queries == [None, "bird"]
    text = window.entries_view.toPlainText()
    assert "Birdsong" in text
    assert "Tea" not in text


def test_search_without_matches_says_so(
    qtbot: QtBot, themed: QApplication, journal: FakeJournal
) -> None:
    window = make_window(qtbot, journal)
    window.search_field.setText("ocean")
    qtbot.waitUntil(lambda: journal.queries[-1] == "ocean")
    assert window.status_label.text() == "Nothing matches “ocean”."


def test_empty_journal_is_welcoming(qtbot: QtBot, themed: QApplication) -> None:
    window = make_window(qtbot, FakeJournal([]))
    assert window.status_label.text() == EMPTY_TEXT
    assert EMPTY_TEXT == "Nothing here yet. Your pauses and reflections will gather here."


def test_unreadable_journal_is_explained(qtbot: QtBot, themed: QApplication) -> None:
    def broken(query: str | None) -> Sequence[JournalEntry]:
        raise sqlite3.OperationalError("database is locked")

    window = JournalWindow(broken)
    qtbot.addWidget(window)
    window.show()
    assert window.status_label.text() == (
        "The journal could not be read (database is locked). Nothing in it was changed; "
        "please try again in a moment."
    )


def test_export_goes_through_the_callable(
    qtbot: QtBot, themed: QApplication, journal: FakeJournal, tmp_path: Path
) -> None:
    exported: list[tuple[Path, str]] = []
    target = tmp_path / "journal.csv"
    window = make_window(
        qtbot,
        journal,
        export=lambda path, fmt: exported.append((path, fmt)),
        choose_target=lambda parent: (target, "csv"),
    )
    qtbot.mouseClick(window.export_button, Qt.MouseButton.LeftButton)
    assert exported == [(target, "csv")]
    assert window.status_label.text() == f"The journal was exported to {target}."


def test_failed_export_is_explained(
    qtbot: QtBot, themed: QApplication, journal: FakeJournal, tmp_path: Path
) -> None:
    def refuse(path: Path, fmt: str) -> None:
        raise PermissionError("Permission denied")

    target = tmp_path / "journal.md"
    window = make_window(
        qtbot, journal, export=refuse, choose_target=lambda parent: (target, "md")
    )
    qtbot.mouseClick(window.export_button, Qt.MouseButton.LeftButton)
    assert window.status_label.text() == (
        f"The journal could not be exported to {target} (Permission denied). "
        "Your journal is unchanged; you can try another folder."
    )


def test_cancelled_export_does_nothing(
    qtbot: QtBot, themed: QApplication, journal: FakeJournal
) -> None:
    exported: list[object] = []
    window = make_window(
        qtbot, journal, export=lambda *a: exported.append(a), choose_target=lambda p: None
    )
    qtbot.mouseClick(window.export_button, Qt.MouseButton.LeftButton)
    assert exported == []


def test_accessible_names(
    qtbot: QtBot,
    themed: QApplication,
    journal: FakeJournal,
    accessible_name: Callable[[QWidget], str],
) -> None:
    window = make_window(qtbot, journal)
    assert accessible_name(window.search_field) == "Search the journal"
    assert accessible_name(window.entries_view) == "Journal entries"
    assert accessible_name(window.export_button) == "Export the journal"


def test_entries_are_read_again_each_time_the_window_opens(
    qtbot: QtBot, themed: QApplication, journal: FakeJournal
) -> None:
    window = make_window(qtbot, journal)
    window.hide()
    journal.entries.append(entry(9, datetime(2026, 3, 4, 7, 30, tzinfo=UTC), text="New day"))
    window.show()
    assert journal.queries == [None, None]
    assert "New day" in window.entries_view.toPlainText()


def test_ctrl_f_goes_to_the_search_field(
    qtbot: QtBot, themed: QApplication, journal: FakeJournal
) -> None:
    window = make_window(qtbot, journal)
    qtbot.waitUntil(window.isActiveWindow)
    window.export_button.setFocus()
    qtbot.keyClick(window.export_button, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search_field.hasFocus()
