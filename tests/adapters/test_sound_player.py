"""The bell player's behaviour: device lifetime, fallbacks, problems reported once."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pygame
import pytest

from presence_app.adapters.sound.files import builtin_file
from presence_app.adapters.sound.mixer import DeviceError, Mixer
from presence_app.adapters.sound.player import (
    NO_DEVICE_MESSAGE,
    PREPARE_HOLD_SECONDS,
    MixerPlayer,
    SilentPlayer,
    create_player,
)
from presence_app.core.settings import SoundSettings
from tests.adapters.sound_support import (
    FakeMonotonic,
    FakeTimers,
    Problems,
    close_mixer,
    cue_seconds,
    use_disk_driver,
    wait_until,
    write_tone,
)

HINTS = (
    "SDL_NO_SIGNAL_HANDLERS",
    "SDL_APP_NAME",
    "SDL_AUDIO_DEVICE_APP_NAME",
    "SDL_AUDIO_DEVICE_STREAM_NAME",
    "SDL_AUDIO_DEVICE_STREAM_ROLE",
)


@pytest.fixture(autouse=True)
def no_device_left_open() -> Iterator[None]:
    yield
    close_mixer()


def make_player(
    settings: SoundSettings | None = None, mixer: Mixer | None = None
) -> tuple[MixerPlayer, FakeTimers, FakeMonotonic, Problems]:
    timers, clock, problems = FakeTimers(), FakeMonotonic(), Problems()
    player = MixerPlayer(
        settings or SoundSettings(),
        call_later=timers,
        on_problem=problems,
        mixer=mixer,
        monotonic=clock,
    )
    return player, timers, clock, problems


def test_importing_the_player_leaves_pygame_unloaded() -> None:
    code = (
        "import sys, presence_app.adapters.sound.player as s\n"
        "from presence_app.core.settings import SoundSettings\n"
        "s.create_player(SoundSettings(), call_later=lambda *a: None, on_problem=print)\n"
        "print('pygame' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout == "False\n"


def test_create_player_gives_a_mixer_player_with_the_device_closed() -> None:
    player = create_player(SoundSettings(), call_later=FakeTimers(), on_problem=Problems())
    assert isinstance(player, MixerPlayer)
    assert not player.mixer.is_open
    assert player.problem is None


def test_without_pygame_the_player_is_silent_and_says_why(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *rest: None if name == "pygame" else real_find_spec(name, *rest),
    )
    problems = Problems()
    player = create_player(SoundSettings(), call_later=FakeTimers(), on_problem=problems)
    player.play("start")
    message = (
        "Sound cues are off because the sound library (pygame-ce) is not installed. "
        "Pauses will still appear."
    )
    assert isinstance(player, SilentPlayer)
    assert problems.heard == [message] and player.problem == message


def test_silent_player_does_nothing() -> None:
    player = SilentPlayer()
    player.configure(SoundSettings())
    player.prepare()
    player.play("start")
    player.close()
    assert player.problem is None
    assert pygame.mixer.get_init() is None


def test_prepare_opens_only_the_mixer_with_the_stream_named(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in HINTS:
        monkeypatch.delenv(name, raising=False)
    player, timers, _, _ = make_player()
    player.prepare()
    assert pygame.mixer.get_init() == (48000, -16, 2)
    assert not pygame.display.get_init()
    assert [os.environ[name] for name in HINTS] == [
        "1",
        "Presence",
        "Presence",
        "Bell",
        "Notification",
    ]
    assert [seconds for seconds, _ in timers.pending] == [PREPARE_HOLD_SECONDS]


def test_an_open_device_leaves_sigterm_to_the_app(tmp_path: Path) -> None:
    """SDL would otherwise swallow SIGTERM and Ctrl+C while the device is open."""
    code = (
        "import time\n"
        "from presence_app.adapters.sound.mixer import Mixer\n"
        "Mixer().open()\n"
        "print('open', flush=True)\n"
        "time.sleep(60)\n"
    )
    with subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, start_new_session=True
    ) as child:
        try:
            assert child.stdout is not None and child.stdout.readline() == "open\n"
            child.terminate()
            assert child.wait(timeout=10) == -15
        finally:
            child.kill()


def test_a_stream_name_set_by_the_user_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SDL_AUDIO_DEVICE_APP_NAME", "My bells")
    make_player()[0].prepare()
    assert os.environ["SDL_AUDIO_DEVICE_APP_NAME"] == "My bells"


def test_play_returns_at_once_on_a_prepared_device() -> None:
    player = make_player()[0]
    player.prepare()
    started = time.perf_counter()
    player.play("start")
    assert time.perf_counter() - started < 0.05
    assert player.mixer.is_busy()


def test_a_hand_started_pause_opens_the_device_itself() -> None:
    player = make_player()[0]
    player.play("start")
    assert player.mixer.is_open and player.mixer.is_busy()
    assert list(player._sounds) == ["start"]  # the closing cue waits until it is needed


def test_prepare_loads_both_cues_so_play_only_starts_them() -> None:
    player = make_player(SoundSettings(start="small-bell", end="wooden-tone"))[0]
    player.prepare()
    assert {role: sound.get_length() for role, sound in player._sounds.items()} == {
        "start": pytest.approx(cue_seconds("small-bell", "start"), abs=0.01),
        "end": pytest.approx(cue_seconds("wooden-tone", "end"), abs=0.01),
    }


def test_device_closes_after_the_cue_tail(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    use_disk_driver(monkeypatch, tmp_path / "played.raw", fast=True)
    player, timers, clock, _ = make_player(SoundSettings(start="wooden-tone"))
    player.play("start")
    timers.run_pending()  # too early: the tail is still due
    assert player.mixer.is_open
    seconds = cue_seconds("wooden-tone", "start")
    assert [due for due, _ in timers.pending] == [pytest.approx(seconds + 0.5, abs=0.01)]
    wait_until(lambda: not player.mixer.is_busy())
    clock.advance(seconds + 0.5)
    timers.run_pending()
    assert not player.mixer.is_open
    assert pygame.mixer.get_init() is None


def test_a_device_still_sounding_is_not_closed(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    player, timers, clock, _ = make_player()
    player.play("start")
    clock.advance(60)  # the fake clock says the tail is over; the dummy device still plays
    timers.run_pending()
    assert player.mixer.is_open
    assert [seconds for seconds, _ in timers.pending] == [0.25]


def test_a_prepared_device_without_a_bell_closes_after_a_while() -> None:
    player, timers, clock, _ = make_player()
    player.prepare()
    clock.advance(PREPARE_HOLD_SECONDS)
    timers.run_pending()
    assert not player.mixer.is_open


@pytest.mark.parametrize(
    "settings",
    [SoundSettings(enabled=False), SoundSettings(volume=0), SoundSettings(start="none")],
    ids=["disabled", "volume-0", "no-start-cue"],
)
def test_silent_settings_never_open_the_device(settings: SoundSettings) -> None:
    player, timers, _, problems = make_player(settings)
    player.play("start")
    if settings.start != "none":
        player.prepare()
    assert not player.mixer.is_open
    assert problems.heard == [] and timers.pending == []


def test_a_missing_custom_file_falls_back_and_says_so_once(tmp_path: Path) -> None:
    missing = tmp_path / "gone.ogg"
    player, _, _, problems = make_player(SoundSettings(start="custom", custom_file=str(missing)))
    message = (
        f"The sound file {missing} could not be played (the file was not found), "
        "so the singing bowl plays instead."
    )
    assert problems.heard == [message]
    player.play("start")
    player.play("start")
    assert problems.heard == [message]
    assert player.problem == message
    assert player.mixer.is_busy()


def test_an_unsupported_custom_file_falls_back_with_the_reason(tmp_path: Path) -> None:
    broken = tmp_path / "bell.ogg"
    broken.write_bytes(b"not really a sound " * 50)
    player, _, _, problems = make_player(SoundSettings(start="custom", custom_file=str(broken)))
    assert problems.heard == []  # only decoding can tell
    player.play("start")
    message = (
        f"The sound file {broken} could not be played (unsupported format), "
        "so the singing bowl plays instead."
    )
    assert problems.heard == [message]
    assert player.mixer.is_busy()
    fallback_seconds = cue_seconds("singing-bowl", "start")
    assert player._sounds["start"].get_length() == pytest.approx(fallback_seconds, abs=0.01)


def test_a_silent_custom_file_falls_back(tmp_path: Path) -> None:
    quiet = tmp_path / "quiet.wav"
    write_tone(quiet, seconds=0.5, amplitude=0.0)
    player, _, _, problems = make_player(SoundSettings(end="custom", custom_file=str(quiet)))
    player.play("end")
    assert problems.heard == [
        f"The sound file {quiet} could not be played (it contains only silence), "
        "so the singing bowl plays instead."
    ]
    assert player.mixer.is_busy() and player.problem == problems.heard[0]


def test_a_good_custom_file_plays_for_both_roles(tmp_path: Path) -> None:
    custom = tmp_path / "mine.wav"
    write_tone(custom, seconds=1.5)
    settings = SoundSettings(start="custom", end="custom", custom_file=str(custom))
    player, _, _, problems = make_player(settings)
    player.play("end")
    assert problems.heard == [] and player.problem is None
    assert player._sounds["end"].get_length() == pytest.approx(1.5, abs=0.02)


EXAMPLES = Path(pygame.__file__).parent / "examples" / "data"


@pytest.mark.parametrize("suffix", ["wav", "ogg", "flac", "mp3", "opus"])
def test_custom_files_in_every_common_format_play(suffix: str) -> None:
    """pygame-ce ships one recording in five formats; each must play as itself."""
    custom = EXAMPLES / f"house_lo.{suffix}"
    player, _, _, problems = make_player(SoundSettings(start="custom", custom_file=str(custom)))
    player.play("start")
    assert problems.heard == [] and player.mixer.is_busy()
    reference = make_player(
        SoundSettings(start="custom", custom_file=str(EXAMPLES / "house_lo.wav"))
    )[0]
    reference.prepare()
    expected = reference._sounds["start"].get_length()
    assert player._sounds["start"].get_length() == pytest.approx(expected, abs=0.1)


def test_an_unknown_cue_name_falls_back() -> None:
    player, _, _, problems = make_player(SoundSettings(end="gong"))
    assert problems.heard == [
        'The sound cue "gong" is not known, so the singing bowl plays instead.'
    ]
    player.play("end")
    assert player.mixer.is_busy()


@pytest.mark.parametrize("driver", ["bogus", "pulseaudio"])
def test_no_device_keeps_going_reports_once_and_retries_later(
    driver: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("SDL_AUDIODRIVER", driver)
    player, timers, _, problems = make_player()
    player.prepare()
    player.play("start")
    player.play("end")
    assert problems.heard == [NO_DEVICE_MESSAGE]
    assert player.problem == NO_DEVICE_MESSAGE
    assert not player.mixer.is_open and timers.pending == []

    use_disk_driver(monkeypatch, tmp_path / "played.raw", fast=True)  # a headset appears
    player.play("start")
    assert player.mixer.is_busy()
    assert player.problem is None
    assert problems.heard == [NO_DEVICE_MESSAGE]


def test_a_device_lost_again_after_working_is_told_again(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    player, _, _, problems = make_player()
    player.play("start")
    player.close()
    monkeypatch.setenv("SDL_AUDIODRIVER", "bogus")
    player.play("start")
    assert problems.heard == [NO_DEVICE_MESSAGE]
    monkeypatch.setenv("SDL_AUDIODRIVER", "dummy")
    player.play("start")
    player.close()
    monkeypatch.setenv("SDL_AUDIODRIVER", "bogus")
    player.play("start")
    assert problems.heard == [NO_DEVICE_MESSAGE, NO_DEVICE_MESSAGE]


def test_a_damaged_install_says_what_is_missing(tmp_path: Path) -> None:
    timers, problems = FakeTimers(), Problems()
    player = MixerPlayer(
        SoundSettings(), call_later=timers, on_problem=problems, sounds_dir=tmp_path
    )
    player.play("start")
    player.play("start")
    missing = tmp_path / "singing-bowl.wav"
    message = (
        f"Sound cues are off because Presence's built-in sound {missing} could not be loaded "
        "(the file was not found). Reinstalling Presence should bring it back. "
        "Pauses will still appear."
    )
    assert problems.heard == [message]
    assert player.problem == message
    assert not player.mixer.is_open


class FailingMixer(Mixer):
    """A device that opens, then fails at the named step."""

    def __init__(self, failing: str) -> None:
        super().__init__()
        self.failing = failing

    def sound(self, raw: bytes) -> pygame.mixer.Sound:
        if self.failing == "sound":
            raise DeviceError("Out of memory")
        return super().sound(raw)

    def play(self, sound: pygame.mixer.Sound, *, volume: float) -> pygame.mixer.Channel:
        if self.failing == "play":
            raise DeviceError("Audio device is closed")
        return super().play(sound, volume=volume)


@pytest.mark.parametrize("failing", ["sound", "play"])
def test_errors_from_sound_and_play_are_handled_like_no_device(failing: str) -> None:
    player, _, _, problems = make_player(mixer=FailingMixer(failing))
    player.play("start")
    player.play("start")
    assert problems.heard == [NO_DEVICE_MESSAGE]
    assert not player.mixer.is_open  # closed, to be retried before the next cue
    player.mixer.failing = ""  # type: ignore[attr-defined]
    player.play("start")
    assert player.mixer.is_busy() and player.problem is None


def test_a_pygame_error_while_playing_becomes_a_device_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    mixer = Mixer()
    mixer.open()
    sound = mixer.sound(b"\0\0\0\0" * 4800)

    class BrokenChannel:
        def __init__(self, index: int) -> None:
            pass

        def get_busy(self) -> bool:
            raise pygame.error("Audio device has been removed")

    monkeypatch.setattr(pygame.mixer, "Channel", BrokenChannel)
    with pytest.raises(DeviceError, match="removed"):
        mixer.play(sound, volume=0.5)


def test_configure_is_cheap_when_nothing_changed_and_reloads_otherwise() -> None:
    player = make_player()[0]
    player.prepare()
    sounds = player._sounds
    player.configure(SoundSettings())
    assert player._sounds is sounds
    player.configure(SoundSettings(start="small-bell", fade_in=timedelta(milliseconds=50)))
    player.play("start")
    assert player._sounds["start"].get_length() == pytest.approx(
        cue_seconds("small-bell", "start"), abs=0.01
    )


def test_the_closing_cue_uses_the_closing_file() -> None:
    player = make_player(SoundSettings(end="soft-chime"))[0]
    player.prepare()
    assert builtin_file("soft-chime", "end").name == "soft-chime-closing.wav"
    assert player._sounds["end"].get_length() == pytest.approx(
        cue_seconds("soft-chime", "end"), abs=0.01
    )
