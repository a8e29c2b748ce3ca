"""What the settings window needs from the app, as narrow interfaces.

The window never sees the app object: it receives the settings in effect,
the file's path and a handful of plain callables. Tests hand it small
fakes; ``wiring.ports_for`` builds the real ones from the running app.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from pathlib import Path
from typing import Protocol

from presence_app.core.capabilities import Capability
from presence_app.core.settings import Settings, save_settings
from presence_app.i18n import _


@dataclass(frozen=True)
class ChordCheck:
    """Whether a shortcut works on this desktop, in words."""

    works: bool | None
    """True: it works here; False: it cannot be used; None: cannot tell before saving."""
    message: str


class PlayCue(Protocol):
    def __call__(
        self, cue: str, *, volume: int, fade_in: timedelta, closing: bool, custom_file: str
    ) -> str | None:
        """Play ``cue`` now through the real player; return why it cannot be heard, or None."""


def _silent(
    cue: str, *, volume: int, fade_in: timedelta, closing: bool, custom_file: str
) -> str | None:
    return _("Sound cannot be played from here.")


@dataclass(frozen=True)
class SettingsPorts:
    """Everything the settings window reads or does outside itself."""

    settings: Settings
    """The settings in effect when the window opens."""
    path: Path
    """The settings file (read to notice outside edits)."""
    now: Callable[[], datetime]
    zone: tzinfo
    seed: int = 0
    """Fixes the jitter of the preview, so it does not flicker while editing."""
    save: Callable[[Settings], bytes] | None = None
    """Write the settings; return the bytes written. Default: ``save_settings``."""
    play_cue: PlayCue = _silent
    check_sound_file: Callable[[str], str | None] = lambda path: None
    """Say why a file cannot be the own sound (the player's own words), or None."""
    check_chord: Callable[[str], ChordCheck] = lambda text: ChordCheck(None, "")
    capabilities: Callable[[], Sequence[Capability]] = lambda: ()

    def write(self, settings: Settings) -> bytes:
        return self.save(settings) if self.save else save_settings(self.path, settings)
