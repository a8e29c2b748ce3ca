"""Linux: a call under way, seen as a microphone being recorded, from ``pactl``.

PulseAudio, and PipeWire through its PulseAudio interface (pipewire-pulse),
list every recording stream as a "source output". A call (a video meeting,
a voice chat) records the microphone for as long as it lasts, so a source
output on a real microphone says plainly that one is under way.

Why ``pactl`` and not a client library: it is the sound server's own tool,
installed with it on nearly every desktop, and the question is asked only
right before a bell. Measured here (Debian 12, PulseAudio 16.1): two
``pactl -f json`` calls take about 14 ms and hold no memory in the app
between bells; pulsectl would cost about 100 ms to import and 9 MB that
stay in the app. ``-f json`` needs pactl 16 or newer.

Not counted as a call:
- recording from a monitor source (a sink's "what is playing"): screen
  recorders and visualisers do that, and Presence's own bell would show
  there too;
- streams whose source is unknown or gone, such as PipeWire's 25 Hz peak
  meters, and "Peak detect" streams of volume controls (pavucontrol);
- paused (corked) streams, and any stream of this very process. (Presence
  only ever plays, and playback is never a source output.)

Every failure (no pactl, no sound server, an old pactl) is logged once and
answered with "cannot tell", so bells ring as scheduled.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
from collections.abc import Callable, Sequence
from typing import Any

from presence_app.i18n import N_

log = logging.getLogger(__name__)

TIMEOUT_S = 2.0
FAILURE = "a call cannot be noticed (%s); bells ring as scheduled"
INVALID_INDEX = 0xFFFFFFFF
PEAK_METERS = ("Peak detect",)

Run = Callable[[Sequence[str]], str]
"""Runs pactl with these arguments and returns its standard output.

Raises:
    OSError: pactl cannot be run.
    subprocess.SubprocessError: it failed or took too long.
"""


def run_pactl(args: Sequence[str]) -> str:
    """Run ``pactl`` and return what it printed (the real ``Run``)."""
    done = subprocess.run(
        ["pactl", *args],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        check=True,
        env={**os.environ, "LC_ALL": "C"},
    )
    return done.stdout


def microphone_sources(sources: list[dict[str, Any]]) -> set[int]:
    """Return the indexes of the sources that are not monitors of a sink."""
    found = set()
    for source in sources:
        properties = source.get("properties") or {}
        monitor = source.get("monitor_source") or source.get("monitor_of_sink") or ""
        if monitor not in ("", "n/a") or properties.get("device.class") == "monitor":
            continue
        if isinstance(source.get("index"), int):
            found.add(source["index"])
    return found


def is_recording(output: dict[str, Any], microphones: set[int], own_pid: int) -> bool:
    """Return whether one source output is someone recording a microphone."""
    properties = output.get("properties") or {}
    if output.get("source") not in microphones or output.get("corked"):
        return False
    if properties.get("media.name") in PEAK_METERS:
        return False
    return str(properties.get("application.process.id")) != str(own_pid)


class PulseCalls:
    """Asks the sound server whether a microphone is being recorded. Main thread only."""

    def __init__(self, run: Run = run_pactl, own_pid: int | None = None) -> None:
        """Remember how to run pactl; nothing is run yet."""
        self._run = run
        self._own_pid = os.getpid() if own_pid is None else own_pid
        self._logged: set[str] = set()
        self.problem: str | None = None
        """Why the last question could not be answered, in a user's words, or None."""

    def in_call(self) -> bool | None:
        try:
            sources = self._list("sources")
            outputs = self._list("source-outputs")
        except (OSError, subprocess.SubprocessError, ValueError) as error:
            self._fail(type(error).__name__, _detail(error), _problem(error))
            return None
        self.problem = None
        microphones = microphone_sources(sources)
        return any(is_recording(o, microphones, self._own_pid) for o in outputs)

    def close(self) -> None:
        pass

    def _list(self, what: str) -> list[dict[str, Any]]:
        data = json.loads(self._run(["-f", "json", "list", what]))
        if not isinstance(data, list):
            raise ValueError(f"pactl listed {what} as {type(data).__name__}")
        return [item for item in data if isinstance(item, dict)]

    def _fail(self, kind: str, detail: str, problem: str) -> None:
        self.problem = problem
        if kind not in self._logged:
            self._logged.add(kind)
            log.info(FAILURE, detail)


def _problem(error: Exception) -> str:
    """Say what went wrong in words for the user, in English (translated where shown)."""
    if isinstance(error, FileNotFoundError):
        return N_("pactl is not installed")
    if isinstance(error, subprocess.TimeoutExpired):
        return N_("the sound server did not answer in time")
    if isinstance(error, json.JSONDecodeError):
        return N_("pactl is older than version 16")
    return N_("the sound server did not answer")


def _detail(error: Exception) -> str:
    if isinstance(error, FileNotFoundError):
        return "pactl is not installed"
    if isinstance(error, subprocess.TimeoutExpired):
        return f"pactl gave no answer within {TIMEOUT_S:g} s"
    if isinstance(error, subprocess.CalledProcessError):
        said = (error.stderr or "").strip().splitlines()
        return f"pactl failed: {said[-1] if said else f'exit {error.returncode}'}"
    if isinstance(error, json.JSONDecodeError):
        return "pactl is older than 16 and cannot list in JSON"
    return str(error) or type(error).__name__
