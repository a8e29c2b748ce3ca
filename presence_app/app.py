"""Composition root: builds every object and connects them.

PLACEHOLDER until the tray app lands (issue 5).
"""

from __future__ import annotations

import argparse
import sys


def run(args: argparse.Namespace) -> int:
    """Start the app; returns the exit code."""
    sys.stderr.write(
        "presence-app: the tray app is not built yet. "
        "Try `presence-app --help` for the commands that work today.\n"
    )
    return 1
