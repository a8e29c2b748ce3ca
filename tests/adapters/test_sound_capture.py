"""Tests that listen: the real player plays through SDL's disk driver, numpy listens.

SDL writes exactly what it played (signed 16-bit, stereo, 48 kHz) to a file,
which is read after the device is closed. With ``fast`` the driver renders
about twenty times faster than real time, for checks of content; timing
checks run in real time and map wall-clock instants to stream time through
the rate measured in the same run. Tolerances are one mixer buffer.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import numpy as np
import pygame  # imported up front, so that opening the device is all that is timed
import pytest

from presence_app.adapters.sound.files import Role, builtin_file
from presence_app.adapters.sound.mixer import Mixer
from presence_app.adapters.sound.player import MixerPlayer
from presence_app.core.settings import BUILTIN_CUES, SoundSettings
from tests.adapters.audio_analysis import (
    best_alignment,
    click_ratio,
    envelope,
    loudness_lufs,
    onset,
    peak_dbfs,
    read_capture,
    read_wav,
    resample,
)
from tests.adapters.sound_support import (
    BUFFER_SECONDS,
    FakeMonotonic,
    FakeTimers,
    Problems,
    close_mixer,
    use_disk_driver,
    wait_until,
    write_tone,
)

RATE = 48000
BUFFER = round(BUFFER_SECONDS * RATE)


@pytest.fixture(autouse=True)
def no_device_left_open() -> Iterator[None]:
    yield
    close_mixer()


def listen(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    settings: SoundSettings,
    role: Role = "start",
) -> np.ndarray:
    """Play one cue through the real player and return what was heard (left channel)."""
    tmp_path.mkdir(exist_ok=True)
    capture = tmp_path / "played.raw"
    use_disk_driver(monkeypatch, capture, fast=True)
    player = MixerPlayer(settings, call_later=FakeTimers(), on_problem=Problems())
    player.play(role)
    wait_until(lambda: not player.mixer.is_busy())
    player.close()
    stereo = read_capture(capture)
    assert np.array_equal(stereo[:, 0], stereo[:, 1])
    return stereo[:, 0]


def source_at_device_rate(path: Path) -> np.ndarray:
    signal, rate = read_wav(path)
    return resample(signal, rate, RATE)


CUES = [(cue, role) for cue in BUILTIN_CUES for role in ("start", "end")]


@pytest.mark.parametrize(("cue", "role"), CUES, ids=[f"{c}-{r}" for c, r in CUES])
def test_builtin_cue_is_heard_whole_under_the_peak_limit_and_without_clicks(
    cue: str, role: Role, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    settings = SoundSettings(start=cue, end=cue, volume=100)
    heard = listen(monkeypatch, tmp_path, settings, role)
    source = source_at_device_rate(builtin_file(cue, role))
    skip = round(0.35 * RATE)  # past the fade-in, the cue must be the file itself
    offset, correlation = best_alignment(heard, source[skip:])
    assert correlation > 0.99
    start = onset(heard)
    assert abs((offset - skip) - start) <= BUFFER
    assert peak_dbfs(heard) <= -3.0
    assert click_ratio(heard, RATE) < 6.0


def test_cues_as_heard_with_the_default_fade_in_are_loudness_matched(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The fade-in softens short cues more than long ones; still within 1 LU."""
    levels = {}
    for cue, role in CUES:
        settings = SoundSettings(start=cue, end=cue, volume=100)
        heard = listen(monkeypatch, tmp_path / f"{cue}-{role}", settings, role)
        levels[f"{cue}-{role}"] = loudness_lufs(heard[onset(heard) :], RATE)
    assert max(levels.values()) - min(levels.values()) <= 1.0, levels


def test_a_pause_closes_the_device_between_its_bells(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    capture = tmp_path / "played.raw"
    use_disk_driver(monkeypatch, capture, fast=True)
    timers, clock = FakeTimers(), FakeMonotonic()
    settings = SoundSettings(start="small-bell", end="soft-chime", volume=100)
    player = MixerPlayer(settings, call_later=timers, on_problem=Problems(), monotonic=clock)
    player.play("start")
    wait_until(lambda: not player.mixer.is_busy())
    clock.advance(60)  # the pause
    timers.run_pending()
    assert pygame.mixer.get_init() is None  # closed between the bells
    player.prepare()  # shortly before the pause ends
    player.play("end")
    wait_until(lambda: not player.mixer.is_busy())
    player.close()
    heard = read_capture(capture)[:, 0]  # SDL starts the file afresh at each opening
    closing = source_at_device_rate(builtin_file("soft-chime", "end"))
    skip = round(0.35 * RATE)
    assert best_alignment(heard, closing[skip:])[1] > 0.99
    start = source_at_device_rate(builtin_file("small-bell", "start"))
    assert best_alignment(heard, start[skip : skip + RATE])[1] < 0.5


def test_changing_settings_while_a_cue_rings_lets_it_ring_out(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    capture = tmp_path / "played.raw"
    use_disk_driver(monkeypatch, capture, fast=True)
    player = MixerPlayer(
        SoundSettings(start="soft-chime", volume=100),
        call_later=FakeTimers(),
        on_problem=Problems(),
    )
    player.play("start")
    player.configure(SoundSettings(start="small-bell", volume=40))
    gc.collect()  # the old sound is no longer the player's; the channel must keep it
    wait_until(lambda: not player.mixer.is_busy())
    player.close()
    heard = read_capture(capture)[:, 0]
    chime = source_at_device_rate(builtin_file("soft-chime", "start"))
    assert best_alignment(heard, chime[round(0.35 * RATE) :])[1] > 0.99


def test_a_hard_struck_custom_file_fades_in(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    custom = tmp_path / "hard.wav"
    # Full strength from the first sample and no decay: a click if played raw.
    write_tone(custom, phase=np.pi / 2, decay=None)
    settings = SoundSettings(
        start="custom", custom_file=str(custom), volume=100, fade_in=timedelta(milliseconds=300)
    )
    heard = listen(monkeypatch, tmp_path, settings)
    start = onset(heard)
    level = envelope(heard[start:], RATE, step_ms=10)
    full = np.max(level)
    assert level[0] < 0.05 * full
    assert 0.3 * full < level[15] < 0.75 * full  # halfway through the fade, about half
    assert np.argmax(level) * 10 == pytest.approx(300, abs=25)
    assert click_ratio(heard, RATE) < 6.0


def test_the_same_file_played_raw_does_click(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Proof that the click check can fail: without the player's shaping, it clicks."""
    custom = tmp_path / "hard.wav"
    write_tone(custom, phase=np.pi / 2)
    capture = tmp_path / "raw.raw"
    use_disk_driver(monkeypatch, capture, fast=True)
    mixer = Mixer()
    mixer.open()
    pygame.mixer.Sound(file=custom).play()
    wait_until(lambda: not mixer.is_busy())
    mixer.close()
    assert click_ratio(read_capture(capture)[:, 0], RATE) > 10.0


@pytest.mark.parametrize("volume", [25, 60])
def test_volume_scales_the_level(
    volume: int, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    full = listen(monkeypatch, tmp_path / "full", SoundSettings(volume=100))
    part = listen(monkeypatch, tmp_path / "part", SoundSettings(volume=volume))
    ratio = np.max(np.abs(part)) / np.max(np.abs(full))
    # SDL_mixer keeps volume in 128 steps, so 60 % becomes 76/128.
    assert ratio == pytest.approx(volume / 100, abs=1 / 128)


class Stream:
    """Maps wall-clock instants to frames of what the disk driver wrote.

    The driver sleeps a whole number of milliseconds per buffer, so its
    stream runs at a slightly different speed from the wall clock; the ratio
    is measured over the run, from the device opening to its closing.
    """

    def __init__(self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
        self.capture = tmp_path / "played.raw"
        use_disk_driver(monkeypatch, self.capture, fast=False)
        self.opened = self.closed = 0.0
        self.slack = 0.0

    def open(self, player: MixerPlayer) -> None:
        before = time.monotonic()
        player.mixer.open()
        self.opened = time.monotonic()
        self.slack = self.opened - before  # when in open() the stream began is unknown

    def close(self, player: MixerPlayer) -> np.ndarray:
        # SDL writes each buffer straight to the file (and a few more while
        # closing), so the size just before closing says how far the stream got.
        written, self.closed = self.capture.stat().st_size // 4, time.monotonic()
        player.close()
        self.ratio = (written / RATE) / (self.closed - self.opened)
        return read_capture(self.capture)[:, 0]

    def frame_at(self, instant: float) -> float:
        return (instant - self.opened) * self.ratio * RATE

    def within_a_buffer(self, late: float) -> bool:
        """Tell whether a sound ``late`` frames after its call started in time.

        SDL mixes a new sound into the next buffer, so the true delay lies
        between 0 and one buffer; the wall-to-stream mapping adds up to one
        buffer of error either way (the driver's thread is delayed on a busy
        machine), plus the uncertainty of when during open() the stream began.
        """
        slack = self.slack * RATE
        return -BUFFER - slack <= late <= 2 * BUFFER + slack


def player_for(settings: SoundSettings) -> MixerPlayer:
    return MixerPlayer(settings, call_later=FakeTimers(), on_problem=Problems())


def test_the_cue_starts_on_time_after_prepare(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    stream = Stream(monkeypatch, tmp_path)
    player = player_for(SoundSettings(start="wooden-tone"))
    stream.open(player)
    player.prepare()  # loads the cues: what the app does ~1.5 s before the deadline
    deadline = time.monotonic() + 0.4
    while time.monotonic() < deadline:  # the app's timer: it fires at the deadline
        time.sleep(0.001)
    played_at = time.monotonic()
    player.play("start")
    time.sleep(0.3)  # let the stream run past the onset
    heard = stream.close(player)
    late = onset(heard) - stream.frame_at(played_at)
    assert stream.within_a_buffer(late), (late, stream.slack)


def test_the_closing_cue_follows_the_start_cue(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    stream = Stream(monkeypatch, tmp_path)
    player = player_for(SoundSettings(start="wooden-tone", end="wooden-tone", volume=100))
    stream.open(player)
    player.prepare()
    player.play("start")
    time.sleep(0.6)  # a very short pause: the start cue is still ringing
    ending = time.monotonic()
    player.play("end")
    wait_until(lambda: not player.mixer.is_busy())
    heard = stream.close(player)
    closing_cue = source_at_device_rate(builtin_file("wooden-tone", "end"))
    skip = round(0.35 * RATE)
    offset, correlation = best_alignment(heard, closing_cue[skip:])
    late = offset - skip - stream.frame_at(ending)
    assert stream.within_a_buffer(late), (late, stream.slack)
    assert correlation > 0.95
    assert onset(heard) < offset - skip  # the start cue came first
    assert click_ratio(heard, RATE) < 6.0
