"""Where the shipped assets are: icons, prompts, sounds, the desktop files.

They live inside the package, in ``presence_app/assets``, so that a clone,
an editable install, a wheel, a Flatpak and a frozen build all find them at
the same place beside this module, and the wheel's contents follow from
package discovery instead of a hand-kept list. One function finds them, so
no module guesses paths of its own.
"""

from __future__ import annotations

from pathlib import Path

_ASSETS = Path(__file__).resolve().parent / "assets"


def assets_dir() -> Path:
    """Return the folder holding ``icons/``, ``sounds/``, ``desktop/`` and ``prompts.txt``."""
    return _ASSETS


def asset_path(*parts: str) -> Path:
    """Return the path of one asset, e.g. ``asset_path("icons", "presence.svg")``."""
    return assets_dir().joinpath(*parts)
