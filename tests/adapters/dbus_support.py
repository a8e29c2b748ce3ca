"""A private D-Bus daemon for adapter tests, and helper services on it.

Every process is started in its own session and stopped by its PID.
"""

from __future__ import annotations

import select
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-BUS Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path={socket}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


def read_line(stream: Any, what: str) -> str:
    ready, _, _ = select.select([stream], [], [], 10)
    line = stream.readline().decode().strip() if ready else ""
    if not line:
        raise RuntimeError(f"{what} did not start")
    return line


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop a helper by its PID and close our end of its output."""
    if process.stdout is not None:
        process.stdout.close()
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextmanager
def private_bus() -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """Run a dbus-daemon with no activatable services; yield its address and process."""
    if shutil.which("dbus-daemon") is None:
        pytest.skip("needs the dbus-daemon program (apt-get install dbus)")
    # A short folder: unix socket paths are limited to about 100 bytes.
    folder = Path(tempfile.mkdtemp(prefix="presence-bus-"))
    config = folder / "bus.conf"
    config.write_text(BUS_CONFIG.format(socket=folder / "bus"), encoding="utf-8")
    daemon = subprocess.Popen(
        ["dbus-daemon", f"--config-file={config}", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,  # only noise (it cannot raise its file limit as a user)
        start_new_session=True,
    )
    try:
        yield read_line(daemon.stdout, "dbus-daemon"), daemon
    finally:
        stop(daemon)
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def service(script: Path, address: str, *flags: str) -> Iterator[subprocess.Popen[bytes]]:
    """Run a fake service ``script`` on the bus until it prints READY."""
    process = subprocess.Popen(
        [sys.executable, str(script), address, *flags],
        stdout=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        assert read_line(process.stdout, script.name) == "READY"
        yield process
    finally:
        stop(process)


@contextmanager
def controlled_service(script: Path, address: str) -> Iterator[Any]:
    """Run a fake service and yield a connection the test uses to drive it."""
    from jeepney.io.blocking import open_dbus_connection

    with service(script, address):
        connection = open_dbus_connection(address)
        try:
            yield connection
        finally:
            connection.close()
