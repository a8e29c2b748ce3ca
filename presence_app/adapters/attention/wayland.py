"""Time away on Wayland compositors that tell it as events (KDE Plasma, sway, …).

A Wayland compositor does not answer "how long has the user been idle?";
it offers a notification instead: ask once for a timeout, and it sends
``idled`` when there has been no input for that long and ``resumed`` at the
next input. Two protocols do this:

- ``ext_idle_notifier_v1`` (KDE Plasma 5.27 and later, sway 1.8 and later,
  Hyprland, niri, labwc, COSMIC, …);
- ``org_kde_kwin_idle``, the older one (older KWin, sway 1.7 as in Debian 12).

Main ideas:

- The protocol is small enough to speak directly over the compositor's
  socket (no library to load): at start-up one round trip learns the
  globals, binds the seat and the notifier and asks for a notification;
  then a ``QSocketNotifier`` wakes the app only when an event comes, two
  events per time the user steps away for ``TIMEOUT_S``.
- ``idle_seconds`` turns the events into the number the rest of the app
  expects: after ``idled`` at t, ``now - t + TIMEOUT_S``; otherwise the time
  since the last ``resumed`` (or the start), at most just under
  ``TIMEOUT_S``, which is below the shortest ``away_after`` (1 minute).
- The notification honours idle inhibitors: a video that keeps the screen
  on also keeps the user "present".
- Every failure (no compositor, neither protocol, a protocol error, the
  connection lost) is logged once and answered with "cannot tell".
"""

from __future__ import annotations

import logging
import os
import socket
import struct
import time
from collections.abc import Callable, Mapping
from pathlib import Path

from PySide6.QtCore import QObject, QSocketNotifier

log = logging.getLogger(__name__)

TIMEOUT_S = 60
"""The compositor's idle timeout asked for (seconds)."""
SETUP_TIMEOUT_S = 1.0
EXT = "ext_idle_notifier_v1"
KDE = "org_kde_kwin_idle"
SEAT = "wl_seat"
DISPLAY_ID, REGISTRY_ID, CALLBACK_ID, SEAT_ID, NOTIFIER_ID, NOTIFICATION_ID = range(1, 7)


def encode(object_id: int, opcode: int, *args: int | str) -> bytes:
    """Encode one request: unsigned integers and strings, in native byte order."""
    body = b""
    for arg in args:
        if isinstance(arg, str):
            data = arg.encode() + b"\0"
            body += struct.pack("=I", len(data)) + data + b"\0" * (-len(data) % 4)
        else:
            body += struct.pack("=I", arg)
    return struct.pack("=IHH", object_id, opcode, 8 + len(body)) + body


def decode(buffer: bytearray) -> list[tuple[int, int, bytes]]:
    """Take every complete event from ``buffer``: (object id, opcode, arguments)."""
    events = []
    while len(buffer) >= 8:
        object_id, opcode, size = struct.unpack_from("=IHH", buffer)
        if size < 8 or len(buffer) < size:
            break
        events.append((object_id, opcode, bytes(buffer[8:size])))
        del buffer[:size]
    return events


def read_string(data: bytes, offset: int) -> tuple[str, int]:
    """Read a string argument at ``offset``; return it and the next offset."""
    (length,) = struct.unpack_from("=I", data, offset)
    text = data[offset + 4 : offset + 4 + max(length - 1, 0)].decode(errors="replace")
    return text, offset + 4 + length + (-length % 4)


def parse_global(data: bytes) -> tuple[int, str, int]:
    """Read a ``wl_registry.global`` event: (name, interface, version)."""
    (name,) = struct.unpack_from("=I", data, 0)
    interface, offset = read_string(data, 4)
    (version,) = struct.unpack_from("=I", data, offset)
    return name, interface, version


def socket_path(environ: Mapping[str, str]) -> Path | None:
    """Where the compositor listens, from ``WAYLAND_DISPLAY`` and ``XDG_RUNTIME_DIR``."""
    display = environ.get("WAYLAND_DISPLAY") or "wayland-0"
    if os.path.isabs(display):
        return Path(display)
    runtime = environ.get("XDG_RUNTIME_DIR")
    return Path(runtime) / display if runtime else None


class WaylandIdle(QObject):
    """Idle time from the compositor's idle notifications. Main thread only."""

    def __init__(
        self,
        environ: Mapping[str, str] = os.environ,
        *,
        timeout_s: int = TIMEOUT_S,
        monotonic: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        """Connect and ask for a notification; afterwards ``protocol`` says which (or None).

        Args:
            timeout_s: the idle timeout to ask for (below the shortest ``away_after``).
        """
        super().__init__(parent)
        self._timeout_s = timeout_s
        self._monotonic = monotonic
        self._since_active = monotonic()
        self._idled_at: float | None = None
        self._buffer = bytearray()
        self._notifier: QSocketNotifier | None = None
        self._sock: socket.socket | None = None
        self.protocol: str | None = None
        try:
            self._sock = self._connect(socket_path(environ))
            self.protocol = self._set_up(self._sock)
        except (OSError, ValueError) as error:
            log.info("the Wayland compositor cannot tell the idle time (%s)", error)
            self.close()
            return
        self._notifier = QSocketNotifier(self._sock.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._on_readable)

    def idle_seconds(self) -> float | None:
        """Return seconds since the last input as far as the events tell, or None."""
        if self._sock is None:
            return None
        now = self._monotonic()
        if self._idled_at is not None:
            return now - self._idled_at + self._timeout_s
        return min(now - self._since_active, self._timeout_s - 1.0)

    def fullscreen_app(self) -> str | None:
        return None

    def close(self) -> None:
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier = None
        if self._sock is not None:
            self._sock.close()
            self._sock = None

    def _connect(self, path: Path | None) -> socket.socket:
        if path is None:
            raise OSError("no XDG_RUNTIME_DIR to find the compositor in")
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(SETUP_TIMEOUT_S)
        try:
            sock.connect(str(path))
        except OSError:
            sock.close()
            raise
        return sock

    def _set_up(self, sock: socket.socket) -> str:
        """Learn the globals, bind the seat and a notifier, ask for a notification."""
        sock.sendall(encode(DISPLAY_ID, 1, REGISTRY_ID) + encode(DISPLAY_ID, 0, CALLBACK_ID))
        found: dict[str, tuple[int, int]] = {}
        while CALLBACK_ID not in {e[0] for e in self._read_setup(sock, found)}:
            pass
        if SEAT not in found:
            raise ValueError("the compositor offers no seat")
        protocol = EXT if EXT in found else KDE if KDE in found else None
        if protocol is None:
            raise ValueError(f"the compositor offers neither {EXT} nor {KDE}")
        timeout_ms = self._timeout_s * 1000
        ask = (
            encode(NOTIFIER_ID, 1, NOTIFICATION_ID, timeout_ms, SEAT_ID)
            if protocol == EXT
            else encode(NOTIFIER_ID, 0, NOTIFICATION_ID, SEAT_ID, timeout_ms)
        )
        sock.sendall(
            encode(REGISTRY_ID, 0, found[SEAT][0], SEAT, 1, SEAT_ID)
            + encode(REGISTRY_ID, 0, found[protocol][0], protocol, 1, NOTIFIER_ID)
            + ask
        )
        sock.setblocking(False)
        return protocol

    def _read_setup(
        self, sock: socket.socket, found: dict[str, tuple[int, int]]
    ) -> list[tuple[int, int, bytes]]:
        data = sock.recv(4096)
        if not data:
            raise OSError("the compositor closed the connection")
        self._buffer += data
        events = decode(self._buffer)
        for object_id, opcode, args in events:
            self._check_error(object_id, opcode, args)
            if object_id == REGISTRY_ID and opcode == 0:
                name, interface, version = parse_global(args)
                found.setdefault(interface, (name, version))
        return events

    def _on_readable(self) -> None:
        try:
            data = self._sock.recv(4096) if self._sock is not None else b""
        except BlockingIOError:
            return
        except OSError as error:
            data, reason = b"", str(error)
        else:
            reason = "the compositor closed the connection"
        if not data:
            log.info("the Wayland compositor is gone (%s); idle time is unknown", reason)
            self.close()
            return
        self._buffer += data
        try:
            for object_id, opcode, args in decode(self._buffer):
                self._check_error(object_id, opcode, args)
                if object_id == NOTIFICATION_ID:
                    self._on_notification(opcode)
        except ValueError as error:
            log.warning("the Wayland compositor refused the idle notification: %s", error)
            self.close()

    def _on_notification(self, opcode: int) -> None:
        now = self._monotonic()
        if opcode == 0:  # idled (ext) / idle (kde): the timeout passed without input
            self._idled_at = now
        elif opcode == 1:  # resumed: input just now
            self._idled_at = None
            self._since_active = now

    @staticmethod
    def _check_error(object_id: int, opcode: int, args: bytes) -> None:
        if object_id == DISPLAY_ID and opcode == 0:  # wl_display.error
            code = struct.unpack_from("=I", args, 4)[0] if len(args) >= 8 else 0
            message = read_string(args, 8)[0] if len(args) > 8 else ""
            raise ValueError(f"protocol error {code}: {message}")
