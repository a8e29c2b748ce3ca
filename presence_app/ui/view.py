"""The lifecycle's view: opens and closes the windows it asks for.

``core.lifecycle`` decides what happens; this class only shows it. It keeps
at most one window of each kind, builds each from the current settings,
and hands what the user does back to the lifecycle. The window modules are
imported when first needed, so they cost nothing at start-up. Main thread
only.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QWidget

from presence_app.core.clock import Clock
from presence_app.core.cue import Cue
from presence_app.core.drafts import Draft
from presence_app.core.lifecycle_ports import Answers
from presence_app.core.settings import Settings

if TYPE_CHECKING:
    from presence_app.adapters.notify import Notifications
    from presence_app.ui.invitation import Invitation, Invitations


class WindowView:
    """Implements ``core.lifecycle.View`` with the Qt windows."""

    def __init__(
        self,
        clock: Clock,
        settings: Settings,
        *,
        tray_geometry: Callable[[], QRect | None],
        reduced_motion: Callable[[], bool],
        report: Callable[[str], None],
        invitations: Invitations | None = None,
        notifications: Callable[[], Notifications] | None = None,
    ) -> None:
        """``notifications`` builds the desktop notifications at the first bell that needs them."""
        self._clock = clock
        self.settings = settings
        self._tray_geometry = tray_geometry
        self._reduced_motion = reduced_motion
        self._report = report
        self._lifecycle: Answers | None = None
        self._windows: list[QWidget | Invitation] = []
        self._invitations = invitations
        self._notifications = notifications

    def attach(self, lifecycle: Answers) -> None:
        """Connect to the lifecycle (built after this view, which it needs)."""
        self._lifecycle = lifecycle

    @property
    def lifecycle(self) -> Answers:
        assert self._lifecycle is not None, "attach() the lifecycle first"
        return self._lifecycle

    @property
    def windows(self) -> list[QWidget | Invitation]:
        """The windows open now (for tests and the status reply)."""
        return list(self._windows)

    def prepare(self) -> None:
        """A bell comes soon: load what its invitation needs, so it shows at once."""
        from presence_app.ui import card, invitation  # noqa: F401 - imported ahead of the bell

    def show_invitation(self, cue: Cue, timeout: timedelta) -> None:
        from presence_app.ui.invitation import Invitations  # built at the first bell, not at start

        self.close_windows()
        self._invitations = self._invitations or Invitations(
            self._report, notifications=self._notifications
        )
        invitation = self._invitations.open(
            cue,
            timeout,
            tray_geometry=self._tray_geometry(),
            reduced_motion=self._reduced_motion(),
        )
        invitation.accepted.connect(self.lifecycle.accept)
        invitation.passed.connect(lambda timed_out: self.lifecycle.let_pass(timed_out=timed_out))
        self._open(invitation)

    def show_pause(self, length: timedelta, ends_at: datetime) -> None:
        from presence_app.ui.input_guard import InputGuard
        from presence_app.ui.pause_window import PauseWindow

        self.close_windows()
        pause = self.settings.pause
        window = PauseWindow(
            self._clock,
            ends_at,
            phrase=pause.phrase or None,
            show_countdown=pause.show_countdown,
            style=pause.style,
            reduced_motion=self._reduced_motion(),
            guard=InputGuard(),
        )
        window.ended_early.connect(self.lifecycle.end_early)
        # The lifecycle keeps its own deadline; the window's is a second wake-up.
        window.finished.connect(self.lifecycle.tick)
        self._open(window)

    def show_reflection(self, draft: Draft, problem: str | None = None) -> None:
        from presence_app.ui.input_guard import InputGuard
        from presence_app.ui.reflection import ReflectionWindow

        if problem is not None:  # keep the open window, with its words, and say why
            for open_window in self._windows:
                if isinstance(open_window, ReflectionWindow):
                    open_window.show_problem(problem)
                    return
        self.close_windows()
        window = ReflectionWindow(
            draft.prompt,
            self.settings.reflection.feelings,
            draft_text=draft.text,
            draft_feelings=draft.feelings,
            guard=InputGuard(),
        )
        window.saved.connect(self.lifecycle.save_reflection)
        window.dismissed.connect(self.lifecycle.dismiss_reflection)
        window.set_aside.connect(self.lifecycle.set_aside_reflection)
        window.draft_changed.connect(self.lifecycle.update_draft)
        if problem is not None:
            window.show_problem(problem)
        self._open(window)
        window.raise_()
        window.activateWindow()

    def close_windows(self) -> None:
        windows, self._windows = self._windows, []
        for window in windows:
            window.blockSignals(True)
            window.close()
            window.deleteLater()

    def report_problem(self, message: str) -> None:
        self._report(message)

    def _open(self, window: QWidget | Invitation) -> None:
        self._windows.append(window)
        window.show()
