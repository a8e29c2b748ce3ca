"""Issue 10, item 3: every settings read is bounded, and nothing at the
settings path can stop Presence, hang it, fill its memory or be overwritten.

Each case of the issue is reproduced against the real loader and the real
commands (``config check``, ``config show``, ``schedule``, ``sound list``);
the app's own start is in ``tests/e2e/test_settings_reload.py``. Property
tests feed random TOML documents, random text and random bytes.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from presence_app.cli import main
from presence_app.core.settings import (
    MAX_BYTES,
    FileState,
    LoadResult,
    Settings,
    SettingsSaveError,
    ensure_settings_file,
    load_settings,
    save_settings,
)

UNCHANGED = "Presence runs on its defaults and has not changed the file."
DEEP = "a = " + "[" * 400 + "]" * 400 + "\n"
BIG_INT = "[sound]\nvolume = " + "9" * 5000 + "\n"


def snapshot(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


@pytest.fixture
def settings_path(private_dirs: Path) -> Path:
    path = private_dirs / "config" / "presence-app" / "settings.toml"
    path.parent.mkdir(parents=True)
    return path


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (DEEP, "it is nested more than 32 levels deep"),
        ("b = " + "[" * 40 + "]" * 40, None),
        (BIG_INT, "it holds a number with more than 4300 digits"),
        ("x = " + "{a = " * 300 + "1" + "}" * 300 + "\n", "it is nested more than 32 levels deep"),
    ],
)
def test_parser_failures_become_the_calm_message(
    settings_path: Path, content: str, reason: str | None
) -> None:
    settings_path.write_text(content, encoding="utf-8")
    before = snapshot(settings_path)
    result = load_settings(settings_path)
    assert result.file_state is FileState.BROKEN
    assert result.settings == Settings()
    reason = reason or "it is nested more than 32 levels deep"
    assert result.summary() == f"settings.toml could not be read ({reason}); {UNCHANGED}"
    ensure_settings_file(settings_path)
    assert snapshot(settings_path) == before


def test_a_huge_hex_number_is_reported_without_crashing(settings_path: Path) -> None:
    settings_path.write_text("[sound]\nvolume = 0x" + "f" * 20000 + "\n", encoding="utf-8")
    result = load_settings(settings_path)
    assert [p.message for p in result.problems] == [
        "`sound.volume` must be between 0 and 100 (found a number with more than 60 digits)"
    ]


def test_a_duration_of_a_million_digits_is_reported(settings_path: Path) -> None:
    settings_path.write_text(f'[pause]\nlength = "{"9" * 100_000}m"\n', encoding="utf-8")
    result = load_settings(settings_path)
    assert [p.key for p in result.problems] == ["pause.length"]


@pytest.mark.timeout(10)
def test_a_fifo_is_refused_without_blocking(settings_path: Path) -> None:
    os.mkfifo(settings_path)
    result = load_settings(settings_path)
    assert result.file_state is FileState.UNREADABLE
    assert result.summary() == (
        f"settings.toml could not be opened (it is a named pipe, not a file); {UNCHANGED}"
    )
    assert ensure_settings_file(settings_path).file_state is FileState.UNREADABLE
    with pytest.raises(SettingsSaveError) as caught:
        save_settings(settings_path, Settings(shortcut="Ctrl+Alt+N"))
    assert str(caught.value) == (
        f"Your settings could not be saved to {settings_path} because it is a named pipe, "
        "not a file. The file there is unchanged, so nothing is lost."
    )
    assert settings_path.is_fifo()


@pytest.mark.timeout(10)
def test_a_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        result = load_settings(path)
    assert result.summary() == (
        f"settings.toml could not be opened (it is a socket, not a file); {UNCHANGED}"
    )


@pytest.mark.timeout(10)
def test_a_device_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "settings.toml"
    link.symlink_to("/dev/zero")
    assert load_settings(link).summary() == (
        f"settings.toml could not be opened (it is a device, not a file); {UNCHANGED}"
    )


def test_a_folder_is_refused(settings_path: Path) -> None:
    settings_path.mkdir()
    assert load_settings(settings_path).summary() == (
        f"settings.toml could not be opened (a folder has that name); {UNCHANGED}"
    )


@pytest.mark.timeout(20)
def test_a_sparse_2_gb_file_is_refused_by_its_size_and_never_read(
    settings_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with settings_path.open("wb") as stream:
        stream.truncate(2 * 1024**3)
    reads: list[int] = []
    real_read = os.read

    def counting_read(descriptor: int, size: int) -> bytes:
        reads.append(size)
        return real_read(descriptor, size)

    monkeypatch.setattr(os, "read", counting_read)
    result = load_settings(settings_path)
    assert result.summary() == (
        "settings.toml could not be opened (it is 2 GB, and a settings file is a few "
        f"kilobytes); {UNCHANGED}"
    )
    assert reads == []
    assert settings_path.stat().st_size == 2 * 1024**3


def test_just_under_the_limit_is_read(settings_path: Path) -> None:
    comment = "# " + "x" * (MAX_BYTES - 40) + "\n"
    settings_path.write_text(comment + "[sound]\nvolume = 5\n", encoding="utf-8")
    assert load_settings(settings_path).settings.sound.volume == 5


def sparse(path: Path, size: int) -> None:
    with path.open("wb") as stream:
        stream.truncate(size)


HOSTILE: dict[str, Callable[[Path], None]] = {
    "deep": lambda p: p.write_text(DEEP),
    "big-int": lambda p: p.write_text(BIG_INT),
    "fifo": lambda p: os.mkfifo(p),
    "sparse": lambda p: sparse(p, 2 * 1024**3),
}


@pytest.fixture(params=sorted(HOSTILE))
def hostile(request: pytest.FixtureRequest, settings_path: Path) -> Iterator[str]:
    HOSTILE[request.param](settings_path)
    yield request.param


@pytest.mark.timeout(30)
@pytest.mark.parametrize(
    "argv",
    [["config", "check"], ["config", "show"], ["schedule", "--days", "1"], ["sound", "list"]],
)
def test_every_command_says_so_calmly(
    capsys: pytest.CaptureFixture[str], settings_path: Path, hostile: str, argv: list[str]
) -> None:
    before = settings_path.stat()
    code = main(argv)
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    if argv[0] != "sound":  # sound list shows the cues; the others say why
        assert UNCHANGED in out + err
    assert code == (1 if argv == ["config", "check"] else 0)
    after = settings_path.stat()
    assert (after.st_mode, after.st_size, after.st_mtime_ns) == (
        before.st_mode,
        before.st_size,
        before.st_mtime_ns,
    )


# --- properties -----------------------------------------------------------------

scalars = (
    st.integers(-(2**63), 2**63 - 1)
    | st.booleans()
    | st.text(max_size=12)
    | st.floats(allow_nan=True)
    | st.times()
    | st.sampled_from(["45m", "1h30m", "09:00-12:30", "21:30", "weekdays", "300ms", "custom"])
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=16,
)
known_keys = st.sampled_from(
    ["schedules", "sound", "pause", "considerate", "language", "shortcut", "schema_version",
     "every", "at", "days", "hours", "volume", "start", "custom_file", "quiet_during_calls"]
)  # fmt: skip
documents = st.dictionaries(
    known_keys | st.text(max_size=6),
    values | st.lists(st.dictionaries(known_keys, values, max_size=5), max_size=3),
    max_size=6,
)
hostile_text = st.lists(
    st.sampled_from(
        ["[", "]", "{", "}", "a = ", "x.y = ", "9" * 4400, "0x" + "f" * 5000, '"', "'''", "\n",
         "[[schedules]]\n", "every = ", "1e999", "inf", "=", ",", "#", "\\u0000", "\ufeff"]
    ),
    max_size=60,
).map("".join)  # fmt: skip


def check_stays_calm(path: Path, content: bytes) -> LoadResult:
    path.write_bytes(content)
    before = snapshot(path)
    result = load_settings(path)
    assert isinstance(result.settings, Settings)
    for problem in result.problems:
        assert problem.message.strip()
        if problem.key == "":
            assert problem.message.endswith(UNCHANGED)
    ensure_settings_file(path)
    assert snapshot(path) == before
    return result


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(documents)
def test_random_documents_never_raise_nor_change_the_file(
    tmp_path: Path, document: dict[str, object]
) -> None:
    check_stays_calm(tmp_path / "settings.toml", tomli_w.dumps(document).encode())


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(hostile_text)
def test_hostile_text_never_raises_nor_changes_the_file(tmp_path: Path, text: str) -> None:
    check_stays_calm(tmp_path / "settings.toml", text.encode("utf-8", "surrogatepass"))


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=400))
def test_random_bytes_never_raise_nor_change_the_file(tmp_path: Path, content: bytes) -> None:
    check_stays_calm(tmp_path / "settings.toml", content)
