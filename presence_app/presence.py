"""The running app: every part built once and wired together.

``Presence`` owns the core objects (settings, scheduler and its saved state,
journal, prompts, lifecycle) and the outside parts (bell, tray or status
window, shortcut, command socket, sleep watch). It answers the command
socket, applies new settings without a restart, and keeps the one timer
that wakes the lifecycle. Main thread only.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from datetime import datetime, timedelta, tzinfo
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication

from presence_app import APP_ID, __version__
from presence_app.adapters.attention import Surroundings, create_surroundings
from presence_app.adapters.attention.dnd import DesktopDnd, create_dnd
from presence_app.adapters.autostart import launch_command, set_autostart, sync_autostart
from presence_app.adapters.motion import desktop_prefers_reduced_motion
from presence_app.adapters.power import SleepWatch
from presence_app.adapters.shortcut import ShortcutStatus, create_global_shortcut
from presence_app.adapters.sound.player import create_player
from presence_app.app import MAX_TIMER, make_rng, qt_call_later
from presence_app.core.chord import ChordError, parse_chord
from presence_app.core.clock import Clock
from presence_app.core.considerate import Considerate
from presence_app.core.cue import Source
from presence_app.core.drafts import DraftStore
from presence_app.core.journal import Journal, NullJournal
from presence_app.core.journalfile import JournalError
from presence_app.core.lifecycle import Lifecycle
from presence_app.core.paths import Paths
from presence_app.core.prompts import PromptRotation, read_prompts
from presence_app.core.quiet import parse_quiet
from presence_app.core.schedstate import StateStore, state_to_json
from presence_app.core.schedule import Scheduler
from presence_app.core.settings import LoadResult, Settings, ensure_settings_file
from presence_app.core.timezone import local_zone
from presence_app.ipc import CommandServer, InstanceLock, IpcSetupError
from presence_app.ui import theme
from presence_app.ui.assets import PROMPTS_FILE
from presence_app.ui.settings_watch import SettingsWatch, apply_loaded
from presence_app.ui.surface import Surface
from presence_app.ui.view import WindowView
from presence_app.ui.windows import SideWindows

log = logging.getLogger(__name__)


class Presence(QObject):
    """The app. Build, ``start()``, run the Qt loop, ``shutdown()``."""

    def __init__(
        self,
        qapp: QApplication,
        paths: Paths,
        clock: Clock,
        lock: InstanceLock,
        *,
        surroundings: Surroundings | None = None,
        dnd: DesktopDnd | None = None,
    ) -> None:
        super().__init__()
        self._qapp = qapp
        self.paths = paths
        self._clock = clock
        self._lock = lock
        self.notices: list[str] = []
        self._started = False
        loaded = ensure_settings_file(paths.settings_file)
        self.settings = loaded.settings
        self._autostart_is_known = loaded.is_as_written("start_at_login")
        self._report_settings(loaded)
        self._zone = local_zone()
        self._store = StateStore(paths.state_dir / "schedule.json")
        self._saved_state: dict[str, Any] | None = None
        self.scheduler = Scheduler(
            self.settings.schedules,
            self._zone,
            self._store.load(),
            default_pause=self.settings.pause.length,
            grace=self.settings.considerate.grace_after_wake,
        )
        self.journal = _open_journal(paths, self.notify)
        self._prune_journal()
        self._prompts = self._make_prompts(self.settings)
        self.player = create_player(
            self.settings.sound, call_later=qt_call_later, on_problem=self.notify
        )
        theme.apply_theme(qapp)
        theme.follow_color_scheme(qapp)
        self.surface = Surface(self)
        self._surroundings = surroundings or create_surroundings()
        self._dnd = dnd or create_dnd(qapp.platformName())
        self.considerate = Considerate(self.settings.considerate, self._surroundings, self._dnd)
        self.view = WindowView(
            clock,
            self.settings,
            tray_geometry=self.surface.tray_geometry,
            reduced_motion=lambda: theme.prefers_reduced_motion(
                qapp, desktop=desktop_prefers_reduced_motion
            ),
            report=self.notify,
        )
        self.lifecycle = Lifecycle(
            clock=clock,
            scheduler=self.scheduler,
            journal=self.journal,
            bell=self.player,
            view=self.view,
            drafts=DraftStore(paths.state_dir / "draft.json"),
            next_prompt=lambda: self._prompts.next(),
            settings=self.settings,
            reason_to_wait=self._reason_to_wait,
            on_change=self._on_change,
        )
        self.view.attach(self.lifecycle)
        self.side = SideWindows(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._on_timer)
        self._sleep = SleepWatch(self)
        self._sleep.resumed.connect(self._on_resumed)
        self._sleep.clock_jumped.connect(self._on_clock_jumped)
        self._sleep.checked.connect(self.surface.refresh)
        self._sleep.checked.connect(self._on_checked)
        self.shortcut = create_global_shortcut(
            app_id=APP_ID, state_dir=paths.state_dir, parent=self
        )
        self.shortcut.activated.connect(self._on_shortcut)
        self.shortcut.status_changed.connect(self._on_shortcut_status)
        self._server = CommandServer(paths, self.handle_command, self)
        self.settings_watch = SettingsWatch(paths.settings_file, self)
        self.settings_watch.loaded.connect(
            lambda loaded: apply_loaded(loaded, self.settings, self.apply_settings, self.notify)
        )

    # --- life -----------------------------------------------------------

    def start(self) -> None:
        self.surface.show()
        self._started = True
        if self.notices:
            self.surface.notify("\n".join(self.notices))
        self._listen()
        self._apply_shortcut(self.settings.shortcut)
        if self._autostart_is_known:  # a stand-in default must not remove the user's entry
            self._apply_autostart(self.settings.start_at_login, only_if_different=True)
        self.lifecycle.start(away_since=self._last_known_alive())
        log.info("Presence %s started; next bell %s", __version__, self.lifecycle.status())

    def _last_known_alive(self) -> datetime:
        """The last moment the schedule's state remembers, at most a day ago."""
        state = self.scheduler.state
        known = [t for t in (state.last_pause_end, state.last_bell, state.back_at) if t]
        floor = self._clock.now() - timedelta(days=1)
        return max([floor, *known])

    def shutdown(self) -> None:
        self.lifecycle.shutdown()
        self._save_state()
        self.view.close_windows()
        self.shortcut.close()
        self._surroundings.close()
        self._dnd.close()
        self.player.close()
        self._server.close()
        self.journal.close()

    def quit(self) -> None:
        QTimer.singleShot(0, self._qapp.quit)

    @property
    def zone(self) -> tzinfo:
        return self._zone

    def clock_now(self) -> datetime:
        return self._clock.now()

    def _listen(self) -> None:
        try:
            self._server.listen(self._lock)
        except IpcSetupError as error:
            self.notify(str(error))

    def _prune_journal(self) -> None:
        keep = self.settings.journal.keep_days
        if keep <= 0:
            return
        try:
            removed = self.journal.prune(keep, self._clock.now())
        except (sqlite3.Error, OSError) as error:
            log.warning("old journal entries could not be removed: %s", error)
            return
        if removed:
            log.info("removed %d journal entries older than %d days", removed, keep)

    # --- time -----------------------------------------------------------

    def _on_change(self) -> None:
        self._save_state()
        self.surface.refresh()
        self._arm_timer()

    def _arm_timer(self) -> None:
        wake = self.lifecycle.next_wakeup()
        if wake is None:
            self._timer.stop()
            return
        wait = min(max(wake - self._clock.now(), timedelta(0)), MAX_TIMER)
        self._timer.start(round(wait.total_seconds() * 1000))

    def _on_timer(self) -> None:
        self.lifecycle.tick()
        self._arm_timer()

    def _on_resumed(self, slept_s: float) -> None:
        now = self._clock.now()
        log.info("the machine slept for %.0f s", slept_s)
        self.scheduler.record_away(now - timedelta(seconds=slept_s), now)
        self.lifecycle.tick()
        self.lifecycle.refresh()

    def _on_clock_jumped(self, jump_s: float) -> None:
        log.info("the wall clock moved by %.0f s", jump_s)
        self._zone = local_zone()
        self.scheduler.update(
            self.settings.schedules,
            default_pause=self.settings.pause.length,
            grace=self.settings.considerate.grace_after_wake,
            zone=self._zone,
        )
        self.lifecycle.refresh()

    def _on_checked(self) -> None:
        """The once-a-minute check: notice a return from time away."""
        away = self.considerate.notice_return(self._clock.now())
        if away is not None:
            log.info("away from %s to %s", away.start, away.end)
            self.scheduler.record_away(away.start, away.end)
            self.lifecycle.refresh()

    def _reason_to_wait(self, now: datetime) -> str | None:
        """Asked by the lifecycle right before a bell rings."""
        check = self.considerate.check_bell(now)
        if check.came_back is not None:
            # The lifecycle recomputes the next bell right after this bell.
            self.scheduler.record_away(check.came_back.start, check.came_back.end)
        return check.reason

    def _save_state(self) -> None:
        data = state_to_json(self.scheduler.state)
        if data == self._saved_state:
            return
        try:
            self._store.save(self.scheduler.state)
            self._saved_state = data
        except OSError as error:
            log.warning("schedule state could not be saved: %s", error)

    # --- settings -------------------------------------------------------

    def apply_settings(self, settings: Settings) -> None:
        """Use new settings at once, without a restart."""
        if settings.start_at_login != self.settings.start_at_login:
            self._apply_autostart(settings.start_at_login)
        self.settings = settings
        self.scheduler.update(
            settings.schedules,
            default_pause=settings.pause.length,
            grace=settings.considerate.grace_after_wake,
        )
        self.player.configure(settings.sound)
        self.considerate.configure(settings.considerate)
        self.view.settings = settings
        self._prompts = self._make_prompts(settings)
        self._apply_shortcut(settings.shortcut)
        self.lifecycle.apply_settings(settings)

    def _report_settings(self, loaded: LoadResult) -> None:
        for problem in loaded.problems:
            log.warning("settings: %s", problem.message)
        summary = loaded.summary()
        if summary is None:
            return
        if len(loaded.problems) == 1 and loaded.problems[0].key:
            self.notify(f"{summary} {loaded.problems[0].message.rstrip('.')}.")
        elif loaded.problems and loaded.problems[0].key:
            self.notify(f"{summary} `presence-app config check` lists each one.")
        else:
            self.notify(summary)

    def _make_prompts(self, settings: Settings) -> PromptRotation:
        prompts = settings.reflection.prompts or read_prompts(PROMPTS_FILE)
        return PromptRotation(prompts, make_rng(self._clock))

    def _apply_autostart(self, enabled: bool, *, only_if_different: bool = False) -> None:
        """Make the login entry follow the setting; at start-up only if they disagree."""
        change = sync_autostart if only_if_different else set_autostart
        message = change(enabled, command=launch_command())
        if message:
            self.notify(message)

    # --- the shortcut -----------------------------------------------------

    def _apply_shortcut(self, text: str) -> None:
        try:
            chord = parse_chord(text) if text.strip() else None
        except ChordError as error:
            self.notify(f"The shortcut setting could not be used: {error}")
            chord = None
        self.shortcut.set_chord(chord)

    def _on_shortcut(self) -> None:
        self.lifecycle.toggle_pause(Source.SHORTCUT)

    def _on_shortcut_status(self, status: ShortcutStatus) -> None:
        if not status.works and status.message:
            self.notify(status.message)

    # --- commands -------------------------------------------------------

    def handle_command(self, request: dict[str, Any]) -> dict[str, Any]:
        """Answer one request from the command socket (see ``protocol``)."""
        command = request["command"]
        if command == "ping":
            return {"ok": True}
        if command == "status":
            return {"ok": True, **self.status()}
        if command == "pause":
            seconds = request.get("length_seconds")
            length = timedelta(seconds=seconds) if seconds else None
            if not self.lifecycle.pause_now(Source.COMMAND, length):
                return {"ok": False, "error": "A pause is already under way."}
            return {"ok": True}
        if command == "skip":
            self.set_skip(True)
            return {"ok": True}
        if command == "quiet":
            return self.set_quiet(str(request["spec"]))
        if command == "show":
            self.side.show(str(request["window"]))
            return {"ok": True}
        if command == "quit":
            self.quit()
            return {"ok": True}
        return {"ok": False, "error": f"Presence does not know the command {command!r}."}

    def status(self) -> dict[str, Any]:
        status = self.lifecycle.status().to_json()
        shortcut = self.shortcut.status
        return {
            **status,
            "version": __version__,
            "tray": self.surface.kind,
            "skip_next": self.scheduler.state.skip_next,
            "shortcut": {
                "chord": self.settings.shortcut,
                "works": shortcut.works,
                "message": shortcut.message,
            },
            "sound_problem": self.player.problem,
            "notices": list(self.notices),
        }

    def set_skip(self, skip: bool) -> None:
        if skip:
            self.scheduler.skip_next()
        else:
            self.scheduler.cancel_skip()
        self.lifecycle.refresh()

    def set_quiet(self, spec: str) -> dict[str, Any]:
        now = self._clock.now()
        try:
            until = parse_quiet(spec, now, self._zone, self.scheduler)
        except ValueError as error:
            return {"ok": False, "error": str(error)}
        self.scheduler.set_quiet(until, None)
        self.lifecycle.refresh()
        return {"ok": True, "quiet_until": until.isoformat() if until else None}

    def notify(self, message: str) -> None:
        """Tell the user something calmly (once per distinct message)."""
        log.warning("%s", message)
        if message in self.notices:
            return
        self.notices.append(message)
        if self._started:  # until then, start() shows what was said
            self.surface.notify(message)


def _open_journal(paths: Paths, notify: Callable[[str], None]) -> Journal | NullJournal:
    try:
        return Journal(paths.journal_file)
    except (JournalError, sqlite3.Error, OSError) as error:
        notify(
            f"The journal {paths.journal_file} could not be opened ({error}). "
            "Pauses still work; reflections are kept as drafts until it can be opened."
        )
        return NullJournal()
