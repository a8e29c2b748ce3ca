"""A call noticed from a real PulseAudio server: a microphone being recorded.

The server runs on a private runtime folder with a null sink and a null
source (the "microphone"); ``parecord`` plays the part of a video meeting.
"""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from collections.abc import Iterator, Sequence
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from presence_app.adapters.attention.calls_pulse import (
    PulseCalls,
    is_recording,
    microphone_sources,
)
from tests.adapters.dbus_support import stop
from tests.adapters.pulse_support import pulse_server, start_client

LOGGER = "presence_app.adapters.attention.calls_pulse"


@pytest.fixture
def pulse(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, str]]:
    with pulse_server() as env:
        monkeypatch.setenv("PULSE_SERVER", env["PULSE_SERVER"])
        yield env


def source_outputs(env: dict[str, str]) -> list[dict[str, Any]]:
    listing = subprocess.run(
        ["pactl", "-f", "json", "list", "source-outputs"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    result: list[dict[str, Any]] = json.loads(listing.stdout)
    return result


def wait_for_outputs(qtbot: QtBot, env: dict[str, str], count: int) -> None:
    qtbot.waitUntil(lambda: len(source_outputs(env)) == count, timeout=10_000)


def test_a_recording_microphone_is_a_call_and_its_end_is_noticed(
    qtbot: QtBot, pulse: dict[str, str]
) -> None:
    calls = PulseCalls()
    assert calls.in_call() is False
    recorder = start_client(["parecord", "--device=mic", "/dev/null"], pulse)
    try:
        wait_for_outputs(qtbot, pulse, 1)
        assert calls.in_call() is True
    finally:
        stop(recorder)
    wait_for_outputs(qtbot, pulse, 0)
    assert calls.in_call() is False
    assert calls.problem is None


def test_recording_a_monitor_or_playing_is_not_a_call(qtbot: QtBot, pulse: dict[str, str]) -> None:
    calls = PulseCalls()
    clients = [
        start_client(["parecord", "--device=speakers.monitor", "/dev/null"], pulse),
        start_client(["pacat", "--playback", "/dev/zero"], pulse),
    ]
    try:
        wait_for_outputs(qtbot, pulse, 1)
        assert calls.in_call() is False
    finally:
        for client in clients:
            stop(client)


def sink_inputs(env: dict[str, str]) -> list[dict[str, Any]]:
    listing = subprocess.run(
        ["pactl", "-f", "json", "list", "sink-inputs"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    result: list[dict[str, Any]] = json.loads(listing.stdout)
    return result


def test_presences_own_bell_is_not_a_call(qtbot: QtBot, pulse: dict[str, str]) -> None:
    env = {**pulse, "SDL_AUDIODRIVER": "pulseaudio"}
    bell = start_client(
        [sys.executable, "-m", "presence_app", "sound", "play", "singing-bowl"], env
    )
    try:
        qtbot.waitUntil(lambda: bool(sink_inputs(pulse)), timeout=15_000)  # the bell plays
        assert PulseCalls().in_call() is False
    finally:
        stop(bell)


def test_this_process_recording_is_not_a_call(qtbot: QtBot, pulse: dict[str, str]) -> None:
    recorder = start_client(["parecord", "--device=mic", "/dev/null"], pulse)
    try:
        wait_for_outputs(qtbot, pulse, 1)
        assert PulseCalls(own_pid=recorder.pid).in_call() is False
        assert PulseCalls(own_pid=1).in_call() is True
    finally:
        stop(recorder)


def test_no_sound_server_cannot_tell_and_says_so_once(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Any, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("PULSE_SERVER", f"unix:{tmp_path}/nothing-here")
    calls = PulseCalls()
    with caplog.at_level(logging.INFO, LOGGER):
        assert calls.in_call() is None
        assert calls.in_call() is None
    assert len(caplog.records) == 1
    assert caplog.messages[0].startswith("a call cannot be noticed (pactl failed: ")
    assert calls.problem == "the sound server did not answer"


def answer(*outputs: str) -> Any:
    replies = iter(outputs)

    def run(args: Sequence[str]) -> str:
        return next(replies)

    return run


def failing(error: Exception) -> Any:
    def run(args: Sequence[str]) -> str:
        raise error

    return run


@pytest.mark.parametrize(
    ("run", "logged", "problem"),
    [
        (failing(FileNotFoundError("pactl")), "pactl is not installed", "pactl is not installed"),
        (
            failing(subprocess.TimeoutExpired(["pactl"], 2.0)),
            "pactl gave no answer within 2 s",
            "the sound server did not answer in time",
        ),
        (
            failing(subprocess.CalledProcessError(1, ["pactl"], "", "Connection refused\n")),
            "pactl failed: Connection refused",
            "the sound server did not answer",
        ),
        (
            answer("Sink #0"),
            "pactl is older than 16 and cannot list in JSON",
            "pactl is older than version 16",
        ),
        (answer("{}"), "pactl listed sources as dict", "the sound server did not answer"),
    ],
)
def test_failures_are_told_in_words(run: Any, logged: str, problem: str, caplog: Any) -> None:
    calls = PulseCalls(run)
    with caplog.at_level(logging.INFO, LOGGER):
        assert calls.in_call() is None
    assert calls.problem == problem
    assert caplog.messages == [f"a call cannot be noticed ({logged}); bells ring as scheduled"]


MIC = {"index": 3, "name": "alsa_input.usb", "monitor_source": "", "properties": {}}
MONITOR = {
    "index": 1,
    "name": "alsa_output.pci.monitor",
    "monitor_source": "alsa_output.pci",
    "properties": {"device.class": "monitor"},
}
PIPEWIRE_MONITOR = {
    "index": 7,
    "monitor_of_sink": "n/a",
    "properties": {"device.class": "monitor"},
}


def test_microphones_leave_out_monitors() -> None:
    assert microphone_sources([MIC, MONITOR, PIPEWIRE_MONITOR, {"name": "broken"}]) == {3}


def output(**fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "source": 3,
        "corked": False,
        "properties": {"application.name": "Firefox", "application.process.id": "4242"},
    }
    return {**base, **fields}


@pytest.mark.parametrize(
    ("stream", "recording"),
    [
        (output(), True),
        (output(source=1), False),  # a monitor
        (output(source=0xFFFFFFFF), False),  # PipeWire's 25 Hz peak meters
        (output(corked=True), False),
        (output(properties={"media.name": "Peak detect"}), False),
        (output(properties={"application.process.id": "99"}), False),  # Presence itself
        (output(properties=None), True),
    ],
)
def test_which_streams_are_recording(stream: dict[str, Any], recording: bool) -> None:
    assert is_recording(stream, {3}, own_pid=99) is recording
