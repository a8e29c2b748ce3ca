"""The shipped bell sounds, measured: level, loudness, onset, tail, length, reproducibility."""

from __future__ import annotations

import functools
import math
import subprocess
import sys
import wave
from pathlib import Path

import numpy as np
import pytest

from presence_app.adapters.sound.files import SOUNDS_DIR, builtin_file
from presence_app.core.settings import BUILTIN_CUES
from tests.adapters.audio_analysis import (
    click_ratio,
    dbfs,
    k_weighting,
    loudness_lufs,
    peak_dbfs,
    read_wav,
)

REPO = Path(__file__).resolve().parents[2]
FILES = [builtin_file(cue, role) for cue in BUILTIN_CUES for role in ("start", "end")]
IDS = [path.stem for path in FILES]


@functools.cache
def measured_loudness(path: Path) -> float:
    signal, rate = read_wav(path)
    return loudness_lufs(signal, rate)


def test_every_builtin_cue_has_a_start_and_a_closing_file() -> None:
    assert sorted(path.name for path in SOUNDS_DIR.glob("*.wav")) == sorted(
        path.name for path in FILES
    )
    assert builtin_file("small-bell", "end") == SOUNDS_DIR / "small-bell-closing.wav"


def test_the_folder_names_the_licence() -> None:
    assert "GPL-3.0-or-later" in (SOUNDS_DIR / "LICENSE").read_text(encoding="utf-8")
    assert "GPL-3.0-or-later" in (SOUNDS_DIR / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_cue_is_mono_16_bit_and_2_to_12_seconds_long(path: Path) -> None:
    with wave.open(str(path), "rb") as cue:
        assert (cue.getnchannels(), cue.getsampwidth()) == (1, 2)
        seconds = cue.getnframes() / cue.getframerate()
    assert 2.0 <= seconds <= 12.0


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_cue_peaks_at_most_minus_3_dbfs(path: Path) -> None:
    signal, _ = read_wav(path)
    assert peak_dbfs(signal) <= -3.0


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_cue_decays_to_silence(path: Path) -> None:
    signal, rate = read_wav(path)
    assert peak_dbfs(signal[-rate // 10 :]) < -60.0


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_cue_starts_without_a_click(path: Path) -> None:
    signal, rate = read_wav(path)
    assert signal[0] == 0.0
    # The soft mallet needs a few milliseconds to reach full strength.
    first_ms = np.max(np.abs(signal[: rate // 1000]))
    assert first_ms < 0.25 * np.max(np.abs(signal))
    assert click_ratio(signal, rate) < 6.0


def test_cues_are_loudness_matched_within_1_lu() -> None:
    levels = {path.stem: measured_loudness(path) for path in FILES}
    assert max(levels.values()) - min(levels.values()) <= 1.0, levels


def test_regenerating_gives_byte_identical_files(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, str(REPO / "scripts" / "make_sounds.py"), "--out", str(tmp_path)],
        check=True,
        capture_output=True,
    )
    for path in FILES:
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name


# The measuring tools themselves, checked against known answers.


def test_k_weighting_matches_the_standard_at_48_khz() -> None:
    (shelf_b, shelf_a), (pass_b, pass_a) = k_weighting(48000)
    assert shelf_b == pytest.approx([1.53512485958697, -2.69169618940638, 1.19839281085285])
    assert shelf_a == pytest.approx([1.0, -1.69065929318241, 0.73248077421585])
    assert pass_b == [1.0, -2.0, 1.0]
    assert pass_a == pytest.approx([1.0, -1.99004745483398, 0.99007225036621])


def test_loudness_of_a_1_khz_tone_is_its_level() -> None:
    rate = 32000
    t = np.arange(5 * rate) / rate
    tone = 0.1 * np.sin(2 * np.pi * 997 * t)  # mean square -23.01 dB
    assert loudness_lufs(tone, rate) == pytest.approx(-23.0, abs=0.1)


def test_loudness_gating_ignores_silence_and_quiet_tails() -> None:
    rate = 32000
    t = np.arange(12 * rate) / rate
    tone = 0.1 * np.sin(2 * np.pi * 997 * t)
    # Blocks straddling the edges still count a little, hence the tolerance.
    padded = np.concatenate([np.zeros(3 * rate), tone, 0.001 * tone, np.zeros(rate)])
    assert loudness_lufs(padded, rate) == pytest.approx(loudness_lufs(tone, rate), abs=0.2)


def test_click_ratio_finds_a_hard_start_and_passes_a_clean_tone() -> None:
    rate = 32000
    t = np.arange(rate) / rate
    clean = 0.5 * np.sin(2 * np.pi * 440 * t) * np.minimum(t / 0.01, 1.0)
    hard = np.concatenate([np.zeros(rate // 10), 0.5 * np.cos(2 * np.pi * 440 * t)])
    assert click_ratio(clean, rate) < 3.0
    assert click_ratio(hard, rate) > 10.0


def test_dbfs_is_twenty_log() -> None:
    assert dbfs(0.5) == pytest.approx(20 * math.log10(0.5))
