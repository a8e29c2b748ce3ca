#!/usr/bin/env python3
"""Synthesise Presence's built-in bell sounds into presence_app/assets/sounds/.

Every cue is made here from first principles, so the sounds carry the
project's own licence and anyone can regenerate them byte for byte:

- **Partials with natural inharmonic ratios**: a singing bowl's modes
  (1 : 2.76 : 5.15 ...), a small bell's hum, prime, tierce and nominal, a
  chime tube's free-bar modes (1 : 2.756 : 5.404 ...), a wooden bar's
  (1 : 3.93 : 9.2). Many modes are doublets a fraction of a hertz apart, as
  in a real bowl or bell whose shape is never perfectly round, which gives
  the slow, living shimmer.
- **Exponential decays**, shorter for higher partials, and a raised-cosine
  taper at the end so each file ends in true silence.
- **A soft mallet**: a rise of several milliseconds (never a click) and a
  gentle roll-off of high partials; closing versions use a softer mallet and
  are shorter.
- **Loudness matching**: every file is scaled to the same integrated
  loudness (ITU-R BS.1770 K-weighting and gating), as loud as the quietest
  allowance lets every file stay below -3 dBFS, measured 4x oversampled.

Byte-for-byte: no randomness, every phase starts at zero, the gain is rounded
to 0.01 dB before use, and the ``wave`` module writes no timestamps.

Usage: ``python scripts/make_sounds.py [--out FOLDER]`` (needs numpy).
"""

from __future__ import annotations

import argparse
import math
import sys
import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

Signal = npt.NDArray[np.float64]

RATE = 32000
TARGET_LUFS = -20.0
PEAK_LIMIT_DBFS = -3.2
"""A little under the -3 dBFS promise, so resampling to the device rate keeps it."""
OUT = Path(__file__).resolve().parent.parent / "presence_app" / "assets" / "sounds"


@dataclass(frozen=True)
class Partial:
    ratio: float
    """Frequency relative to the strike's fundamental."""
    amplitude: float
    decay: float
    """Time constant in seconds: the partial falls to 1/e in this time."""
    beat: float = 0.0
    """Hz between the two halves of a doublet; 0 for a single mode."""


@dataclass(frozen=True)
class Strike:
    at: float
    """Seconds from the start of the file."""
    fundamental: float
    strength: float = 1.0


@dataclass(frozen=True)
class Voice:
    partials: tuple[Partial, ...]
    strikes: tuple[Strike, ...]
    duration: float
    taper: float
    """Seconds of raised-cosine fade at the end of the file."""
    mallet_ms: float
    """Rise time of the strike: a soft mallet takes a few milliseconds."""
    hardness: float
    """Hz where the mallet starts to excite partials less (a 2nd-order roll-off)."""


BOWL = (
    Partial(1.0, 1.0, 3.2, 0.7),
    Partial(2.76, 0.5, 2.4, 1.1),
    Partial(5.15, 0.25, 1.5, 1.7),
    Partial(8.1, 0.1, 0.9, 2.3),
    Partial(11.6, 0.04, 0.5),
)
BELL = (
    Partial(0.5, 0.45, 2.6, 0.4),
    Partial(1.0, 1.0, 1.9, 0.6),
    Partial(1.19, 0.4, 1.5),
    Partial(1.5, 0.25, 1.0),
    Partial(2.0, 0.5, 1.2, 0.9),
    Partial(2.51, 0.16, 0.6),
    Partial(2.66, 0.12, 0.5),
    Partial(3.01, 0.1, 0.4),
    Partial(4.16, 0.05, 0.25),
)
CHIME = (
    Partial(1.0, 1.0, 1.6, 0.3),
    Partial(2.756, 0.3, 0.8),
    Partial(5.404, 0.1, 0.4),
    Partial(8.933, 0.03, 0.2),
)
WOOD = (
    Partial(1.0, 1.0, 0.9),
    Partial(3.93, 0.22, 0.25),
    Partial(9.2, 0.05, 0.07),
)
"""A wooden bar over a resonator: long enough that the player's default
300 ms fade-in leaves it as loud as the other cues (within 1 LU)."""

G5, C6 = 783.99, 1046.5

VOICES: dict[str, Voice] = {
    "singing-bowl": Voice(BOWL, (Strike(0.0, 196.0),), 7.0, 2.5, 14.0, 2200.0),
    "singing-bowl-closing": Voice(BOWL, (Strike(0.0, 196.0),), 5.0, 2.0, 20.0, 1300.0),
    "small-bell": Voice(BELL, (Strike(0.0, 659.25),), 5.0, 1.8, 4.0, 3000.0),
    "small-bell-closing": Voice(BELL, (Strike(0.0, 659.25),), 3.5, 1.4, 6.0, 2000.0),
    "soft-chime": Voice(CHIME, (Strike(0.0, G5), Strike(0.3, C6, 0.8)), 5.0, 1.8, 5.0, 3500.0),
    "soft-chime-closing": Voice(
        CHIME, (Strike(0.0, C6), Strike(0.3, G5, 0.8)), 3.5, 1.4, 7.0, 2500.0
    ),
    "wooden-tone": Voice(WOOD, (Strike(0.0, 261.63),), 3.5, 1.5, 3.0, 2500.0),
    "wooden-tone-closing": Voice(WOOD, (Strike(0.0, 220.0),), 3.0, 1.3, 4.0, 1800.0),
}


def render(voice: Voice) -> Signal:
    """Sum every strike's partials into one signal, peak-normalised to 1."""
    t = np.arange(round(voice.duration * RATE), dtype=np.float64) / RATE
    signal = np.zeros_like(t)
    for strike in voice.strikes:
        signal += _strike(voice, strike, t)
    signal *= _taper(len(t), round(voice.taper * RATE))
    peak = float(np.max(np.abs(signal)))
    return signal / peak


def _strike(voice: Voice, strike: Strike, t: Signal) -> Signal:
    local = np.clip(t - strike.at, 0.0, None)
    rise = np.clip(local / (voice.mallet_ms / 1000), 0.0, 1.0)
    attack = np.where(t >= strike.at, 0.5 - 0.5 * np.cos(np.pi * rise), 0.0)
    out = np.zeros_like(t)
    for partial in voice.partials:
        frequency = strike.fundamental * partial.ratio
        weight = partial.amplitude / math.sqrt(1 + (frequency / voice.hardness) ** 4)
        tone = np.sin(2 * np.pi * frequency * local)
        if partial.beat:
            # Unequal halves: the shimmer swells and ebbs but never drops to nothing.
            twin = np.sin(2 * np.pi * (frequency + partial.beat) * local)
            tone = 0.62 * tone + 0.38 * twin
        out += weight * tone * np.exp(-local / partial.decay)
    return strike.strength * attack * out


def _taper(length: int, width: int) -> Signal:
    gains = np.ones(length)
    gains[length - width :] = 0.5 + 0.5 * np.cos(np.pi * np.arange(1, width + 1) / width)
    return gains


def k_weighting(rate: int) -> list[tuple[tuple[float, float, float], tuple[float, float, float]]]:
    """Return the two BS.1770 K-weighting biquads (b, a) for ``rate``.

    The analogue prototypes (a +4 dB high shelf near 1.7 kHz, a high-pass
    near 38 Hz) go through the bilinear transform, which reproduces the
    standard's 48 kHz coefficients and works at any rate.
    """
    k = math.tan(math.pi * 1681.974450955533 / rate)
    q = 0.7071752369554196
    vh = 10 ** (3.999843853973347 / 20)
    vb = vh**0.4996667741545416
    a0 = 1 + k / q + k * k
    shelf = (
        ((vh + vb * k / q + k * k) / a0, 2 * (k * k - vh) / a0, (vh - vb * k / q + k * k) / a0),
        (1.0, 2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0),
    )
    k = math.tan(math.pi * 38.13547087602444 / rate)
    q = 0.5003270373238773
    a0 = 1 + k / q + k * k
    high_pass = ((1.0, -2.0, 1.0), (1.0, 2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0))
    return [shelf, high_pass]


def _filter(signal: Signal, rate: int) -> Signal:
    """Apply K-weighting through its frequency response, with room for the tails."""
    size = 1 << math.ceil(math.log2(len(signal) + rate))
    spectrum = np.fft.rfft(signal, size)
    z = np.exp(-1j * np.pi * np.arange(len(spectrum)) / (len(spectrum) - 1))
    for b, a in k_weighting(rate):
        spectrum *= (b[0] + b[1] * z + b[2] * z * z) / (a[0] + a[1] * z + a[2] * z * z)
    return np.fft.irfft(spectrum, size)[: len(signal)]


def loudness(signal: Signal, rate: int) -> float:
    """Integrated loudness in LUFS of a mono signal (BS.1770-4, gated)."""
    weighted = _filter(signal, rate)
    block, step = round(0.4 * rate), round(0.1 * rate)
    starts = range(0, len(weighted) - block + 1, step)
    power = np.array([np.mean(weighted[s : s + block] ** 2) for s in starts])
    power = power[-0.691 + 10 * np.log10(power + 1e-30) > -70]
    relative = -0.691 + 10 * np.log10(np.mean(power)) - 10
    power = power[-0.691 + 10 * np.log10(power) > relative]
    return float(-0.691 + 10 * np.log10(np.mean(power)))


def true_peak_dbfs(signal: Signal) -> float:
    """Peak level with 4x oversampling, as a resampling device might see it."""
    size = 1 << math.ceil(math.log2(len(signal) + 64))
    spectrum = np.fft.rfft(signal, size)
    oversampled = np.fft.irfft(spectrum, 4 * size) * 4
    return float(20 * np.log10(np.max(np.abs(oversampled))))


def normalise(signals: dict[str, Signal]) -> dict[str, Signal]:
    """Scale every signal to one loudness, as high as the peak limit allows."""
    levels = {name: loudness(s, RATE) for name, s in signals.items()}
    headroom = {
        name: PEAK_LIMIT_DBFS - (true_peak_dbfs(s) + TARGET_LUFS - levels[name])
        for name, s in signals.items()
    }
    target = TARGET_LUFS + min(0.0, *headroom.values())
    out = {}
    for name, signal in signals.items():
        gain_db = round(target - levels[name], 2)
        out[name] = signal * 10 ** (gain_db / 20)
    return out


def write_wav(path: Path, signal: Signal) -> None:
    """Write mono 16-bit PCM; the bytes depend only on the samples."""
    samples = np.clip(np.round(signal * 32767), -32768, 32767).astype("<i2")
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(samples.tobytes())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help="folder for the WAV files")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    signals = normalise({name: render(voice) for name, voice in VOICES.items()})
    for name, signal in signals.items():
        write_wav(args.out / f"{name}.wav", signal)
        print(
            f"{name:22} {len(signal) / RATE:4.1f} s  "
            f"peak {20 * np.log10(np.max(np.abs(signal))):6.2f} dBFS  "
            f"true peak {true_peak_dbfs(signal):6.2f} dBFS  "
            f"loudness {loudness(signal, RATE):6.2f} LUFS"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
