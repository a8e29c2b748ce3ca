"""Gentle edges for decoded sound data, so no cue ever starts or stops abruptly.

A custom sound file may be struck hard, start after a second of silence, end
mid-waveform or run for minutes. Before a cue is handed to the mixer its
decoded samples (interleaved signed 16-bit, the mixer's own format) are
shaped here, sample by sample:

- leading silence is trimmed, so the cue starts on time;
- a raised-cosine fade-in runs from the first audible sample, so even a hard
  strike swells in (SDL_mixer's own ``fade_ms`` moves only once per mixing
  buffer, a staircase that can itself be heard);
- overlong sounds are cut to ``MAX_SECONDS`` with a slow fade-out, and every
  sound ends with a short fade-out, so nothing clicks at the end.

Plain Python on ``array("h")``: numpy is not a runtime dependency, and the
work is a few tens of thousands of multiplications per cue.
"""

from __future__ import annotations

import math
from array import array

SILENCE_LEVEL = 33
"""Samples at or below this magnitude (about -60 dBFS) count as silence."""

MAX_SECONDS = 30.0
"""A cue is a bell, not a song: longer sounds fade out and stop here."""

LONG_FADE_OUT_SECONDS = 2.0
END_FADE_OUT_SECONDS = 0.01
MIN_FADE_IN_SECONDS = 0.01
"""Even with the fade-in set to zero, a 10 ms ramp keeps a hard strike from clicking."""


def shape(raw: bytes, *, rate: int, channels: int, fade_in: float) -> bytes:
    """Return ``raw`` trimmed, faded in over ``fade_in`` seconds and faded out.

    Args:
        raw: interleaved signed 16-bit samples in native byte order.
        rate: frames per second.
        channels: samples per frame.
        fade_in: seconds from the first audible sample to full level.
    """
    samples = array("h")
    samples.frombytes(raw[: len(raw) - len(raw) % (2 * channels)])
    start = _first_audible_frame(samples, channels)
    frames = len(samples) // channels - start
    max_frames = int(MAX_SECONDS * rate)
    shaped = samples[start * channels : (start + min(frames, max_frames)) * channels]
    _ramp_in(shaped, channels, round(max(fade_in, MIN_FADE_IN_SECONDS) * rate))
    tail = LONG_FADE_OUT_SECONDS if frames > max_frames else END_FADE_OUT_SECONDS
    _ramp_out(shaped, channels, round(tail * rate))
    return shaped.tobytes()


def _first_audible_frame(samples: array[int], channels: int) -> int:
    for index, value in enumerate(samples):
        if value > SILENCE_LEVEL or value < -SILENCE_LEVEL:
            return index // channels
    return len(samples) // channels


def _gains(length: int) -> list[float]:
    """Raised-cosine gains rising from 0 towards 1 over ``length`` frames."""
    return [0.5 - 0.5 * math.cos(math.pi * i / length) for i in range(length)]


def _ramp_in(samples: array[int], channels: int, length: int) -> None:
    length = min(length, len(samples) // channels)
    for frame, gain in enumerate(_gains(length)):
        base = frame * channels
        for offset in range(channels):
            samples[base + offset] = round(samples[base + offset] * gain)


def _ramp_out(samples: array[int], channels: int, length: int) -> None:
    frames = len(samples) // channels
    length = min(length, frames)
    for step, gain in enumerate(_gains(length)):
        base = (frames - 1 - step) * channels
        for offset in range(channels):
            samples[base + offset] = round(samples[base + offset] * gain)
