"""Asking GNOME and KDE whether they want less motion."""

from __future__ import annotations

from pathlib import Path

import pytest

from presence_app.adapters.motion import desktop_prefers_reduced_motion


@pytest.mark.parametrize(
    ("answer", "reduced"),
    [("false\n", True), ("true\n", False), (None, None), ("No such schema\n", None)],
)
def test_gnome(answer: str | None, reduced: bool | None) -> None:
    asked: list[list[str]] = []

    def run(command: list[str]) -> str | None:
        asked.append(command)
        return answer

    environ = {"XDG_CURRENT_DESKTOP": "ubuntu:GNOME"}
    assert desktop_prefers_reduced_motion(environ, run) is reduced
    assert asked == [["gsettings", "get", "org.gnome.desktop.interface", "enable-animations"]]


@pytest.mark.parametrize(
    ("kdeglobals", "reduced"),
    [
        ("[KDE]\nAnimationDurationFactor=0\n", True),
        ("[KDE]\nAnimationDurationFactor=0.5\n", False),
        ("[General]\nColorScheme=Breeze\n", None),
        ("[KDE]\nAnimationDurationFactor=fast\n", None),
        (None, None),
    ],
)
def test_kde(tmp_path: Path, kdeglobals: str | None, reduced: bool | None) -> None:
    if kdeglobals is not None:
        (tmp_path / "kdeglobals").write_text(kdeglobals, encoding="utf-8")
    environ = {"XDG_CURRENT_DESKTOP": "KDE", "XDG_CONFIG_HOME": str(tmp_path)}

    def run(command: list[str]) -> str | None:
        raise AssertionError("KDE is not asked through gsettings")

    assert desktop_prefers_reduced_motion(environ, run) is reduced
