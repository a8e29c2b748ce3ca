"""The Windows backends: system values translated to answers, behind a fake seam."""

from __future__ import annotations

import ctypes
from ctypes import wintypes
from dataclasses import dataclass, field

import pytest
from pytestqt.qtbot import QtBot

from presence_app.adapters.attention import windows
from presence_app.adapters.attention.windows import (
    MicrophoneUse,
    WindowsCalls,
    WindowsQuietTime,
    WindowsSessionWatch,
    WindowsSurroundings,
    _SessionFilter,
    full_screen_from_state,
    idle_from_ticks,
    microphone_in_use,
    session_event,
)

DAY_MS = 24 * 60 * 60 * 1000


@pytest.mark.parametrize(
    ("now", "last", "seconds"),
    [
        (10_000, 4_000, 6.0),
        (10_000, 10_000, 0.0),
        (DAY_MS, DAY_MS - 185_000, 185.0),
        # the tick count wrapped (49.7 days) between the last input and now
        (1_000, 2**32 - 4_000, 5.0),
        (0, 2**32 - 1, 0.001),
    ],
)
def test_idle_survives_the_tick_wrap(now: int, last: int, seconds: float) -> None:
    assert idle_from_ticks(now, last) == pytest.approx(seconds)


@pytest.mark.parametrize(
    ("state", "what"),
    [
        (windows.QUNS_BUSY, "a full-screen app"),
        (windows.QUNS_RUNNING_D3D_FULL_SCREEN, "a full-screen game or video"),
        (windows.QUNS_PRESENTATION_MODE, "a presentation"),
        (windows.QUNS_APP, "a full-screen app"),
        (windows.QUNS_ACCEPTS_NOTIFICATIONS, None),
        (windows.QUNS_QUIET_TIME, None),
        (windows.QUNS_NOT_PRESENT, None),
        (None, None),
    ],
)
def test_full_screen_from_the_notification_state(state: int | None, what: str | None) -> None:
    assert full_screen_from_state(state) == what


@pytest.mark.parametrize(
    ("message", "wparam", "event"),
    [
        (windows.WM_WTSSESSION_CHANGE, windows.WTS_SESSION_LOCK, "locked"),
        (windows.WM_WTSSESSION_CHANGE, windows.WTS_SESSION_UNLOCK, "unlocked"),
        (windows.WM_WTSSESSION_CHANGE, 0x5, None),  # a logon, not a lock
        (windows.WM_POWERBROADCAST, windows.PBT_APMSUSPEND, "sleeping"),
        (windows.WM_POWERBROADCAST, windows.PBT_APMRESUMEAUTOMATIC, "woke"),
        (windows.WM_POWERBROADCAST, windows.PBT_APMRESUMESUSPEND, "woke"),
        (windows.WM_POWERBROADCAST, 0xA, None),  # a power status change
        (0x0312, windows.WTS_SESSION_LOCK, None),  # another message
    ],
)
def test_session_events_from_window_messages(message: int, wparam: int, event: str | None) -> None:
    assert session_event(message, wparam) == event


def test_a_microphone_is_in_use_while_an_app_has_not_stopped() -> None:
    stopped = MicrophoneUse("Zoom", 133_500_000_000_000_000, 133_500_000_100_000_000)
    recording = MicrophoneUse("C:#Program Files#Teams.exe", 133_500_000_200_000_000, 0)
    never = MicrophoneUse("Sound Recorder", 0, 0)
    assert microphone_in_use([stopped, recording]) is True
    assert microphone_in_use([stopped, never]) is False
    assert microphone_in_use([]) is False


@dataclass
class FakeWin32:
    tick: int = 5_000
    last_input: int | None = 2_000
    state: int | None = windows.QUNS_ACCEPTS_NOTIFICATIONS
    uses: list[MicrophoneUse] = field(default_factory=list)
    broken_registry: bool = False

    def tick_count(self) -> int:
        return self.tick

    def last_input_tick(self) -> int | None:
        return self.last_input

    def notification_state(self) -> int | None:
        return self.state

    def microphone_uses(self) -> list[MicrophoneUse]:
        if self.broken_registry:
            raise FileNotFoundError(2, "The system cannot find the file specified")
        return self.uses


def test_the_backends_answer_from_the_seam() -> None:
    win32 = FakeWin32()
    surroundings, quiet, calls = (
        WindowsSurroundings(win32),
        WindowsQuietTime(win32),
        WindowsCalls(win32),
    )
    assert (surroundings.idle_seconds(), surroundings.fullscreen_app()) == (3.0, None)
    assert (quiet.is_on(), calls.in_call()) == (False, False)
    win32.state, win32.last_input = windows.QUNS_PRESENTATION_MODE, None
    assert (surroundings.idle_seconds(), surroundings.fullscreen_app()) == (None, "a presentation")
    win32.state = windows.QUNS_QUIET_TIME
    assert quiet.is_on() is True
    win32.state = None
    assert quiet.is_on() is None
    win32.uses = [MicrophoneUse("Teams", 1, 0)]
    assert calls.in_call() is True
    win32.broken_registry = True
    assert calls.in_call() is None


def test_the_real_seam_refuses_to_start_off_windows() -> None:
    with pytest.raises(OSError, match="only on Windows"):
        WindowsSurroundings()


def message_at(message: int, wparam: int) -> tuple[wintypes.MSG, int]:
    native = wintypes.MSG(None, message, wparam, 0, 0, wintypes.POINT(0, 0))
    return native, ctypes.addressof(native)


def test_the_filter_turns_lock_and_power_messages_into_signals(qtbot: QtBot) -> None:
    watch = WindowsSessionWatch()
    heard: list[str] = []
    for name in ("locked", "unlocked", "sleeping", "woke"):
        getattr(watch, name).connect(lambda name=name: heard.append(name))
    event_filter = _SessionFilter(watch._on_event)
    for message, wparam in [
        (windows.WM_WTSSESSION_CHANGE, windows.WTS_SESSION_LOCK),
        (windows.WM_POWERBROADCAST, windows.PBT_APMSUSPEND),
        (windows.WM_POWERBROADCAST, windows.PBT_APMRESUMEAUTOMATIC),
        (windows.WM_POWERBROADCAST, windows.PBT_APMRESUMESUSPEND),  # a second "resumed"
        (windows.WM_WTSSESSION_CHANGE, windows.WTS_SESSION_UNLOCK),
    ]:
        native, address = message_at(message, wparam)
        assert event_filter.nativeEventFilter(b"windows_generic_MSG", address) == (False, 0)
    assert heard == ["locked", "sleeping", "woke", "unlocked"]
    native, address = message_at(windows.WM_WTSSESSION_CHANGE, windows.WTS_SESSION_LOCK)
    assert event_filter.nativeEventFilter(b"xcb_generic_event_t", address) == (False, 0)
    assert heard == ["locked", "sleeping", "woke", "unlocked"]
