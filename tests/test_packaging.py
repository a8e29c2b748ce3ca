"""What gets installed follows from the layout: a quick check without a build.

Packages are found by discovery and data files by the package-data
patterns in ``pyproject.toml``. This test reads those patterns and fails
when a file under ``presence_app`` (an asset, a catalog, the desktop
files) would be left out of the wheel. The wheel itself is built and
installed in ``tests/e2e/test_installed.py``.
"""

from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "presence_app"


def setuptools_config() -> dict[str, object]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    config: dict[str, object] = project["tool"]["setuptools"]
    return config


def package_data_patterns() -> list[str]:
    data = setuptools_config()["package-data"]
    assert isinstance(data, dict) and set(data) == {"*"}
    return list(data["*"])


def test_packages_are_discovered_not_listed() -> None:
    config = setuptools_config()
    assert "packages" in config and "find" in config["packages"]  # type: ignore[operator]
    # No folder is mapped under another name: what is in the repository is what ships.
    assert config["package-dir"] == {"": "."}


def test_every_data_file_in_the_package_ships() -> None:
    patterns = package_data_patterns()
    left_out = [
        str(path.relative_to(ROOT))
        for path in PACKAGE.rglob("*")
        if path.is_file()
        and path.suffix not in (".py", ".pyc")
        and not any(fnmatch.fnmatch(path.name, pattern) for pattern in patterns)
    ]
    assert left_out == []


def test_compiled_translations_would_ship() -> None:
    patterns = package_data_patterns()
    assert any(fnmatch.fnmatch("presence-app.mo", pattern) for pattern in patterns)
