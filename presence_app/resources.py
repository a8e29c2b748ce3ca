"""Where the shipped assets are: icons, prompts and sounds.

In a clone of the repository (and an editable install, which ``scripts/run``
makes) they are the top-level ``assets/`` folder. In a built wheel they are
shipped inside the package as ``presence_app/assets``. One function finds
them, so no module guesses paths of its own.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_CANDIDATES = (_PACKAGE / "assets", _PACKAGE.parent / "assets")


def assets_dir() -> Path:
    """Return the folder holding ``icons/``, ``sounds/`` and ``prompts.txt``."""
    for candidate in _CANDIDATES:
        if (candidate / "prompts.txt").is_file():
            return candidate
    return _CANDIDATES[0]


def asset_path(*parts: str) -> Path:
    """Return the path of one asset, e.g. ``asset_path("icons", "presence.svg")``."""
    return assets_dir().joinpath(*parts)
