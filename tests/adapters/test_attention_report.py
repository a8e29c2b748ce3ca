"""The rows ``presence-app status`` shows: what the considerate parts see here."""

from __future__ import annotations

from dataclasses import dataclass

from pytestqt.qtbot import QtBot

from presence_app.adapters.attention import NullSurroundings
from presence_app.adapters.attention.calls_pulse import PulseCalls
from presence_app.adapters.attention.dnd_kde import NotificationsDnd
from presence_app.adapters.attention.parts import AttentionParts
from presence_app.adapters.attention.report import describe
from presence_app.adapters.attention.session import SessionWatch
from presence_app.adapters.attention.windows import (
    QUNS_ACCEPTS_NOTIFICATIONS,
    MicrophoneUse,
    WindowsCalls,
    WindowsQuietTime,
    WindowsSurroundings,
)
from presence_app.core.capabilities import Capability
from presence_app.core.considerate import NoCalls, NoDoNotDisturb

ADVICE = "Ask for quiet from the tray menu, or with `presence-app quiet 1h`."


def test_nothing_seen_says_so_with_advice(qtbot: QtBot) -> None:
    parts = AttentionParts(NullSurroundings(), NoDoNotDisturb(), NoCalls(), SessionWatch(), "xcb")
    assert describe(parts, {}) == [
        Capability(
            "Time away",
            False,
            "Not seen on this desktop, so bells ring while you are away.",
            ADVICE,
        ),
        Capability(
            "Locked screen",
            False,
            "Not heard here; a locked screen counts as away only once no input is seen.",
            ADVICE,
        ),
        Capability("Sleep", True, "Noticed within a minute of waking, by comparing clocks."),
        Capability(
            "Full-screen windows",
            False,
            "Not seen on this desktop (apps cannot see each other's windows here).",
            ADVICE,
        ),
        Capability(
            "Do-not-disturb",
            False,
            "Not read on this desktop.",
            "Ask for quiet from the tray menu.",
        ),
        Capability(
            "Calls",
            False,
            "Not seen on this system.",
            "Ask for quiet from the tray menu before a call.",
        ),
    ]


@dataclass
class FakeWin32:
    def tick_count(self) -> int:
        return 9_000

    def last_input_tick(self) -> int | None:
        return 4_000

    def notification_state(self) -> int | None:
        return QUNS_ACCEPTS_NOTIFICATIONS

    def microphone_uses(self) -> list[MicrophoneUse]:
        return []


def test_windows_says_where_each_answer_comes_from(qtbot: QtBot) -> None:
    win32 = FakeWin32()
    session = SessionWatch()
    session.lock_sources, session.sleep_source = ["Windows"], "Windows"
    parts = AttentionParts(
        WindowsSurroundings(win32),
        WindowsQuietTime(win32),
        WindowsCalls(win32),
        session,
        "windows",
    )
    assert [(row.name, row.works, row.detail) for row in describe(parts, {})] == [
        ("Time away", True, "From Windows (the time of the last input)."),
        ("Locked screen", True, "Heard at once from Windows: it counts as away."),
        ("Sleep", True, "Heard at once from Windows, on sleeping and waking."),
        (
            "Full-screen windows",
            True,
            "From Windows: full-screen apps, games, videos and presentations.",
        ),
        (
            "Do-not-disturb",
            True,
            "Windows' quiet time after an update (Focus Assist cannot be read).",
        ),
        ("Calls", True, "A microphone in use, from Windows' privacy records."),
    ]


def test_kde_on_wayland_sees_full_screen_through_do_not_disturb(qtbot: QtBot) -> None:
    parts = AttentionParts(
        NullSurroundings(), NotificationsDnd("unix:path=/nonexistent/bus"), NoCalls(),
        SessionWatch(), "wayland",
    )  # fmt: skip
    rows = {row.name: row for row in describe(parts, {"XDG_SESSION_TYPE": "wayland"})}
    assert rows["Full-screen windows"] == Capability(
        "Full-screen windows",
        None,
        "Through do-not-disturb, which KDE Plasma turns on for full-screen apps.",
    )


def test_calls_without_pactl_or_without_a_sound_server(qtbot: QtBot) -> None:
    def missing(args: object) -> str:
        raise FileNotFoundError("pactl")

    def refused(args: object) -> str:
        import subprocess

        raise subprocess.CalledProcessError(1, ["pactl"], "", "Connection refused")

    for run, detail, advice in [
        (
            missing,
            "Not seen: pactl is not installed.",
            "Install pactl 16 or newer (pulseaudio-utils on Debian and Ubuntu).",
        ),
        (
            refused,
            "Not seen: the sound server did not answer.",
            "Calls will be noticed once PulseAudio or PipeWire is running.",
        ),
    ]:
        parts = AttentionParts(
            NullSurroundings(), NoDoNotDisturb(), PulseCalls(run), SessionWatch(), "xcb"
        )
        assert describe(parts, {})[-1] == Capability("Calls", False, detail, advice)
