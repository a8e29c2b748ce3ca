"""Reading one GNOME setting with the ``gsettings`` tool.

GNOME keeps some of what Presence wants to know (whether do-not-disturb
is on, whether animations are wanted) in its settings database. The
``gsettings`` program reads it whatever the storage behind it (dconf, a
key file), without a library binding, so it is run once per question.

The command runner is injected (``Run``), so tests can answer for it;
the real one gives up after a short timeout and answers None when the
tool is missing, fails or hangs.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable

log = logging.getLogger(__name__)

Run = Callable[[list[str]], str | None]
"""Runs a command and returns its output, or None when it could not run."""

TIMEOUT_S = 1.0


def run(command: list[str]) -> str | None:
    """Run ``command``; return its output if it succeeded, None otherwise."""
    import subprocess  # when a question is asked, not at start-up

    if shutil.which(command[0]) is None:
        return None
    try:
        result = subprocess.run(
            command, capture_output=True, text=True, timeout=TIMEOUT_S, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        log.debug("%s did not answer: %s", command[0], error)
        return None
    return result.stdout if result.returncode == 0 else None


def get(schema: str, key: str, runner: Run = run) -> str | None:
    """Return the value of ``key`` in ``schema`` as gsettings prints it, or None."""
    answer = runner(["gsettings", "get", schema, key])
    return None if answer is None else answer.strip()
