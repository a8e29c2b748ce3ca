"""Every Presence window with sample content, for eyes and screen readers.

Why: accessibility and looks are checked on the real windows, on a real X
server: each window is built here with made-up content (nothing is read
from your own settings or journal), in the light or the dark scheme.

    .venv/bin/python scripts/window_gallery.py [shots] FOLDER
        saves a PNG of every window (and every settings page), light and dark
    .venv/bin/python scripts/window_gallery.py serve
        reads "WINDOW SCHEME" lines on stdin ("status dark", or
        "settings:sound light" for one page of the settings), shows that
        window, activates it and answers "READY <pid> <window id> <JSON list
        of the words its labels and buttons show>"; "notice" shows a notice
        in the status window and answers "NOTICED"; used by the AT-SPI walk
        (tests/e2e/test_atspi.py)

Without ``DISPLAY`` it starts its own Xvfb (stopped by its process id at
the end); with one, it uses that display.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

NOW = datetime(2026, 3, 5, 10, 33, tzinfo=UTC)  # a Thursday morning
WINDOWS = (
    "status",
    "menu",
    "card",
    "pause",
    "reflection",
    "journal",
    "export",
    "settings",
)
LONG_STATE = (
    "Quiet: you asked for quiet until 17:00, and a call is going on. "
    "Then the next bell rings at 17:45. A bell stayed quiet at 10:15 "
    "while you were away."
)
NOTICE = (
    "This desktop does not let apps set global shortcuts. To start a pause with a key, "
    "bind the command “presence-app pause” in your desktop's keyboard settings."
)


_KEEP: list[Any] = []
"""Objects a window needs alive beside it (the tray that owns the menu)."""


def start_xvfb() -> subprocess.Popen[bytes]:
    read, write = os.pipe()
    process = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        start_new_session=True,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as stream:
        os.environ["DISPLAY"] = f":{stream.readline().strip()}"
    return process


def sample_entries() -> list[Any]:
    """A week of pauses, bells and reflections ending at ``NOW``."""
    from presence_app.core.cue import Outcome, Source
    from presence_app.core.journal import JournalEntry, Reflection

    entries = []
    plan = [
        (0, 9, 15, Outcome.COMPLETED, "The light on the wall."),
        (0, 10, 5, Outcome.PASSED, None),
        (1, 11, 0, Outcome.COMPLETED, None),
        (1, 15, 30, Outcome.QUIET, None),
        (2, 9, 45, Outcome.ENDED_EARLY, "Tea, and the sound of rain."),
        (3, 14, 10, Outcome.COMPLETED, None),
        (5, 16, 40, Outcome.COMPLETED, "Shoulders down."),
        (6, 8, 50, Outcome.PASSED, None),
    ]
    for index, (back, hour, minute, outcome, text) in enumerate(plan, start=1):
        at = (NOW - timedelta(days=back)).replace(hour=hour, minute=minute)
        started = at if outcome in (Outcome.COMPLETED, Outcome.ENDED_EARLY) else None
        ended = at + timedelta(minutes=3) if started else None
        reflection = (
            Reflection(at, "What did you notice just now?", text, ("calm",)) if text else None
        )
        entries.append(
            JournalEntry(
                index,
                at,
                started,
                ended,
                outcome,
                Source.SCHEDULE,
                ("Work day",),
                timedelta(minutes=3),
                reflection,
            )  # fmt: skip
        )
    return entries


def settings_ports(folder: Path) -> Any:
    from presence_app.core.capabilities import Capability
    from presence_app.core.settings import Settings, save_settings
    from presence_app.core.settings.templates import TEMPLATES
    from presence_app.ui.settings import ChordCheck, SettingsPorts

    settings = Settings(schedules=(TEMPLATES[0][1], TEMPLATES[2][1]))
    path = folder / "settings.toml"
    save_settings(path, settings)
    desktop = [
        Capability("System tray", True, "The bell sits in the panel's tray."),
        Capability(
            "Time away", False, "This desktop does not say when you are away.",
            "Ask for quiet from the tray menu when you step away.",
        ),
        Capability("Sound", True, "Bells ring through the desktop's sound output."),
    ]  # fmt: skip
    return SettingsPorts(
        settings=settings,
        path=path,
        now=lambda: NOW,
        zone=UTC,
        seed=3,
        check_chord=lambda text: ChordCheck(True, f"{text} works on this desktop."),
        capabilities=lambda: desktop,
    )


def build(name: str, folder: Path) -> Any:
    """Build (not show) the window called ``name`` in ``WINDOWS``."""
    builders: dict[str, Callable[[Path], Any]] = {
        "status": _status,
        "menu": _menu,
        "card": _card,
        "pause": _pause,
        "reflection": _reflection,
        "journal": _journal,
        "export": _export,
        "settings": _settings,
    }
    return builders[name](folder)


def _status(folder: Path) -> Any:
    from presence_app.ui.status_window import StatusWindow

    window = StatusWindow()
    window.show_state("", LONG_STATE, True, True)
    window.show_notice(NOTICE)
    return window


def _menu(folder: Path) -> Any:
    from presence_app.ui.tray import Tray

    tray = Tray(menu_pops_up=True)
    tray.update("Next bell at 10:45", "Next bell at 10:45 (in 12 min)", False, True)
    _KEEP.append(tray)  # the menu's owner lives as long as the gallery
    return tray.menu


def _card(folder: Path) -> Any:
    from presence_app.ui.card import InvitationCard

    return InvitationCard(
        timedelta(hours=1), reduced_motion=True, pause_length=timedelta(minutes=3)
    )


def _pause(folder: Path) -> Any:
    from presence_app.core.clock import FakeClock
    from presence_app.ui.pause_window import PauseWindow

    clock = FakeClock(NOW)
    window = PauseWindow(
        clock,
        NOW + timedelta(minutes=3),
        phrase="Breathe in, and let the breath go.",
        show_countdown=True,
        reduced_motion=True,
    )
    _KEEP.append(clock)
    return window


def _reflection(folder: Path) -> Any:
    from presence_app.core.settings import Settings
    from presence_app.ui.reflection import ReflectionWindow

    feelings = Settings().reflection.feelings
    return ReflectionWindow("What did you notice just now?", feelings, draft_feelings=("calm",))


def _journal(folder: Path) -> Any:
    from presence_app.ui.journal_window import JournalWindow

    entries = sample_entries()
    return JournalWindow(lambda query: entries, lambda path, fmt: None, tz=UTC, now=lambda: NOW)


def _export(folder: Path) -> Any:
    from presence_app.ui.journal_window import export_dialog

    return export_dialog(None, str(folder))


def _settings(folder: Path) -> Any:
    from presence_app.ui.settings import SettingsWindow

    window = SettingsWindow(settings_ports(folder))
    window.ask = lambda *args: True  # type: ignore[method-assign]  # never a modal box here
    return window


@contextmanager
def application(dark: bool) -> Iterator[Any]:
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
    from PySide6.QtWidgets import QApplication

    from presence_app.ui.theme import apply_theme

    app = QApplication.instance() or QApplication(sys.argv[:1])
    apply_theme(app, dark=dark)
    yield app


def present(window: Any, app: Any) -> None:
    """Show ``window`` like the app does, and let it settle."""
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QMenu

    if isinstance(window, QMenu):
        window.popup(QPoint(420, 160))
        actions = [a for a in window.actions() if a.isEnabled() and not a.isSeparator()]
        window.setActiveAction(actions[1])  # a highlighted item, as under the mouse
    else:
        window.show()
        window.raise_()
        window.activateWindow()
    for _ in range(20):
        app.processEvents()


def visible_words(window: Any) -> list[str]:
    """The words each label and button on screen shows (mnemonic marks taken out)."""
    from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

    words = []
    for widget in window.findChildren(QWidget):
        if isinstance(widget, QLabel | QAbstractButton) and widget.isVisibleTo(window):
            text = " ".join(widget.text().replace("&&", "\0").replace("&", "").split())
            if text:
                words.append(text.replace("\0", "&"))
    return words


def show_page(window: Any, page: str, app: Any) -> None:
    """Show one page of the settings window ("sound", "pause", ...)."""
    from presence_app.core.settings import Page

    window.show_page(Page(page))
    window.pages.setFocus()
    for _ in range(10):
        app.processEvents()


def shots(folder: Path) -> list[Path]:
    """Save every window, light and dark; return the files written."""
    from presence_app.core.settings import Page
    from presence_app.ui.settings.window import TITLES

    written: list[Path] = []
    folder.mkdir(parents=True, exist_ok=True)
    for dark in (False, True):
        scheme = "dark" if dark else "light"
        with application(dark) as app, tempfile.TemporaryDirectory() as scratch:
            for name in WINDOWS:
                window = build(name, Path(scratch))
                present(window, app)
                pages = list(TITLES) if name == "settings" else [None]
                for page in pages:
                    label = name
                    if isinstance(page, Page):
                        window.show_page(page)
                        label = f"settings-{page.value}"
                        for _ in range(10):
                            app.processEvents()
                    written.append(folder / f"{label}-{scheme}.png")
                    window.grab().save(str(written[-1]))
                window.close()
                window.deleteLater()
                app.processEvents()
    return written


def serve() -> int:
    """Show windows on request (one at a time) until stdin closes.

    The requests arrive through a socket notifier, so Qt's event loop keeps
    answering the screen reader's questions while it waits.
    """
    from PySide6.QtCore import QSocketNotifier

    from presence_app.ui.theme import apply_theme

    scratch = tempfile.TemporaryDirectory()
    shown: list[Any] = []
    with application(False) as app:
        app.setQuitOnLastWindowClosed(False)  # a window closed by Esc ends only itself

        def on_line() -> None:
            line = sys.stdin.readline()
            if not line:
                app.quit()
                return
            words = line.split() or ["status"]
            if words[0] == "notice" and shown:
                shown[0].show_notice(NOTICE)  # the status window's calm message
                print("NOTICED", flush=True)
                return
            name, _, page = words[0].partition(":")
            apply_theme(app, dark=words[1:2] == ["dark"])
            while shown:
                old = shown.pop()
                old.close()
                old.deleteLater()
            shown.append(build(name, Path(scratch.name)))
            present(shown[0], app)
            if page:
                show_page(shown[0], page, app)
            seen = json.dumps(visible_words(shown[0]), ensure_ascii=False)
            print(f"READY {os.getpid()} {int(shown[0].winId())} {seen}", flush=True)

        notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
        notifier.activated.connect(on_line)
        app.exec()
    scratch.cleanup()
    return 0


def main() -> int:
    args = sys.argv[1:]
    command = args.pop(0) if args and args[0] in ("shots", "serve") else "shots"
    xvfb = start_xvfb() if not os.environ.get("DISPLAY") else None
    try:
        if command == "serve":
            return serve()
        folder = Path(args[0]) if args else Path("window-shots")
        for path in shots(folder):
            print(path)
    finally:
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
