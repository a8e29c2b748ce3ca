"""Composition root: builds every object and connects them.

``run`` starts the tray app: one instance per user (the lock), the command
socket, the settings (the first start writes the defaults), the schedule
and its saved state, the journal, the bell, the tray (or a status window
where there is no tray), the global shortcut and the pause lifecycle.

Time flows through one single-shot timer set to the lifecycle's next
wake-up; nothing polls. A coarse check once a minute notices sleep and clock
changes and keeps the tray's "in 12 min" current. Heavy parts load late:
pygame only when the first bell approaches.
"""

from __future__ import annotations

import argparse
import logging
import os
import random
import signal
import socket
import sys
from collections.abc import Callable
from datetime import timedelta

from PySide6.QtCore import QCoreApplication, QSocketNotifier, QTimer
from PySide6.QtWidgets import QApplication

from presence_app import APP_ID, APP_NAME, __version__
from presence_app.core.clock import Clock, SystemClock
from presence_app.core.paths import Paths
from presence_app.logsetup import setup_logging

log = logging.getLogger(__name__)

MAX_TIMER = timedelta(hours=6)
"""Longest single wait; the timer re-arms itself after it."""


def run(args: argparse.Namespace) -> int:
    """Start the tray app; return the exit code."""
    paths = Paths.from_platform()
    setup_logging(paths.log_file, verbose=bool(getattr(args, "verbose", False)))
    qapp = QApplication(sys.argv[:1])
    qapp.setApplicationName(APP_NAME)
    qapp.setApplicationDisplayName("Presence")
    qapp.setApplicationVersion(__version__)
    qapp.setDesktopFileName(APP_ID)
    qapp.setQuitOnLastWindowClosed(False)

    from presence_app.ipc import InstanceLock

    lock = InstanceLock(paths)
    try:
        if not lock.try_acquire():
            return _already_running(paths)
    except OSError as error:  # the runtime folder is someone else's, or cannot be made
        log.error("%s", error)
        return 1
    from presence_app.presence import Presence

    presence = Presence(qapp, paths, SystemClock(), lock)
    presence.start()
    signal_watch = _quit_on_signals(qapp)
    code = qapp.exec()
    del signal_watch
    presence.shutdown()
    lock.release()
    return code


def _quit_on_signals(qapp: QApplication) -> object:
    """End the Qt loop gently on SIGTERM (logging out) and SIGINT (Ctrl+C).

    Python runs signal handlers only when it gets control, which a waiting
    Qt loop never gives it. The C handler writes the signal number to a
    socket that a ``QSocketNotifier`` watches, so the loop wakes at once and
    the app shuts down normally: a pause under way is recorded, nothing is
    lost. Costs nothing while idle. Returns what must stay alive while the
    loop runs.
    """
    if os.name != "posix":
        return None
    reader, writer = socket.socketpair()
    writer.setblocking(False)
    reader.setblocking(False)
    signal.set_wakeup_fd(writer.fileno(), warn_on_full_buffer=False)
    for number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(number, lambda *_: None)
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, qapp)

    def on_signal() -> None:
        reader.recv(64)
        log.info("asked to quit by a signal")
        qapp.quit()

    notifier.activated.connect(on_signal)
    return (notifier, reader, writer)  # the caller keeps them alive while the loop runs


def _already_running(paths: Paths) -> int:
    from presence_app.ipcclient import IpcError, NoRunningApp, send_command

    try:
        send_command(paths, {"command": "ping"}, timeout=5.0)
    except (NoRunningApp, IpcError):
        sys.stderr.write(
            "Presence is starting in another window right now; this start has nothing to add.\n"
        )
        return 0
    sys.stderr.write("Presence is already running.\n")
    return 0


def qt_call_later(seconds: float, function: Callable[[], None]) -> QTimer:
    """Run ``function`` once after ``seconds``, on the main thread."""
    timer = QTimer(QCoreApplication.instance())
    timer.setSingleShot(True)
    timer.timeout.connect(function)
    timer.timeout.connect(timer.deleteLater)
    timer.start(max(0, round(seconds * 1000)))
    return timer


def make_rng(clock: Clock) -> random.Random:
    """A source for shuffling prompts (not for anything secret)."""
    return random.Random(clock.now().timestamp())
