"""The reflection window: focus in the text, Ctrl+Enter keeps, Esc leaves, drafts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from presence_app.ui.input_guard import GUARD_SECONDS, FakeMonotonic, InputGuard
from presence_app.ui.reflection import ReflectionWindow

PROMPT = "What did you notice just now?"
FEELINGS = ("calm", "tired", "grateful", "restless", "clear", "tender")


def make_window(
    qtbot: QtBot, monotonic: FakeMonotonic, *, guard_passed: bool = True, **options: object
) -> ReflectionWindow:
    window = ReflectionWindow(
        PROMPT,
        FEELINGS,
        guard=InputGuard(monotonic),
        draft_delay=timedelta(milliseconds=30),
        **options,  # type: ignore[arg-type]
    )
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(window.isActiveWindow)
    if guard_passed:
        monotonic.advance(GUARD_SECONDS)
    return window


def feeling(window: ReflectionWindow, word: str) -> QWidget:
    return next(b for b in window.feeling_buttons if b.text() == word)


def test_text_field_has_focus(
    qtbot: QtBot, themed: QApplication, monotonic: FakeMonotonic
) -> None:
    window = make_window(qtbot, monotonic)
    qtbot.waitUntil(window.text_field.hasFocus)
    assert window.prompt_label.text() == PROMPT


def test_ctrl_enter_saves_text_and_feelings(
    qtbot: QtBot, themed: QApplication, monotonic: FakeMonotonic
) -> None:
    window = make_window(qtbot, monotonic)
    qtbot.keyClicks(window.text_field, "The light on the wall.")
    qtbot.mouseClick(feeling(window, "grateful"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(feeling(window, "calm"), Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(window.saved) as blocker:
        qtbot.keyClick(window.text_field, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert blocker.args == ["The light on the wall.", ("calm", "grateful")]
    # Whoever keeps the words closes the window once they are kept.
    assert window.isVisible()


def test_plain_enter_makes_a_new_line(
    qtbot: QtBot, themed: QApplication, monotonic: FakeMonotonic
) -> None:
    window = make_window(qtbot, monotonic)
    saved: list[object] = []
    window.saved.connect(lambda *args: saved.append(args))
    qtbot.keyClicks(window.text_field, "one")
    qtbot.keyClick(window.text_field, Qt.Key.Key_Return)
    qtbot.keyClicks(window.text_field, "two")
    assert window.text() == "one\ntwo"
    assert saved == []


def test_esc_leaves_without_saving(
    qtbot: QtBot, themed: QApplication, monotonic: FakeMonotonic
) -> None:
    window = make_window(qtbot, monotonic)
    saved: list[object] = []
    window.saved.connect(lambda *args: saved.append(args))
    qtbot.keyClicks(window.text_field, "maybe not")
    with qtbot.waitSignal(window.dismissed):
        qtbot.keyClick(window.text_field, Qt.Key.Key_Escape)
    assert saved == []
    assert not window.isVisible()


def test_keys_in_the_first_moment_do_not_land(
    qtbot: QtBot, themed: QApplication, monotonic: FakeMonotonic
) -> None:
    window = make_window(qtbot, monotonic, guard_passed=False)
    dismissed: list[bool] = []
    window.dismissed.connect(lambda: dismissed.append(True))
    qtbot.keyClicks(window.text_field, "half a sentence")
    qtbot.keyClick(window.text_field, Qt.Key.Key_Escape)
    assert window.text() == ""
    assert dismissed == []
    monotonic.advance(GUARD_SECONDS)
    qtbot.keyClicks(window.text_field, "now")
    assert window.text() == "now"


def test_draft_is_emitted_once_after_typing_pauses(
    qtbot: QtBot, themed: QApplication, monotonic: FakeMonotonic
) -> None:
    window = make_window(qtbot, monotonic)
    drafts: list[tuple[str, object]] = []
    window.draft_changed.connect(lambda text, feelings: drafts.append((text, feelings)))
    qtbot.keyClicks(window.text_field, "quiet")
    qtbot.mouseClick(feeling(window, "clear"), Qt.MouseButton.LeftButton)
    assert drafts == []
    qtbot.waitUntil(lambda: drafts != [])
    # Nothing to wait for here: a short wait shows that no second draft follows.
    qtbot.wait(100)
    assert drafts == [("quiet", ("clear",))]


def test_steady_typing_is_still_kept_as_a_draft(
    qtbot: QtBot, themed: QApplication, monotonic: FakeMonotonic
) -> None:
    """Keys every 10 ms never leave a 30 ms gap; the draft must not wait for one."""
    window = make_window(qtbot, monotonic)
    drafts: list[str] = []
    window.draft_changed.connect(lambda text, feelings: drafts.append(text))
    typist = QTimer(window)
    typist.setInterval(10)
    typist.timeout.connect(lambda: qtbot.keyClick(window.text_field, "x"))
    typist.start()
    qtbot.waitUntil(lambda: drafts != [], timeout=2000)
    assert typist.isActive()
    typist.stop()
    assert drafts[0] and set(drafts[0]) == {"x"}


def test_restored_draft_is_shown(
    qtbot: QtBot, themed: QApplication, monotonic: FakeMonotonic
) -> None:
    window = make_window(
        qtbot, monotonic, draft_text="Before the crash", draft_feelings=("tender",)
    )
    assert window.text() == "Before the crash"
    assert window.feelings() == ("tender",)
    assert window.text_field.textCursor().position() == len("Before the crash")
    qtbot.keyClicks(window.text_field, ", and after.")
    assert window.text() == "Before the crash, and after."


def test_buttons_save_and_leave(
    qtbot: QtBot, themed: QApplication, monotonic: FakeMonotonic
) -> None:
    window = make_window(qtbot, monotonic)
    qtbot.keyClicks(window.text_field, "kept")
    with qtbot.waitSignal(window.saved) as blocker:
        qtbot.mouseClick(window.save_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["kept", ()]
    other = make_window(qtbot, monotonic)
    with qtbot.waitSignal(other.dismissed):
        qtbot.mouseClick(other.leave_button, Qt.MouseButton.LeftButton)


def test_tab_moves_through_every_control(
    qtbot: QtBot, themed: QApplication, monotonic: FakeMonotonic
) -> None:
    window = make_window(qtbot, monotonic)
    qtbot.waitUntil(window.text_field.hasFocus)
    reached = []
    for _ in range(len(FEELINGS) + 2):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
    assert reached == [*window.feeling_buttons, window.leave_button, window.save_button]


def test_accessible_names(
    qtbot: QtBot,
    themed: QApplication,
    monotonic: FakeMonotonic,
    accessible_name: Callable[[QWidget], str],
) -> None:
    window = make_window(qtbot, monotonic)
    assert accessible_name(window.text_field) == PROMPT
    assert accessible_name(window.save_button) == "Keep it"
    assert accessible_name(window.leave_button) == "Leave it"
    assert accessible_name(feeling(window, "calm")) == "Feeling: calm"


def test_window_opens_in_the_middle_of_the_screen(
    qtbot: QtBot, themed: QApplication, monotonic: FakeMonotonic
) -> None:
    window = make_window(qtbot, monotonic)
    area = QApplication.primaryScreen().availableGeometry()
    assert abs(window.geometry().center().x() - area.center().x()) <= 2
    assert abs(window.geometry().center().y() - area.center().y()) <= 2


def test_closing_the_window_sets_the_words_aside(
    qtbot: QtBot, themed: QApplication, monotonic: FakeMonotonic
) -> None:
    window = make_window(qtbot, monotonic)
    drafts: list[str] = []
    window.draft_changed.connect(lambda text, feelings: drafts.append(text))
    set_aside: list[bool] = []
    window.set_aside.connect(lambda: set_aside.append(True))
    qtbot.keyClicks(window.text_field, "half")
    window.close()
    assert (drafts, set_aside) == (["half"], [True])


def test_closing_after_an_answer_sets_nothing_aside(
    qtbot: QtBot, themed: QApplication, monotonic: FakeMonotonic
) -> None:
    window = make_window(qtbot, monotonic)
    set_aside: list[bool] = []
    window.set_aside.connect(lambda: set_aside.append(True))
    with qtbot.waitSignal(window.saved):
        qtbot.keyClick(window.text_field, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    window.close()
    assert set_aside == []


def test_words_that_could_not_be_kept_stay_with_the_reason(
    qtbot: QtBot, themed: QApplication, monotonic: FakeMonotonic
) -> None:
    window = make_window(qtbot, monotonic)
    saved: list[object] = []
    window.saved.connect(lambda *args: saved.append(args))
    qtbot.keyClicks(window.text_field, "still mine")
    qtbot.mouseClick(window.save_button, Qt.MouseButton.LeftButton)
    window.show_problem("Your words could not be kept in the journal just now (disk full).")
    assert window.isVisible() and window.text() == "still mine"
    assert window.problem_label.isVisible()
    assert window.problem_label.text() == (
        "Your words could not be kept in the journal just now (disk full)."
    )
    qtbot.mouseClick(window.save_button, Qt.MouseButton.LeftButton)  # it may be answered again
    assert saved == [("still mine", ()), ("still mine", ())]
