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
from presence_app.i18n import N_, _, pgettext

if TYPE_CHECKING:
    from presence_app.adapters.attention.parts import AttentionParts

TIME_AWAY = {
    "X11Surroundings": N_("From the X server's idle time."),
    "MutterSurroundings": N_("From GNOME's idle monitor."),
    "PairedSurroundings": N_("From GNOME's idle monitor (or the X server's)."),
    "WaylandIdle": N_("From the Wayland compositor's idle notifications."),
    "ScreenSaverSurroundings": N_("From the desktop's screen saver service."),
    "WindowsSurroundings": N_("From Windows (the time of the last input)."),
    "MacSurroundings": N_("From macOS (the time since the last input)."),
}
FULL_SCREEN = {
    "X11Surroundings": N_("From the window manager's hints."),
    "PairedSurroundings": N_("From the window manager's hints."),
    "WindowsSurroundings": N_("From Windows: full-screen apps, games, videos and presentations."),
}
DND = {
    "GnomeDnd": N_("GNOME's do-not-disturb switch."),
    "NotificationsDnd": N_("The notification server's do-not-disturb (KDE Plasma)."),
    "WindowsQuietTime": N_("Windows' quiet time after an update (Focus Assist cannot be read)."),
}
CALLS = {
    "PulseCalls": N_("A microphone being recorded, through PulseAudio or PipeWire (pactl)."),
    "WindowsCalls": N_("A microphone in use, from Windows' privacy records."),
    "MacCalls": N_("The microphone in use, from macOS (CoreAudio)."),
}
QUIET_ADVICE = N_("Ask for quiet from the tray menu, or with `presence-app quiet 1h`.")


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
        return Capability(
            _("Time away"), True, _(TIME_AWAY.get(kind, N_("Seen on this desktop.")))
        )
    return Capability(
        _("Time away"),
        False,
        _("Not seen on this desktop, so bells ring while you are away."),
        _(QUIET_ADVICE),
    )


def _locked(parts: AttentionParts) -> Capability:
    sources = parts.session.lock_sources
    if sources:
        said = pgettext("list", " and ").join(_(source) for source in sources)
        heard = _("Heard at once from {sources}: it counts as away.").format(sources=said)
        return Capability(_("Locked screen"), True, heard)
    return Capability(
        _("Locked screen"),
        False,
        _("Not heard here; a locked screen counts as away only once no input is seen."),
        _(QUIET_ADVICE),
    )


def _sleep(parts: AttentionParts) -> Capability:
    source = parts.session.sleep_source
    if source:
        heard = _("Heard at once from {source}, on sleeping and waking.").format(source=_(source))
        return Capability(_("Sleep"), True, heard)
    return Capability(
        _("Sleep"), True, _("Noticed within a minute of waking, by comparing clocks.")
    )


def _full_screen(parts: AttentionParts, environ: Mapping[str, str]) -> Capability:
    kind = _kind(parts.surroundings)
    if kind in FULL_SCREEN:
        return Capability(_("Full-screen windows"), True, _(FULL_SCREEN[kind]))
    if _kind(parts.dnd) == "NotificationsDnd" and is_wayland(parts.platform_name, environ):
        return Capability(
            _("Full-screen windows"),
            None,
            _("Through do-not-disturb, which KDE Plasma turns on for full-screen apps."),
        )
    return Capability(
        _("Full-screen windows"),
        False,
        _("Not seen on this desktop (apps cannot see each other's windows here)."),
        _(QUIET_ADVICE),
    )


def _dnd(parts: AttentionParts) -> Capability:
    kind = _kind(parts.dnd)
    if parts.dnd.is_on() is not None:
        return Capability(
            _("Do-not-disturb"), True, _(DND.get(kind, N_("Read from the desktop.")))
        )
    return Capability(
        _("Do-not-disturb"),
        False,
        _("Not read on this desktop."),
        _("Ask for quiet from the tray menu."),
    )


def _calls(parts: AttentionParts) -> Capability:
    kind = _kind(parts.calls)
    if parts.calls.in_call() is not None:
        seen = _(CALLS.get(kind, N_("A microphone in use is seen.")))
        return Capability(_("Calls"), True, seen)
    problem = getattr(parts.calls, "problem", None)
    if kind == "PulseCalls" and problem:
        not_seen = _("Not seen: {reason}.").format(reason=_(problem))
        return Capability(_("Calls"), False, not_seen, _pactl_advice(problem))
    return Capability(
        _("Calls"),
        False,
        _("Not seen on this system."),
        _("Ask for quiet from the tray menu before a call."),
    )


def _pactl_advice(problem: str) -> str:
    """What to do, from the problem's English key."""
    if "pactl" in problem:
        return _("Install pactl 16 or newer (pulseaudio-utils on Debian and Ubuntu).")
    return _("Calls will be noticed once PulseAudio or PipeWire is running.")
