"""The bell player: the app's one way to make a sound, and its silent fallback.

Main ideas:

- **The device is closed between bells.** An open SDL device runs a thread
  that wakes for every buffer (about 47 times a second here, 1024 frames at
  48 kHz), which drains batteries and keeps audio sinks and Bluetooth
  headsets awake (``benchmarks/sound_idle.py`` measures it). The app calls
  ``prepare()`` shortly before a known deadline; ``play()`` then starts the
  cue within one mixer buffer and returns at once; after the cue's tail the
  player closes the device again through the ``call_later`` it was given. A
  pause started by hand just calls ``play()``, which opens the device itself.
- **Sounds are decoded once.** Shaped raw samples (see ``pcm.py``) are cached
  per file and fade-in, so reopening the device only copies bytes.
- **Nothing here stops the app.** No audio output, a broken custom file, an
  error from SDL while loading or playing: the cue becomes silent or falls
  back to the built-in default, the reason goes to ``on_problem`` once, and
  the next bell tries again (a headset plugged in later just works).

Every method is for the main thread only.
"""

from __future__ import annotations

import importlib.util
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from presence_app.adapters.sound import files as audio_files
from presence_app.adapters.sound.files import DEFAULT_CUE, Role
from presence_app.adapters.sound.mixer import DeviceError, Mixer, SoundFileError
from presence_app.core.settings import SoundSettings
from presence_app.i18n import N_, _

if TYPE_CHECKING:
    from pygame.mixer import Sound

log = logging.getLogger(__name__)

CallLater = Callable[[float, Callable[[], None]], object]

NO_DEVICE_MESSAGE = N_(
    "Sound cues are off because no audio output was found. Pauses will still appear."
)
BROKEN_INSTALL_MESSAGE = N_(
    "Sound cues are off because Presence's built-in sound {path} could not be loaded "
    "({reason}). Reinstalling Presence should bring it back. Pauses will still appear."
)
NO_LIBRARY_MESSAGE = N_(
    "Sound cues are off because the sound library (pygame-ce) is not installed. "
    "Pauses will still appear."
)

PREPARE_HOLD_SECONDS = 10.0
"""How long a prepared device waits for its bell before it closes again."""
TAIL_SECONDS = 0.5
"""Extra time after a cue's length before the device closes."""
BUSY_RECHECK_SECONDS = 0.25

ROLES: tuple[Role, ...] = ("start", "end")


class SoundPlayer(Protocol):
    """Plays the start and closing cues. Main thread only."""

    def configure(self, settings: SoundSettings) -> None:
        """Take new sound settings (cheap when nothing changed)."""

    def prepare(self) -> None:
        """Open the device now, shortly before a known deadline."""

    def play(self, role: Role) -> None:
        """Start the cue for ``role`` at once and return at once."""

    @property
    def problem(self) -> str | None:
        """Why cues are silent, or a chosen file is not used; ``None`` when all is well."""

    def audition(self, settings: SoundSettings, role: Role) -> str | None:
        """Play ``role``'s cue as ``settings`` would, now, to hear it before choosing it.

        Nothing is reported and the bell settings stay as they are. Returns
        why it cannot be heard (no audio output, a file that cannot be played),
        or ``None`` when it is playing.
        """

    def close(self) -> None:
        """Stop any sound and release the device, on quit."""


AUDITION_NO_DEVICE = N_(
    "Nothing can be heard here, because no audio output was found. "
    "Pauses will still appear; a connected speaker or headset is used at the next bell."
)


class SilentPlayer:
    """The do-nothing player: cues are visual only."""

    def __init__(self, problem: str | None = None) -> None:
        self._problem = problem

    def configure(self, settings: SoundSettings) -> None:
        pass

    def prepare(self) -> None:
        pass

    def play(self, role: Role) -> None:
        pass

    @property
    def problem(self) -> str | None:
        return self._problem

    def audition(self, settings: SoundSettings, role: Role) -> str | None:
        return self._problem or _(AUDITION_NO_DEVICE)

    def close(self) -> None:
        pass


def create_player(
    settings: SoundSettings,
    *,
    call_later: CallLater,
    on_problem: Callable[[str], None],
) -> SoundPlayer:
    """Return the mixer player, or a silent one when pygame is not installed.

    Nothing is imported or opened here; ``on_problem`` hears about trouble once.
    """
    if importlib.util.find_spec("pygame") is None:
        on_problem(_(NO_LIBRARY_MESSAGE))
        return SilentPlayer(_(NO_LIBRARY_MESSAGE))
    return MixerPlayer(settings, call_later=call_later, on_problem=on_problem)


class MixerPlayer:
    """Plays cues through ``pygame.mixer``, holding the device only around bells."""

    def __init__(
        self,
        settings: SoundSettings,
        *,
        call_later: CallLater,
        on_problem: Callable[[str], None],
        mixer: Mixer | None = None,
        sounds_dir: Path = audio_files.SOUNDS_DIR,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._call_later = call_later
        self._on_problem = on_problem
        self._mixer = mixer if mixer is not None else Mixer()
        self._sounds_dir = sounds_dir
        self._monotonic = monotonic
        self._settings = settings
        self._choices: dict[Role, audio_files.CueChoice] = {}
        self._sounds: dict[Role, Sound] = {}
        self._raw_cache: dict[tuple[Path, float], bytes] = {}
        self._file_problems: dict[Role, str] = {}
        self._silence_reason: str | None = None
        """Why cues are silent right now (no device, a damaged install), if they are."""
        self._reported: set[str] = set()
        self._keep_open_until = 0.0
        self._apply(settings)

    @property
    def mixer(self) -> Mixer:
        """The device this player drives (for tests and benchmarks)."""
        return self._mixer

    @property
    def problem(self) -> str | None:
        """Why cues are silent, else why a chosen file is not used, else ``None``."""
        if self._silence_reason is not None:
            return self._silence_reason
        return next(iter(self._file_problems.values()), None)

    def configure(self, settings: SoundSettings) -> None:
        if settings != self._settings:
            self._apply(settings)

    def _apply(self, settings: SoundSettings) -> None:
        self._settings = settings
        self._choices = {
            role: audio_files.resolve(settings, role, self._sounds_dir) for role in ROLES
        }
        self._file_problems = {
            role: choice.problem for role, choice in self._choices.items() if choice.problem
        }
        self._report_file_problems()
        self._sounds = {}  # loaded again, from the cache where possible, when next needed

    def prepare(self) -> None:
        if not self._is_audible() or not self._open():
            return
        for role in ROLES:
            if self._choices[role].path is not None and self._sound_for(role) is None:
                return
        self._hold_open(PREPARE_HOLD_SECONDS)

    def play(self, role: Role) -> None:
        if not self._is_audible() or self._choices[role].path is None:
            return
        # A cold start (a pause begun by hand) loads only this role's cue.
        sound = self._sound_for(role) if self._open() else None
        if sound is None:
            return
        try:
            self._mixer.play(sound, volume=self._settings.volume / 100)
        except DeviceError as error:
            self._device_failed(error)
            return
        self._recovered()
        self._hold_open(sound.get_length() + TAIL_SECONDS)

    def audition(self, settings: SoundSettings, role: Role) -> str | None:
        choice = audio_files.resolve(settings, role, self._sounds_dir)
        if choice.problem is not None or choice.path is None:
            return choice.problem or _("That choice is silence, so there is nothing to hear.")
        try:
            self._mixer.open()
            raw = self._cached_raw(choice.path, settings.fade_in.total_seconds())
            sound = self._mixer.sound(raw)
            self._mixer.play(sound, volume=settings.volume / 100)
        except DeviceError as error:
            log.info("an audition found no audio output: %s", error.reason)
            self._mixer.close()
            return _(AUDITION_NO_DEVICE)
        except SoundFileError as error:
            return audio_files.fallback_message(choice.path, error.reason)
        self._hold_open(sound.get_length() + TAIL_SECONDS)
        return None

    def close(self) -> None:
        self._sounds = {}
        self._mixer.close()

    def _is_audible(self) -> bool:
        return self._settings.enabled and self._settings.volume > 0

    def _open(self) -> bool:
        """Open the device; report and return False on failure."""
        try:
            self._mixer.open()
        except DeviceError as error:
            self._device_failed(error)
            return False
        return True

    def _sound_for(self, role: Role) -> Sound | None:
        """Return the role's playable sound, loading it (or its fallback) if needed."""
        path = self._choices[role].path
        if role in self._sounds or path is None:
            return self._sounds.get(role)
        try:
            self._sounds[role] = self._mixer.sound(self._raw_for(role, path))
        except DeviceError as error:
            self._device_failed(error)
            return None
        except SoundFileError as error:
            message = _(BROKEN_INSTALL_MESSAGE).format(path=error.path, reason=error.reason)
            self._fall_silent(message, error.reason)
            return None
        self._report_file_problems()
        return self._sounds[role]

    def _raw_for(self, role: Role, path: Path) -> bytes:
        fade_in = self._settings.fade_in.total_seconds()
        try:
            return self._cached_raw(path, fade_in)
        except SoundFileError as error:
            fallback = audio_files.builtin_file(DEFAULT_CUE, role, self._sounds_dir)
            if path == fallback:
                raise
            self._file_problems[role] = audio_files.fallback_message(path, error.reason)
            return self._cached_raw(fallback, fade_in)

    def _cached_raw(self, path: Path, fade_in: float) -> bytes:
        key = (path, fade_in)
        if key not in self._raw_cache:
            self._raw_cache = {k: v for k, v in self._raw_cache.items() if self._in_use(k[0])}
            self._raw_cache[key] = self._mixer.decode(path, fade_in=fade_in)
        return self._raw_cache[key]

    def _in_use(self, path: Path) -> bool:
        fallbacks = {audio_files.builtin_file(DEFAULT_CUE, r, self._sounds_dir) for r in ROLES}
        return path in fallbacks or any(c.path == path for c in self._choices.values())

    def _device_failed(self, error: DeviceError) -> None:
        self._fall_silent(_(NO_DEVICE_MESSAGE), error.reason)

    def _fall_silent(self, message: str, detail: str) -> None:
        """Close the device, tell the user once, and let the next cue try again."""
        log.warning("sound cues are silent: %s", detail)
        self._sounds = {}
        self._mixer.close()
        self._silence_reason = message
        self._report(message)

    def _recovered(self) -> None:
        """Forget why cues were silent once one really played, so a relapse is told again."""
        if self._silence_reason is not None:
            self._reported.discard(self._silence_reason)
            self._silence_reason = None

    def _report_file_problems(self) -> None:
        for message in self._file_problems.values():
            self._report(message)

    def _report(self, message: str) -> None:
        if message not in self._reported:
            self._reported.add(message)
            self._on_problem(message)

    def _hold_open(self, seconds: float) -> None:
        """Keep the device open at least ``seconds`` from now, then close it."""
        until = self._monotonic() + seconds
        if until > self._keep_open_until:
            self._keep_open_until = until
        self._call_later(seconds, self._close_when_quiet)

    def _close_when_quiet(self) -> None:
        if not self._mixer.is_open:
            return
        remaining = self._keep_open_until - self._monotonic()
        if remaining > 0.001:
            self._call_later(remaining, self._close_when_quiet)
        elif self._mixer.is_busy():
            self._call_later(BUSY_RECHECK_SECONDS, self._close_when_quiet)
        else:
            self.close()
