"""Local wall-clock time: which zone the user lives in, and how a wall time
becomes an instant.

Rules are written in local time ("09:00-12:30", "at 21:30") but the engine
works in UTC instants. Two things make that conversion delicate:

- On a daylight-saving change some wall times do not exist (clocks jump
  from 02:00 to 03:00) and some happen twice (02:30 comes back). A time
  that does not exist is read as the first valid minute after it; a time
  that happens twice is read as its first occurrence, so it rings once.
- The zone itself comes from ``TZ`` (an IANA name or a file), else from
  ``/etc/localtime``, else from the offset the system reports, else UTC.
"""

from __future__ import annotations

import logging
import os
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_log = logging.getLogger(__name__)

_LOCALTIME = Path("/etc/localtime")


def local_zone() -> tzinfo:
    """Return the user's time zone.

    Honours ``TZ`` (an IANA name such as ``Europe/Berlin``, or a path to a
    zone file; an empty ``TZ`` means UTC), else ``/etc/localtime`` (Linux and
    macOS), else the fixed offset the system reports now (Windows without a
    ``TZ``), else UTC.
    """
    configured = os.environ.get("TZ")
    if configured is not None:
        zone = _zone_from_tz(configured)
        if zone is not None:
            return zone
    zone = _zone_from_file(_LOCALTIME)
    if zone is not None:
        return zone
    # Windows has no zone file; its own zone names are not IANA names. The
    # current offset is right until the next daylight-saving change.
    offset = datetime.now().astimezone().tzinfo
    return offset if offset is not None else UTC


def _zone_from_tz(value: str) -> tzinfo | None:
    name = value.removeprefix(":").strip()
    if not name:
        return UTC
    if os.path.isabs(name):
        return _zone_from_file(Path(name))
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        _log.warning("TZ=%r is not a time zone name (%s); using the system zone", value, error)
        return None


def _zone_from_file(path: Path) -> tzinfo | None:
    """Read a zone file, preferring its IANA name when it is a link into zoneinfo."""
    try:
        target = str(path.resolve(strict=True))
    except OSError:
        return None
    marker = "/zoneinfo/"
    if marker in target:
        try:
            return ZoneInfo(target.split(marker, 1)[1])
        except (ZoneInfoNotFoundError, ValueError):
            pass  # not a name tzdata knows; read the file itself below
    try:
        with open(path, "rb") as stream:
            return ZoneInfo.from_file(stream, key=str(path))
    except (OSError, ValueError) as error:
        _log.warning("cannot read the time zone file %s (%s)", path, error)
        return None


def wall_to_instant(day: date, wall: time, zone: tzinfo) -> datetime:
    """Return the UTC instant of a local wall time on ``day``.

    A wall time skipped by a daylight-saving change gives the first valid
    minute after it; a wall time that happens twice gives its first
    occurrence.
    """
    return _wall_to_instant(day, wall.replace(tzinfo=None, fold=0), zone)


@lru_cache(maxsize=8192)
def _wall_to_instant(day: date, wall: time, zone: tzinfo) -> datetime:
    local = datetime.combine(day, wall, tzinfo=zone)
    instant = local.astimezone(UTC)
    if instant.astimezone(zone).replace(tzinfo=None) == local.replace(tzinfo=None):
        return instant
    return _first_valid_after(local, zone)


def _first_valid_after(local: datetime, zone: tzinfo) -> datetime:
    """Find the end of the gap a skipped wall time falls into.

    Read with the offset after the change (``fold=1``) the wall time lands
    before the change; read with the offset before it (``fold=0``) it lands
    after. The change itself lies between: find it by halving.
    """
    wanted = local.replace(tzinfo=None)
    low = int(local.replace(fold=1).timestamp())
    high = int(local.replace(fold=0).timestamp())
    low, high = min(low, high), max(low, high)
    while high - low > 1:
        middle = (low + high) // 2
        if datetime.fromtimestamp(middle, zone).replace(tzinfo=None) >= wanted:
            high = middle
        else:
            low = middle
    # Zone changes happen on whole minutes; "the first valid minute" is one.
    return datetime.fromtimestamp(-(-high // 60) * 60, UTC)


def local_midnight(instant: datetime, zone: tzinfo, *, days: int = 0) -> datetime:
    """Return the start of the local day of ``instant``, moved by ``days`` days."""
    day = instant.astimezone(zone).date() + timedelta(days=days)
    return wall_to_instant(day, time(0, 0), zone)


class LocalZone:
    """The local time zone in effect; read again when the clock or zone may have changed.

    Callable, so parts that need the zone can hold it as ``Callable[[], tzinfo]``.
    """

    def __init__(self) -> None:
        self.current: tzinfo = local_zone()

    def __call__(self) -> tzinfo:
        return self.current

    def reread(self) -> tzinfo:
        self.current = local_zone()
        return self.current
