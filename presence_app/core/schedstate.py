"""The schedule's memory: what happened that the next bell depends on.

The next bell is computed from the rules and this small state, never from
timers, so the state must survive restarts: it is kept as JSON in the state
dir and replaced atomically on every change. A missing file is a fresh
start; a damaged one is logged and replaced by a fresh state, because
losing "quiet until 17:00" is far better than not starting.

Time away is kept as a few (start, end) pairs: an away counts as a natural
pause only for rules whose pause is no longer than it, so a short away must
not hide an earlier, longer one. Only the pairs that can still matter are
kept (see ``remember_away``).
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Protocol

from presence_app.core.atomicfile import write_atomic
from presence_app.core.clock import moved

_log = logging.getLogger(__name__)

STATE_VERSION = 1
STATE_FILE = "schedule.json"
"""The file's name in the state dir (``Paths.state_dir / STATE_FILE``)."""
MAX_AWAYS = 8
Away = tuple[datetime, datetime]


def new_seed() -> int:
    """A fresh 31-bit seed for the jitter of a new schedule state.

    Read from ``os.urandom`` rather than ``secrets``: that module pulls in
    hashlib and OpenSSL (about 4 MB resident) only for this.
    """
    return int.from_bytes(os.urandom(4), "big") >> 1


@dataclass
class ScheduleState:
    """Everything the next bell depends on besides the rules and the clock."""

    last_pause_end: datetime | None = None
    skip_next: bool = False
    quiet_until: datetime | None = None
    """None means not quiet."""
    quiet_reason: str | None = None
    snoozed_until: datetime | None = None
    snoozed_rules: tuple[str, ...] = ()
    snoozed_pause: timedelta | None = None
    back_at: datetime | None = None
    """End of the last time away or sleep; the grace period starts here."""
    last_bell: datetime | None = None
    """The last bell, rung or passed, or the start of the last pause."""
    aways: list[Away] = field(default_factory=list)
    seed: int = field(default_factory=new_seed)
    """Jitter seed, kept so that a restart does not reshuffle the bells."""

    def remember_away(self, start: datetime, end: datetime) -> None:
        """Add a time away, keeping only the ones that can still start a countdown.

        An away is forgotten once a pause ends after it, or once a later away
        is at least as long (the later one then wins for every rule).
        """
        length = end - start
        kept = [(s, e) for s, e in self.aways if e - s > length and e < end]
        if self.last_pause_end is not None:
            kept = [(s, e) for s, e in kept if e > self.last_pause_end]
        self.aways = [*kept, (start, end)][-MAX_AWAYS:]

    def shift(self, by: timedelta) -> None:
        """Move every remembered past instant by ``by`` (the clock was set)."""
        self.last_pause_end = moved(self.last_pause_end, by)
        self.last_bell = moved(self.last_bell, by)
        self.back_at = moved(self.back_at, by)
        self.snoozed_until = moved(self.snoozed_until, by)
        self.aways = [(moved(s, by), moved(e, by)) for s, e in self.aways]


class StateStore:
    """Reads and writes one ``ScheduleState`` as JSON."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self) -> ScheduleState:
        """Return the saved state, or a fresh one if there is none or it is damaged."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return ScheduleState()
        except (OSError, UnicodeDecodeError) as error:
            _log.warning(
                "cannot read the schedule state %s (%s); starting fresh", self.path, error
            )
            return ScheduleState()
        try:
            return state_from_json(json.loads(text))
        except (ValueError, TypeError, KeyError) as error:
            _log.warning("the schedule state %s is damaged (%s); starting fresh", self.path, error)
            return ScheduleState()

    def save(self, state: ScheduleState) -> None:
        """Write the state atomically.

        Raises:
            OSError: the state dir cannot be written.
        """
        text = json.dumps(state_to_json(state), indent=1, sort_keys=True)
        write_atomic(self.path, text.encode("utf-8"))


def state_to_json(state: ScheduleState) -> dict[str, Any]:
    """Return the state as plain JSON values."""
    return {
        "version": STATE_VERSION,
        "last_pause_end": _instant_out(state.last_pause_end),
        "skip_next": state.skip_next,
        "quiet_until": _instant_out(state.quiet_until),
        "quiet_reason": state.quiet_reason,
        "snoozed_until": _instant_out(state.snoozed_until),
        "snoozed_rules": list(state.snoozed_rules),
        "snoozed_pause_seconds": (
            None if state.snoozed_pause is None else state.snoozed_pause.total_seconds()
        ),
        "back_at": _instant_out(state.back_at),
        "last_bell": _instant_out(state.last_bell),
        "aways": [[s.isoformat(), e.isoformat()] for s, e in state.aways],
        "seed": state.seed,
    }


def state_from_json(data: Any) -> ScheduleState:
    """Rebuild a state from ``state_to_json`` output.

    Raises:
        ValueError, TypeError, KeyError: the data is not such output.
    """
    if not isinstance(data, dict) or data.get("version") != STATE_VERSION:
        raise ValueError("not a version 1 schedule state")
    pause = data["snoozed_pause_seconds"]
    reason = data["quiet_reason"]
    rules = data["snoozed_rules"]
    if not isinstance(rules, list) or not all(isinstance(r, str) for r in rules):
        raise TypeError("snoozed_rules must be a list of names")
    return ScheduleState(
        last_pause_end=_instant_in(data["last_pause_end"]),
        skip_next=bool(data["skip_next"]),
        quiet_until=_instant_in(data["quiet_until"]),
        quiet_reason=None if reason is None else str(reason),
        snoozed_until=_instant_in(data["snoozed_until"]),
        snoozed_rules=tuple(rules),
        snoozed_pause=None if pause is None else timedelta(seconds=float(pause)),
        back_at=_instant_in(data["back_at"]),
        last_bell=_instant_in(data["last_bell"]),
        aways=[(_required(s), _required(e)) for s, e in data["aways"]],
        seed=int(data["seed"]),
    )


def _instant_out(instant: datetime | None) -> str | None:
    return None if instant is None else instant.isoformat()


def _instant_in(value: Any) -> datetime | None:
    return None if value is None else _required(value)


def _required(value: Any) -> datetime:
    if not isinstance(value, str):
        raise TypeError(f"expected an ISO-8601 instant, found {value!r}")
    instant = datetime.fromisoformat(value)
    if instant.tzinfo is None:
        raise ValueError(f"instant without a UTC offset: {value!r}")
    return instant.astimezone(UTC)


class HasState(Protocol):
    """Anything that holds a ``ScheduleState`` (the scheduler)."""

    @property
    def state(self) -> ScheduleState: ...


class StateSaver:
    """Writes the schedule's state to its store when it changed since the last write.

    The app calls ``save`` after every change of the lifecycle; most calls
    find nothing new and write nothing. A failed write is logged and tried
    again at the next change.
    """

    def __init__(self, store: StateStore, scheduler: HasState) -> None:
        self._store = store
        self._scheduler = scheduler
        self._saved: dict[str, Any] | None = None

    def save(self) -> None:
        data = state_to_json(self._scheduler.state)
        if data == self._saved:
            return
        try:
            self._store.save(self._scheduler.state)
            self._saved = data
        except OSError as error:
            _log.warning("schedule state could not be saved: %s", error)
