"""The machine's local time zone, with its daylight-saving rules.

``datetime.now().astimezone().tzinfo`` is only today's fixed offset: an
export spanning a clock change would show summer entries an hour off. So
the zone is looked up by name, as the C library does: ``TZ`` first, then
the ``/etc/localtime`` link (and Debian's ``/etc/timezone``). Only when no
name is found (Windows, an unusual ``TZ``) does the fixed offset serve.
"""

from __future__ import annotations

import os
from datetime import datetime, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def local_zone() -> tzinfo:
    """Return the local zone, DST-aware whenever its name can be found."""
    for key in _candidate_keys():
        try:
            return ZoneInfo(key)
        except (ZoneInfoNotFoundError, ValueError, OSError):
            continue
    zone = datetime.now().astimezone().tzinfo
    assert zone is not None
    return zone


def _candidate_keys() -> list[str]:
    configured = os.environ.get("TZ")
    if configured is not None:
        # TZ set (even to "") decides, as for the C library; ":Europe/Paris" is allowed.
        key = configured.lstrip(":")
        return _key_from_file(Path(key)) if key.startswith("/") else [key or "UTC"]
    return _key_from_file(Path("/etc/localtime")) + _debian_key()


def _key_from_file(link: Path) -> list[str]:
    target = str(link.resolve())
    marker = "/zoneinfo/"
    return [target.split(marker, 1)[1]] if marker in target else []


def _debian_key() -> list[str]:
    try:
        return [Path("/etc/timezone").read_text(encoding="utf-8").strip()]
    except OSError:
        return []
