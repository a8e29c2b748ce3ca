"""Saving settings: atomic writes that survive failures, the backup, the
first-start file, and round trips (examples and properties)."""

from __future__ import annotations

import dataclasses
import errno
import os
import tempfile
from datetime import time, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from presence_app.core.settings import (
    FileState,
    InvitationForm,
    PauseStyle,
    Problem,
    ScheduleRule,
    Settings,
    SettingsSaveError,
    TimeWindow,
    ensure_settings_file,
    load_settings,
    parse_settings,
    save_settings,
    settings_to_toml,
)

OLD = b'schema_version = 1\nshortcut = "Ctrl+Alt+O"\n'


@pytest.fixture
def settings_file(tmp_path: Path) -> Path:
    path = tmp_path / "config" / "settings.toml"
    path.parent.mkdir()
    path.write_bytes(OLD)
    return path


def test_save_writes_file_and_keeps_previous_as_backup(settings_file: Path) -> None:
    new = Settings(shortcut="Ctrl+Alt+N")
    save_settings(settings_file, new)
    assert load_settings(settings_file).settings == new
    assert (settings_file.parent / "settings.toml.bak").read_bytes() == OLD
    assert sorted(p.name for p in settings_file.parent.iterdir()) == [
        "settings.toml",
        "settings.toml.bak",
    ]


def test_a_symlinked_settings_file_stays_a_link(tmp_path: Path) -> None:
    dotfiles = tmp_path / "dotfiles"
    dotfiles.mkdir()
    target = dotfiles / "presence.toml"
    target.write_bytes(OLD)
    link = tmp_path / "settings.toml"
    link.symlink_to(target)
    save_settings(link, Settings(shortcut="Ctrl+Alt+L"))
    assert link.is_symlink()
    assert load_settings(target).settings.shortcut == "Ctrl+Alt+L"
    assert (dotfiles / "presence.toml.bak").read_bytes() == OLD


def test_the_written_file_explains_itself(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    save_settings(path, Settings())
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Presence settings. Edit freely;")
    assert "lists anything Presence cannot use.\n\nschema_version = 1\n" in text
    assert (
        "[sound]\n"
        "# Ring a bell at the start and end of a pause.\n"
        "enabled = true\n"
        "# The bell that invites a pause.\n"
        '# One of "singing-bowl", "small-bell", "soft-chime", "wooden-tone", "none" or "custom".\n'
        'start = "singing-bowl"\n'
    ) in text
    assert "# How loud the bells ring.\n# From 0 to 100.\nvolume = 60\n" in text
    assert "# Each [[schedules]] table is one rule" in text
    assert load_settings(path).settings == Settings()


def test_saving_the_same_content_again_keeps_the_older_backup(settings_file: Path) -> None:
    new = Settings(shortcut="Ctrl+Alt+N")
    save_settings(settings_file, new)
    save_settings(settings_file, new)
    assert (settings_file.parent / "settings.toml.bak").read_bytes() == OLD


def test_saving_over_a_broken_file_keeps_it_as_backup(settings_file: Path) -> None:
    settings_file.write_bytes(b"[sound\n")
    save_settings(settings_file, Settings())
    assert (settings_file.parent / "settings.toml.bak").read_bytes() == b"[sound\n"


@pytest.mark.parametrize(
    ("target", "code", "reason"),
    [
        ("replace", errno.ENOSPC, "the disk is full"),
        ("fsync", errno.EIO, "input/output error"),
        ("replace", errno.EROFS, "the disk is read-only"),
    ],
)
def test_failed_write_leaves_old_file_and_no_temporary_files(
    settings_file: Path, monkeypatch: pytest.MonkeyPatch, target: str, code: int, reason: str
) -> None:
    real = getattr(os, target)

    def fail(*args: object) -> None:
        # Let the backup through, fail on the settings file itself.
        if target == "replace" and str(args[1]).endswith(".bak"):
            real(*args)
            return
        if target == "fsync" and not backup_written():
            real(*args)
            return
        raise OSError(code, os.strerror(code))

    def backup_written() -> bool:
        return (settings_file.parent / "settings.toml.bak").exists()

    monkeypatch.setattr(os, target, fail)
    with pytest.raises(SettingsSaveError) as caught:
        save_settings(settings_file, Settings(shortcut="Ctrl+Alt+N"))
    assert str(caught.value) == (
        f"Your settings could not be saved to {settings_file} because {reason}. "
        "The file there is unchanged, so nothing is lost."
    )
    assert caught.value.reason == reason
    assert settings_file.read_bytes() == OLD
    leftovers = [p.name for p in settings_file.parent.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


def test_read_only_folder_is_reported_simulated(
    settings_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(SettingsSaveError, match="because there is no permission to write there"):
        save_settings(settings_file, Settings(shortcut="Ctrl+Alt+N"))
    assert settings_file.read_bytes() == OLD
    assert sorted(p.name for p in settings_file.parent.iterdir()) == ["settings.toml"]


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0,
    reason="root may write into read-only folders, so chmod cannot refuse the write here; "
    "test_read_only_folder_is_reported_simulated covers the same path",
)
def test_read_only_folder_is_reported_for_real(settings_file: Path) -> None:
    settings_file.parent.chmod(0o500)
    try:
        with pytest.raises(SettingsSaveError, match="no permission to write there"):
            save_settings(settings_file, Settings(shortcut="Ctrl+Alt+N"))
    finally:
        settings_file.parent.chmod(0o700)
    assert settings_file.read_bytes() == OLD


def test_first_start_writes_defaults_once(tmp_path: Path) -> None:
    path = tmp_path / "new" / "settings.toml"
    result = ensure_settings_file(path)
    assert result.file_state is FileState.OK
    assert result.problems == ()
    assert result.settings == Settings()
    assert path.read_text(encoding="utf-8") == settings_to_toml(Settings(), comments=True)
    assert path.stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize("content", [OLD, b"[sound\n", b"schema_version = 7\n"])
def test_first_start_never_changes_an_existing_file(settings_file: Path, content: bytes) -> None:
    settings_file.write_bytes(content)
    ensure_settings_file(settings_file)
    assert settings_file.read_bytes() == content
    assert sorted(p.name for p in settings_file.parent.iterdir()) == ["settings.toml"]


def test_first_start_that_cannot_write_runs_on_defaults(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*args: object, **kwargs: object) -> tuple[int, str]:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(tempfile, "mkstemp", full)
    path = tmp_path / "settings.toml"
    result = ensure_settings_file(path)
    message = (
        f"settings.toml could not be created in {tmp_path} because the disk is full; "
        "Presence runs on its defaults."
    )
    assert result.problems == (Problem("", message),)
    assert result.file_state is FileState.MISSING
    assert result.summary() == message
    assert not path.exists()


def test_full_settings_survive_load_save_load(tmp_path: Path) -> None:
    settings = dataclasses.replace(
        Settings(),
        shortcut="",
        schedules=(
            ScheduleRule(
                "Eve", at=(time(21, 30),), days=frozenset({0, 3}), pause=timedelta(minutes=5)
            ),
            ScheduleRule(
                "Night",
                every=timedelta(hours=1, minutes=30),
                jitter=timedelta(minutes=10),
                hours=(TimeWindow(time(22), time(1)), TimeWindow(time(0), time(0))),
            ),
        ),
    )
    path = tmp_path / "settings.toml"
    save_settings(path, settings)
    first = load_settings(path)
    assert first.problems == ()
    assert first.settings == settings
    save_settings(path, first.settings)
    assert load_settings(path).settings == settings


# --- properties --------------------------------------------------------------------

clock = st.builds(time, st.integers(0, 23), st.integers(0, 59))
words = st.text(st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=30).filter(
    str.strip
)


def between(low: int, high: int) -> st.SearchStrategy[timedelta]:
    return st.integers(low, high).map(lambda s: timedelta(seconds=s))


@st.composite
def rules(draw: st.DrawFn) -> ScheduleRule:
    name = draw(words)
    days = draw(st.frozensets(st.integers(0, 6), min_size=1))
    hours = tuple(
        dict.fromkeys(
            draw(
                st.lists(
                    st.builds(TimeWindow, clock, clock).filter(
                        lambda w: w.start != w.end or w.start == time(0)
                    ),
                    max_size=3,
                )
            )
        )
    )
    pause = draw(st.none() | between(10, 3600))
    if draw(st.booleans()):
        every = draw(between(60, 86400))
        jitter = draw(between(0, (every.seconds + every.days * 86400 - 1) // 2))
        return ScheduleRule(name, every, jitter, days=days, hours=hours, pause=pause)
    at = tuple(sorted(draw(st.sets(clock, min_size=1, max_size=4))))
    return ScheduleRule(name, at=at, days=days, hours=hours, pause=pause)


@st.composite
def any_settings(draw: st.DrawFn) -> Settings:
    base = Settings()
    return dataclasses.replace(
        base,
        schedules=tuple(draw(st.lists(rules(), max_size=3))),
        shortcut=draw(
            st.sampled_from(["", "Ctrl+Alt+P", "Super+F5", "Ctrl+Shift+Space", "Pause"])
        ),
        start_at_login=draw(st.booleans()),
        sound=dataclasses.replace(
            base.sound,
            volume=draw(st.integers(0, 100)),
            fade_in=timedelta(milliseconds=draw(st.integers(0, 10000))),
            custom_file=draw(st.text(max_size=40)),
        ),
        pause=dataclasses.replace(
            base.pause, length=draw(between(10, 3600)), style=draw(st.sampled_from(PauseStyle))
        ),
        invitation=dataclasses.replace(
            base.invitation,
            form=draw(st.sampled_from(InvitationForm)),
            card_timeout=draw(between(10, 600)),
        ),
        reflection=dataclasses.replace(
            base.reflection, prompts=tuple(draw(st.lists(words, max_size=3)))
        ),
    )


@given(any_settings())
def test_any_valid_settings_round_trip_through_toml(settings: Settings) -> None:
    result = parse_settings(settings_to_toml(settings))
    assert result.problems == ()
    assert result.settings == settings


toml_scalars = (
    st.integers(-(2**63), 2**63 - 1)
    | st.booleans()
    | st.text(max_size=12)
    | st.sampled_from(
        ["45m", "0m", "1h30m", "09:00-12:30", "21:30", "mon", "daily", "300ms", "9" * 20 + "d"]
    )
    | st.floats(allow_nan=True)
    | st.times()
)
toml_values = st.recursive(
    toml_scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
keys = st.sampled_from(
    [
        "schedules",
        "sound",
        "pause",
        "shortcut",
        "start_at_login",
        "schema_version",
        "every",
        "at",
        "days",
        "hours",
        "volume",
        "length",
        "jitter",
        "pause",
        "name",
        "x",
    ]
)


@given(
    st.dictionaries(keys, toml_values | st.lists(st.dictionaries(keys, toml_values), max_size=3))
)
def test_random_documents_never_crash_the_loader(document: dict[str, object]) -> None:
    import tomli_w

    result = parse_settings(tomli_w.dumps(document))
    assert isinstance(result.settings, Settings)
    for problem in result.problems:
        assert problem.message.strip()
        assert problem.key == "" or f"`{problem.key}`" in problem.message
    # Whatever the loader made of it saves as a clean file that reads back the same.
    again = parse_settings(settings_to_toml(result.settings))
    assert (again.settings, again.problems) == (result.settings, ())


@given(st.text(alphabet='[]="ab1.\n -:#{},', max_size=60))
def test_random_text_never_crashes_the_loader(text: str) -> None:
    result = parse_settings(text)
    assert isinstance(result.settings, Settings)
    if result.file_state is FileState.BROKEN:
        assert result.summary() is not None
