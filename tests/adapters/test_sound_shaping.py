"""pcm.shape: the sample-exact edges every cue gets before the mixer sees it."""

from __future__ import annotations

import numpy as np
import pytest

from presence_app.adapters.sound import pcm

RATE = 1000  # small numbers keep the arithmetic readable


def stereo(samples: np.ndarray) -> bytes:
    return np.repeat(samples.astype("<i2"), 2).tobytes()


def left(raw: bytes) -> np.ndarray:
    return np.frombuffer(raw, "<i2")[::2].astype(np.float64)


def test_leading_silence_is_trimmed_so_the_cue_starts_on_time() -> None:
    sound = np.concatenate([np.zeros(500), np.full(1000, 10000)])
    shaped = left(pcm.shape(stereo(sound), rate=RATE, channels=2, fade_in=0.1))
    assert len(shaped) == 1000
    assert shaped[0] == 0  # the fade starts at the first audible sample


def test_fade_in_is_a_raised_cosine_over_the_given_time() -> None:
    shaped = left(pcm.shape(stereo(np.full(1000, 10000)), rate=RATE, channels=2, fade_in=0.2))
    assert shaped[100] == pytest.approx(5000, abs=1)  # halfway: half
    assert shaped[200] == 10000
    assert np.all(np.diff(shaped[:200]) >= 0)


def test_a_zero_fade_in_still_gets_a_short_ramp() -> None:
    shaped = left(pcm.shape(stereo(np.full(1000, 10000)), rate=RATE, channels=2, fade_in=0.0))
    assert shaped[0] == 0
    assert shaped[round(pcm.MIN_FADE_IN_SECONDS * RATE)] == 10000


def test_every_sound_ends_in_silence() -> None:
    shaped = left(pcm.shape(stereo(np.full(1000, 10000)), rate=RATE, channels=2, fade_in=0.1))
    assert shaped[-1] == 0
    assert shaped[-round(pcm.END_FADE_OUT_SECONDS * RATE) - 1] == 10000


def test_a_long_sound_fades_out_and_stops_at_the_limit() -> None:
    seconds = pcm.MAX_SECONDS + 10
    sound = np.full(round(seconds * RATE), 10000)
    shaped = left(pcm.shape(stereo(sound), rate=RATE, channels=2, fade_in=0.1))
    assert len(shaped) == round(pcm.MAX_SECONDS * RATE)
    fade = round(pcm.LONG_FADE_OUT_SECONDS * RATE)
    assert shaped[-fade // 2] == pytest.approx(5000, abs=10)
    assert shaped[-1] == 0


def test_silence_stays_silence_and_odd_bytes_are_dropped() -> None:
    assert pcm.shape(bytes(4000) + b"\x01", rate=RATE, channels=2, fade_in=0.3) == b""
