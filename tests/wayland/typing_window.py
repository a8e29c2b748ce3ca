"""A window the "user" is typing in, which reports whether it kept the keyboard.

Run as a program (in the test user's session): it shows a text field titled
"Typing here" and prints one JSON line per event to stdout:

- ``{"event": "ready"}`` once shown;
- ``{"event": "text", "text": ...}`` after every change;
- ``{"event": "focus", "window": title-or-null}`` on ``focusWindowChanged``;
- ``{"event": "state", "active": bool}`` on ``applicationStateChanged``.

If another window takes the keyboard, this one sees its focus window become
null and the application become inactive; the test reads both.
"""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QWindow
from PySide6.QtWidgets import QApplication, QPlainTextEdit

TITLE = "Typing here"


def say(**event: object) -> None:
    print(json.dumps(event), flush=True)  # noqa: T201  # the protocol is stdout


def main() -> int:
    app = QApplication(sys.argv[:1])
    app.setDesktopFileName("typing-window")
    editor = QPlainTextEdit()
    editor.setWindowTitle(TITLE)
    editor.resize(600, 300)
    editor.textChanged.connect(lambda: say(event="text", text=editor.toPlainText()))

    def on_focus(window: QWindow | None) -> None:
        say(event="focus", window=window.title() if window is not None else None)

    def on_state(state: Qt.ApplicationState) -> None:
        say(event="state", active=state == Qt.ApplicationState.ApplicationActive)

    QGuiApplication.instance().focusWindowChanged.connect(on_focus)  # type: ignore[union-attr]
    app.applicationStateChanged.connect(on_state)
    editor.show()
    editor.setFocus()
    say(event="ready")
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
