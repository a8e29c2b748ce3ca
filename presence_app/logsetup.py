"""The app's log: a small rotating text file in the user's log folder.

Tracebacks and details go here, never into dialogs. The log never holds
what the user wrote in a reflection.

The file rotates by size: past ``MAX_BYTES`` it becomes ``presence.log.1``
(older ones shift to ``.2`` and ``.3``) and a new file starts. The standard
library's ``RotatingFileHandler`` does the same, but lives in
``logging.handlers``, whose import brings pickle, queue and the socket
handlers into a tray app that sits in memory all day; the few lines below
do only what is needed.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

MAX_BYTES = 256 * 1024
BACKUPS = 3
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def setup_logging(log_file: Path, *, verbose: bool = False) -> None:
    """Log to ``log_file`` (rotated), and warnings to stderr.

    If the log folder cannot be written, the app still runs and logs to
    stderr only.
    """
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    console = logging.StreamHandler(sys.stderr)
    console.setLevel(logging.DEBUG if verbose else logging.WARNING)
    console.setFormatter(logging.Formatter("presence-app: %(message)s"))
    root.addHandler(console)
    try:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        handler = RotatingLog(log_file)
    except OSError as error:
        root.warning("the log file %s cannot be written (%s); logging to stderr", log_file, error)
        return
    handler.setFormatter(logging.Formatter(FORMAT))
    root.addHandler(handler)


class RotatingLog(logging.FileHandler):
    """A log file that is set aside once it grows past ``max_bytes``."""

    def __init__(self, path: Path, max_bytes: int = MAX_BYTES, backups: int = BACKUPS) -> None:
        super().__init__(path, encoding="utf-8")
        self._path = path
        self._max_bytes = max_bytes
        self._backups = backups

    def emit(self, record: logging.LogRecord) -> None:
        if self.stream is not None and self.stream.tell() >= self._max_bytes:
            self._rotate()
        super().emit(record)

    def _rotate(self) -> None:
        """Shift ``log.1``… up by one, keep the current file as ``log.1``, start afresh."""
        self.close()
        try:
            for number in range(self._backups - 1, 0, -1):
                older = self._path.with_name(f"{self._path.name}.{number}")
                if older.exists():
                    os.replace(older, self._path.with_name(f"{self._path.name}.{number + 1}"))
            os.replace(self._path, self._path.with_name(f"{self._path.name}.1"))
        except OSError:  # keep writing to the same file rather than lose the record
            pass
        self.stream = self._open()
