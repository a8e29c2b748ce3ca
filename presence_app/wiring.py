"""The composition root: the one place that builds the app's parts and connects them.

Nothing else in Presence constructs a collaborator; every part receives
what it needs. The parts, each with one job:

- ``SettingsApplier`` keeps the settings in effect and tells the parts that
  care when they change (the schedule, the bell, the considerate checks,
  the windows, the prompts, the shortcut, the lifecycle, start at login).
- ``Lifecycle`` (core) decides what happens between one bell and the next;
  ``WindowView`` shows it, the bell plays it, the journal keeps it.
- ``WakeTimer`` wakes the lifecycle at its next deadline and watches for
  sleep and clock changes; ``AwayBook`` (core) carries time away to the
  schedule.
- ``Actions`` are the verbs a person can ask for; the tray (``Surface``),
  the shortcut and ``CommandHandler`` (the socket) all go through them.
- ``Notices`` keeps the calm messages for the user.
- ``Buses`` holds the app's one link to the session bus and one to the
  system bus; every backend that talks D-Bus gets it from here.

``compose`` builds them in dependency order and returns an ``App`` that
holds them; ``App.start`` puts the app on screen and starts listening.
Main thread only.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable
from datetime import timedelta, tzinfo
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

from presence_app import APP_ID
from presence_app.actions import Actions
from presence_app.adapters.attention import Surroundings
from presence_app.adapters.attention.dnd import DesktopDnd
from presence_app.adapters.attention.parts import AttentionParts, DesktopCalls, create_attention
from presence_app.adapters.attention.session import SessionWatch
from presence_app.adapters.autostart.switch import LoginSwitch, create_login_switch
from presence_app.adapters.bus import Buses
from presence_app.adapters.launcher import launcher_offer
from presence_app.adapters.motion import desktop_prefers_reduced_motion
from presence_app.adapters.shortcut import GlobalShortcut, ShortcutStatus, create_global_shortcut
from presence_app.adapters.sound.player import SoundPlayer, create_player
from presence_app.applier import SettingsApplier
from presence_app.control import CommandHandler
from presence_app.core.awaybook import AwayBook
from presence_app.core.chord import ChordError, parse_chord
from presence_app.core.clock import Clock
from presence_app.core.considerate import Considerate
from presence_app.core.cue import Source
from presence_app.core.drafts import DraftStore
from presence_app.core.journalkeeper import KeptJournal
from presence_app.core.lifecycle import Lifecycle
from presence_app.core.lifecycle_ports import journal_failures
from presence_app.core.paths import Paths
from presence_app.core.prompts import PromptSource
from presence_app.core.schedstate import StateSaver, StateStore
from presence_app.core.schedule import Scheduler
from presence_app.core.settings import LoadResult, Settings, ensure_settings_file
from presence_app.core.timezone import LocalZone
from presence_app.i18n import _
from presence_app.ipc import CommandServer, InstanceLock, IpcSetupError
from presence_app.notices import Notices
from presence_app.running import App
from presence_app.ui import theme
from presence_app.ui.assets import PROMPTS_FILE
from presence_app.ui.settings_watch import SettingsWatch, apply_loaded, settings_notice
from presence_app.ui.surface import Glance, Surface
from presence_app.ui.view import WindowView
from presence_app.ui.windows import JournalAccess, SettingsAccess, SideWindows
from presence_app.waking import WakeTimer, qt_call_later

if TYPE_CHECKING:
    from presence_app.adapters.notify import Notifications
    from presence_app.ui.settings.ports import SettingsPorts

log = logging.getLogger(__name__)

PRUNE_AFTER_MS = 60_000
"""How long after start-up old journal entries are removed (when asked to)."""


class _BellAhead:
    """The lifecycle's bell: preparing the sound also gets the invitation ready.

    The lifecycle prepares the bell shortly before it rings; the same moment
    is the time to load the invitation's window code, so the card appears
    with the sound rather than a noticeable moment after it.
    """

    def __init__(self, player: SoundPlayer, prepare_view: Callable[[], None]) -> None:
        self._player = player
        self._prepare_view = prepare_view

    def prepare(self) -> None:
        self._player.prepare()
        self._prepare_view()

    def play(self, role: Literal["start", "end"]) -> None:
        self._player.play(role)


def compose(
    qapp: QApplication,
    paths: Paths,
    clock: Clock,
    lock: InstanceLock,
    *,
    surroundings: Surroundings | None = None,
    dnd: DesktopDnd | None = None,
    calls: DesktopCalls | None = None,
    session: SessionWatch | None = None,
    surface: Surface | None = None,
    buses: Buses | None = None,
) -> App:
    """Build every part of the app and connect them; nothing new is shown yet.

    ``surface`` is the tray (or status window) if the caller already put it
    on screen, so the user sees the icon before the rest is built. ``buses``
    are the links to the D-Bus buses (tests give private ones); each
    connects when a backend first talks to it.

    Some parts need each other both ways (the lifecycle tells the wake timer
    of changes; the wake timer asks the lifecycle when to wake): they are
    joined through closures over names bound further down, which run only
    once the app is started.
    """
    root = QObject()
    if surface is None:
        surface = Surface(root)
    buses = buses or Buses(root)
    notices = Notices()
    loaded = ensure_settings_file(paths.settings_file)
    _report_settings(loaded, notices)
    login = create_login_switch(paths.state_dir, notices.say, root, buses=buses)
    if offer := launcher_offer(paths.state_dir):  # once, after a pipx install
        notices.say(offer)
    settings = loaded.settings
    applier = SettingsApplier(settings)
    zone = LocalZone()
    store = StateStore(paths.state_dir / "schedule.json")
    scheduler = _scheduler(settings, zone(), store)
    saver = StateSaver(store, scheduler)
    journal = KeptJournal(paths.journal_file, report=notices.say)
    prompts = PromptSource(
        settings.reflection.prompts, PROMPTS_FILE, random.Random(clock.now().timestamp())
    )
    player = create_player(settings.sound, call_later=qt_call_later, on_problem=notices.say)
    theme.apply_theme(qapp)
    theme.follow_color_scheme(qapp)
    attention = create_attention(
        qapp.platformName(), buses, root, surroundings=surroundings, dnd=dnd, calls=calls,
        session=session,
    )  # fmt: skip
    considerate = Considerate(
        settings.considerate, attention.surroundings, attention.dnd, attention.calls
    )
    view = WindowView(
        clock,
        settings,
        tray_geometry=lambda: surface.tray_geometry(),
        reduced_motion=lambda: theme.prefers_reduced_motion(
            qapp, desktop=desktop_prefers_reduced_motion
        ),
        report=notices.say,
        notifications=lambda: _notifications(buses, root),
    )

    def on_change() -> None:
        saver.save()
        surface.refresh()
        waker.rearm()

    lifecycle = Lifecycle(
        clock=clock,
        scheduler=scheduler,
        journal=journal,
        bell=_BellAhead(player, view.prepare),
        view=view,
        drafts=DraftStore(paths.state_dir / "draft.json"),
        next_prompt=prompts.next,
        settings=settings,
        reason_to_wait=lambda now: away.reason_to_wait(now),
        on_change=on_change,
    )
    view.attach(lifecycle)
    away = AwayBook(considerate, scheduler, catch_up=lifecycle.tick, recompute=lifecycle.refresh)
    waker = WakeTimer(clock, lifecycle.next_wakeup, lifecycle.tick, root)
    side = SideWindows(
        SettingsAccess(lambda: _settings_ports(app), applier.apply),
        JournalAccess(lambda search: journal.entries(search=search), zone, clock.now),
        root,
    )
    actions = Actions(
        clock=clock,
        zone=zone,
        lifecycle=lifecycle,
        scheduler=scheduler,
        show_window=side.show,
        quit=lambda: QTimer.singleShot(0, qapp.quit),
    )
    surface.attach(
        actions,
        lambda: Glance(lifecycle.status(), clock.now(), zone(), scheduler.state.skip_next),
    )
    _follow_time(waker, away, surface, scheduler, lifecycle, applier, zone, clock)
    _follow_session(attention, away, waker, clock)
    shortcut = create_global_shortcut(
        app_id=APP_ID, state_dir=paths.state_dir, parent=root, buses=buses
    )
    shortcut.activated.connect(lambda: actions.toggle_pause(Source.SHORTCUT))
    shortcut.status_changed.connect(lambda status: _on_shortcut_status(status, notices))
    handler = CommandHandler(actions, lambda: app.status())
    server = CommandServer(paths, handler, root)
    watch = SettingsWatch(paths.settings_file, root)
    watch.loaded.connect(lambda loaded: _reload_settings(loaded, applier, notices))
    server.request_received.connect(waker.check_clocks)
    app = App(
        attention=attention,
        clock=clock,
        local_zone=zone,
        root=root,
        paths=paths,
        notices=notices,
        applier=applier,
        scheduler=scheduler,
        journal=journal,
        player=player,
        lifecycle=lifecycle,
        view=view,
        considerate=considerate,
        actions=actions,
        surface=surface,
        side=side,
        waker=waker,
        shortcut=shortcut,
        handle_command=handler,
    )
    _subscribe(app, prompts, login)
    app.starters += [
        lambda: _listen(server, lock, notices.say),
        attention.session.start,
        lambda: _apply_shortcut(shortcut, applier.current.shortcut, notices.say),
    ]
    if loaded.is_as_written("start_at_login"):
        # A stand-in default must never remove the user's own login entry.
        app.starters.append(
            lambda: login.apply(applier.current.start_at_login, only_if_different=True)
        )
    app.starters.append(lambda: lifecycle.start(away_since=away.last_known_alive(clock.now())))
    app.starters.append(lambda: _prune_later(journal, applier, clock, root))
    app.closers += [
        saver.save,
        view.close_windows,
        shortcut.close,
        login.close,
        attention.close,
        player.close,
        server.close,
        journal.close,
        buses.close,  # after every backend on them
    ]
    return app


def _notifications(buses: Buses, parent: QObject) -> Notifications:
    """The desktop notifications, built at the first bell that invites with one."""
    from presence_app.adapters.notify import Notifications

    return Notifications(APP_ID, bus=buses.session, parent=parent)


def _settings_ports(app: App) -> SettingsPorts:
    """What the settings window may read and do, built when it opens."""
    from presence_app.ui.settings.wiring import ports_for

    return ports_for(app, app.capabilities)


def _follow_session(
    attention: AttentionParts, away: AwayBook, waker: WakeTimer, clock: Clock
) -> None:
    """Connect what the system tells as it happens: the lock, sleep and waking."""
    watch = attention.session
    watch.locked.connect(lambda: away.screen_locked(clock.now()))
    watch.unlocked.connect(lambda: away.screen_unlocked(clock.now()))
    watch.sleeping.connect(lambda: away.machine_sleeping(clock.now()))

    def on_woke() -> None:
        if away.machine_woke(clock.now()):
            waker.sleep_was_counted()  # the clock comparison must not count it again

    watch.woke.connect(on_woke)


def _scheduler(settings: Settings, zone: tzinfo, store: StateStore) -> Scheduler:
    return Scheduler(
        settings.schedules,
        zone,
        store.load(),
        default_pause=settings.pause.length,
        grace=settings.considerate.grace_after_wake,
    )


def _follow_time(
    waker: WakeTimer,
    away: AwayBook,
    surface: Surface,
    scheduler: Scheduler,
    lifecycle: Lifecycle,
    applier: SettingsApplier,
    zone: LocalZone,
    clock: Clock,
) -> None:
    """Connect the wake timer's reports: sleep, clock changes, the minute check."""

    def on_clock_moved(jump_s: float) -> None:
        log.info("the wall clock moved by %.0f s", jump_s)
        settings = applier.current
        scheduler.update(
            settings.schedules,
            default_pause=settings.pause.length,
            grace=settings.considerate.grace_after_wake,
            zone=zone.reread(),
        )
        lifecycle.clock_moved(timedelta(seconds=jump_s))

    waker.slept.connect(lambda seconds: away.slept(clock.now(), seconds))
    waker.clock_moved.connect(on_clock_moved)
    waker.minute.connect(surface.refresh)
    waker.minute.connect(lambda: away.check_return(clock.now()))


def _subscribe(app: App, prompts: PromptSource, login: LoginSwitch) -> None:
    """Have each part hear of new settings, in the order they must."""
    notices, view = app.notices, app.view
    at_login = [app.settings.start_at_login]

    def autostart(settings: Settings) -> None:
        if settings.start_at_login != at_login[0]:
            at_login[0] = settings.start_at_login
            login.apply(settings.start_at_login)

    def schedule(settings: Settings) -> None:
        app.scheduler.update(
            settings.schedules,
            default_pause=settings.pause.length,
            grace=settings.considerate.grace_after_wake,
        )

    def windows(settings: Settings) -> None:
        view.settings = settings

    for listener in (
        autostart,
        schedule,
        lambda settings: app.player.configure(settings.sound),
        lambda settings: app.considerate.configure(settings.considerate),
        windows,
        lambda settings: prompts.configure(settings.reflection.prompts),
        lambda settings: _apply_shortcut(app.shortcut, settings.shortcut, notices.say),
        app.lifecycle.apply_settings,
    ):
        app.applier.subscribe(listener)


def _report_settings(loaded: LoadResult, notices: Notices) -> None:
    """Tell the user, once, what in the settings file could not be used (or withdraw it)."""
    for problem in loaded.problems:
        log.warning("settings: %s", problem.message)
    notice = settings_notice(loaded)
    if notice is None:
        notices.withdraw("settings")
    else:
        notices.say(notice, topic="settings")


def _reload_settings(loaded: LoadResult, applier: SettingsApplier, notices: Notices) -> None:
    """Use a hand edit of the file as a save from the window would be used."""
    said: list[str] = []

    def say(message: str) -> None:
        said.append(message)
        notices.say(message, topic="settings")

    apply_loaded(loaded, applier.current, applier.apply, say)
    if not said:
        notices.withdraw("settings")


def _prune_later(
    journal: KeptJournal, applier: SettingsApplier, clock: Clock, root: QObject
) -> None:
    """Remove entries older than the setting asks, a little after start-up.

    Not before the app is up: pruning opens the journal, which the app
    otherwise opens only when it first writes or reads it.
    """
    if applier.current.journal.keep_days > 0:
        QTimer.singleShot(PRUNE_AFTER_MS, root, lambda: _prune_journal(journal, applier, clock))


def _prune_journal(journal: KeptJournal, applier: SettingsApplier, clock: Clock) -> None:
    keep = applier.current.journal.keep_days
    if keep <= 0:
        return
    try:
        removed = journal.prune(keep, clock.now())
    except journal_failures() as error:
        log.warning("old journal entries could not be removed: %s", error)
        return
    if removed:
        log.info("removed %d journal entries older than %d days", removed, keep)


def _listen(server: CommandServer, lock: InstanceLock, say: Callable[[str], None]) -> None:
    try:
        server.listen(lock)
    except IpcSetupError as error:
        say(str(error))


def _apply_shortcut(shortcut: GlobalShortcut, text: str, say: Callable[[str], None]) -> None:
    try:
        chord = parse_chord(text) if text.strip() else None
    except ChordError as error:
        say(_("The shortcut setting could not be used: {reason}").format(reason=error))
        chord = None
    shortcut.set_chord(chord)


def _on_shortcut_status(status: ShortcutStatus, notices: Notices) -> None:
    """Say what the shortcut's backend said; an earlier word on it no longer holds."""
    if not status.works and status.message:
        notices.say(status.message, topic="shortcut")
    else:
        notices.withdraw("shortcut")
