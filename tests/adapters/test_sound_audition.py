"""Play in the settings window goes through the real player: what it plays
(through SDL's disk driver, listened to with numpy), at which volume, and
what it says when nothing can be heard or the file is not a sound."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import numpy as np
import pytest

from presence_app.adapters.sound.files import builtin_file
from presence_app.adapters.sound.mixer import DeviceError, Mixer
from presence_app.adapters.sound.player import AUDITION_NO_DEVICE, MixerPlayer, SilentPlayer
from presence_app.core.settings import SoundSettings
from presence_app.ui.settings.wiring import play_cue
from tests.adapters.audio_analysis import (
    best_alignment,
    peak_dbfs,
    read_capture,
    read_wav,
    resample,
)
from tests.adapters.sound_support import (
    FakeTimers,
    Problems,
    close_mixer,
    use_disk_driver,
    wait_until,
)


@pytest.fixture(autouse=True)
def no_device_left_open() -> Iterator[None]:
    yield
    close_mixer()


def hear(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, cue: str, volume: int) -> np.ndarray:
    capture = tmp_path / f"{cue}-{volume}.raw"
    use_disk_driver(monkeypatch, capture, fast=True)
    problems = Problems()
    player = MixerPlayer(SoundSettings(), call_later=FakeTimers(), on_problem=problems)
    said = play_cue(player, cue, volume=volume, fade_in=timedelta(0), closing=True, custom_file="")
    assert said is None
    wait_until(lambda: not player.mixer.is_busy())
    player.close()
    assert problems.heard == []  # an audition tells the window, not the tray
    return read_capture(capture)[:, 0]


def test_play_sounds_the_chosen_cue_at_the_chosen_volume(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    loud = hear(monkeypatch, tmp_path, "wooden-tone", 100)
    soft = hear(monkeypatch, tmp_path, "wooden-tone", 50)
    signal, rate = read_wav(builtin_file("wooden-tone", "end"))
    _, correlation = best_alignment(loud, resample(signal, rate, 48000))
    assert correlation > 0.99
    assert peak_dbfs(loud) - peak_dbfs(soft) == pytest.approx(6.0, abs=0.3)


def test_without_an_audio_device_play_says_so_calmly() -> None:
    class NoDevice(Mixer):
        def open(self) -> None:
            raise DeviceError("ALSA: Couldn't open audio device")

    player = MixerPlayer(
        SoundSettings(), call_later=FakeTimers(), on_problem=Problems(), mixer=NoDevice()
    )
    said = play_cue(
        player, "soft-chime", volume=60, fade_in=timedelta(0), closing=False, custom_file=""
    )
    assert (
        said
        == AUDITION_NO_DEVICE
        == (
            "Nothing can be heard here, because no audio output was found. "
            "Pauses will still appear; a connected speaker or headset is used at the next bell."
        )
    )
    assert player.problem is None  # the bells themselves are not marked silent by a try


def test_a_file_that_is_not_a_sound_is_named_with_the_reason(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    use_disk_driver(monkeypatch, tmp_path / "played.raw", fast=True)
    text = tmp_path / "notes.ogg"
    text.write_text("not a sound at all")
    player = MixerPlayer(SoundSettings(), call_later=FakeTimers(), on_problem=Problems())
    said = play_cue(
        player, "custom", volume=60, fade_in=timedelta(0), closing=False, custom_file=str(text)
    )
    assert said == (
        f"The sound file {text} could not be played (unsupported format), "
        "so the singing bowl plays instead."
    )


def test_the_silent_player_says_why() -> None:
    assert SilentPlayer("no pygame").audition(SoundSettings(), "start") == "no pygame"
