"""The look-back at the top of the journal: rows, marks, words, and where it sits."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, date, datetime, time, timedelta

import pytest
from PySide6.QtCore import QEvent, QPoint
from PySide6.QtGui import QAccessible, QColor, QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip, QWidget
from pytestqt.qtbot import QtBot

from presence_app.core.cue import Outcome, Source
from presence_app.core.journal import JournalEntry, Reflection
from presence_app.core.rhythm import Bell, Pause, RhythmDay, look_back
from presence_app.ui.journal_window import JournalWindow
from presence_app.ui.rhythm import Layout, RhythmView, day_facts, describe, layout
from presence_app.ui.theme import DARK, LIGHT, Palette, apply_theme

# Thursday 5 March 2026, late afternoon: the week runs from Friday 27 February.
NOW = datetime(2026, 3, 5, 17, 40, tzinfo=UTC)
THREE = timedelta(minutes=3)


def pause(day: int, hour: int, minute: int, length: float = 3, words: str = "") -> JournalEntry:
    start = datetime(2026, 3, day, hour, minute, tzinfo=UTC)
    end = start + timedelta(minutes=length)
    reflection = Reflection(end, "What did you notice?", words, ()) if words else None
    return JournalEntry(
        0, start, start, end, Outcome.COMPLETED, Source.SCHEDULE, (), THREE, reflection
    )


def bell(day: int, hour: int, minute: int, outcome: Outcome) -> JournalEntry:
    at = datetime(2026, 3, day, hour, minute, tzinfo=UTC)
    return JournalEntry(0, at, None, None, outcome, Source.SCHEDULE, (), THREE, None)


ENTRIES = [
    pause(1, 9, 0),
    pause(1, 12, 0, 20, words="Birdsong"),
    bell(1, 14, 0, Outcome.PASSED),
    bell(3, 10, 30, Outcome.QUIET),
    bell(3, 11, 0, Outcome.QUIET),
    pause(5, 8, 15),
    bell(5, 16, 0, Outcome.RANG),
]
DESCRIPTION = (
    "Seven days of pauses: Friday, no pauses; Saturday, no pauses; "
    "Sunday, 2 pauses, 1 bell passed; Monday, no pauses; "
    "Tuesday, no pauses, 2 bells stayed quiet; Wednesday, no pauses; "
    "Thursday (today), 1 pause, 1 bell rang."
)


def week() -> tuple[RhythmDay, ...]:
    return look_back(ENTRIES, UTC, NOW.date())


def rounded(pauses: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    return [(round(left, 6), round(width, 6)) for left, width in pauses]


def test_layout_places_marks_along_the_day() -> None:
    # 07:00-21:00 over 504 px (52 to 556): 36 px an hour.
    drawn = layout(week(), 560, row_height=26, label_width=48)
    assert [(row.label, row.is_today, row.y) for row in drawn.rows] == [
        ("Fri", False, 13), ("Sat", False, 39), ("Sun", False, 65), ("Mon", False, 91),
        ("Tue", False, 117), ("Wed", False, 143), ("Thu", True, 169),
    ]  # fmt: skip
    assert all(row.line == (52, 556) for row in drawn.rows)
    sunday, tuesday, today = drawn.rows[2], drawn.rows[4], drawn.rows[6]
    # A dot is centred on the start; a longer pause stretches to its end.
    assert rounded(sunday.pauses) == [(120, 9.8), (228, 20)]
    assert sunday.bells == (304.0,)
    assert tuesday.pauses == ()
    assert tuesday.bells == (178.0, 196.0)
    assert rounded(today.pauses) == [(93, 9.8)]
    assert today.bells == (376.0,)
    assert drawn.ticks == ((52, "07:00"), (232, "12:00"), (448, "18:00"), (556, "21:00"))


def test_layout_widens_the_day_for_an_early_pause() -> None:
    days = (RhythmDay(date(2026, 3, 5), (Pause(time(5, 0), THREE, Outcome.COMPLETED),)),)
    drawn: Layout = layout(days, 560, row_height=26, label_width=48)
    # 05:00-21:00 over 504 px: 31.5 px an hour; the pause sits at the very start.
    assert rounded(drawn.rows[0].pauses) == [(48, 9.575)]
    assert [text for _, text in drawn.ticks] == ["05:00", "12:00", "18:00", "21:00"]


@pytest.mark.parametrize(
    ("pauses", "bells", "words"),
    [
        (0, (), "no pauses"),
        (1, (), "1 pause"),
        (3, (Outcome.PASSED,), "3 pauses, 1 bell passed"),
        (
            0,
            (Outcome.QUIET, Outcome.PASSED, Outcome.QUIET, Outcome.RANG),
            "no pauses, 1 bell passed, 2 bells stayed quiet, 1 bell rang",
        ),
    ],
)
def test_day_facts_are_plain(pauses: int, bells: tuple[Outcome, ...], words: str) -> None:
    taken = tuple(Pause(time(9, n), THREE, Outcome.COMPLETED) for n in range(pauses))
    rang = tuple(Bell(time(10, n), outcome) for n, outcome in enumerate(bells))
    assert day_facts(RhythmDay(date(2026, 3, 5), taken, rang)) == words


def test_description_says_the_week_in_words() -> None:
    assert describe(week()) == DESCRIPTION


@pytest.fixture
def view(qtbot: QtBot, themed: QApplication) -> RhythmView:
    widget = RhythmView()
    qtbot.addWidget(widget)
    return widget


def test_view_keeps_the_days_and_names_them(
    view: RhythmView, accessible_name: Callable[[QWidget], str]
) -> None:
    view.set_days(week())
    view.resize(600, view.sizeHint().height())
    view.show()
    assert view.isVisible()
    assert view.days() == week()
    rows = view.layout_now().rows
    assert [row.label for row in rows] == ["Fri", "Sat", "Sun", "Mon", "Tue", "Wed", "Thu"]
    assert [(len(row.pauses), len(row.bells)) for row in rows] == [
        (0, 0), (0, 0), (2, 1), (0, 0), (0, 2), (0, 0), (1, 1),
    ]  # fmt: skip
    start, end = rows[2].line
    # The bell at 14:00 is the middle of 07:00-21:00.
    assert [round(x, 6) for x in rows[2].bells] == [round((start + end) / 2, 6)]
    assert accessible_name(view) == "Seven days of pauses"
    interface = QAccessible.queryAccessibleInterface(view)
    assert interface is not None
    assert interface.text(QAccessible.Text.Description) == DESCRIPTION


@pytest.fixture
def restore_light(qapp: QApplication) -> Iterator[None]:
    yield
    apply_theme(qapp, dark=False)


@pytest.mark.usefixtures("restore_light")
@pytest.mark.parametrize("colours", [LIGHT, DARK], ids=["light", "dark"])
def test_grab_paints_pauses_and_rings_in_the_theme(
    view: RhythmView, qapp: QApplication, colours: Palette
) -> None:
    apply_theme(qapp, dark=colours.is_dark)
    view.set_days(week())
    view.resize(600, view.sizeHint().height())
    image = view.grab().toImage()
    assert not image.isNull()
    sunday = view.layout_now().rows[2]
    left, width = sunday.pauses[0]
    dot = image.pixelColor(round(left + width / 2), round(sunday.y))
    ring_centre = image.pixelColor(round(sunday.bells[0]), round(sunday.y))
    empty = image.pixelColor(round(sunday.line[1] - 40), round(sunday.y - 9))
    window, accent = QColor(colours.window), QColor(colours.accent)
    assert _close(dot, _mixed(window, accent, 0.85))
    assert _close(ring_centre, window)
    assert _close(empty, window)


def _rgb(colour: QColor) -> tuple[int, int, int]:
    return colour.red(), colour.green(), colour.blue()


def _mixed(base: QColor, tint: QColor, share: float) -> QColor:
    mixed = [round(b + (t - b) * share) for b, t in zip(_rgb(base), _rgb(tint), strict=True)]
    return QColor(*mixed)


def _close(found: QColor, wanted: QColor) -> bool:
    return all(abs(f - w) <= 3 for f, w in zip(_rgb(found), _rgb(wanted), strict=True))


def test_hidden_without_pauses_or_bells_in_the_week(qtbot: QtBot, themed: QApplication) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    view = RhythmView(parent)
    parent.show()
    assert not view.isVisible()
    view.set_days(week())
    assert view.isVisible()
    long_ago = look_back(ENTRIES, UTC, date(2026, 4, 20))
    view.set_days(long_ago)
    assert not view.isVisible()
    view.set_days(look_back([], UTC, NOW.date()))
    assert not view.isVisible()


class FakeJournal:
    def __init__(self, entries: Sequence[JournalEntry]) -> None:
        self.entries = list(entries)
        self.queries: list[str | None] = []
        self.is_locked = False

    def load(self, query: str | None) -> Sequence[JournalEntry]:
        self.queries.append(query)
        if self.is_locked:
            raise sqlite3.OperationalError("database is locked")
        if query is None:
            return self.entries
        return [e for e in self.entries if e.reflection and query in e.reflection.text]


def open_window(qtbot: QtBot, journal: FakeJournal) -> JournalWindow:
    window = JournalWindow(journal.load, tz=UTC, now=lambda: NOW)
    qtbot.addWidget(window)
    window.show()
    return window


def test_journal_window_shows_the_week_above_the_entries(
    qtbot: QtBot, themed: QApplication
) -> None:
    window = open_window(qtbot, FakeJournal(ENTRIES))
    assert window.rhythm.isVisible()
    assert window.rhythm.days() == week()
    layout_ = window.layout()
    assert layout_ is not None
    layout_.activate()  # lay out now rather than on the next event loop turn
    search = window.search_field.geometry()
    rhythm = window.rhythm.geometry()
    assert search.bottom() < rhythm.top()
    assert rhythm.bottom() < window.entries_view.geometry().top()


def test_search_leaves_the_week_as_it_is(qtbot: QtBot, themed: QApplication) -> None:
    journal = FakeJournal(ENTRIES)
    window = open_window(qtbot, journal)
    window.search_field.setText("Bird")
    qtbot.waitUntil(lambda: journal.queries[-1] == "Bird")
    assert journal.queries == [None, "Bird"]
    assert window.rhythm.isVisible()
    assert window.rhythm.days() == week()


def test_opening_again_while_searching_reads_the_week_again(
    qtbot: QtBot, themed: QApplication
) -> None:
    journal = FakeJournal(ENTRIES)
    window = open_window(qtbot, journal)
    window.search_field.setText("Bird")
    qtbot.waitUntil(lambda: journal.queries[-1] == "Bird")
    window.hide()
    journal.entries.append(pause(4, 15, 0))
    window.show()
    assert journal.queries == [None, "Bird", "Bird", None]
    wednesday = window.rhythm.days()[5]
    assert wednesday.pauses == (Pause(time(15, 0), THREE, Outcome.COMPLETED),)


def test_journal_window_without_recent_pauses_hides_the_week(
    qtbot: QtBot, themed: QApplication
) -> None:
    window = open_window(qtbot, FakeJournal([pause(1, 9, 0)]))
    assert window.rhythm.isVisible()
    window.hide()
    empty = open_window(qtbot, FakeJournal([]))
    assert not empty.rhythm.isVisible()
    assert empty.entries_view.isVisible()


def test_unreadable_journal_hides_the_week(qtbot: QtBot, themed: QApplication) -> None:
    journal = FakeJournal(ENTRIES)
    window = open_window(qtbot, journal)
    assert window.rhythm.isVisible()
    journal.is_locked = True
    window.refresh()
    assert not window.rhythm.isVisible()


def test_hovering_a_row_says_its_day_in_words(qtbot: QtBot, view: RhythmView) -> None:
    view.set_days(week())
    view.resize(600, view.sizeHint().height())
    view.show()
    sunday = view.layout_now().rows[2]
    here = QPoint(300, round(sunday.y))
    QApplication.sendEvent(view, QHelpEvent(QEvent.Type.ToolTip, here, view.mapToGlobal(here)))
    qtbot.waitUntil(QToolTip.isVisible)
    assert QToolTip.text() == "Sunday 1 March: 2 pauses, 1 bell passed"
    QToolTip.hideText()
