"""What kind of desktop this is: the facts every adapter family chooses by.

The shortcut, the attention backends (idle, full screen, do-not-disturb)
and the invitation all depend on the same few facts: which Qt platform
runs (``xcb`` or ``wayland``), what the session says it is
(``XDG_SESSION_TYPE``, ``XDG_CURRENT_DESKTOP``) and which system this is.
They are read here, as pure functions of what they are given, so each
family asks the same question the same way and tests can answer for the
environment.
"""

from __future__ import annotations

from collections.abc import Mapping


def is_gnome(environ: Mapping[str, str]) -> bool:
    """Return whether ``XDG_CURRENT_DESKTOP`` names GNOME ("GNOME", "ubuntu:GNOME")."""
    desktops = environ.get("XDG_CURRENT_DESKTOP", "").upper().split(":")
    return any(desktop.startswith("GNOME") for desktop in desktops)


def is_wayland(platform_name: str, environ: Mapping[str, str]) -> bool:
    """Return whether this is a Wayland session, even when Qt itself runs on xcb."""
    return platform_name.startswith("wayland") or environ.get("XDG_SESSION_TYPE") == "wayland"


def choose_backend(platform_name: str, environ: Mapping[str, str], system: str) -> str:
    """Name the session's kind: x11, portal (Wayland), windows, macos or none.

    The global shortcut uses it as its backend's name; the attention
    backends use X11 only where it says "x11".

    Args:
        platform_name: ``QGuiApplication.platformName()``.
        environ: the process environment.
        system: ``sys.platform``.
    """
    if system == "win32":
        return "windows"
    if system == "darwin":
        return "macos"
    # An X11 grab or idle query under XWayland only sees input into X11
    # windows, so a Wayland session never uses X11 even when Qt runs on xcb.
    if is_wayland(platform_name, environ):
        return "portal"
    if platform_name == "xcb" and environ.get("DISPLAY"):
        return "x11"
    return "none"
