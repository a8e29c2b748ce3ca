"""The reflection being written, kept on disk as it is typed.

The reflection window reports its text (debounced) and the lifecycle stores
it here, in the state folder, with an atomic write. If the app crashes or is
killed, at most a second of typing is lost, and the next start offers the
draft again. A damaged draft file is set aside (renamed), never deleted.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path

from presence_app.core.atomicfile import write_atomic

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Draft:
    prompt: str
    text: str
    feelings: tuple[str, ...] = ()
    entry_id: int | None = None
    """The journal entry of the pause this reflection belongs to."""


class DraftStore:
    """One draft at a time, in ``<state dir>/draft.json``. Main thread only."""

    def __init__(self, path: Path) -> None:
        self._path = path

    def load(self) -> Draft | None:
        try:
            raw = json.loads(self._path.read_text(encoding="utf-8"))
            return Draft(
                prompt=str(raw["prompt"]),
                text=str(raw["text"]),
                feelings=tuple(str(f) for f in raw.get("feelings", ())),
                entry_id=int(raw["entry_id"]) if raw.get("entry_id") is not None else None,
            )
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError) as error:
            log.warning("draft %s could not be read (%s); set aside", self._path, error)
            self._set_aside()
            return None

    def save(self, draft: Draft) -> None:
        """Write the draft atomically. Raises OSError when the disk refuses."""
        data = {
            "prompt": draft.prompt,
            "text": draft.text,
            "feelings": list(draft.feelings),
            "entry_id": draft.entry_id,
        }
        write_atomic(self._path, json.dumps(data, ensure_ascii=False).encode("utf-8"))

    def clear(self) -> None:
        self._path.unlink(missing_ok=True)

    def _set_aside(self) -> None:
        try:
            self._path.replace(self._path.with_suffix(".damaged.json"))
        except OSError:
            log.exception("could not set the damaged draft aside")
