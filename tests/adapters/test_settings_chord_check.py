"""The settings window asks whether a chord works on this desktop: on X11 by
trying the grab on a connection of its own and letting it go at once.
Against a private Xvfb, with another client holding one chord."""

from __future__ import annotations

from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from presence_app.adapters.shortcut import NullShortcut, unavailable_message
from presence_app.adapters.shortcut.x11 import X11Shortcut
from presence_app.core.chord import parse_chord
from presence_app.ui.settings.ports import ChordCheck
from presence_app.ui.settings.wiring import check_chord
from tests.adapters.test_shortcut_x11 import grab_in, other_client, xvfb, xvfb_server

__all__ = ["other_client", "xvfb", "xvfb_server"]  # fixtures used below


@pytest.fixture
def app_shortcut(xvfb: str, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv("DISPLAY", xvfb)
    backend = X11Shortcut(display_name=xvfb)
    assert backend.set_chord(parse_chord("Ctrl+Alt+P")).works
    yield backend
    backend.close()


def test_a_free_chord_works_and_is_let_go_at_once(
    app_shortcut: X11Shortcut, other_client: Any
) -> None:
    assert check_chord("Ctrl+Alt+K", app_shortcut, "Ctrl+Alt+P") == ChordCheck(
        True, "Ctrl+Alt+K works on this desktop."
    )
    assert grab_in(other_client, "Ctrl+Alt+K")  # the check left nothing grabbed


def test_a_chord_another_program_holds_is_taken(
    app_shortcut: X11Shortcut, other_client: Any
) -> None:
    assert grab_in(other_client, "Ctrl+Alt+T")
    assert check_chord("Ctrl+Alt+T", app_shortcut, "Ctrl+Alt+P") == ChordCheck(
        False,
        "Ctrl+Alt+T is already used by another program; choose another shortcut in Settings.",
    )


def test_the_apps_own_chord_works(app_shortcut: X11Shortcut) -> None:
    assert check_chord("ctrl+alt+p", app_shortcut, "Ctrl+Alt+P").works is True


def test_a_chord_that_cannot_be_pressed_and_a_desktop_without_shortcuts(qtbot: QtBot) -> None:
    null = NullShortcut(unavailable_message())
    assert check_chord("Ctrl+Ctrl", null, "") == ChordCheck(False, '"Ctrl+Ctrl" names Ctrl twice.')
    assert check_chord("Ctrl+Alt+K", null, "") == ChordCheck(False, unavailable_message())
