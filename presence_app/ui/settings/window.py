"""The settings window: pages a person would look for, checked as you go.

Pages: Rhythm (the rules and the coming week), Sound, Pause and
reflection, Quiet times, Shortcut and start-up, About this desktop. Every
setting row of the model appears on its page: with a designed control
where one was made for it (the rule editor, the volume slider, the bells
with Play, the key capture, the file picker), otherwise with the control
its kind calls for, so a new setting needs no change here.

Every edit goes into a ``Draft`` (plain file values) and is checked with
the loader's own rules on the next turn of the event loop (edits in one
turn are checked once). The check's problems appear beside their controls,
Save waits until there are none, and the Rhythm page redraws the coming
week. ``update_ms`` keeps how long the last check and redraw took.

Keyboard: Tab moves through the page list, the page and the buttons in
that order; Enter saves; Esc cancels, and asks first if there are changes.
While a value cannot be used, Enter goes to it instead (its page shown, its
control focused) and a screen reader hears what waits and why; a problem
that appears while editing is announced once, politely.
A save when the file changed on disk since the window opened (an editor)
asks whether to reload the file or keep this window's settings. The window
receives only ``SettingsPorts``, never the app.
"""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from presence_app.core.settings import (
    FIELDS,
    Page,
    ReadRefused,
    Settings,
    SettingsSaveError,
    load_settings,
    read_settings_bytes,
)
from presence_app.i18n import N_, _
from presence_app.ui import accessibility
from presence_app.ui.settings.about_page import AboutPage
from presence_app.ui.settings.controls import Control, make_control
from presence_app.ui.settings.draft import Draft
from presence_app.ui.settings.page import FormPage
from presence_app.ui.settings.ports import SettingsPorts
from presence_app.ui.settings.problems import ProblemGuide
from presence_app.ui.settings.rhythm_page import RhythmPage
from presence_app.ui.settings.rule_list import ask_with_box
from presence_app.ui.settings.sound_page import SoundPage
from presence_app.ui.settings.start_page import StartPage
from presence_app.ui.theme import SPACING

TITLES = {
    Page.RHYTHM: N_("Rhythm"),
    Page.SOUND: N_("Sound"),
    Page.PAUSE: N_("Pause and reflection"),
    Page.QUIET: N_("Quiet times"),
    Page.START: N_("Shortcut and start-up"),
    Page.ABOUT: N_("About this desktop"),
}
"""Each page's title, in English (translated where shown)."""
INTROS = {
    Page.PAUSE: N_("How a pause looks, how a bell invites it, and what comes after."),
    Page.QUIET: N_("Presence keeps quiet at moments a bell would interrupt."),
}
HEADINGS = {
    "pause": N_("The pause"),
    "invitation": N_("The invitation"),
    "reflection": N_("Reflection"),
    "journal": N_("Journal"),
}


class SettingsWindow(QDialog):
    """Edit the settings; ``settings_saved`` carries the new ``Settings`` after a save."""

    settings_saved = Signal(object)

    def __init__(self, ports: SettingsPorts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        accessibility.install()
        self.setObjectName("settings")
        self.setWindowTitle(_("Presence settings"))
        self._ports = ports
        self.draft = Draft(ports.settings)
        self._disk = self._read_disk()
        self.controls: dict[str, Control] = {}
        self.update_ms = 0.0
        self._edited_at: float | None = None
        self.ask = ask_with_box(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)  # the next turn of the event loop
        self._timer.timeout.connect(self._check)
        self.pages = QListWidget()
        self.pages.setObjectName("pages")
        self.pages.setAccessibleName(_("Pages"))
        self.stack = QStackedWidget()
        self.rhythm = RhythmPage(self.draft.rules, ports, lambda *a: self.ask(*a))
        self._build_pages()
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setProperty("role", "muted")
        self.save_button = QPushButton(_("Save"))
        self.cancel_button = QPushButton(_("Cancel"))
        self.guide = ProblemGuide(self)
        self._lay_out()
        self._show_values()
        self._check()
        self._fitted = False
        self.resize(1180, 760)

    # --- building -------------------------------------------------------------

    def _build_pages(self) -> None:
        ports = self._ports
        sound = SoundPage(ports, self.draft.get)
        start = StartPage(ports.check_chord)
        built: dict[Page, FormPage] = {
            Page.RHYTHM: self.rhythm,
            Page.SOUND: sound,
            Page.PAUSE: FormPage(_(TITLES[Page.PAUSE]), _(INTROS[Page.PAUSE])),
            Page.QUIET: FormPage(_(TITLES[Page.QUIET]), _(INTROS[Page.QUIET])),
            Page.START: start,
        }
        for control in (*sound.controls, *start.controls):
            self._adopt(control)
        handled = {*SoundPage.HANDLES, *StartPage.HANDLES}
        for page, form in built.items():
            self._add_rows(form, [f for f in FIELDS if f.page is page and f.key not in handled])
        built[Page.ABOUT] = AboutPage(ports.capabilities)
        for page, form in built.items():
            self.pages.addItem(_(TITLES[page]))
            self.stack.addWidget(form)
        self.rhythm.edited.connect(self._schedule_check)
        self.pages.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.pages.setCurrentRow(0)

    def _add_rows(self, form: FormPage, fields: list[Any]) -> None:
        section: str | None = None
        for field in fields:
            if field.section != section and field.section in HEADINGS:
                form.add_heading(_(HEADINGS[field.section]))
            section = field.section
            control = make_control(field)
            form.add_control(control)
            self._adopt(control)

    def _adopt(self, control: Control) -> None:
        self.controls[control.key] = control
        control.edited.connect(lambda c=control: self._on_edited(c))

    def _lay_out(self) -> None:
        self.pages.setFixedWidth(self.pages.sizeHintForColumn(0) + SPACING * 2)
        body = QHBoxLayout()
        body.addWidget(self.pages)
        body.addWidget(self.stack, 1)
        footer = QHBoxLayout()
        footer.addWidget(self.message, 1)
        for button, name in ((self.save_button, "save"), (self.cancel_button, "cancel")):
            button.setObjectName(name)
            button.setAccessibleName(button.text())
            footer.addWidget(button)
        self.save_button.setProperty("role", "primary")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self._on_save)
        self.cancel_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACING, SPACING, SPACING, SPACING)
        layout.addLayout(body, 1)
        layout.addLayout(footer)
        for button in self.findChildren(QPushButton):
            if button is not self.save_button:
                button.setAutoDefault(False)  # Enter always saves; Space presses a button

    def showEvent(self, event: QShowEvent) -> None:
        if not self._fitted:  # measured once shown: the style sheet's sizes then count
            self._fitted = True
            QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)  # fresh minimums
            self._fit_to_screen(max(1180, self._widest_page()), 760)
        super().showEvent(event)

    def _fit_to_screen(self, width: int, height: int) -> None:
        """Take the size the pages want, but never more than the screen offers
        (a 1280×800 laptop with a panel); the pages scroll inside instead."""
        screen = self.screen()
        if screen is not None:
            room = screen.availableGeometry()
            frame = SPACING * 2  # the window manager's frame and title
            width = min(width, room.width() - frame)
            height = min(height, room.height() - frame * 2)
        self.resize(width, height)

    def _widest_page(self) -> int:
        """The width that shows every page whole: longer words (German) need more."""
        pages = [self.stack.widget(i) for i in range(self.stack.count())]
        forms = [page for page in pages if isinstance(page, FormPage)]
        widest = max(form.content.minimumSizeHint().width() for form in forms)
        return self.pages.width() + widest + SPACING * 3

    def editor(self, key: str) -> QWidget:
        """Return the control that edits ``key``, such as ``"sound.volume"``."""
        return self.controls[key].widget

    def show_page(self, page: Page) -> None:
        self.pages.setCurrentRow(list(TITLES).index(page))

    # --- values and checks ---------------------------------------------------------

    def _show_values(self) -> None:
        for key, control in self.controls.items():
            control.blockSignals(True)
            control.set_value(self.draft.get(key))
            control.blockSignals(False)
        self.rhythm.start(self.draft.check().settings.pause.length)

    def _on_edited(self, control: Control) -> None:
        self.draft.set(control.key, control.value())
        self._schedule_check()

    def _schedule_check(self) -> None:
        if self._edited_at is None:
            self._edited_at = time.perf_counter()
        self._timer.start()

    def _check(self) -> None:
        result = self.draft.check()
        for key, control in self.controls.items():
            control.show_problems(self.draft.problems_for(key))
        self.rhythm.checked(result, result.settings.pause.length)
        self.save_button.setEnabled(not result.problems)
        self.message.setText(self._waiting_words() if result.problems else self._dirty_words())
        self.guide.announce_new()
        if self._edited_at is not None:
            self.update_ms = (time.perf_counter() - self._edited_at) * 1000
            self._edited_at = None

    def _waiting_words(self) -> str:
        problem = self.draft.result.problems[0]
        if problem.key.startswith("schedules"):
            return _("Save waits until the note beside a rule on the Rhythm page is seen to.")
        control = self.controls.get(problem.key.split("[")[0])
        page = next((f.page for f in FIELDS if control and f.key == control.key), None)
        # Name the setting as the window shows it, never by its key in the file.
        label = _(control.field.label) if control else _("a setting")
        return _(
            "Save waits until the note beside “{label}” on the {page} page is seen to."
        ).format(label=label, page=_(TITLES[page]) if page else _("settings"))

    def check_now(self) -> None:
        """Check the draft at once (not on the next turn of the event loop)."""
        self._timer.stop()
        self._check()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self.guide.took_enter(event):
            super().keyPressEvent(event)

    def _dirty_words(self) -> str:
        return _("Your changes are not saved yet.") if self.draft.is_dirty else ""

    # --- saving and leaving ----------------------------------------------------------

    def _read_disk(self) -> bytes | str | None:
        try:
            return read_settings_bytes(self._ports.path)
        except FileNotFoundError:
            return None
        except ReadRefused as refused:
            return refused.message

    def _on_save(self) -> None:
        self._timer.stop()
        result = self.draft.check()
        if result.problems:
            self._check()
            self.guide.go_to_first()
            return
        if self._read_disk() != self._disk:
            choice = self.resolve_conflict()
            if choice == "reload":
                self.reload_from_file()
                return
            if choice != "overwrite":
                return
        self._write(result.settings)

    def _write(self, settings: Settings) -> None:
        try:
            self._disk = self._ports.write(settings)
        except SettingsSaveError as error:
            self.message.setProperty("role", "hint")
            self.message.setText(
                _("{problem} Your changes are still here, so you can try again.").format(
                    problem=error.message
                )
            )
            self.message.style().polish(self.message)
            accessibility.announce(self.message, self.message.text(), assertive=True)
            return
        self.draft.reset(settings)
        self.settings_saved.emit(settings)
        self.accept()

    def resolve_conflict(self) -> str:
        """Ask what to do about an outside edit: "reload", "overwrite" or "" (go back)."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(_("The settings file changed"))
        name = self._ports.path.name
        box.setText(
            _(
                "{file} was changed outside this window after you opened it, "
                "perhaps in a text editor."
            ).format(file=name)
        )
        box.setInformativeText(
            _(
                "Reload it to see those changes here (your changes in this window are set "
                "aside), or save this window's settings over them (the file's version is kept "
                "as {backup})."
            ).format(backup=f"{name}.bak")
        )
        reload = box.addButton(_("Reload the file"), QMessageBox.ButtonRole.AcceptRole)
        overwrite = box.addButton(_("Save mine over it"), QMessageBox.ButtonRole.DestructiveRole)
        back = box.addButton(_("Go back"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(reload)
        box.setEscapeButton(back)
        box.exec()
        clicked = box.clickedButton()
        return "reload" if clicked is reload else "overwrite" if clicked is overwrite else ""

    def reload_from_file(self) -> None:
        """Show the file's settings now, setting this window's changes aside."""
        loaded = load_settings(self._ports.path)
        self.draft.reset(loaded.settings)
        self._disk = self._read_disk()
        self._show_values()
        self._check()
        self.message.setText(loaded.summary() or _("The settings from the file are shown now."))
        accessibility.announce(self.message, self.message.text())

    def reject(self) -> None:
        if self.draft.is_dirty and not self.ask(
            _("Leave without saving?"),
            _("Your changes in this window will be lost."),
            _("Leave without saving"),
        ):
            return
        super().reject()
