"""A small status window for desktops without a tray.

Why: GNOME without its AppIndicator extension, or a bare Wayland session,
has nowhere to put a tray icon. Presence must still work there, so this
window shows the same information as the tray tooltip and one button for
every tray menu action, with a one-line hint on how to get the tray.

The content sits in a scroll area: a compositor may give the window any
size (sway tiles it, weston picks its own), and at any size the buttons and
the wrapped notices must stay apart and readable rather than overlap. The
buttons flow like words (``ui.flow``), so a narrow window wraps them rather
than cutting them off, and the window grows (up to ``WINDOW_SIZE``) when a
longer sentence or a notice needs the room. A new notice is announced to
screen readers, since it appears while the user may be elsewhere. Where
the tray exists but cannot show its menu (swaybar, Wayland), the same
window opens when the icon is activated, without the no-tray hint.

It has the same signals as ``Tray`` and the same ``show_state()``, so the app
connects either one the same way. (``QWidget.update`` means "repaint", so
the method cannot be called ``update`` here.)
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from presence_app.i18n import N_, _
from presence_app.ui import accessibility
from presence_app.ui.assets import APP_ICON, load_icon
from presence_app.ui.compositor import keep_own_size
from presence_app.ui.flow import FlowLayout
from presence_app.ui.theme import MARGIN, SPACING
from presence_app.ui.tray import (
    JOURNAL,
    PAUSE_NOW,
    QUIET_CHOICES,
    QUIET_MENU,
    QUIT,
    SETTINGS,
    SKIP_NEXT,
)

NO_TRAY_HINT = N_(
    "There is no tray on this desktop, so Presence lives in this window. "
    "On GNOME, the “AppIndicator and KStatusNotifierItem Support” extension "
    "adds a tray; on KDE Plasma, add the “System Tray” widget to a panel; on "
    "sway and other wlroots compositors, use a bar with a tray (swaybar with "
    "tray_output, or waybar's tray module). Then start Presence again."
)
WINDOW_SIZE = (480, 560)
"""Width, and the most height the window asks for; its content scrolls beyond."""


class StatusWindow(QWidget):
    """The tray's information and menu, as a small window."""

    pause_requested = Signal()
    skip_toggled = Signal(bool)
    quiet_requested = Signal(str)
    journal_requested = Signal()
    settings_requested = Signal()
    quit_requested = Signal()

    def __init__(self, parent: QWidget | None = None, *, hint: str = NO_TRAY_HINT) -> None:
        super().__init__(parent)
        accessibility.install()
        accessibility.set_role(self, "window")
        self.setWindowTitle("Presence")
        self.setWindowIcon(load_icon(APP_ICON))
        self.state_label = QLabel("Presence", self)
        self.state_label.setProperty("role", "prompt")
        self.state_label.setWordWrap(True)
        self.pause_button = self._button(PAUSE_NOW, self.pause_requested)
        self.pause_button.setProperty("role", "primary")
        self.skip_button = self._button(SKIP_NEXT, None)
        self.skip_button.setCheckable(True)
        self.skip_button.toggled.connect(self.skip_toggled)
        self.quiet_buttons = [self._quiet_button(label, spec) for label, spec in QUIET_CHOICES]
        self.journal_button = self._button(JOURNAL, self.journal_requested)
        self.settings_button = self._button(SETTINGS, self.settings_requested)
        self.quit_button = self._button(QUIT, self.quit_requested)
        self.quit_button.setProperty("role", "quiet")
        self.notice_label = QLabel("", self)
        self.notice_label.setWordWrap(True)
        self.notice_label.hide()
        self.hint_label = QLabel(_(hint), self)
        self.hint_label.setProperty("role", "muted")
        self.hint_label.setWordWrap(True)
        self.hint_label.setVisible(bool(hint))
        self.notice_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._build()
        self.resize(WINDOW_SIZE[0], 0)
        self._fit()
        keep_own_size(self)

    def _button(self, text: str, signal: object) -> QPushButton:
        button = QPushButton(_(text), self)
        button.setAccessibleName(_(text).rstrip("…"))
        if signal is not None:
            button.clicked.connect(signal)
        return button

    def _quiet_button(self, label: str, spec: str) -> QPushButton:
        button = QPushButton(_(label), self)
        button.setAccessibleName(_("Quiet: {choice}").format(choice=_(label)))
        button.clicked.connect(lambda *_: self.quiet_requested.emit(spec))
        return button

    def _build(self) -> None:
        content = QWidget(self)
        scroll = QScrollArea(self)
        scroll.setObjectName("status-scroll")
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Not a Tab stop of its own: Tab goes to the buttons, and the area
        # scrolls to show whichever has the focus.
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.content = content
        layout = QVBoxLayout(content)
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        layout.setSpacing(SPACING)
        layout.addWidget(self.state_label)
        layout.addWidget(self.notice_label)
        layout.addLayout(self._row(self.pause_button, self.skip_button))
        quiet_title = QLabel(_(QUIET_MENU), self)
        quiet_title.setProperty("role", "day")
        accessibility.set_role(quiet_title, "heading")
        layout.addWidget(quiet_title)
        layout.addLayout(self._row(*self.quiet_buttons))
        layout.addSpacing(SPACING // 2)
        layout.addLayout(self._row(self.journal_button, self.settings_button, self.quit_button))
        layout.addSpacing(SPACING // 2)
        layout.addWidget(self.hint_label)
        layout.addStretch(1)
        # Narrower than its widest button plus the margins, it would cut it off.
        scrollbar = scroll.verticalScrollBar().sizeHint().width()
        self.setMinimumWidth(content.minimumSizeHint().width() + scrollbar)

    @staticmethod
    def _row(*buttons: QPushButton) -> FlowLayout:
        row = FlowLayout(spacing=SPACING // 2)
        for button in buttons:
            row.addWidget(button)
        return row

    def _fit(self) -> None:
        """Grow (up to ``WINDOW_SIZE``) so the sentence and notice need no scrolling."""
        most = WINDOW_SIZE[1]
        needed = self.content.heightForWidth(self.width()) + 2
        if self.height() < min(most, needed):
            self.resize(self.width(), min(most, needed))

    def buttons(self) -> list[QPushButton]:
        """Every action button, in the order of the tray menu."""
        return [
            self.pause_button,
            self.skip_button,
            *self.quiet_buttons,
            self.journal_button,
            self.settings_button,
            self.quit_button,
        ]

    def show_state(self, next_line: str, tooltip: str, quiet: bool, skip: bool) -> None:
        """Show the current state (same arguments as ``Tray.update``).

        Args:
            next_line: unused here; the full ``tooltip`` sentence is shown.
            quiet: unused here; the sentence already says why it is quiet.
        """
        self.state_label.setText(tooltip)
        self.setToolTip(tooltip)
        self._fit()
        self.skip_button.blockSignals(True)
        self.skip_button.setChecked(skip)
        self.skip_button.blockSignals(False)

    def show_notice(self, message: str) -> None:
        """Show a calm message from the app (the tray would show a balloon)."""
        self.notice_label.setText(message)
        self.notice_label.show()
        self._fit()
        accessibility.announce(self.notice_label, message)

    def withdraw_notice(self, message: str, instead: str | None) -> None:
        """Stop showing ``message``, if shown; show ``instead`` (or nothing)."""
        if self.notice_label.text() != message:
            return
        self.notice_label.setText(instead or "")
        self.notice_label.setVisible(bool(instead))
        if instead:
            self._fit()
            accessibility.announce(self.notice_label, instead)
