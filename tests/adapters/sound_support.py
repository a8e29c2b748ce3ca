"""Small fakes and helpers shared by the sound tests."""

from __future__ import annotations

import time
import wave
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pytest

from presence_app.adapters.sound.files import Role, builtin_file

BUFFER_SECONDS = 1024 / 48000


@dataclass
class FakeTimers:
    """A ``call_later`` that only records; the test decides when time passes."""

    pending: list[tuple[float, Callable[[], None]]] = field(default_factory=list)

    def __call__(self, seconds: float, callback: Callable[[], None]) -> None:
        self.pending.append((seconds, callback))

    def run_pending(self) -> None:
        due, self.pending = self.pending, []
        for _, callback in due:
            callback()


@dataclass
class FakeMonotonic:
    now: float = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@dataclass
class Problems:
    """An ``on_problem`` that remembers every message it heard."""

    heard: list[str] = field(default_factory=list)

    def __call__(self, message: str) -> None:
        self.heard.append(message)


def wait_until(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    """Poll ``condition`` until it holds; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"condition not met within {timeout} s")
        time.sleep(0.005)


def use_disk_driver(monkeypatch: pytest.MonkeyPatch, path: Path, *, fast: bool) -> None:
    """Make SDL write what it plays to ``path``; ``fast`` renders about 20x real time."""
    monkeypatch.setenv("SDL_AUDIODRIVER", "disk")
    monkeypatch.setenv("SDL_DISKAUDIOFILE", str(path))
    if fast:
        monkeypatch.setenv("SDL_DISKAUDIODELAY", "1")
    else:
        monkeypatch.delenv("SDL_DISKAUDIODELAY", raising=False)


def write_tone(
    path: Path,
    *,
    rate: int = 48000,
    seconds: float = 1.0,
    phase: float = 0.0,
    decay: float | None = 0.5,
    amplitude: float = 0.7,
) -> None:
    """Write a hard-struck mono test tone: full strength from the first sample."""
    t = np.arange(round(rate * seconds)) / rate
    tone = amplitude * np.sin(2 * np.pi * 440 * t + phase)
    if decay is not None:
        tone *= np.exp(-t / decay)
    tone[-rate // 100 :] *= np.linspace(1, 0, rate // 100)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(np.round(tone * 32767).astype("<i2").tobytes())


def cue_seconds(cue: str, role: Role) -> float:
    """Length of a shipped cue file, so tests follow the sounds when they change."""
    with wave.open(str(builtin_file(cue, role)), "rb") as source:
        return source.getnframes() / source.getframerate()


def close_mixer() -> None:
    """Leave no device open for the next test, whatever this one did."""
    import pygame

    pygame.mixer.quit()
