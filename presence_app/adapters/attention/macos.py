"""macOS: time away, the lock and calls, through the system's C interfaces (ctypes).

- Time away: ``CGEventSourceSecondsSinceLastEventType`` (CoreGraphics)
  for any input event in the combined session state: seconds since the
  last key press, click or mouse move anywhere. Needs no permission.
- The lock: the distributed notifications ``com.apple.screenIsLocked`` and
  ``com.apple.screenIsUnlocked``, heard through CoreFoundation's
  ``CFNotificationCenterAddObserver``; the callback runs in the main run
  loop, which Qt drives, so it arrives on the main thread and costs
  nothing until it comes. (Not documented by Apple, but stable for many
  years and widely used.) Sleep is noticed by comparing clocks (``power``).
- Calls: CoreAudio's ``kAudioDevicePropertyDeviceIsRunningSomewhere`` on
  the default input device: whether any app is recording the microphone.
- Full screen: not seen (macOS has no public way to ask; the heuristics
  need permissions a tray app should not ask for).

The translations from system values to answers are pure and tested on
every platform; only the ``_Mac`` seam loads the frameworks, on macOS.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import sys
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QObject

from presence_app.adapters.attention.session import SessionWatch

log = logging.getLogger(__name__)

COMBINED_SESSION_STATE = 0  # kCGEventSourceStateCombinedSessionState
ANY_INPUT_EVENT = 0xFFFFFFFF  # kCGAnyInputEventType
SYSTEM_OBJECT = 1  # kAudioObjectSystemObject
NO_DEVICE = 0  # kAudioObjectUnknown
LOCKED = "com.apple.screenIsLocked"
UNLOCKED = "com.apple.screenIsUnlocked"


def fourcc(code: str) -> int:
    """Return the 32-bit number of a four-character code such as "dIn "."""
    return int.from_bytes(code.encode("ascii"), "big")


DEFAULT_INPUT_DEVICE = fourcc("dIn ")  # kAudioHardwarePropertyDefaultInputDevice
RUNNING_SOMEWHERE = fourcc("gone")  # kAudioDevicePropertyDeviceIsRunningSomewhere
SCOPE_GLOBAL = fourcc("glob")  # kAudioObjectPropertyScopeGlobal
ELEMENT_MAIN = 0  # kAudioObjectPropertyElementMain


def idle_from_event_source(seconds: float) -> float | None:
    """Return seconds since the last input, or None for an answer that cannot be."""
    return seconds if 0.0 <= seconds < 1e9 else None


def lock_from_notification(name: str) -> bool | None:
    """Return True for the lock notification, False for unlock, None for others."""
    return {LOCKED: True, UNLOCKED: False}.get(name)


def call_from_device(device: int | None, running: int | None) -> bool | None:
    """Return whether the default input device records for some app (None: cannot tell)."""
    if device is None or running is None:
        return None
    return device != NO_DEVICE and running != 0


class Mac(Protocol):
    """The few system calls the macOS backends need (the seam tests replace)."""

    def seconds_since_input(self) -> float: ...
    def default_input_device(self) -> int | None: ...
    def is_running_somewhere(self, device: int) -> int | None: ...
    def observe(self, names: tuple[str, ...], callback: Callable[[str], None]) -> bool: ...


class MacSurroundings:
    """Idle time from CoreGraphics; full screen is not seen. Main thread only."""

    def __init__(self, mac: Mac | None = None) -> None:
        self._mac = mac or _Mac()

    def idle_seconds(self) -> float | None:
        return idle_from_event_source(self._mac.seconds_since_input())

    def fullscreen_app(self) -> str | None:
        return None

    def close(self) -> None:
        pass


class MacCalls:
    """A microphone in use, from CoreAudio. Main thread only."""

    def __init__(self, mac: Mac | None = None) -> None:
        self._mac = mac or _Mac()

    def in_call(self) -> bool | None:
        device = self._mac.default_input_device()
        running = None if not device else self._mac.is_running_somewhere(device)
        return call_from_device(device, 0 if device == NO_DEVICE else running)

    def close(self) -> None:
        pass


class MacSessionWatch(SessionWatch):
    """The lock, from distributed notifications. Main thread, macOS only."""

    def __init__(self, mac: Mac | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._mac = mac or _Mac()

    def start(self) -> None:
        if self._mac.observe((LOCKED, UNLOCKED), self._on_notification):
            self.lock_sources.append("macOS")

    def _on_notification(self, name: str) -> None:
        locked = lock_from_notification(name)
        if locked is not None:
            self.report_locked(locked)


class _PropertyAddress(ctypes.Structure):
    _fields_ = [
        ("selector", ctypes.c_uint32),
        ("scope", ctypes.c_uint32),
        ("element", ctypes.c_uint32),
    ]


_CALLBACK = ctypes.CFUNCTYPE(
    None, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p
)
UTF8 = 0x08000100  # kCFStringEncodingUTF8
DELIVER_IMMEDIATELY = 4  # CFNotificationSuspensionBehaviorDeliverImmediately


class _Mac:
    """The real calls into CoreGraphics, CoreAudio and CoreFoundation. macOS only."""

    def __init__(self) -> None:
        if not _on_macos():
            raise OSError("the macOS backends run only on macOS")
        self._graphics: Any = _framework("CoreGraphics")
        self._audio: Any = _framework("CoreAudio")
        self._cf: Any = _framework("CoreFoundation")
        self._graphics.CGEventSourceSecondsSinceLastEventType.restype = ctypes.c_double
        self._graphics.CGEventSourceSecondsSinceLastEventType.argtypes = [
            ctypes.c_int32,
            ctypes.c_uint32,
        ]
        self._cf.CFNotificationCenterGetDistributedCenter.restype = ctypes.c_void_p
        self._cf.CFStringCreateWithCString.restype = ctypes.c_void_p
        self._cf.CFStringCreateWithCString.argtypes = [
            ctypes.c_void_p,
            ctypes.c_char_p,
            ctypes.c_uint32,
        ]
        self._callbacks: list[Any] = []  # kept alive while observed

    def seconds_since_input(self) -> float:
        return float(
            self._graphics.CGEventSourceSecondsSinceLastEventType(
                COMBINED_SESSION_STATE, ANY_INPUT_EVENT
            )
        )

    def default_input_device(self) -> int | None:
        return self._property(SYSTEM_OBJECT, DEFAULT_INPUT_DEVICE)

    def is_running_somewhere(self, device: int) -> int | None:
        return self._property(device, RUNNING_SOMEWHERE)

    def observe(self, names: tuple[str, ...], callback: Callable[[str], None]) -> bool:
        center = self._cf.CFNotificationCenterGetDistributedCenter()
        for name in names:
            # One callback per name, so the callback need not read the CFString.
            def heard(*_args: Any, name: str = name) -> None:
                callback(name)

            native = _CALLBACK(heard)
            self._callbacks.append(native)
            cf_name = self._cf.CFStringCreateWithCString(None, name.encode(), UTF8)
            self._cf.CFNotificationCenterAddObserver(
                ctypes.c_void_p(center), None, native, ctypes.c_void_p(cf_name), None,
                DELIVER_IMMEDIATELY,
            )  # fmt: skip
        return True

    def _property(self, target: int, selector: int) -> int | None:
        address = _PropertyAddress(selector, SCOPE_GLOBAL, ELEMENT_MAIN)
        value = ctypes.c_uint32(0)
        size = ctypes.c_uint32(ctypes.sizeof(value))
        status = self._audio.AudioObjectGetPropertyData(
            ctypes.c_uint32(target), ctypes.byref(address), ctypes.c_uint32(0), None,
            ctypes.byref(size), ctypes.byref(value),
        )  # fmt: skip
        return int(value.value) if status == 0 else None


def _on_macos() -> bool:
    return sys.platform == "darwin"


def _framework(name: str) -> Any:
    path = ctypes.util.find_library(name) or f"/System/Library/Frameworks/{name}.framework/{name}"
    return ctypes.CDLL(path)
