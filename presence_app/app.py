"""Starting the tray app as a process: logging, Qt, one instance per user, signals.

``run`` sets up the log and the Qt application, takes the single-instance
lock (a second start only says that Presence is already running), has
``wiring.compose`` build and connect the app's parts, and runs the Qt loop
until the user quits or the session ends (SIGTERM), then shuts the app down
gently so that a pause under way is recorded.

Time flows through one single-shot timer set to the lifecycle's next
wake-up; nothing polls. Heavy parts load late: pygame only when the first
bell approaches, windows when first opened.
"""

from __future__ import annotations

import linecache
import logging
import os
import signal
import socket
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QSocketNotifier
from PySide6.QtWidgets import QApplication

from presence_app import APP_ID, APP_NAME, __version__
from presence_app.core.paths import Paths
from presence_app.i18n import _
from presence_app.logsetup import setup_logging

if TYPE_CHECKING:
    import argparse

log = logging.getLogger(__name__)


def run(args: argparse.Namespace | None = None) -> int:
    """Start the tray app; return the exit code."""
    _spare_pyside_source_reads()
    paths = Paths.from_platform()
    setup_logging(paths.log_file, verbose=bool(getattr(args, "verbose", False)))
    qapp = QApplication(sys.argv[:1])
    qapp.setApplicationName(APP_NAME)
    qapp.setApplicationDisplayName("Presence")
    qapp.setApplicationVersion(__version__)
    qapp.setDesktopFileName(APP_ID)
    qapp.setQuitOnLastWindowClosed(False)
    from presence_app.ui.qtlocale import setup_qt_language

    setup_qt_language(qapp, paths.settings_file)  # before the tray says its first word

    from presence_app.instancelock import InstanceLock

    lock = InstanceLock(paths)
    try:
        if not lock.try_acquire():
            return _already_running(paths)
    except OSError as error:  # the runtime folder is someone else's, or cannot be made
        log.error("%s", error)
        return 1
    from presence_app.ui.surface import Surface

    surface = Surface()
    surface.show()
    qapp.processEvents()  # hand the icon to the tray now, before the rest is built
    from presence_app.core.clock import SystemClock
    from presence_app.wiring import compose

    app = compose(qapp, paths, SystemClock(), lock, surface=surface)
    app.start()
    signal_watch = _quit_on_signals(qapp)
    code = qapp.exec()
    del signal_watch
    app.shutdown()
    lock.release()
    return code


def _spare_pyside_source_reads() -> None:
    """Keep PySide from reading the source of every module the app imports.

    WORKAROUND(https://bugreports.qt.io/browse/PYSIDE-2029): PySide's import
    hook asks ``inspect.getsource`` of each new module whether it mentions
    PySide6, which leaves every source file in ``linecache``: about 5 MB
    held for the app's whole life, and time at start-up. The same question
    is answered here by reading the file's bytes. Remove once PySide no
    longer reads sources on import.
    """
    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if original is None:  # a PySide without the hook: nothing to spare
        return

    def uses_pyside(module: object) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return bool(original(module))
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return bool(original(module))

    feature._mod_uses_pyside = uses_pyside  # type: ignore[union-attr]  # noqa: SLF001 - see above
    linecache.clearcache()


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
            _("Presence is starting in another window right now; this start has nothing to add.")
            + "\n"
        )
        return 0
    sys.stderr.write(_("Presence is already running.") + "\n")
    return 0
