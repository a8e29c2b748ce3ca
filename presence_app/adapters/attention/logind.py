"""Linux: the locked screen and sleep, as logind and the screen saver tell them.

Sources, each optional (a desktop offers some of them):

- logind, on the system bus: the session's ``LockedHint`` property (set
  by the desktop's locker; its changes come as ``PropertiesChanged``) and
  the session's ``Lock``/``Unlock`` signals (sent when something asks
  the session to lock, such as ``loginctl lock-session``); the manager's
  ``PrepareForSleep(b)``: true right before the machine sleeps, false
  when it has woken.
- the screen saver, on the session bus: ``ActiveChanged(b)`` from
  ``org.freedesktop.ScreenSaver`` (KDE Plasma, Xfce, LXQt and others) and
  from ``org.gnome.ScreenSaver`` (GNOME); ``GetActive`` gives the state
  at start.

Main ideas:

- One ``BusLink`` per bus, shared with the other backends on it (the
  screen saver's idle time, the notifications and the portals use the
  same session link), so ``close`` only stops this watch's signals.
  Signals cost nothing until they come.
- Our session is found with ``GetSession`` for ``XDG_SESSION_ID``, else
  ``"auto"`` (logind's name for the caller's session, or the user's
  display session).
- Every failure (no system bus, no logind, no screen saver) is logged
  once and leaves that source out; the others still work.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from typing import Any

from jeepney import (  # type: ignore[import-untyped]
    DBusAddress,
    MatchRule,
    Properties,
    new_method_call,
)
from jeepney.bus_messages import message_bus  # type: ignore[import-untyped]
from PySide6.QtCore import QObject

from presence_app.adapters.attention.session import SessionWatch
from presence_app.adapters.bus.link import BUS_ERRORS, BusLink
from presence_app.adapters.bus.question import BusQuestion
from presence_app.i18n import N_

log = logging.getLogger(__name__)

LOGIN1 = "org.freedesktop.login1"
MANAGER_PATH = "/org/freedesktop/login1"
MANAGER = "org.freedesktop.login1.Manager"
SESSION = "org.freedesktop.login1.Session"
PROPERTIES = "org.freedesktop.DBus.Properties"
SCREEN_SAVERS = (
    ("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver"),
    ("org.gnome.ScreenSaver", "/org/gnome/ScreenSaver"),
)
TIMEOUT_S = 0.5
FAILURE = "logind cannot tell of the lock or of sleep (%s)"
SAVER_FAILURE = "the screen saver cannot tell of the lock (%s)"


class LinuxSessionWatch(SessionWatch):
    """Hears logind and the screen saver. Main thread only."""

    def __init__(
        self,
        system: BusLink,
        session: BusLink,
        environ: Mapping[str, str] = os.environ,
        parent: QObject | None = None,
    ) -> None:
        """Remember the links; nothing is asked until ``start``."""
        super().__init__(parent)
        self._system = system
        self._session = session
        self._session_id = environ.get("XDG_SESSION_ID") or "auto"
        self._logind = BusQuestion(system, TIMEOUT_S, log, FAILURE)
        self._saver = BusQuestion(session, TIMEOUT_S, log, SAVER_FAILURE)
        self._logged: set[str] = set()
        self._watched: list[tuple[BusLink, Any]] = []

    def start(self) -> None:
        if self._logind_on_bus():
            self._watch_sleep()
        path = self._session_path()
        if path is not None and self._watch_session(path):
            self.lock_sources.append("logind")
        if self._watch_screen_savers():
            self.lock_sources.append(N_("the screen saver"))  # translated where shown

    def close(self) -> None:
        watched, self._watched = self._watched, []
        for link, handler in watched:
            link.unwatch(handler)

    # --- logind ------------------------------------------------------------

    def _watch_sleep(self) -> None:
        rule = MatchRule(
            type="signal", interface=MANAGER, member="PrepareForSleep", path=MANAGER_PATH
        )
        if self._watch(self._system, rule, self._on_prepare_for_sleep, FAILURE):
            self.sleep_source = "logind"

    def _logind_on_bus(self) -> bool:
        body = self._logind.ask(message_bus.NameHasOwner(LOGIN1))
        if body is not None and not body[0]:
            log.info(FAILURE, "logind is not running")
        return bool(body and body[0])

    def _session_path(self) -> str | None:
        manager = DBusAddress(MANAGER_PATH, LOGIN1, MANAGER)
        body = self._logind.ask(new_method_call(manager, "GetSession", "s", (self._session_id,)))
        return str(body[0]) if body else None

    def _watch_session(self, path: str) -> bool:
        lock = MatchRule(type="signal", interface=SESSION, member="Lock", path=path)
        unlock = MatchRule(type="signal", interface=SESSION, member="Unlock", path=path)
        changed = MatchRule(
            type="signal", interface=PROPERTIES, member="PropertiesChanged", path=path
        )
        changed.add_arg_condition(0, SESSION)
        watched = all(
            self._watch(self._system, rule, handler, FAILURE)
            for rule, handler in (
                (lock, lambda _message: self.report_locked(True)),
                (unlock, lambda _message: self.report_locked(False)),
                (changed, self._on_session_changed),
            )
        )
        hint = self._locked_hint(path)
        if hint is not None:
            self.report_locked(hint)
        return watched and hint is not None

    def _locked_hint(self, path: str) -> bool | None:
        body = self._logind.ask(Properties(DBusAddress(path, LOGIN1, SESSION)).get("LockedHint"))
        if not body or body[0][0] != "b":
            return None
        return bool(body[0][1])

    def _on_prepare_for_sleep(self, message: Any) -> None:
        if message.body and isinstance(message.body[0], bool):
            self.report_sleep(message.body[0])

    def _on_session_changed(self, message: Any) -> None:
        _interface, changed, _invalidated = message.body
        signature, value = changed.get("LockedHint", (None, None))
        if signature == "b":
            self.report_locked(bool(value))

    # --- the screen saver -----------------------------------------------------

    def _watch_screen_savers(self) -> bool:
        """Follow every screen saver's ``ActiveChanged``; True if one answers now."""
        answered = False
        for name, path in SCREEN_SAVERS:
            rule = MatchRule(type="signal", interface=name, member="ActiveChanged")
            if not self._watch(self._session, rule, self._on_active_changed, SAVER_FAILURE):
                return False
            body = self._saver.ask(new_method_call(DBusAddress(path, name, name), "GetActive"))
            if body and isinstance(body[0], bool):
                answered = True
                if body[0]:
                    self.report_locked(True)
        return answered

    def _on_active_changed(self, message: Any) -> None:
        if message.body and isinstance(message.body[0], bool):
            self.report_locked(message.body[0])

    def _watch(self, link: BusLink, rule: Any, handler: Any, failure: str) -> bool:
        self._watched.append((link, handler))
        try:
            link.watch(rule, handler)
        except BUS_ERRORS as error:
            if failure not in self._logged:
                self._logged.add(failure)
                log.info(failure, str(error) or type(error).__name__)
            return False
        return True
