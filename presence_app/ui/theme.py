"""One calm visual language for every Presence window.

Why: a bell that invites a pause should not arrive in a loud window. All
windows share one restrained palette (warm paper by day, soft slate by
night), generous spacing and the system font, so nothing competes with the
moment itself.

Main ideas:
- ``Palette`` holds the few colours we use; ``LIGHT`` and ``DARK`` follow
  the desktop's colour scheme (``QStyleHints.colorScheme()``). Offscreen and
  on old desktops the scheme is "unknown"; we then look at the lightness of
  the platform palette, and fall back to light.
- ``apply_theme`` sets a ``QPalette`` and one small style sheet on the
  application. Widgets mark their roles with object names and dynamic
  properties (``role="primary"``), never with colours of their own.
- High contrast (desktop setting, Qt 6.10+) makes secondary text as
  strong as text and borders firm.
- ``prefers_reduced_motion`` reads Qt 6.12's accessibility hint when it
  exists; an explicit override (the app's own setting) always wins.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

SPACING = 16
"""The base gap between elements, in device-independent pixels."""
MARGIN = 28
"""The space between a window's edge and its content."""
RADIUS = 10
"""Corner radius of buttons, fields and cards."""


@dataclass(frozen=True)
class Palette:
    """The few colours of Presence, as ``#rrggbb`` strings."""

    is_dark: bool
    window: str
    surface: str
    text: str
    muted: str
    accent: str
    accent_soft: str
    accent_text: str
    border: str
    veil: str
    """Colour that softly dims the screen during a full-screen pause."""
    caution: str = "#8a5414"
    """Words beside a setting that cannot be used yet: warm, never alarming."""
    focus: str = ""
    """The focus ring of fields and plain buttons ("" means the accent)."""
    ring_on_accent: str = "#0d1110"
    """The focus ring where the accent is already drawn (a primary button, a
    ticked toggle): at least 3:1 against the accent in both schemes."""
    firm_border: str = "#5c635f"
    """Borders under high contrast: at least 3:1 against the window."""
    firm_ring: str = "#0d1110"
    """The focus ring under high contrast: 3:1 against the firm border and the window."""
    soft_text: str = ""
    """Words on ``accent_soft`` (a ticked toggle); "" means ``text``."""

    @property
    def on_soft(self) -> str:
        """The colour of words on ``accent_soft``."""
        return self.soft_text or self.text

    @property
    def ring(self) -> str:
        """The focus ring of fields and plain buttons."""
        return self.focus or self.accent


LIGHT = Palette(
    is_dark=False,
    window="#f6f3ec",
    surface="#fffdf8",
    text="#2f3634",
    muted="#5c635f",
    accent="#4a7866",
    accent_soft="#dcebe3",
    accent_text="#ffffff",
    border="#ddd7ca",
    veil="#1c2422",
)

DARK = Palette(
    is_dark=True,
    window="#1f2524",
    surface="#262d2c",
    text="#e7e4dc",
    muted="#a3aaa5",
    accent="#8fc1ac",
    accent_soft="#2f4039",
    accent_text="#15201c",
    border="#3a4341",
    veil="#0d1110",
    caution="#e8bb7a",
    firm_border="#787f7b",
    firm_ring="#e7e4dc",
)


def system_prefers_dark(app: QGuiApplication) -> bool:
    """Return True when the desktop asks for a dark colour scheme."""
    scheme = app.styleHints().colorScheme()
    if scheme == Qt.ColorScheme.Dark:
        return True
    if scheme == Qt.ColorScheme.Light:
        return False
    # Unknown (offscreen, old desktops): trust the platform palette if it is dark.
    return app.palette().color(QPalette.ColorRole.Window).lightness() < 96


def palette_for(dark: bool) -> Palette:
    """Return the palette for a dark or a light scheme."""
    return DARK if dark else LIGHT


def prefers_reduced_motion(
    app: QGuiApplication,
    override: bool | None = None,
    desktop: Callable[[], bool | None] = lambda: None,
) -> bool:
    """Return True when animations should be still.

    Args:
        override: the app's own "reduce motion" setting; None follows the desktop.
        desktop: asks the desktop itself, for Qt versions that cannot tell
            (the app passes ``adapters.motion.desktop_prefers_reduced_motion``).
    """
    if override is not None:
        return override
    hints = app.styleHints()
    # Accessibility hints came in Qt 6.10, the motion preference in 6.12
    # (the Flatpak BaseApp has 6.10); before that, ask the desktop.
    accessibility = hints.accessibility() if hasattr(hints, "accessibility") else None
    if accessibility is not None and hasattr(accessibility, "motionPreference"):
        return _is_reduced(accessibility.motionPreference())
    return bool(desktop())


def follow_color_scheme(app: QApplication) -> None:
    """Re-apply the theme whenever the desktop switches between light and dark."""
    app.styleHints().colorSchemeChanged.connect(
        lambda scheme: apply_theme(app, dark=scheme == Qt.ColorScheme.Dark)
    )


def watch_reduced_motion(app: QGuiApplication, on_change: Callable[[bool], None]) -> bool:
    """Call ``on_change(reduced)`` when the desktop's motion preference changes.

    Returns:
        False when this Qt cannot tell (before 6.12); nothing is watched then.
    """
    hints = app.styleHints()  # kept referenced: see prefers_high_contrast
    accessibility = getattr(hints, "accessibility", lambda: None)()
    signal = getattr(accessibility, "motionPreferenceChanged", None)
    if signal is None:
        return False
    signal.connect(lambda preference: on_change(_is_reduced(preference)))
    return True


def _is_reduced(preference: object) -> bool:
    """Whether a Qt motion preference asks for stillness (Qt 6.12 and later)."""
    kind = getattr(Qt, "MotionPreference", None)
    return kind is not None and bool(preference == kind.ReducedMotion)


def prefers_high_contrast(app: QGuiApplication) -> bool:
    """Return True when the desktop asks for high contrast (Qt 6.10 and later)."""
    # Keep the style hints referenced while their accessibility hints are used:
    # PySide invalidates the child's wrapper once the parent's wrapper is gone.
    hints = app.styleHints()
    if not hasattr(hints, "accessibility"):
        return False
    accessibility = hints.accessibility()
    if not hasattr(accessibility, "contrastPreference"):
        return False
    return bool(accessibility.contrastPreference() == Qt.ContrastPreference.HighContrast)


def with_high_contrast(colours: Palette) -> Palette:
    """The same palette with secondary text as strong as text, and firm borders.

    The focus ring then needs more than the accent to stand out from a firm
    border, so it takes the firm ring colour; a ticked toggle is filled with
    the accent itself, since its border alone no longer stands out.
    """
    return replace(
        colours,
        muted=colours.text,
        border=colours.firm_border,
        focus=colours.firm_ring,
        accent_soft=colours.accent,
        soft_text=colours.accent_text,
    )


def apply_theme(
    app: QApplication, dark: bool | None = None, high_contrast: bool | None = None
) -> Palette:
    """Give the application the Presence look and return the palette used.

    Args:
        dark: force a scheme; None follows the desktop.
        high_contrast: force high contrast; None follows the desktop.
    """
    colours = palette_for(system_prefers_dark(app) if dark is None else dark)
    if prefers_high_contrast(app) if high_contrast is None else high_contrast:
        colours = with_high_contrast(colours)
    app.setPalette(qt_palette(colours))
    app.setStyleSheet(style_sheet(colours))
    return colours


def qt_palette(colours: Palette) -> QPalette:
    """Build a QPalette from our colours, so native parts match too."""
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: colours.window,
        QPalette.ColorRole.Base: colours.surface,
        QPalette.ColorRole.AlternateBase: colours.window,
        QPalette.ColorRole.Text: colours.text,
        QPalette.ColorRole.WindowText: colours.text,
        QPalette.ColorRole.ButtonText: colours.text,
        QPalette.ColorRole.Button: colours.surface,
        QPalette.ColorRole.Highlight: colours.accent,
        QPalette.ColorRole.HighlightedText: colours.accent_text,
        QPalette.ColorRole.PlaceholderText: colours.muted,
        QPalette.ColorRole.ToolTipBase: colours.surface,
        QPalette.ColorRole.ToolTipText: colours.text,
    }
    for role, colour in roles.items():
        palette.setColor(role, QColor(colour))
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(colours.muted))
    return palette


def _icon(name: str, c: Palette) -> str:
    """A small drawn mark (a tick, a chevron) in the scheme's colour, as a file path."""
    from presence_app.ui.assets import icon_path

    return icon_path(f"{name}-{'dark' if c.is_dark else 'light'}.svg").as_posix()


def style_sheet(c: Palette) -> str:
    """Return the one style sheet shared by all windows.

    Every focusable control draws a 2-pixel ring in ``c.ring`` when it has
    the keyboard focus, and where the accent is already drawn (a primary
    button, a ticked toggle) in ``c.ring_on_accent``, so the ring always
    differs from the unfocused look by at least 3:1 (tests/ui/test_focus_visible.py).
    A ticked toggle is filled and firmly bordered, never told by a tint alone.
    """
    up, down, check = (_icon(name, c) for name in ("arrow-up", "arrow-down", "check"))
    return f"""
QWidget {{ color: {c.text}; placeholder-text-color: {c.muted}; }}
QLabel[role="title"] {{ font-size: 17pt; font-weight: 300; }}
QLabel[role="prompt"] {{ font-size: 15pt; font-weight: 300; }}
QLabel[role="muted"] {{ color: {c.muted}; }}
QLabel[role="phrase"] {{ font-size: 15pt; font-weight: 300; color: {c.text}; }}
QLabel[role="countdown"] {{ font-size: 12pt; color: {c.muted}; }}
QLabel[role="day"] {{ font-size: 12pt; font-weight: 600; color: {c.muted}; }}
QPushButton {{
    background: {c.surface}; border: 1px solid {c.border}; border-radius: {RADIUS}px;
    padding: 8px 18px; min-height: 20px;
}}
QPushButton:hover {{ border-color: {c.accent}; }}
QPushButton:checked {{
    background: {c.accent_soft}; color: {c.on_soft}; border: 2px solid {c.accent};
    padding: 7px 17px;
}}
QPushButton:focus {{ border: 2px solid {c.ring}; padding: 7px 17px; }}
QPushButton[role="primary"] {{
    background: {c.accent}; color: {c.accent_text}; border-color: {c.accent};
}}
QPushButton[role="primary"]:focus {{ border: 2px solid {c.ring_on_accent}; }}
QPushButton[role="quiet"] {{
    background: transparent; border-color: transparent; color: {c.muted};
}}
QPushButton[role="quiet"]:hover {{ border-color: {c.border}; }}
QPushButton[role="quiet"]:focus {{ border: 2px solid {c.ring}; }}
QPushButton[role="feeling"] {{ border-radius: 15px; padding: 5px 14px; }}
QPushButton[role="feeling"]:focus, QPushButton[role="feeling"]:checked {{ padding: 4px 13px; }}
QPushButton[role="feeling"]:checked {{
    background: {c.accent_soft}; color: {c.on_soft}; border: 2px solid {c.accent};
}}
QPlainTextEdit, QLineEdit, QTextBrowser {{
    background: {c.surface}; border: 1px solid {c.border}; border-radius: {RADIUS}px;
    padding: 8px; selection-background-color: {c.accent};
    selection-color: {c.accent_text};
}}
QPlainTextEdit:focus, QLineEdit:focus, QTextBrowser:focus {{
    border: 2px solid {c.ring}; padding: 7px;
}}
QMenu {{
    background: {c.surface}; border: 1px solid {c.border}; padding: 6px 0;
}}
QMenu::item {{ padding: 6px 28px 6px 24px; }}
QMenu::item:selected {{ background: {c.accent}; color: {c.accent_text}; }}
QMenu::item:disabled {{ color: {c.muted}; }}
QMenu::separator {{ height: 1px; background: {c.border}; margin: 6px 12px; }}
QLabel[role="heading"] {{ font-weight: 600; color: {c.muted}; }}
QLabel[role="strong"] {{ font-weight: 600; }}
QLabel[role="ok"] {{ color: {c.accent}; }}
QLabel[role="hint"] {{ color: {c.caution}; }}
QDialog#settings QPushButton {{ padding: 5px 12px; }}
QDialog#settings QPushButton:focus, QDialog#settings QPushButton:checked {{ padding: 4px 11px; }}
QPushButton[role="day"] {{ border-radius: 14px; padding: 4px 8px; min-width: 30px; }}
QPushButton[role="day"]:focus, QPushButton[role="day"]:checked {{ padding: 3px 7px; }}
QPushButton[role="day"]:checked {{
    background: {c.accent_soft}; color: {c.on_soft}; border: 2px solid {c.accent};
    font-weight: 600;
}}
QPushButton:checked:focus, QPushButton[role="feeling"]:checked:focus,
QPushButton[role="day"]:checked:focus {{ border-color: {c.ring_on_accent}; }}
QPushButton:disabled {{ color: {c.muted}; border-color: {c.window}; }}
QPushButton[role="primary"]:disabled {{
    background: {c.window}; color: {c.muted}; border-color: {c.border};
}}
QListWidget {{
    background: {c.surface}; border: 1px solid {c.border}; border-radius: {RADIUS}px;
    padding: 4px; outline: none;
}}
QListWidget:focus {{ border: 2px solid {c.ring}; padding: 3px; }}
QListWidget::item {{ padding: 6px 8px; border-radius: 6px; }}
QListWidget::item:selected {{ background: {c.accent}; color: {c.accent_text}; }}
QListWidget#pages {{ background: transparent; border: 2px solid transparent; }}
QListWidget#pages:focus {{ border: 2px solid {c.ring}; }}
QListWidget#pages::item {{ padding: 9px 12px; }}
QCheckBox, QRadioButton, QSlider {{
    border: 2px solid transparent; border-radius: 6px; padding: 2px;
}}
QCheckBox:focus, QRadioButton:focus, QSlider:focus {{ border: 2px solid {c.ring}; }}
QComboBox, QAbstractSpinBox {{
    background: {c.surface}; border: 1px solid {c.border}; border-radius: 6px;
    padding: 3px 6px; min-height: 22px;
}}
QComboBox:focus, QAbstractSpinBox:focus {{ border: 2px solid {c.ring}; padding: 2px 5px; }}
QComboBox:disabled, QAbstractSpinBox:disabled {{ color: {c.muted}; background: {c.window}; }}
QComboBox::drop-down {{ border: none; width: 22px; }}
QComboBox::down-arrow {{ image: url("{down}"); width: 10px; height: 10px; }}
QComboBox QAbstractItemView {{
    background: {c.surface}; border: 1px solid {c.border};
    selection-background-color: {c.accent}; selection-color: {c.accent_text};
}}
QAbstractSpinBox::up-button, QAbstractSpinBox::down-button {{
    subcontrol-origin: border; width: 18px; border: none; background: transparent;
}}
QAbstractSpinBox::up-button {{ subcontrol-position: top right; }}
QAbstractSpinBox::down-button {{ subcontrol-position: bottom right; }}
QAbstractSpinBox::up-arrow {{ image: url("{up}"); width: 10px; height: 10px; }}
QAbstractSpinBox::down-arrow {{ image: url("{down}"); width: 10px; height: 10px; }}
QCheckBox::indicator, QRadioButton::indicator {{
    width: 14px; height: 14px; border: 1px solid {c.muted}; background: {c.surface};
}}
QCheckBox::indicator {{ border-radius: 4px; }}
QRadioButton::indicator {{ border-radius: 8px; }}
QCheckBox::indicator:checked {{
    background: {c.accent}; border-color: {c.accent}; image: url("{check}");
}}
QRadioButton::indicator:checked {{
    border-color: {c.accent};
    background: qradialgradient(cx: 0.5, cy: 0.5, radius: 0.5, fx: 0.5, fy: 0.5,
        stop: 0 {c.accent}, stop: 0.45 {c.accent}, stop: 0.55 {c.surface}, stop: 1 {c.surface});
}}
QCheckBox::indicator:disabled, QRadioButton::indicator:disabled {{ border-color: {c.border}; }}
*[invalid="true"] {{ border: 1px solid {c.caution}; }}
*[invalid="true"]:focus {{ border: 2px solid {c.caution}; }}
QFrame#card {{
    background: {c.surface}; border: 1px solid {c.border}; border-radius: 14px;
}}
"""
