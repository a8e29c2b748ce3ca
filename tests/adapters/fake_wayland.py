"""A fake Wayland compositor that offers idle notifications, for tests.

Run as a program: ``python fake_wayland.py SOCKET ext|kde|none``. It
listens on ``SOCKET``, prints READY, serves one client: the registry (a
seat and, unless "none", ``ext_idle_notifier_v1`` or ``org_kde_kwin_idle``),
``wl_display.sync``, binds and the notification request, after which it
prints ``NOTIFICATION <timeout ms> <seat id>``. Lines on its standard input
drive it: ``idled``, ``resumed``, ``error`` (a protocol error) and
``close`` (drop the client).
"""

from __future__ import annotations

import os
import select
import socket
import struct
import sys

INTERFACES = {"ext": "ext_idle_notifier_v1", "kde": "org_kde_kwin_idle"}


def say(line: str) -> None:
    sys.stdout.write(f"{line}\n")
    sys.stdout.flush()


def message(object_id: int, opcode: int, *args: int | str) -> bytes:
    body = b""
    for arg in args:
        if isinstance(arg, str):
            data = arg.encode() + b"\0"
            body += struct.pack("=I", len(data)) + data + b"\0" * (-len(data) % 4)
        else:
            body += struct.pack("=I", arg)
    return struct.pack("=IHH", object_id, opcode, 8 + len(body)) + body


def string_at(data: bytes, offset: int) -> tuple[str, int]:
    (length,) = struct.unpack_from("=I", data, offset)
    text = data[offset + 4 : offset + 3 + length].decode()
    return text, offset + 4 + length + (-length % 4)


class Compositor:
    def __init__(self, client: socket.socket, kind: str) -> None:
        self.client, self.kind = client, kind
        self.registry = self.notifier = self.notification = 0
        self.buffer = b""

    def handle(self, object_id: int, opcode: int, args: bytes) -> None:
        if object_id == 1 and opcode == 1:  # wl_display.get_registry
            (self.registry,) = struct.unpack_from("=I", args)
            globals_ = [(1, "wl_seat", 7)]
            if self.kind in INTERFACES:
                globals_.append((2, INTERFACES[self.kind], 1))
            for name, interface, version in globals_:
                self.client.sendall(message(self.registry, 0, name, interface, version))
        elif object_id == 1 and opcode == 0:  # wl_display.sync
            (callback,) = struct.unpack_from("=I", args)
            self.client.sendall(message(callback, 0, 1) + message(1, 1, callback))
        elif object_id == self.registry and opcode == 0:  # wl_registry.bind
            name = struct.unpack_from("=I", args)[0]
            _interface, offset = string_at(args, 4)
            new_id = struct.unpack_from("=II", args, offset)[1]
            if name == 2:
                self.notifier = new_id
        elif object_id == self.notifier and self.notifier:
            self.ask(opcode, args)

    def ask(self, opcode: int, args: bytes) -> None:
        if self.kind == "ext" and opcode == 1:  # get_idle_notification(id, timeout, seat)
            self.notification, timeout, seat = struct.unpack_from("=III", args)
        elif self.kind == "kde" and opcode == 0:  # get_idle_timeout(id, seat, timeout)
            self.notification, seat, timeout = struct.unpack_from("=III", args)
        else:
            return
        say(f"NOTIFICATION {timeout} {seat}")

    def feed(self, data: bytes) -> None:
        self.buffer += data
        while len(self.buffer) >= 8:
            object_id, opcode, size = struct.unpack_from("=IHH", self.buffer)
            if len(self.buffer) < size:
                return
            self.handle(object_id, opcode, self.buffer[8:size])
            self.buffer = self.buffer[size:]

    def command(self, line: str) -> bool:
        if line == "idled":
            self.client.sendall(message(self.notification, 0))
        elif line == "resumed":
            self.client.sendall(message(self.notification, 1))
        elif line == "error":
            self.client.sendall(message(1, 0, self.notification, 3, "no such thing"))
        elif line == "close":
            return False
        return True


def main() -> None:
    path, kind = sys.argv[1], sys.argv[2]
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    server.listen(1)
    say("READY")
    client, _ = server.accept()
    compositor = Compositor(client, kind)
    while True:
        ready, _, _ = select.select([client, sys.stdin], [], [])
        if client in ready:
            data = client.recv(4096)
            if not data:
                break
            compositor.feed(data)
        if sys.stdin in ready and not compositor.command(sys.stdin.readline().strip()):
            break
    client.close()
    server.close()
    os.unlink(path)


if __name__ == "__main__":
    main()
