"""Fixtures shared by the adapter tests: a private D-Bus session bus."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator

import pytest

from tests.adapters.dbus_support import private_bus


@pytest.fixture
def bus_daemon() -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """A private dbus-daemon with no activatable services; stopped by PID."""
    with private_bus() as daemon:
        yield daemon


@pytest.fixture
def bus(bus_daemon: tuple[str, subprocess.Popen[bytes]]) -> str:
    """The private bus's address."""
    return bus_daemon[0]
