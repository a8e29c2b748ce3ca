"""Windows: time away, full screen, quiet time, the lock, sleep and calls.

What Windows tells, and how it is asked (ctypes and ``winreg``, no extra
package):

- Time away: ``GetLastInputInfo`` gives the tick (milliseconds since boot,
  32 bits) of the last input in this session; ``GetTickCount`` the tick
  now. Both wrap after 49.7 days, so their difference is taken modulo
  2**32, which stays right across the wrap.
- Full screen and quiet time: ``SHQueryUserNotificationState`` says
  whether Windows itself would hold back notifications now: a full-screen
  app or presentation settings ("busy"), a full-screen Direct3D game or
  video, presentation mode, a full-screen Store app, or the quiet time
  after Windows was installed or upgraded.
- The lock and sleep: ``WTSRegisterSessionNotification`` sends
  ``WM_WTSSESSION_CHANGE`` (lock, unlock) to a hidden window of ours;
  ``WM_POWERBROADCAST`` (suspend, resume) reaches it too. A small native
  event filter turns both into the ``SessionWatch`` signals.
- Calls: Windows records, per app, when it last started and stopped using
  the microphone (the privacy "consent store" in the registry); an app
  whose last use has not stopped is recording now. Cheap to read, but
  newer Windows 11 builds may not keep it current, so a call can go
  unnoticed there.

The translations from system values to answers are pure and tested on
every platform; only the ``_Win32`` seam touches the system, and it runs
only on Windows.
"""

from __future__ import annotations

import ctypes
import importlib
import logging
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from PySide6.QtCore import QAbstractNativeEventFilter, QByteArray, QCoreApplication, QObject
from PySide6.QtWidgets import QWidget

from presence_app.adapters.attention.session import SessionWatch

log = logging.getLogger(__name__)

TICK_WRAP = 2**32

# QUERY_USER_NOTIFICATION_STATE (shellapi.h)
QUNS_NOT_PRESENT = 1
QUNS_BUSY = 2
QUNS_RUNNING_D3D_FULL_SCREEN = 3
QUNS_PRESENTATION_MODE = 4
QUNS_ACCEPTS_NOTIFICATIONS = 5
QUNS_QUIET_TIME = 6
QUNS_APP = 7
FULL_SCREEN_STATES = {
    QUNS_BUSY: "a full-screen app",
    QUNS_RUNNING_D3D_FULL_SCREEN: "a full-screen game or video",
    QUNS_PRESENTATION_MODE: "a presentation",
    QUNS_APP: "a full-screen app",
}

WM_WTSSESSION_CHANGE = 0x02B1
WTS_SESSION_LOCK = 0x7
WTS_SESSION_UNLOCK = 0x8
WM_POWERBROADCAST = 0x0218
PBT_APMSUSPEND = 0x4
PBT_APMRESUMESUSPEND = 0x7
PBT_APMRESUMEAUTOMATIC = 0x12
NOTIFY_FOR_THIS_SESSION = 0

CONSENT_STORE = (
    r"Software\Microsoft\Windows\CurrentVersion\CapabilityAccessManager\ConsentStore\microphone"
)


def idle_from_ticks(now_tick: int, last_input_tick: int) -> float:
    """Return seconds since the last input, right across the 49.7-day wrap."""
    return ((now_tick - last_input_tick) % TICK_WRAP) / 1000.0


def full_screen_from_state(state: int | None) -> str | None:
    """Return what fills the screen for a notification state, or None."""
    return None if state is None else FULL_SCREEN_STATES.get(state)


def session_event(message: int, wparam: int) -> str | None:
    """Translate a window message to "locked", "unlocked", "sleeping", "woke" or None."""
    if message == WM_WTSSESSION_CHANGE:
        return {WTS_SESSION_LOCK: "locked", WTS_SESSION_UNLOCK: "unlocked"}.get(wparam)
    if message == WM_POWERBROADCAST:
        if wparam == PBT_APMSUSPEND:
            return "sleeping"
        if wparam in (PBT_APMRESUMEAUTOMATIC, PBT_APMRESUMESUSPEND):
            return "woke"
    return None


@dataclass(frozen=True)
class MicrophoneUse:
    """One app's entry in the consent store: when it last started and stopped."""

    app: str
    last_start: int
    last_stop: int


def microphone_in_use(uses: Iterable[MicrophoneUse]) -> bool:
    """Return whether some app started using the microphone and has not stopped."""
    return any(use.last_start > 0 and use.last_stop == 0 for use in uses)


class Win32(Protocol):
    """The few system calls the Windows backends need (the seam tests replace)."""

    def tick_count(self) -> int: ...
    def last_input_tick(self) -> int | None: ...
    def notification_state(self) -> int | None: ...
    def microphone_uses(self) -> list[MicrophoneUse]: ...


class WindowsSurroundings:
    """Idle time and full screen, as Windows tells them. Main thread only."""

    def __init__(self, win32: Win32 | None = None) -> None:
        self._win32 = win32 or _Win32()

    def idle_seconds(self) -> float | None:
        last = self._win32.last_input_tick()
        return None if last is None else idle_from_ticks(self._win32.tick_count(), last)

    def fullscreen_app(self) -> str | None:
        return full_screen_from_state(self._win32.notification_state())

    def close(self) -> None:
        pass


class WindowsQuietTime:
    """Windows' quiet time (after an install or upgrade), read as do-not-disturb."""

    def __init__(self, win32: Win32 | None = None) -> None:
        self._win32 = win32 or _Win32()

    def is_on(self) -> bool | None:
        state = self._win32.notification_state()
        return None if state is None else state == QUNS_QUIET_TIME

    def close(self) -> None:
        pass


class WindowsCalls:
    """A microphone in use, from the privacy consent store. Main thread only."""

    def __init__(self, win32: Win32 | None = None) -> None:
        self._win32 = win32 or _Win32()

    def in_call(self) -> bool | None:
        try:
            return microphone_in_use(self._win32.microphone_uses())
        except OSError as error:
            log.info("a call cannot be noticed (%s); bells ring as scheduled", error)
            return None

    def close(self) -> None:
        pass


class _SessionFilter(QAbstractNativeEventFilter):
    """Spot lock and power messages among the native messages Qt sees."""

    def __init__(self, on_event: Callable[[str], None]) -> None:
        super().__init__()
        self._on_event = on_event

    def nativeEventFilter(  # noqa: N802 - Qt's name
        self,
        eventType: QByteArray | bytes | bytearray | memoryview,  # noqa: N803 - Qt's name
        message: int,
        /,
    ) -> object:
        name = eventType.data() if isinstance(eventType, QByteArray) else bytes(eventType)
        if name not in (b"windows_dispatcher_MSG", b"windows_generic_MSG"):
            return False, 0
        from ctypes import wintypes

        msg = wintypes.MSG.from_address(int(message))
        event = session_event(msg.message, msg.wParam or 0)
        if event is not None:
            self._on_event(event)
        return False, 0  # others may want these messages too


class WindowsSessionWatch(SessionWatch):
    """The lock and sleep from session and power messages. Main thread, Windows only."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._filter = _SessionFilter(self._on_event)  # kept: Qt does not own it
        self._window: QWidget | None = None

    def start(self) -> None:
        application = QCoreApplication.instance()
        assert application is not None, "create the QApplication first"
        application.installNativeEventFilter(self._filter)
        self.sleep_source = "Windows"
        self._window = QWidget()  # never shown: it only receives the messages
        hwnd = int(self._window.winId())
        if _register_session_notification(hwnd):
            self.lock_sources.append("Windows")

    def close(self) -> None:
        application = QCoreApplication.instance()
        if application is not None:
            application.removeNativeEventFilter(self._filter)
        if self._window is not None:
            _unregister_session_notification(int(self._window.winId()))
            self._window.deleteLater()
            self._window = None

    def _on_event(self, event: str) -> None:
        if event in ("locked", "unlocked"):
            self.report_locked(event == "locked")
        else:
            self.report_sleep(event == "sleeping")


def _register_session_notification(hwnd: int) -> bool:
    if sys.platform == "win32":
        wtsapi = ctypes.WinDLL("wtsapi32", use_last_error=True)
        if wtsapi.WTSRegisterSessionNotification(hwnd, NOTIFY_FOR_THIS_SESSION):
            return True
        log.info("Windows will not tell of the lock (error %d)", ctypes.get_last_error())
    return False


def _unregister_session_notification(hwnd: int) -> None:
    if sys.platform == "win32":
        ctypes.WinDLL("wtsapi32").WTSUnRegisterSessionNotification(hwnd)


class _Win32:
    """The real system calls, through ctypes and winreg. Windows only."""

    def __init__(self) -> None:
        windll: Any = getattr(ctypes, "WinDLL", None)  # absent off Windows
        if windll is None:
            raise OSError("the Windows backends run only on Windows")
        self._user32: Any = windll("user32")
        self._kernel32: Any = windll("kernel32")
        self._shell32: Any = windll("shell32")

    def tick_count(self) -> int:
        return int(self._kernel32.GetTickCount()) & 0xFFFFFFFF

    def last_input_tick(self) -> int | None:
        class LastInputInfo(ctypes.Structure):
            _fields_ = [("cbSize", ctypes.c_uint), ("dwTime", ctypes.c_uint32)]

        info = LastInputInfo(ctypes.sizeof(LastInputInfo), 0)
        return int(info.dwTime) if self._user32.GetLastInputInfo(ctypes.byref(info)) else None

    def notification_state(self) -> int | None:
        state = ctypes.c_int(0)
        result = self._shell32.SHQueryUserNotificationState(ctypes.byref(state))
        return int(state.value) if result == 0 else None  # S_OK

    def microphone_uses(self) -> list[MicrophoneUse]:
        winreg: Any = importlib.import_module("winreg")  # Windows only, loaded here
        uses: list[MicrophoneUse] = []
        with winreg.OpenKey(winreg.HKEY_CURRENT_USER, CONSENT_STORE) as store:
            uses += _uses_under(winreg, store)
            try:
                with winreg.OpenKey(store, "NonPackaged") as desktop_apps:
                    uses += _uses_under(winreg, desktop_apps)
            except OSError:
                pass  # no desktop app has used the microphone yet
        return uses


def _uses_under(winreg: Any, key: Any) -> list[MicrophoneUse]:
    uses = []
    for index in range(winreg.QueryInfoKey(key)[0]):
        name = winreg.EnumKey(key, index)
        with winreg.OpenKey(key, name) as app:
            try:
                start = int(winreg.QueryValueEx(app, "LastUsedTimeStart")[0])
                stop = int(winreg.QueryValueEx(app, "LastUsedTimeStop")[0])
            except OSError:
                continue  # an entry without times (the NonPackaged folder itself)
            uses.append(MicrophoneUse(name, start, stop))
    return uses
