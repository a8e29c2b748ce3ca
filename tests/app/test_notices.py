"""Notices: each message said once, shown once the face is up, withdrawn when overtaken."""

from __future__ import annotations

from presence_app.notices import Notices


def test_messages_wait_for_the_face_then_flow_to_it() -> None:
    notices, shown = Notices(), []
    notices.say("No audio output was found.")
    notices.say("No audio output was found.")
    notices.show_on(shown.append)
    notices.say("The shortcut is taken.")
    assert shown == ["No audio output was found.", "The shortcut is taken."]
    assert notices.messages == ["No audio output was found.", "The shortcut is taken."]


def test_a_message_on_a_topic_replaces_the_last_one() -> None:
    notices = Notices()
    notices.say("Sound is fine.")
    notices.say("Asking the desktop for Ctrl+Alt+P…", topic="shortcut")
    notices.say("The desktop did not allow Ctrl+Alt+P.", topic="shortcut")
    assert notices.messages == ["Sound is fine.", "The desktop did not allow Ctrl+Alt+P."]
    notices.withdraw("shortcut")
    assert notices.messages == ["Sound is fine."]


def test_withdrawing_an_unknown_topic_changes_nothing() -> None:
    notices = Notices()
    notices.say("Sound is fine.")
    notices.withdraw("shortcut")
    assert notices.messages == ["Sound is fine."]
