"""What the considerate parts can see on this desktop, one ``Capability`` each.

``presence-app status`` (and the settings window's "About this desktop")
show these rows: time away, the locked screen, sleep, full-screen windows,
do-not-disturb and calls. ``describe`` asks each backend once, now (this
is done only when someone asks for the status), so "works" is what the
desktop really answered, not what it is supposed to offer.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from presence_app.adapters.desktop import is_wayland
from presence_app.core.capabilities import Capability

if TYPE_CHECKING:
    from presence_app.adapters.attention.parts import AttentionParts

TIME_AWAY = {
    "X11Surroundings": "From the X server's idle time.",
    "MutterSurroundings": "From GNOME's idle monitor.",
    "PairedSurroundings": "From GNOME's idle monitor (or the X server's).",
    "WaylandIdle": "From the Wayland compositor's idle notifications.",
    "ScreenSaverSurroundings": "From the desktop's screen saver service.",
    "WindowsSurroundings": "From Windows (the time of the last input).",
    "MacSurroundings": "From macOS (the time since the last input).",
}
FULL_SCREEN = {
    "X11Surroundings": "From the window manager's hints.",
    "PairedSurroundings": "From the window manager's hints.",
    "WindowsSurroundings": "From Windows: full-screen apps, games, videos and presentations.",
}
DND = {
    "GnomeDnd": "GNOME's do-not-disturb switch.",
    "NotificationsDnd": "The notification server's do-not-disturb (KDE Plasma).",
    "WindowsQuietTime": "Windows' quiet time after an update (Focus Assist cannot be read).",
}
CALLS = {
    "PulseCalls": "A microphone being recorded, through PulseAudio or PipeWire (pactl).",
    "WindowsCalls": "A microphone in use, from Windows' privacy records.",
    "MacCalls": "The microphone in use, from macOS (CoreAudio).",
}
QUIET_ADVICE = "Ask for quiet from the tray menu, or with `presence-app quiet 1h`."


def describe(parts: AttentionParts, environ: Mapping[str, str]) -> list[Capability]:
    """Return one row per considerate capability, asking each backend once."""
    return [
        _time_away(parts),
        _locked(parts),
        _sleep(parts),
        _full_screen(parts, environ),
        _dnd(parts),
        _calls(parts),
    ]


def _kind(part: object) -> str:
    return type(part).__name__


def _time_away(parts: AttentionParts) -> Capability:
    kind = _kind(parts.surroundings)
    first = getattr(parts.surroundings, "first", None)
    if _kind(first) == "WaylandIdle":
        kind = "WaylandIdle"
    if parts.surroundings.idle_seconds() is not None:
        return Capability("Time away", True, TIME_AWAY.get(kind, "Seen on this desktop."))
    return Capability(
        "Time away",
        False,
        "Not seen on this desktop, so bells ring while you are away.",
        QUIET_ADVICE,
    )


def _locked(parts: AttentionParts) -> Capability:
    sources = parts.session.lock_sources
    if sources:
        said = " and ".join(sources)
        return Capability("Locked screen", True, f"Heard at once from {said}: it counts as away.")
    return Capability(
        "Locked screen",
        False,
        "Not heard here; a locked screen counts as away only once no input is seen.",
        QUIET_ADVICE,
    )


def _sleep(parts: AttentionParts) -> Capability:
    source = parts.session.sleep_source
    if source:
        return Capability("Sleep", True, f"Heard at once from {source}, on sleeping and waking.")
    return Capability("Sleep", True, "Noticed within a minute of waking, by comparing clocks.")


def _full_screen(parts: AttentionParts, environ: Mapping[str, str]) -> Capability:
    kind = _kind(parts.surroundings)
    if kind in FULL_SCREEN:
        return Capability("Full-screen windows", True, FULL_SCREEN[kind])
    if _kind(parts.dnd) == "NotificationsDnd" and is_wayland(parts.platform_name, environ):
        return Capability(
            "Full-screen windows",
            None,
            "Through do-not-disturb, which KDE Plasma turns on for full-screen apps.",
        )
    return Capability(
        "Full-screen windows",
        False,
        "Not seen on this desktop (apps cannot see each other's windows here).",
        QUIET_ADVICE,
    )


def _dnd(parts: AttentionParts) -> Capability:
    kind = _kind(parts.dnd)
    if parts.dnd.is_on() is not None:
        return Capability("Do-not-disturb", True, DND.get(kind, "Read from the desktop."))
    return Capability(
        "Do-not-disturb", False, "Not read on this desktop.", "Ask for quiet from the tray menu."
    )


def _calls(parts: AttentionParts) -> Capability:
    kind = _kind(parts.calls)
    if parts.calls.in_call() is not None:
        return Capability("Calls", True, CALLS.get(kind, "A microphone in use is seen."))
    problem = getattr(parts.calls, "problem", None)
    if kind == "PulseCalls" and problem:
        return Capability("Calls", False, f"Not seen: {problem}.", _pactl_advice(problem))
    return Capability(
        "Calls",
        False,
        "Not seen on this system.",
        "Ask for quiet from the tray menu before a call.",
    )


def _pactl_advice(problem: str) -> str:
    if "pactl" in problem:
        return "Install pactl 16 or newer (pulseaudio-utils on Debian and Ubuntu)."
    return "Calls will be noticed once PulseAudio or PipeWire is running."
