"""A private Xvfb for adapter tests, and waiting for a condition on it.

The server reports its display number through ``-displayfd`` (no guessing
of free numbers), runs in its own session and is stopped by its PID.
"""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

import pytest

T = TypeVar("T")
DEADLINE_S = 10.0


@contextmanager
def running_xvfb(*extra: str) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """Start Xvfb with ``extra`` arguments; yield its display name and process."""
    if shutil.which("Xvfb") is None or shutil.which("xdotool") is None:
        pytest.skip("needs the Xvfb and xdotool programs (apt-get install xvfb xdotool)")
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "320x240x24", "-nolisten", "tcp"]
        + list(extra),
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    os.close(write_end)
    try:
        yield f":{_read_line(read_end, time.monotonic() + DEADLINE_S)}", server
    finally:
        os.close(read_end)
        stop(server)


def stop(server: subprocess.Popen[bytes]) -> None:
    """Stop the server by its PID (a no-op if it has already ended)."""
    if server.poll() is not None:
        return
    server.terminate()
    try:
        server.wait(timeout=5)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def _read_line(fd: int, deadline: float) -> str:
    data = b""
    while not data.endswith(b"\n"):
        ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
        chunk = os.read(fd, 64) if ready else b""
        if not chunk:
            raise RuntimeError("Xvfb did not report a display number")
        data += chunk
    return data.decode().strip()


def xdotool(display: str, *args: str) -> None:
    subprocess.run(["xdotool", *args], env={**os.environ, "DISPLAY": display}, check=True)


def wait_for(condition: Callable[[], T], what: str, timeout: float = DEADLINE_S) -> T:
    """Poll ``condition`` until it returns something truthy; fail after ``timeout``."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.02)  # the polling interval of a condition wait, not a fixed delay
