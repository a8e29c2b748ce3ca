"""Render every page of the settings window, light and dark, into PNG files.

Why: a calm window is judged by eye. This builds the real window with
sample rules and made-up desktop facts (nothing is read from your own
settings), shows each page on a real X server and saves it:

    .venv/bin/python scripts/settings_screens.py /tmp/settings-shots

Without ``DISPLAY`` it starts its own Xvfb (and stops it by its process id
at the end); with one, it uses that display.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

SAMPLE_NOW = datetime(2026, 3, 2, 10, 33, tzinfo=UTC)  # a Monday morning


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


def render(folder: Path) -> list[Path]:
    """Show each page in both schemes and save it; return the files written."""
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    import dataclasses

    from PySide6.QtWidgets import QApplication

    from presence_app.core.capabilities import Capability
    from presence_app.core.settings import Page, Settings, save_settings
    from presence_app.core.settings.templates import TEMPLATES
    from presence_app.i18n import _
    from presence_app.ui.qtlocale import setup_qt_language
    from presence_app.ui.settings import ChordCheck, SettingsPorts, SettingsWindow
    from presence_app.ui.settings.window import TITLES
    from presence_app.ui.theme import apply_theme

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    # The language of the environment (LANGUAGE=de shows the German window).
    setup_qt_language(app, Path(tempfile.gettempdir()) / "no-settings-here.toml")
    rules = [dataclasses.replace(rule, name=_(rule.name)) for _w, rule in TEMPLATES]
    settings = Settings(schedules=(rules[0], rules[2]))
    desktop = [
        Capability(_("Tray"), True, _("The icon sits in the panel; its menu has every action.")),
        Capability(
            _("Global shortcut"), True,
            _("{shortcut} starts a pause from anywhere.").format(shortcut="Ctrl+Alt+P"),
        ),
        Capability(
            _("Time away"), False,
            _("Not seen on this desktop, so bells ring while you are away."),
            _("Ask for quiet from the tray menu, or with `presence-app quiet 1h`."),
        ),
        Capability(_("Sound"), True, _("Bells ring through the desktop's sound output.")),
    ]  # fmt: skip
    written: list[Path] = []
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "settings.toml"
        save_settings(path, settings)
        for dark in (False, True):
            apply_theme(app, dark=dark)
            ports = SettingsPorts(
                settings=settings,
                path=path,
                now=lambda: SAMPLE_NOW,
                zone=UTC,
                seed=3,
                check_chord=lambda text: ChordCheck(
                    True, _("{shortcut} works on this desktop.").format(shortcut=text)
                ),
                capabilities=lambda: desktop,
            )
            window = SettingsWindow(ports)
            window.show()
            for page in TITLES:
                window.show_page(page)
                window.pages.setFocus()
                for _turn in range(5):
                    app.processEvents()
                name = f"{page.value}-{'dark' if dark else 'light'}.png"
                window.grab().save(str(folder / name))
                written.append(folder / name)
            window.show_page(Page.QUIET)
            window.activateWindow()
            window.editor("considerate.away_after").setFocus()
            for _turn in range(5):
                app.processEvents()
            name = f"focus-{'dark' if dark else 'light'}.png"
            window.grab().save(str(folder / name))
            written.append(folder / name)
            window.show_page(Page.PAUSE)
            window.controls["pause.length"].widget.setValue(5)  # type: ignore[attr-defined]
            window.controls["pause.length"].place.unit.setCurrentIndex(0)  # type: ignore[attr-defined]
            window.controls["pause.length"].widget.setValue(5)  # type: ignore[attr-defined]
            for _turn in range(5):
                app.processEvents()
            name = f"problem-{'dark' if dark else 'light'}.png"
            window.grab().save(str(folder / name))
            written.append(folder / name)
            window.draft.reset(settings)
            window.ask = lambda *args: True  # type: ignore[method-assign]
            window.close()
    return written


def main() -> int:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("settings-shots")
    xvfb = start_xvfb() if not os.environ.get("DISPLAY") else None
    try:
        for path in render(folder):
            print(path)
    finally:
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
