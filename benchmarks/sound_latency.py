#!/usr/bin/env python3
"""How late does a bell start after its deadline? Measured through SDL's disk driver.

The app's scheme: ``prepare()`` opens the device shortly before a known
deadline (1.5 s here), and ``play()`` at the deadline only starts a preloaded
sound. SDL's disk driver writes exactly what was played, so the first
non-silent sample in its file, mapped back to the wall clock, says when the
bell really began. For contrast, the "cold" case is a pause started by hand:
``play()`` with the device closed must open it first (and, the first time,
decode the cue). Each case rings its bells through one player, as the app
does over a day.

Mapping stream to wall time: the stream starts when the device opens (timed
around ``Mixer.open``) and runs at a rate measured over the run (from the
file's size just before closing), because the disk driver sleeps whole
milliseconds per buffer. The driver writes whole buffers, so any single
measurement is uncertain by about one buffer either way. Target: within one mixer
buffer (1024 frames at 48 kHz, 21.3 ms) of the deadline.

Usage: ``python benchmarks/sound_latency.py [--trials N]``
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from presence_app.adapters.sound.mixer import Mixer
from presence_app.adapters.sound.player import MixerPlayer
from presence_app.core.settings import SoundSettings

PREPARE_AHEAD_SECONDS = 1.5


class TimedMixer(Mixer):
    """A mixer that remembers when its device came to life."""

    opened_at = 0.0

    def open(self) -> None:
        was_open = self.is_open
        super().open()
        if not was_open:
            self.opened_at = time.monotonic()


def wait_until(instant: float) -> None:
    """Sleep to just before ``instant``, then spin: a timer that fires on time."""
    while (left := instant - time.monotonic()) > 0:
        time.sleep(left - 0.002 if left > 0.003 else 0)


def one_trial(player: MixerPlayer, mixer: TimedMixer, capture: Path, *, prepared: bool) -> float:
    """Return how many milliseconds after its deadline a bell was heard."""
    deadline = time.monotonic() + PREPARE_AHEAD_SECONDS
    if prepared:
        player.prepare()
    wait_until(deadline)
    player.play("start")
    time.sleep(0.3)  # let the stream run past the onset
    # The driver writes each buffer straight to the file (and a few more on
    # closing), so its size just before closing says how far the stream got.
    written, seen_at = capture.stat().st_size // 4, time.monotonic()
    player.close()
    heard = np.fromfile(capture, "<i2").reshape(-1, 2)[:, 0]
    frames_per_wall_second = written / (seen_at - mixer.opened_at)
    first = int(np.flatnonzero(np.abs(heard) > 1)[0])
    return 1000 * (first / frames_per_wall_second - (deadline - mixer.opened_at))


def trials(capture: Path, count: int, *, prepared: bool) -> list[float]:
    """Ring ``count`` bells through one player, as the app does over a day."""
    mixer = TimedMixer()
    player = MixerPlayer(
        SoundSettings(start="wooden-tone"),
        call_later=lambda *_: None,
        on_problem=print,
        mixer=mixer,
    )
    return [one_trial(player, mixer, capture, prepared=prepared) for _ in range(count)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=5)
    args = parser.parse_args()
    buffer_ms = 1000 * Mixer().buffer_frames / Mixer().frequency
    with tempfile.TemporaryDirectory() as folder:
        capture = Path(folder) / "played.raw"
        os.environ.update(SDL_AUDIODRIVER="disk", SDL_DISKAUDIOFILE=str(capture))
        os.environ.pop("SDL_DISKAUDIODELAY", None)
        for prepared, label in ((True, "prepared 1.5 s ahead"), (False, "cold (started by hand)")):
            late = trials(capture, args.trials, prepared=prepared)
            print(
                f"{label:24} deadline -> first sound: median {statistics.median(late):5.1f} ms, "
                f"max {max(late):5.1f} ms  ({', '.join(f'{x:.1f}' for x in late)})"
            )
            if prepared:
                verdict = "within" if max(late) <= buffer_ms else "NOT within"
                print(f"{'':24} {verdict} one mixer buffer ({buffer_ms:.1f} ms)")
            else:
                print(f"{'':24} the first also decodes the cue; later ones reuse it")
    return 0


if __name__ == "__main__":
    sys.exit(main())
