"""``presence-app sound list | play NAME``: see and hear the cues without the app.

``list`` shows the built-in cues, "none" and the custom file, marking which
the settings use for the start and the end of a pause. ``play`` plays one cue
(a built-in name, "custom", or the path of any sound file, to try it before
choosing it), waits until it has finished and exits 0; when it cannot play
it says why and exits 1. Unlike the app's player it never falls back to
another sound: a person asking to hear a file wants to know if it works.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from presence_app.adapters.sound import files as audio_files
from presence_app.adapters.sound.files import Role
from presence_app.adapters.sound.mixer import CHANNELS, DeviceError, Mixer, SoundFileError
from presence_app.core.paths import Paths
from presence_app.core.settings import (
    BUILTIN_CUES,
    CUSTOM_CUE,
    NO_CUE,
    SoundSettings,
    load_settings,
)
from presence_app.i18n import _, pgettext

EXIT_OK = 0
EXIT_FAILED = 1
WAIT_MARGIN_SECONDS = 5.0
BYTES_PER_FRAME = 2 * CHANNELS


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add ``sound list`` and ``sound play`` to the parser."""
    sound = subparsers.add_parser("sound", help=_("list the sound cues or play one"))
    actions = sound.add_subparsers(title=_("actions"), metavar="ACTION", required=True)
    listing = actions.add_parser("list", help=_("list the cues, marking the ones in use"))
    listing.set_defaults(handler=list_cues)
    play = actions.add_parser("play", help=_("play a cue and wait until it has finished"))
    play.add_argument(
        "name", metavar="NAME", help=_('a built-in cue, "custom", or the path of a sound file')
    )
    play.add_argument(
        "--volume", type=_volume, metavar="N", help=_("0 to 100 (default: from the settings)")
    )
    play.add_argument(
        "--closing", action="store_true", help=_("play the closing version of a built-in cue")
    )
    play.set_defaults(handler=play_cue)


def _volume(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if not 0 <= value <= 100:
        raise argparse.ArgumentTypeError(
            _("the volume is a whole number from 0 to 100, not {text}").format(text=text)
        )
    return value


def load_sound_settings() -> SoundSettings:
    """Return the sound settings from the settings file (defaults where invalid)."""
    return load_settings(Paths.from_platform().settings_file).settings.sound


def list_cues(args: argparse.Namespace) -> int:
    """Print every cue with what it is and which role uses it."""
    settings = load_sound_settings()
    rows = [(_("NAME"), _("USED FOR"), _("SOUND"))]
    roles = (("start", pgettext("cue role", "start")), ("end", pgettext("cue role", "end")))
    for cue in (*BUILTIN_CUES, NO_CUE, CUSTOM_CUE):
        used = ", ".join(word for role, word in roles if _uses(settings, role, cue))
        rows.append((cue, used, _describe(cue, settings)))
    width_name = max(len(row[0]) for row in rows) + 2
    width_used = max(len(row[1]) for row in rows) + 2
    for name, used, what in rows:
        print(f"{name:{width_name}}{used:{width_used}}{what}".rstrip())
    if not settings.enabled:
        print("\n" + _("Sound cues are turned off in the settings, so pauses begin quietly."))
    return EXIT_OK


def _uses(settings: SoundSettings, role: str, cue: str) -> bool:
    return (settings.start if role == "start" else settings.end) == cue


def _describe(cue: str, settings: SoundSettings) -> str:
    if cue in BUILTIN_CUES:
        return _("built-in {sound}, with a closing version").format(
            sound=audio_files.display_name(cue)
        )
    if cue == NO_CUE:
        return _("silence")
    if not settings.custom_file.strip():
        return _("your own sound file (none chosen yet)")
    path = Path(settings.custom_file).expanduser()
    reason = audio_files.unreadable_reason(path)
    return f"{path} ({reason})" if reason else str(path)


def play_cue(args: argparse.Namespace) -> int:
    """Play one cue at the chosen volume and wait until it has finished."""
    settings = load_sound_settings()
    if args.name == NO_CUE:
        print(_('The cue "none" is silence, so there is nothing to play.'))
        return EXIT_OK
    try:
        path = _file_for(args.name, "end" if args.closing else "start", settings)
    except LookupError as error:
        print(error, file=sys.stderr)
        return EXIT_FAILED
    volume = settings.volume if args.volume is None else args.volume
    return _play_file(path, volume=volume, fade_in=settings.fade_in.total_seconds())


def _file_for(name: str, role: Role, settings: SoundSettings) -> Path:
    """Find the file to play for NAME.

    Raises:
        LookupError: NAME names nothing playable (the message says what would).
    """
    if name in BUILTIN_CUES:
        return audio_files.builtin_file(name, role)
    if name == CUSTOM_CUE:
        if not settings.custom_file.strip():
            raise LookupError(
                _(
                    "No sound file is chosen for the custom cue yet. "
                    "You can play any sound file by giving its path instead."
                )
            )
        return Path(settings.custom_file).expanduser()
    candidate = Path(name).expanduser()
    if candidate.suffix or candidate.exists() or "/" in name:
        return candidate
    known = ", ".join(BUILTIN_CUES)
    raise LookupError(
        _(
            'There is no cue called "{name}". The built-in cues are {known}; '
            "you can also give the path of a sound file."
        ).format(name=name, known=known)
    )


def _play_file(path: Path, *, volume: int, fade_in: float) -> int:
    reason = audio_files.unreadable_reason(path)
    if reason is not None:  # say so before waking any audio device
        print(_not_played(path, reason), file=sys.stderr)
        return EXIT_FAILED
    mixer = Mixer()
    try:
        mixer.open()
        raw = mixer.decode(path, fade_in=fade_in)
        mixer.play(mixer.sound(raw), volume=volume / 100)
        _wait_until_quiet(mixer, len(raw) / (BYTES_PER_FRAME * mixer.frequency))
    except DeviceError as error:
        print(
            _(
                "No sound could be played because no audio output was found ({reason}). "
                "Check that a speaker or headset is connected and not muted."
            ).format(reason=error.reason),
            file=sys.stderr,
        )
        return EXIT_FAILED
    except SoundFileError as error:
        print(_not_played(error.path, error.reason), file=sys.stderr)
        return EXIT_FAILED
    finally:
        mixer.close()
    return EXIT_OK


def _not_played(path: object, reason: str) -> str:
    return _("The sound file {path} could not be played ({reason}).").format(
        path=path, reason=reason
    )


def _wait_until_quiet(mixer: Mixer, seconds: float) -> None:
    deadline = time.monotonic() + seconds + WAIT_MARGIN_SECONDS
    while mixer.is_busy() and time.monotonic() < deadline:
        time.sleep(0.05)
