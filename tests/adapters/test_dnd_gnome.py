"""GNOME's do-not-disturb, read from its settings with gsettings."""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
import time

import pytest

from presence_app.adapters import gsettings
from presence_app.adapters.attention.dnd import create_dnd
from presence_app.adapters.attention.dnd_gnome import GnomeDnd

LOGGER = "presence_app.adapters.attention.dnd_gnome"
ASKED = ["gsettings", "get", "org.gnome.desktop.notifications", "show-banners"]


class FakeGsettings:
    """Answers like gsettings would, and remembers what it was asked."""

    def __init__(self, answer: str | None) -> None:
        self.answer = answer
        self.asked: list[list[str]] = []

    def __call__(self, command: list[str]) -> str | None:
        self.asked.append(command)
        return self.answer


@pytest.mark.parametrize(
    ("answer", "on"),
    [("false\n", True), ("true\n", False), ("  true ", False), ("false", True)],
)
def test_dnd_is_on_while_banners_are_off(answer: str, on: bool) -> None:
    run = FakeGsettings(answer)
    assert GnomeDnd(run).is_on() is on
    assert run.asked == [ASKED]


@pytest.mark.parametrize(
    ("answer", "detail"),
    [
        (None, "gsettings gave no answer"),
        ("", "gsettings answered ''"),
        ("No such key “show-banners”\n", "gsettings answered 'No such key “show-banners”'"),
        ("@mb nothing", "gsettings answered '@mb nothing'"),
    ],
)
def test_no_clear_answer_cannot_tell_and_says_so_once(
    answer: str | None, detail: str, caplog: pytest.LogCaptureFixture
) -> None:
    dnd = GnomeDnd(FakeGsettings(answer))
    with caplog.at_level(logging.INFO, LOGGER):
        assert dnd.is_on() is None
        assert dnd.is_on() is None
    assert [r.getMessage() for r in caplog.records] == [
        f"do-not-disturb cannot be read from GNOME's settings ({detail}); bells ring as scheduled"
    ]


def test_asks_each_time_and_follows_the_switch() -> None:
    run = FakeGsettings("true\n")
    dnd = GnomeDnd(run)
    assert run.asked == []  # nothing is asked before a bell comes due
    assert dnd.is_on() is False
    run.answer = "false\n"
    assert dnd.is_on() is True
    run.answer = None
    assert dnd.is_on() is None
    run.answer = "true\n"
    assert dnd.is_on() is False
    assert len(run.asked) == 4


@pytest.fixture
def keyfile_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """Real gsettings, keeping its values in the test's private config folder."""
    if shutil.which("gsettings") is None:
        pytest.skip("needs the gsettings program (apt-get install libglib2.0-bin)")
    monkeypatch.setenv("GSETTINGS_BACKEND", "keyfile")
    if gsettings.run(ASKED) is None:
        pytest.skip("needs GNOME's settings schemas (apt-get install gsettings-desktop-schemas)")


def set_banners(value: str) -> None:
    command = ["gsettings", "set", "org.gnome.desktop.notifications", "show-banners", value]
    subprocess.run(command, check=True, timeout=10)


@pytest.mark.usefixtures("keyfile_settings")
def test_real_gsettings() -> None:
    dnd = GnomeDnd()
    assert dnd.is_on() is False
    set_banners("false")
    assert dnd.is_on() is True
    set_banners("true")
    assert dnd.is_on() is False


def test_the_runner_returns_output_only_on_success(monkeypatch: pytest.MonkeyPatch) -> None:
    python = sys.executable
    assert gsettings.run([python, "-c", "print('true')"]) == "true\n"
    assert gsettings.run([python, "-c", "raise SystemExit(1)"]) is None
    assert gsettings.run(["presence-no-such-program"]) is None
    monkeypatch.setattr(gsettings, "TIMEOUT_S", 0.2)
    started = time.monotonic()
    assert gsettings.run([python, "-c", "import time; time.sleep(30)"]) is None
    assert time.monotonic() - started < 5


def test_the_factory_asks_nothing_at_start_up(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"ran {args} at start-up")

    monkeypatch.setattr(subprocess, "run", refuse)
    reader = create_dnd("wayland", "linux", {"XDG_CURRENT_DESKTOP": "GNOME"})
    assert isinstance(reader, GnomeDnd)
    with pytest.raises(AssertionError, match="show-banners"):
        reader.is_on()  # only now, when a bell is due, is gsettings run
    reader.close()
