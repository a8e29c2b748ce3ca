"""The SDL audio device through ``pygame.mixer``: open, load, play, close.

Only the mixer is ever initialised (never ``pygame.init()``, whose video and
event parts would fight Qt), and pygame is imported here lazily, the first
time a device is opened: importing it costs about 0.08 s and 15 MB, which the
tray's start-up should not pay.

The device is opened in one fixed format (48 kHz, 16-bit, stereo, 1024-frame
buffer; ``allowedchanges=0`` makes SDL convert to the real device's format),
so decoded sounds can be cached as raw bytes and reused on the next opening.
Before opening, SDL's hints name the stream after the app, so it shows up
properly in the desktop's volume mixer, and keep SDL's hands off the
process's signals; a value the user set in the environment wins.

Every failure becomes one of two exceptions whose ``reason`` is short and
readable: ``DeviceError`` (no audio output) and ``SoundFileError`` (this file
cannot be decoded). Main thread only.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

from presence_app.adapters.sound import pcm
from presence_app.i18n import _

if TYPE_CHECKING:
    from pygame.mixer import Channel, Sound

log = logging.getLogger(__name__)

FREQUENCY = 48000
CHANNELS = 2
BUFFER_FRAMES = 1024
"""About 21 ms: small enough for a bell to start on time, large enough not to crackle."""

RESERVED_CHANNELS = 2
"""Two, so a closing cue can start while the start cue's tail fades out."""

SDL_HINTS = {
    # Without this, initialising SDL's audio (which brings up its event
    # subsystem) installs SIGINT/SIGTERM handlers that turn the signals into
    # SDL events nobody reads: the app would ignore Ctrl+C and a polite kill
    # for as long as the device is open.
    "SDL_NO_SIGNAL_HANDLERS": "1",
    "SDL_APP_NAME": "Presence",
    "SDL_AUDIO_DEVICE_APP_NAME": "Presence",
    "SDL_AUDIO_DEVICE_STREAM_NAME": "Bell",
    "SDL_AUDIO_DEVICE_STREAM_ROLE": "Notification",
}


class DeviceError(Exception):
    """No audio output could be opened or used."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class SoundFileError(Exception):
    """A sound file could not be turned into a playable cue."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class Mixer:
    """One SDL audio device, opened shortly before a bell and closed after it."""

    def __init__(self, *, frequency: int = FREQUENCY, buffer_frames: int = BUFFER_FRAMES) -> None:
        self.frequency = frequency
        self.buffer_frames = buffer_frames
        self.is_open = False

    def open(self) -> None:
        """Open the audio device (a no-op when it is open).

        Raises:
            DeviceError: there is no usable audio output right now.
        """
        if self.is_open:
            return
        for name, value in SDL_HINTS.items():
            os.environ.setdefault(name, value)
        os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
        import pygame

        try:
            pygame.mixer.init(self.frequency, -16, CHANNELS, self.buffer_frames, allowedchanges=0)
            pygame.mixer.set_reserved(RESERVED_CHANNELS)
        except pygame.error as error:
            log.info("the audio device could not be opened: %s", error)
            pygame.mixer.quit()
            raise DeviceError(str(error)) from error
        self.is_open = True
        log.debug("audio device open: %s", pygame.mixer.get_driver())

    def close(self) -> None:
        """Stop everything and close the device, so its thread stops waking up."""
        if not self.is_open:
            return
        import pygame

        self.is_open = False
        pygame.mixer.quit()

    def decode(self, path: Path, *, fade_in: float) -> bytes:
        """Decode ``path`` to shaped raw samples in the device format.

        Raises:
            SoundFileError: the file is missing, unreadable or not a format SDL knows.
            DeviceError: the device is not open.
        """
        import pygame

        self._require_open()
        try:
            sound = pygame.mixer.Sound(file=path)
        except FileNotFoundError as error:
            raise SoundFileError(path, _("the file was not found")) from error
        except PermissionError as error:
            raise SoundFileError(path, _("permission to read it was denied")) from error
        except (pygame.error, OSError) as error:
            log.info("could not decode %s: %s", path, error)
            raise SoundFileError(path, _("unsupported format")) from error
        shaped = pcm.shape(
            sound.get_raw(), rate=self.frequency, channels=CHANNELS, fade_in=fade_in
        )
        if not shaped:
            raise SoundFileError(path, _("it contains only silence"))
        return shaped

    def sound(self, raw: bytes) -> Sound:
        """Make a playable sound from raw samples in the device format.

        Raises:
            DeviceError: the mixer refused it (for instance, the device went away).
        """
        import pygame

        self._require_open()
        try:
            return pygame.mixer.Sound(buffer=raw)
        except pygame.error as error:
            raise DeviceError(str(error)) from error

    def play(self, sound: Sound, *, volume: float) -> Channel:
        """Start ``sound`` on a free reserved channel and return at once.

        Any reserved channel still ringing fades out gently instead of being cut.

        Raises:
            DeviceError: the mixer could not play.
        """
        import pygame

        self._require_open()
        try:
            channels = [pygame.mixer.Channel(i) for i in range(RESERVED_CHANNELS)]
            free = next((c for c in channels if not c.get_busy()), None)
            for channel in channels:
                if channel.get_busy() and channel is not free:
                    channel.fadeout(300)
            # Three cues within one tail is rare; only then is one cut short.
            target = free if free is not None else channels[0]
            target.set_volume(volume)
            target.play(sound)
        except pygame.error as error:
            raise DeviceError(str(error)) from error
        return target

    def is_busy(self) -> bool:
        """Tell whether any cue is still sounding."""
        if not self.is_open:
            return False
        import pygame

        return pygame.mixer.get_busy()

    def _require_open(self) -> None:
        if not self.is_open:
            raise DeviceError("mixer not initialized")
