"""The app's log: a small rotating text file in the user's log folder.

Tracebacks and details go here, never into dialogs. The log never holds
what the user wrote in a reflection.
"""

from __future__ import annotations

import logging
import logging.handlers
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
        handler = logging.handlers.RotatingFileHandler(
            log_file, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
        )
    except OSError as error:
        root.warning("the log file %s cannot be written (%s); logging to stderr", log_file, error)
        return
    handler.setFormatter(logging.Formatter(FORMAT))
    root.addHandler(handler)
