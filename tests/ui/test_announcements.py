"""Sentences that appear while the user is elsewhere are spoken, and fields that wait are marked.

``accessibility.announce`` sends a ``QAccessibleAnnouncementEvent`` (AT-SPI's
``object:announcement``, a live region's equivalent). Here the events are
caught on their way to the platform; ``tests/e2e/test_atspi.py`` hears them
on the real accessibility bus.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QAccessibleEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from presence_app.core.settings import Page, Settings, save_settings
from presence_app.ui import accessibility
from presence_app.ui.card import InvitationCard
from presence_app.ui.journal_window import JournalWindow
from presence_app.ui.reflection import ReflectionWindow
from presence_app.ui.settings import SettingsPorts, SettingsWindow
from presence_app.ui.status_window import StatusWindow

Heard = list[tuple[str, bool]]


@pytest.fixture
def heard(monkeypatch: pytest.MonkeyPatch) -> Heard:
    """Every announcement, as (words, assertive), caught on its way to the platform."""
    caught: Heard = []
    send = QAccessible.updateAccessibility

    def catch(event: QAccessibleEvent) -> None:
        if isinstance(event, QAccessibleAnnouncementEvent):
            assertive = event.politeness() == QAccessible.AnnouncementPoliteness.Assertive
            caught.append((event.message(), assertive))
        send(event)

    monkeypatch.setattr(accessibility.QAccessible, "updateAccessibility", catch)
    return caught


def description(widget: QWidget) -> str:
    found = QAccessible.queryAccessibleInterface(widget)
    assert found is not None
    return found.text(QAccessible.Text.Description)


def name(widget: QWidget) -> str:
    found = QAccessible.queryAccessibleInterface(widget)
    assert found is not None
    return found.text(QAccessible.Text.Name)


NOTICE = "Sound cues are off because no audio output was found. Pauses will still appear."


def test_a_status_notice_is_spoken_and_heard_as_its_words(
    qtbot: QtBot, themed: QApplication, heard: Heard
) -> None:
    window = StatusWindow()
    qtbot.addWidget(window)
    window.show()
    window.show_notice(NOTICE)
    assert heard == [(NOTICE, False)]
    # The label is read as the sentence itself, never as "Notice".
    assert name(window.notice_label) == NOTICE
    window.withdraw_notice(NOTICE, "Asking the desktop again.")
    assert heard[-1] == ("Asking the desktop again.", False)


def test_words_that_could_not_be_kept_are_spoken_at_once(
    qtbot: QtBot, themed: QApplication, heard: Heard
) -> None:
    window = ReflectionWindow("What did you notice just now?")
    qtbot.addWidget(window)
    window.show()
    problem = "Your words could not be kept: the disk is full. They are still here."
    window.show_problem(problem)
    assert heard == [(problem, True)]
    assert name(window.problem_label) == problem


def test_the_invitation_says_itself_and_how_to_take_it_by_keyboard(
    qtbot: QtBot, themed: QApplication, heard: Heard
) -> None:
    card = InvitationCard(timedelta(minutes=1), reduced_motion=True)
    qtbot.addWidget(card)
    card.show()
    words = (
        "Would you like a short pause? To take it from the keyboard, press your "
        "Presence shortcut or choose Pause now in the tray menu."
    )
    assert heard == [(words, False)]
    read = QAccessible.queryAccessibleInterface(card)
    assert read is not None and read.role() == QAccessible.Role.Notification
    assert description(card) == words


def test_journal_messages_are_spoken(
    qtbot: QtBot, themed: QApplication, heard: Heard, tmp_path: Path
) -> None:
    def refuse(path: Path, fmt: str) -> None:
        raise PermissionError(13, "Permission denied")

    window = JournalWindow(
        lambda query: [],
        refuse,
        choose_target=lambda parent: (tmp_path / "journal.md", "md"),
        tz=UTC,
        now=lambda: datetime(2026, 3, 2, tzinfo=UTC),
    )
    qtbot.addWidget(window)
    window.show()
    assert heard[-1][0] == "Nothing here yet. Your pauses and reflections will gather here."
    qtbot.mouseClick(window.export_button, Qt.MouseButton.LeftButton)
    assert heard[-1] == (
        f"The journal could not be exported to {tmp_path / 'journal.md'} "
        "([Errno 13] Permission denied). Your journal is unchanged; you can try another folder.",
        False,
    )


@pytest.fixture
def settings_window(qtbot: QtBot, themed: QApplication, tmp_path: Path) -> SettingsWindow:
    path = tmp_path / "settings.toml"
    save_settings(path, Settings())
    ports = SettingsPorts(
        settings=Settings(), path=path, now=lambda: datetime(2026, 3, 2, 8, tzinfo=UTC), zone=UTC
    )
    window = SettingsWindow(ports)
    window.ask = lambda *args: True  # type: ignore[method-assign]  # no modal box in tests
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def make_pause_too_short(qtbot: QtBot, window: SettingsWindow) -> QWidget:
    window.show_page(Page.PAUSE)
    length = window.controls["pause.length"]
    length.edit.unit.setCurrentIndex(0)  # type: ignore[attr-defined]  # seconds
    length.edit.number.setValue(5)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: not window.save_button.isEnabled())
    return length.widget


WAITS = (
    "Choose from 10 seconds to 1 hour. Save waits until the note beside “Pause length” "
    "on the Pause and reflection page is seen to."
)


def test_a_value_that_cannot_be_used_is_marked_and_spoken_once(
    qtbot: QtBot, settings_window: SettingsWindow, heard: Heard
) -> None:
    field = make_pause_too_short(qtbot, settings_window)
    assert heard == [(WAITS, False)]
    assert field.property("invalid") is True
    assert description(field) == "Choose from 10 seconds to 1 hour."
    field.setValue(6)  # type: ignore[attr-defined]  # still too short: said once already
    qtbot.waitUntil(lambda: not settings_window._timer.isActive())
    assert heard == [(WAITS, False)]
    field.setValue(30)  # type: ignore[attr-defined]
    qtbot.waitUntil(settings_window.save_button.isEnabled)
    assert field.property("invalid") is False
    assert description(field) == "How long a pause lasts."


def test_enter_while_save_waits_goes_to_the_value_and_says_why(
    qtbot: QtBot, settings_window: SettingsWindow, heard: Heard
) -> None:
    field = make_pause_too_short(qtbot, settings_window)
    settings_window.show_page(Page.SOUND)
    volume = settings_window.editor("sound.volume")
    volume.setFocus()
    heard.clear()
    qtbot.keyClick(volume, Qt.Key.Key_Return)
    assert settings_window.stack.currentWidget().isAncestorOf(field)
    assert QApplication.focusWidget() is field
    assert heard == [(WAITS, True)]
    assert settings_window.isVisible()


def test_a_rule_that_cannot_ring_is_marked_on_its_field(
    qtbot: QtBot, settings_window: SettingsWindow, heard: Heard
) -> None:
    editor = settings_window.rhythm.editor
    editor.every.unit.setCurrentIndex(0)
    editor.every.number.setValue(0)
    qtbot.waitUntil(lambda: not settings_window.save_button.isEnabled())
    assert editor.every.number.property("invalid") is True
    assert heard[-1][0].endswith(
        "Save waits until the note beside a rule on the Rhythm page is seen to."
    )
    settings_window.show_page(Page.SOUND)
    settings_window.editor("sound.volume").setFocus()
    qtbot.keyClick(settings_window.editor("sound.volume"), Qt.Key.Key_Return)
    assert QApplication.focusWidget() is editor.every.number


@pytest.mark.parametrize(
    ("key", "label"), [("pause.length", "Pause length"), ("sound.volume", "Volume"), ("x", "")]
)
def test_waiting_words_name_the_setting_by_its_label(
    settings_window: SettingsWindow, key: str, label: str
) -> None:
    from presence_app.core.settings import LoadResult, Problem

    settings_window.draft.result = LoadResult(Settings(), (Problem(key, f"`{key}` is wrong"),))
    words = settings_window._waiting_words()
    assert f"`{key}`" not in words and f" {key} " not in words
    assert f"“{label or 'a setting'}”" in words


def test_announce_says_nothing_for_no_words(heard: Heard, qapp: QApplication) -> None:
    widget = QWidget()
    accessibility.announce(widget, "")
    assert heard == []
    widget.deleteLater()


def test_announcements_reach_the_platform_as_announcement_events(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[Callable[[], object]] = []
    monkeypatch.setattr(
        accessibility.QAccessible,
        "updateAccessibility",
        lambda event: seen.append(event.type),
    )
    widget = QWidget()
    accessibility.announce(widget, "A bell for you")
    assert [kind() for kind in seen] == [QAccessible.Event.Announcement]
    widget.deleteLater()
