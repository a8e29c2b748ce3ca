"""``presence-app sound list | play``: exact output and exit codes, real playback."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pygame
import pytest

from presence_app.cli import main
from presence_app.commands import sound as sound_command
from presence_app.core.settings import SoundSettings
from tests.adapters.audio_analysis import onset, read_capture
from tests.adapters.sound_support import close_mixer, cue_seconds, use_disk_driver, write_tone

RATE = 48000


@pytest.fixture(autouse=True)
def no_device_left_open() -> Iterator[None]:
    yield
    close_mixer()


@pytest.fixture
def capture(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    path = tmp_path / "played.raw"
    use_disk_driver(monkeypatch, path, fast=True)
    return path


def use_settings(monkeypatch: pytest.MonkeyPatch, settings: SoundSettings) -> None:
    monkeypatch.setattr(sound_command, "load_sound_settings", lambda: settings)


def test_list_shows_every_cue_and_marks_the_defaults(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sound", "list"]) == 0
    assert capsys.readouterr().out == (
        "NAME          USED FOR    SOUND\n"
        "singing-bowl  start, end  built-in singing bowl, with a closing version\n"
        "small-bell                built-in small bell, with a closing version\n"
        "soft-chime                built-in soft chime, with a closing version\n"
        "wooden-tone               built-in wooden tone, with a closing version\n"
        "none                      silence\n"
        "custom                    your own sound file (none chosen yet)\n"
    )


def test_list_answers_without_loading_pygame() -> None:
    code = (
        "import sys\n"
        "from presence_app.cli import main\n"
        "main(['sound', 'list'])\n"
        "print('pygame' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.splitlines()[-1] == "False"


def test_list_marks_the_configured_cues_and_a_missing_custom_file(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    missing = tmp_path / "bell.ogg"
    settings = SoundSettings(
        enabled=False, start="small-bell", end="custom", custom_file=str(missing)
    )
    use_settings(monkeypatch, settings)
    assert main(["sound", "list"]) == 0
    assert capsys.readouterr().out == (
        "NAME          USED FOR  SOUND\n"
        "singing-bowl            built-in singing bowl, with a closing version\n"
        "small-bell    start     built-in small bell, with a closing version\n"
        "soft-chime              built-in soft chime, with a closing version\n"
        "wooden-tone             built-in wooden tone, with a closing version\n"
        "none                    silence\n"
        f"custom        end       {missing} (the file was not found)\n"
        "\n"
        "Sound cues are turned off in the settings, so pauses begin quietly.\n"
    )


def test_settings_come_from_the_settings_file(private_dirs: Path) -> None:
    settings_file = private_dirs / "config" / "presence-app" / "settings.toml"
    settings_file.parent.mkdir(parents=True)
    settings_file.write_text('[sound]\nvolume = 7\nstart = "soft-chime"\n', encoding="utf-8")
    assert sound_command.load_sound_settings() == SoundSettings(volume=7, start="soft-chime")


def test_play_plays_the_cue_to_the_end_and_closes_the_device(capture: Path) -> None:
    assert main(["sound", "play", "wooden-tone", "--volume", "100"]) == 0
    assert pygame.mixer.get_init() is None
    heard = read_capture(capture)[:, 0]
    start = onset(heard)
    length = round(cue_seconds("wooden-tone", "start") * RATE)
    assert len(heard) - start > length - RATE // 10
    assert np.all(heard[start + length :] == 0)  # it waited until the end


def test_play_closing_and_volume(capture: Path, tmp_path: Path) -> None:
    assert main(["sound", "play", "wooden-tone", "--closing", "--volume", "50"]) == 0
    half = read_capture(capture)
    assert main(["sound", "play", "wooden-tone", "--closing", "--volume", "100"]) == 0
    full = read_capture(capture)
    assert np.max(np.abs(half)) / np.max(np.abs(full)) == pytest.approx(0.5, abs=1 / 128)
    sounding = np.flatnonzero(np.abs(full[:, 0]) > 1e-3)
    # The closing file, not the longer start file, less its faint tail.
    closing = cue_seconds("wooden-tone", "end")
    assert closing < cue_seconds("wooden-tone", "start")
    assert closing - 0.3 < (sounding[-1] - sounding[0]) / RATE < closing


def test_play_a_file_by_its_path(capture: Path, tmp_path: Path) -> None:
    tone = tmp_path / "tone.wav"
    write_tone(tone, seconds=0.5)
    assert main(["sound", "play", str(tone)]) == 0
    assert np.max(np.abs(read_capture(capture))) > 0.1


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["gong"],
            'There is no cue called "gong". The built-in cues are singing-bowl, small-bell, '
            "soft-chime, wooden-tone; you can also give the path of a sound file.\n",
        ),
        (
            ["custom"],
            "No sound file is chosen for the custom cue yet. "
            "You can play any sound file by giving its path instead.\n",
        ),
        (
            ["/no/such/bell.ogg"],
            "The sound file /no/such/bell.ogg could not be played (the file was not found).\n",
        ),
    ],
    ids=["unknown-name", "no-custom-file", "missing-file"],
)
def test_play_explains_what_it_cannot_play(
    argv: list[str], message: str, capture: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["sound", "play", *argv]) == 1
    assert capsys.readouterr() == ("", message)
    assert not capture.exists()  # no device was woken for nothing


def test_play_an_unsupported_file(
    capture: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "bell.flac"
    broken.write_bytes(b"no sound here " * 40)
    assert main(["sound", "play", str(broken)]) == 1
    assert capsys.readouterr().err == (
        f"The sound file {broken} could not be played (unsupported format).\n"
    )


def test_play_without_an_audio_device(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SDL_AUDIODRIVER", "bogus")
    assert main(["sound", "play", "small-bell"]) == 1
    assert capsys.readouterr().err == (
        "No sound could be played because no audio output was found "
        "(Audio target 'bogus' not available). "
        "Check that a speaker or headset is connected and not muted.\n"
    )


def test_play_none_is_silence(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sound", "play", "none"]) == 0
    assert capsys.readouterr().out == 'The cue "none" is silence, so there is nothing to play.\n'


def test_volume_out_of_range_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["sound", "play", "small-bell", "--volume", "101"])
    assert stopped.value.code == 2
    assert capsys.readouterr().err.endswith(
        "argument --volume: the volume is a whole number from 0 to 100, not 101\n"
    )
