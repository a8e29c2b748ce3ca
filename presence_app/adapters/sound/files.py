"""Which file a cue plays: built-in names, roles, custom files and fallbacks.

Settings name a cue ("singing-bowl", "none", "custom"); the start role plays
its start version and the end role its closing version. The built-in files
are in ``presence_app/assets/sounds`` (``presence_app.resources`` finds them in a
checkout and in an installed wheel): ``singing-bowl.wav`` and
``singing-bowl-closing.wav``.

Resolving a choice never imports pygame: a missing or unreadable custom file
is noticed here, cheaply, when settings change. Whether SDL can decode the
file is only known when the mixer loads it (see ``mixer.py``). Either way
the cue falls back to the built-in default and the message names the file
and the reason.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from presence_app.core.settings import BUILTIN_CUES, CUSTOM_CUE, NO_CUE, SoundSettings
from presence_app.i18n import NP_, _, pgettext
from presence_app.resources import asset_path

Role = Literal["start", "end"]

SOUNDS_DIR = asset_path("sounds")
DEFAULT_CUE = SoundSettings().start


@dataclass(frozen=True)
class CueChoice:
    """What one role will play, and why it differs from the wish, if it does."""

    path: Path | None
    """The file to play; ``None`` means the role is silent."""
    problem: str | None = None
    """A calm message for the user when the chosen sound is not used."""


SOUND_WORDS = {
    "singing-bowl": NP_("sound", "singing bowl"),
    "small-bell": NP_("sound", "small bell"),
    "soft-chime": NP_("sound", "soft chime"),
    "wooden-tone": NP_("sound", "wooden tone"),
}
"""How a sentence names each built-in cue, in English (translated where said)."""


def display_name(cue: str) -> str:
    """Return the cue's name as a sentence uses it: "singing bowl"."""
    return pgettext("sound", SOUND_WORDS.get(cue, cue.replace("-", " ")))


def builtin_file(cue: str, role: Role, folder: Path = SOUNDS_DIR) -> Path:
    """Return the shipped file of a built-in cue for a role."""
    suffix = "" if role == "start" else "-closing"
    return folder / f"{cue}{suffix}.wav"


def fallback_message(path: Path | str, reason: str) -> str:
    """Explain that a custom file is not used, naming it and the reason."""
    # The default cue is the singing bowl; the sentences name it, so they read
    # naturally in every language.
    return _(
        "The sound file {path} could not be played ({reason}), so the singing bowl plays instead."
    ).format(path=path, reason=reason)


def resolve(settings: SoundSettings, role: Role, folder: Path = SOUNDS_DIR) -> CueChoice:
    """Decide which file plays for ``role``, falling back to the default cue."""
    cue = settings.start if role == "start" else settings.end
    if cue == NO_CUE:
        return CueChoice(None)
    if cue in BUILTIN_CUES:
        return CueChoice(builtin_file(cue, role, folder))
    default = builtin_file(DEFAULT_CUE, role, folder)
    if cue != CUSTOM_CUE:
        message = _(
            'The sound cue "{cue}" is not known, so the singing bowl plays instead.'
        ).format(cue=cue)
        return CueChoice(default, message)
    if not settings.custom_file.strip():
        message = _(
            "No sound file is chosen for the custom cue yet, so the singing bowl plays instead."
        )
        return CueChoice(default, message)
    custom = Path(settings.custom_file).expanduser()
    reason = unreadable_reason(custom)
    if reason is not None:
        return CueChoice(default, fallback_message(custom, reason))
    return CueChoice(custom)


def unreadable_reason(path: Path) -> str | None:
    """Say why ``path`` cannot be read as a file, or return ``None`` if it can."""
    try:
        if path.is_dir():
            return _("it is a folder, not a sound file")
        if path.stat().st_size == 0:
            return _("the file is empty")
        with path.open("rb"):
            pass
    except FileNotFoundError:
        return _("the file was not found")
    except PermissionError:
        return _("permission to read it was denied")
    except OSError as error:
        return (os.strerror(error.errno) if error.errno else str(error)).lower()
    return None
