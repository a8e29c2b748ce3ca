"""Build the settings window's ports from the running app's parts.

The window gets plain callables; this module is the one place that knows
which part of the app answers each: the player plays a cue for the Play
buttons and checks the own file, the shortcut backend says whether a chord
works here (on X11 by trying the grab on a connection of its own and
letting go at once), and the app's clock and zone drive the preview.
``AppParts`` names exactly what is read from the app.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta, tzinfo
from typing import Protocol

from presence_app.adapters.shortcut import GlobalShortcut, NullShortcut, unavailable_message
from presence_app.adapters.sound import files as audio_files
from presence_app.adapters.sound.files import Role
from presence_app.adapters.sound.player import SoundPlayer
from presence_app.core.capabilities import Capability
from presence_app.core.chord import ChordError, parse_chord
from presence_app.core.paths import Paths
from presence_app.core.schedule import Scheduler
from presence_app.core.settings import CUSTOM_CUE, Settings, SoundSettings
from presence_app.i18n import _
from presence_app.ui.settings.ports import ChordCheck, SettingsPorts


class AppParts(Protocol):
    """What the settings window's ports read from the app."""

    @property
    def settings(self) -> Settings: ...
    @property
    def paths(self) -> Paths: ...
    @property
    def player(self) -> SoundPlayer: ...
    @property
    def shortcut(self) -> GlobalShortcut: ...
    @property
    def scheduler(self) -> Scheduler: ...
    @property
    def zone(self) -> tzinfo: ...
    def clock_now(self) -> datetime: ...


def ports_for(
    app: AppParts, capabilities: Callable[[], Sequence[Capability]] | None = None
) -> SettingsPorts:
    """The ports of a settings window for the running ``app``."""
    return SettingsPorts(
        settings=app.settings,
        path=app.paths.settings_file,
        now=app.clock_now,
        zone=app.zone,
        seed=app.scheduler.state.seed,
        play_cue=lambda cue, **how: play_cue(app.player, cue, **how),
        check_sound_file=check_sound_file,
        check_chord=lambda text: check_chord(text, app.shortcut, app.settings.shortcut),
        capabilities=capabilities or (lambda: known_capabilities(app)),
    )


def play_cue(
    player: SoundPlayer,
    cue: str,
    *,
    volume: int,
    fade_in: timedelta,
    closing: bool,
    custom_file: str,
) -> str | None:
    """Play one cue through the app's own player, as the window's values would."""
    role: Role = "end" if closing else "start"
    settings = SoundSettings(
        start=cue, end=cue, volume=volume, fade_in=fade_in, custom_file=custom_file
    )
    return player.audition(settings, role)


def check_sound_file(path: str) -> str | None:
    """Say why ``path`` cannot be the own sound, in the player's own words."""
    settings = SoundSettings(start=CUSTOM_CUE, custom_file=path)
    return audio_files.resolve(settings, "start").problem


def check_chord(text: str, shortcut: GlobalShortcut, current: str) -> ChordCheck:
    """Say whether ``text`` would work as the shortcut on this desktop."""
    try:
        chord = parse_chord(text)
    except ChordError as error:
        return ChordCheck(False, str(error))
    works_here = _("{shortcut} works on this desktop.").format(shortcut=chord)
    if current.strip() and _same(current, text) and shortcut.status.works:
        return ChordCheck(True, works_here)
    if isinstance(shortcut, NullShortcut):
        return ChordCheck(False, unavailable_message())
    if type(shortcut).__module__.endswith(".x11"):
        from presence_app.adapters.shortcut.x11 import X11Shortcut

        try:
            probe = X11Shortcut()
        except OSError:
            return ChordCheck(None, "")
        status = probe.set_chord(chord)
        probe.close()
        return ChordCheck(status.works, works_here if status.works else status.message or "")
    return ChordCheck(
        None,
        _("{shortcut} can be used; the desktop may ask you to confirm it.").format(shortcut=chord),
    )


def _same(first: str, second: str) -> bool:
    try:
        return parse_chord(first) == parse_chord(second)
    except ChordError:
        return False


def known_capabilities(app: AppParts) -> list[Capability]:
    """What the app itself knows works here: the shortcut and the sound."""
    status = app.shortcut.status
    chord = app.settings.shortcut
    rows = [
        Capability(
            _("Global shortcut"),
            status.works if chord else None,
            _("{shortcut} starts a pause from anywhere.").format(shortcut=chord)
            if status.works
            else (status.message or _("Off.")),
            ""
            if status.works
            else _("Bind “presence-app pause” in your desktop's keyboard settings."),
        )
    ]
    problem = app.player.problem
    rows.append(
        Capability(
            _("Sound"),
            problem is None,
            problem or _("Bells ring through the desktop's sound output."),
            _("Connect a speaker or headset; the next bell tries again.") if problem else "",
        )
    )
    return rows
