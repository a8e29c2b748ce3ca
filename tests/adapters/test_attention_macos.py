"""The macOS backends: system values translated to answers, behind a fake seam."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from pytestqt.qtbot import QtBot

from presence_app.adapters.attention.macos import (
    DEFAULT_INPUT_DEVICE,
    LOCKED,
    RUNNING_SOMEWHERE,
    UNLOCKED,
    MacCalls,
    MacSessionWatch,
    MacSurroundings,
    call_from_device,
    fourcc,
    idle_from_event_source,
    lock_from_notification,
)


def test_four_character_codes() -> None:
    assert fourcc("dIn ") == DEFAULT_INPUT_DEVICE == 0x64496E20
    assert fourcc("gone") == RUNNING_SOMEWHERE == 0x676F6E65


@pytest.mark.parametrize(
    ("seconds", "idle"), [(0.0, 0.0), (185.5, 185.5), (-1.0, None), (float("inf"), None)]
)
def test_idle_from_the_event_source(seconds: float, idle: float | None) -> None:
    assert idle_from_event_source(seconds) == idle


@pytest.mark.parametrize(
    ("name", "locked"),
    [(LOCKED, True), (UNLOCKED, False), ("com.apple.screensaver.didstart", None)],
)
def test_lock_from_notifications(name: str, locked: bool | None) -> None:
    assert lock_from_notification(name) is locked


@pytest.mark.parametrize(
    ("device", "running", "call"),
    [(73, 1, True), (73, 0, False), (0, 0, False), (None, None, None), (73, None, None)],
)
def test_a_call_from_the_input_device(
    device: int | None, running: int | None, call: bool | None
) -> None:
    assert call_from_device(device, running) is call


@dataclass
class FakeMac:
    idle: float = 12.0
    device: int | None = 73
    running: int | None = 0
    observed: dict[str, Callable[[str], None]] = field(default_factory=dict)

    def seconds_since_input(self) -> float:
        return self.idle

    def default_input_device(self) -> int | None:
        return self.device

    def is_running_somewhere(self, device: int) -> int | None:
        assert device == self.device
        return self.running

    def observe(self, names: tuple[str, ...], callback: Callable[[str], None]) -> bool:
        self.observed.update(dict.fromkeys(names, callback))
        return True

    def post(self, name: str) -> None:
        self.observed[name](name)


def test_the_backends_answer_from_the_seam() -> None:
    mac = FakeMac()
    surroundings, calls = MacSurroundings(mac), MacCalls(mac)
    assert (surroundings.idle_seconds(), surroundings.fullscreen_app()) == (12.0, None)
    assert calls.in_call() is False
    mac.running = 1
    assert calls.in_call() is True
    mac.device = 0  # no microphone at all
    assert calls.in_call() is False
    mac.device = None
    assert calls.in_call() is None


def test_lock_notifications_become_signals(qtbot: QtBot) -> None:
    mac = FakeMac()
    watch = MacSessionWatch(mac)
    watch.start()
    assert watch.lock_sources == ["macOS"] and watch.sleep_source is None
    with qtbot.waitSignal(watch.locked, timeout=100):
        mac.post(LOCKED)
    with qtbot.waitSignal(watch.unlocked, timeout=100):
        mac.post(UNLOCKED)


def test_the_real_seam_refuses_to_start_off_macos() -> None:
    with pytest.raises(OSError, match="only on macOS"):
        MacSurroundings()
