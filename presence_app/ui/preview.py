"""Render every Presence window with sample content, to look at them.

Why: the look of a calm app is judged by eye. This renders the invitation
card, the pause, the reflection, the journal and the status window, in the
light or the dark scheme, into PNG files, without any running app::

    QT_QPA_PLATFORM=offscreen python -m presence_app.ui.preview /tmp/shots --dark

Under Xvfb with ``QT_QPA_PLATFORM=xcb`` it shows the real platform look.
The sample data is made up here; nothing is read from the user's files.
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from presence_app.core.clock import FakeClock
from presence_app.core.cue import Outcome, Source
from presence_app.core.journal import JournalEntry, Reflection
from presence_app.core.paths import Paths
from presence_app.core.settings import PauseStyle
from presence_app.i18n import _, pgettext
from presence_app.ui.bell_text import next_bell_line, next_bell_tooltip
from presence_app.ui.card import InvitationCard
from presence_app.ui.journal_window import JournalWindow
from presence_app.ui.pause_window import PauseWindow
from presence_app.ui.qtlocale import setup_qt_language
from presence_app.ui.reflection import ReflectionWindow
from presence_app.ui.status_window import StatusWindow
from presence_app.ui.theme import apply_theme

SAMPLE_NOW = datetime(2026, 3, 2, 10, 33, tzinfo=UTC)
FEELINGS = ("calm", "tired", "grateful", "restless", "clear", "tender")


def sample_entries() -> list[JournalEntry]:
    """A few days of made-up pauses."""
    day = timedelta(days=1)
    three = timedelta(minutes=3)
    first = SAMPLE_NOW - timedelta(minutes=90)
    # Translators: sample words a user might write, for screenshots only.
    words = Reflection(
        first + three,
        pgettext("prompt", "What did you notice just now?"),
        _("Rain on the window."),
        (pgettext("feeling", "calm"),),
    )
    later = Reflection(
        first - day + three,
        pgettext("prompt", "What can wait until later?"),
        _("The email. All of it."),
        (),
    )
    return [
        _sample(1, first, first, Outcome.COMPLETED, words),
        _sample(2, SAMPLE_NOW - timedelta(minutes=30), None, Outcome.PASSED, None),
        _sample(3, first - day, first - day, Outcome.COMPLETED, later),
    ]


def _sample(
    entry_id: int,
    bell: datetime,
    started: datetime | None,
    outcome: Outcome,
    words: Reflection | None,
) -> JournalEntry:
    three = timedelta(minutes=3)
    ended = started + three if started else None
    return JournalEntry(
        entry_id, bell, started, ended, outcome, Source.SCHEDULE, (_("Work day"),), three, words
    )


def windows() -> dict[str, QWidget]:
    """Build one of each window, filled with sample content."""
    clock = FakeClock(SAMPLE_NOW)
    ends = SAMPLE_NOW + timedelta(minutes=3)
    phrase = "Nothing needs you for a moment."
    status = StatusWindow()
    bell = SAMPLE_NOW + timedelta(minutes=12)
    status.show_state(
        next_bell_line(bell, SAMPLE_NOW, UTC),
        next_bell_tooltip(bell, SAMPLE_NOW, UTC),
        False,
        False,
    )
    return {
        "card": InvitationCard(
            timedelta(minutes=1), reduced_motion=True, pause_length=timedelta(minutes=3)
        ),
        "pause": PauseWindow(clock, ends, phrase=phrase, show_countdown=True, reduced_motion=True),
        "pause-fullscreen": PauseWindow(
            clock, ends, phrase=phrase, style=PauseStyle.FULLSCREEN, reduced_motion=True
        ),
        "reflection": ReflectionWindow(
            pgettext("prompt", "What did you notice just now?"),
            FEELINGS,
            draft_text=_("The light on the wall, and my shoulders dropping."),
            draft_feelings=("calm",),
        ),
        "journal": JournalWindow(
            lambda query: sample_entries(), lambda path, fmt: None, tz=UTC, now=lambda: SAMPLE_NOW
        ),
        "status": status,
    }


def render(folder: Path, dark: bool, app: QApplication) -> list[Path]:
    """Save a PNG of every window into ``folder``; return the files written."""
    apply_theme(app, dark=dark)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, window in windows().items():
        window.show()
        app.processEvents()
        path = folder / f"{name}-{'dark' if dark else 'light'}.png"
        window.grab().save(str(path))
        window.close()
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=_("Render Presence's windows into PNG files."))
    parser.add_argument("folder", type=Path)
    parser.add_argument("--dark", action="store_true", help=_("use the dark scheme"))
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    # The language the app would speak here (LANGUAGE=de shows the German windows).
    setup_qt_language(app, Paths.from_platform().settings_file)
    for path in render(args.folder, args.dark, app):
        sys.stdout.write(f"{path}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
