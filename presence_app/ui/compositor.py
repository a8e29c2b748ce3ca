"""What the compositor lets a window do, and the gentle way to do it there.

Why: on X11 a window may set its own opacity, position and size, and a
window manager mostly honours them. On Wayland the compositor decides:
Qt's window opacity is not supported (and warns at every frame of a fade),
positions are ignored, a full-screen look must be asked for as the real
full-screen state, and tiling compositors (sway, Hyprland, i3-like ones)
tile every ordinary window to whatever space they choose. Each window asks
here instead of guessing, so the answers stay in one place.

Main ideas:
- ``fade_in`` animates the window's opacity where the platform has it, and
  otherwise the content's (a ``QGraphicsOpacityEffect``, removed when done),
  so a fade fades everywhere and prints nothing.
- ``keep_own_size`` fixes a window at its own size on tiling compositors:
  they float windows whose minimum and maximum sizes are equal, at that
  size, centred. Elsewhere windows stay resizable.
- ``show_full_screen`` uses the compositor's full-screen state on the given
  screen (Wayland), where X11 used a frameless window covering the screen.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from PySide6.QtCore import QEasingCurve, QObject, QPropertyAnimation, Qt
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QGraphicsOpacityEffect, QWidget

TILING_DESKTOPS = frozenset({"sway", "hyprland", "river", "i3", "qtile", "niri", "wayfire"})
"""``XDG_CURRENT_DESKTOP`` names of compositors that tile ordinary windows."""
TILING_SOCKETS = ("SWAYSOCK", "HYPRLAND_INSTANCE_SIGNATURE", "I3SOCK")


def on_wayland() -> bool:
    """Whether Qt draws through Wayland (no window opacity, no positions)."""
    return QGuiApplication.platformName().startswith("wayland")


def has_window_opacity() -> bool:
    """Whether ``setWindowOpacity`` works here (not on Wayland, not offscreen)."""
    return QGuiApplication.platformName() not in ("wayland", "wayland-egl", "offscreen", "minimal")


def tiles_windows(environ: Mapping[str, str] = os.environ) -> bool:
    """Whether the compositor tiles ordinary windows (sway, Hyprland, i3...)."""
    desktops = {name.lower() for name in environ.get("XDG_CURRENT_DESKTOP", "").split(":")}
    return bool(desktops & TILING_DESKTOPS) or any(environ.get(name) for name in TILING_SOCKETS)


def keep_own_size(window: QWidget, environ: Mapping[str, str] = os.environ) -> None:
    """On a tiling compositor, fix ``window`` at its size, so it floats at that size."""
    if not tiles_windows(environ):
        return
    size = window.size() if window.testAttribute(Qt.WidgetAttribute.WA_Resized) else None
    window.setFixedSize(size or window.sizeHint().expandedTo(window.minimumSizeHint()))


def prepare_fade(widget: QWidget) -> None:
    """Call before a window is first shown, if it will ``fade_in``.

    Without window opacity the content fades; a translucent window lets it
    fade from the desktop behind rather than from a black square.
    """
    if not has_window_opacity():
        widget.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground)


def fade_in(widget: QWidget, duration_ms: int, parent: QObject) -> QPropertyAnimation:
    """Start fading ``widget`` (a window) in; return the running animation."""
    if has_window_opacity():
        fade = QPropertyAnimation(widget, b"windowOpacity", parent)
    else:
        effect = QGraphicsOpacityEffect(widget)
        effect.setOpacity(0.0)
        widget.setGraphicsEffect(effect)
        fade = QPropertyAnimation(effect, b"opacity", parent)
        # The effect redraws the whole window through a pixmap: drop it when done.
        fade.finished.connect(lambda: widget.setGraphicsEffect(None))  # type: ignore[arg-type]  # None removes it
    fade.setDuration(duration_ms)
    fade.setStartValue(0.0)
    fade.setEndValue(1.0)
    fade.setEasingCurve(QEasingCurve.Type.InOutSine)
    fade.start()
    return fade


def use_full_screen_state(widget: QWidget, screen: QScreen) -> bool:
    """On Wayland, make ``widget`` a real full-screen window on ``screen``.

    Returns:
        False elsewhere; the caller then covers the screen with its geometry.
    """
    if not on_wayland():
        return False
    widget.winId()  # the native window must exist for its screen to be chosen
    widget.windowHandle().setScreen(screen)
    widget.setWindowState(widget.windowState() | Qt.WindowState.WindowFullScreen)
    return True
