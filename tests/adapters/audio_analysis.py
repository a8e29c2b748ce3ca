"""Listening helpers for the sound tests: read audio, measure it like an engineer.

Independent of ``scripts/make_sounds.py`` on purpose: loudness is measured
here with a time-domain biquad filter (the script uses the frequency
response), so the two checks do not share a mistake.
"""

from __future__ import annotations

import math
import wave
from pathlib import Path

import numpy as np
import numpy.typing as npt

Signal = npt.NDArray[np.float64]


def read_wav(path: Path) -> tuple[Signal, int]:
    """Return a mono 16-bit WAV file's samples in [-1, 1) and its rate."""
    with wave.open(str(path), "rb") as source:
        assert source.getnchannels() == 1 and source.getsampwidth() == 2
        frames = source.readframes(source.getnframes())
        return np.frombuffer(frames, "<i2") / 32768.0, source.getframerate()


def read_capture(path: Path, channels: int = 2) -> Signal:
    """Return what SDL's disk driver recorded, as frames x channels in [-1, 1)."""
    data = np.fromfile(path, "<i2")
    return data[: len(data) - len(data) % channels].reshape(-1, channels) / 32768.0


def dbfs(value: float) -> float:
    return 20 * math.log10(max(value, 1e-12))


def peak_dbfs(signal: Signal) -> float:
    return dbfs(float(np.max(np.abs(signal))))


def k_weighting(rate: int) -> list[tuple[list[float], list[float]]]:
    """The BS.1770 K-weighting biquads for ``rate`` (bilinear transform)."""
    k = math.tan(math.pi * 1681.974450955533 / rate)
    q, vh = 0.7071752369554196, 10 ** (3.999843853973347 / 20)
    vb = vh**0.4996667741545416
    a0 = 1 + k / q + k * k
    shelf = (
        [(vh + vb * k / q + k * k) / a0, 2 * (k * k - vh) / a0, (vh - vb * k / q + k * k) / a0],
        [1.0, 2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0],
    )
    k, q = math.tan(math.pi * 38.13547087602444 / rate), 0.5003270373238773
    a0 = 1 + k / q + k * k
    high_pass = ([1.0, -2.0, 1.0], [1.0, 2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0])
    return [shelf, high_pass]


def biquad(signal: Signal, b: list[float], a: list[float]) -> Signal:
    """Filter in direct form I, sample by sample (slow, plain and obviously right)."""
    out = [0.0] * len(signal)
    x1 = x2 = y1 = y2 = 0.0
    b0, b1, b2 = b
    _, a1, a2 = a
    for i, x0 in enumerate(signal.tolist()):
        y0 = b0 * x0 + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2
        out[i] = y0
        x2, x1, y2, y1 = x1, x0, y1, y0
    return np.array(out)


def loudness_lufs(signal: Signal, rate: int) -> float:
    """Integrated loudness of a mono signal per ITU-R BS.1770-4 (gated)."""
    weighted = signal
    for b, a in k_weighting(rate):
        weighted = biquad(weighted, b, a)
    block, hop = round(0.4 * rate), round(0.1 * rate)
    squares = np.concatenate([[0.0], np.cumsum(weighted**2)])
    starts = np.arange(0, len(weighted) - block + 1, hop)
    power = (squares[starts + block] - squares[starts]) / block
    loud = -0.691 + 10 * np.log10(np.maximum(power, 1e-30))
    above_absolute = power[loud > -70.0]
    relative_gate = -0.691 + 10 * math.log10(float(np.mean(above_absolute))) - 10.0
    gated = power[loud > max(relative_gate, -70.0)]
    return -0.691 + 10 * math.log10(float(np.mean(gated)))


def window_rms(signal: Signal, width: int) -> Signal:
    """RMS of ``signal`` over a window of ``width`` samples centred on each sample."""
    squares = np.concatenate([[0.0], np.cumsum(signal**2)])
    index = np.arange(len(signal))
    low = np.clip(index - width // 2, 0, len(signal))
    high = np.clip(index + width // 2 + 1, 0, len(signal))
    return np.sqrt((squares[high] - squares[low]) / (high - low))


def click_ratio(signal: Signal, rate: int, *, floor: float = 2e-4) -> float:
    """How far the largest sample step stands out from the steps around it.

    A smooth sound's steps stay within a few times their local RMS (a sine's
    largest step is 1.41 times it); a click, a single step out of nowhere, is
    many times larger than the 5 ms around it.
    """
    steps = np.abs(np.diff(signal, prepend=0.0))  # silence came before the first sample
    local = window_rms(steps, round(0.005 * rate))
    return float(np.max(steps / (local + floor)))


def onset(signal: Signal, *, level_db: float = -89.0) -> int:
    """Index of the first sample louder than ``level_db`` dBFS (len if none).

    The default, -89 dBFS, is the first sample at least 2 LSB from zero: a
    fade-in starts there, long before it is loud.
    """
    loud = np.flatnonzero(np.abs(signal) > 10 ** (level_db / 20))
    return int(loud[0]) if len(loud) else len(signal)


def envelope(signal: Signal, rate: int, *, step_ms: float = 5.0) -> Signal:
    """Peak level of each ``step_ms`` slice (a coarse amplitude envelope)."""
    step = round(rate * step_ms / 1000)
    usable = len(signal) - len(signal) % step
    return np.max(np.abs(signal[:usable].reshape(-1, step)), axis=1)


def resample(signal: Signal, source_rate: int, target_rate: int) -> Signal:
    """Band-limited resampling through the spectrum (exact for these test sounds)."""
    length = round(len(signal) * target_rate / source_rate)
    spectrum = np.fft.rfft(signal)
    return np.fft.irfft(spectrum, length) * (length / len(signal))


def best_alignment(haystack: Signal, needle: Signal) -> tuple[int, float]:
    """Where ``needle`` sits in ``haystack``, and how alike they are there (0..1).

    The correlation is normalised by the haystack's energy under the needle,
    so a loud unrelated passage does not win over a quiet exact match; it is
    then refined to a tenth of a sample, because a resampler may delay the
    sound by a fraction of a sample, which at a few kHz costs real correlation.
    """
    size = 1 << math.ceil(math.log2(len(haystack) + len(needle)))
    product = np.fft.rfft(haystack, size) * np.conj(np.fft.rfft(needle, size))
    correlation = np.fft.irfft(product, size)[: len(haystack) - len(needle) + 1]
    squares = np.concatenate([[0.0], np.cumsum(haystack**2)])
    energy = squares[len(needle) :] - squares[: len(squares) - len(needle)]
    normalised = correlation / np.sqrt(np.maximum(energy, 1e-12) * np.sum(needle**2))
    offset = int(np.argmax(normalised))
    segment = haystack[offset : offset + len(needle)]
    return offset, max(_similarity(segment, needle, shift) for shift in np.linspace(-1, 1, 21))


def _similarity(segment: Signal, needle: Signal, shift: float) -> float:
    """Normalised correlation of ``segment`` with ``needle`` delayed by ``shift`` samples."""
    spectrum = np.fft.rfft(needle)
    ramp = np.exp(-2j * np.pi * np.fft.rfftfreq(len(needle)) * shift)
    moved = np.fft.irfft(spectrum * ramp, len(needle))
    denominator = math.sqrt(float(np.sum(segment**2) * np.sum(moved**2))) or 1.0
    return float(np.sum(segment * moved)) / denominator
