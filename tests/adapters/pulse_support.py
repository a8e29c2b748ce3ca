"""A real PulseAudio server for tests, on a private runtime folder.

It has a null sink ("speakers", whose monitor is "speakers.monitor") and a
null source ("mic", standing in for a microphone), loads nothing from the
user's configuration, and is stopped by its PID. Tests reach it through
``PULSE_SERVER``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.adapters.dbus_support import stop

DEADLINE_S = 15.0


def need_pulseaudio() -> None:
    for program in ("pulseaudio", "pactl", "parecord"):
        if shutil.which(program) is None:
            pytest.skip(f"needs {program} (apt-get install pulseaudio pulseaudio-utils)")


@contextmanager
def pulse_server() -> Iterator[dict[str, str]]:
    """Run PulseAudio; yield the environment that reaches it."""
    need_pulseaudio()
    folder = Path(tempfile.mkdtemp(prefix="presence-pulse-"))
    folder.chmod(0o700)
    env = {
        **os.environ,
        "HOME": str(folder),
        "XDG_RUNTIME_DIR": str(folder),
        "XDG_CONFIG_HOME": str(folder / "config"),
        "PULSE_RUNTIME_PATH": str(folder / "pulse"),
    }
    env.pop("PULSE_SERVER", None)
    server = subprocess.Popen(
        ["pulseaudio", "-n", "--daemonize=no", "--exit-idle-time=-1", "--disable-shm=yes",
         "--use-pid-file=no", "-L", "module-native-protocol-unix",
         "-L", "module-null-sink sink_name=speakers", "-L", "module-null-source source_name=mic",
         "--log-target=stderr", "--log-level=error"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )  # fmt: skip
    env["PULSE_SERVER"] = f"unix:{folder / 'pulse' / 'native'}"
    try:
        _wait_until_ready(server, env)
        yield env
    finally:
        stop(server)
        shutil.rmtree(folder, ignore_errors=True)


def _wait_until_ready(server: subprocess.Popen[bytes], env: dict[str, str]) -> None:
    deadline = time.monotonic() + DEADLINE_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"pulseaudio exited ({server.returncode})")
        probe = subprocess.run(["pactl", "info"], env=env, capture_output=True, check=False)
        if probe.returncode == 0:
            return
        time.sleep(0.05)  # polling interval while the server starts, not a fixed wait
    raise RuntimeError("pulseaudio did not start")


def start_client(args: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
    """Start parecord, paplay or the like against the server."""
    return subprocess.Popen(
        args,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
