"""Placeholder: the `schedule` commands are added by their issue."""

from __future__ import annotations

import argparse
from typing import Any


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add this module's commands to the parser."""
