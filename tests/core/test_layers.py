"""``core`` is plain Python: it must never import Qt, pygame or outer layers."""

from __future__ import annotations

import ast
import pkgutil
from pathlib import Path

import pytest

import presence_app.core

FORBIDDEN = (
    "PySide6",
    "shiboken6",
    "pygame",
    "Xlib",
    "jeepney",
    "presence_app.ui",
    "presence_app.adapters",
    "presence_app.app",
)

CORE_DIR = Path(presence_app.core.__file__).parent
CORE_MODULES = sorted(
    info.name for info in pkgutil.walk_packages([str(CORE_DIR)], "presence_app.core.")
)


def imported_names(source: str) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def forbidden_in(names: set[str]) -> list[str]:
    return sorted(
        name for name in names if any(name == f or name.startswith(f + ".") for f in FORBIDDEN)
    )


def test_core_has_modules() -> None:
    assert "presence_app.core.settings" in CORE_MODULES


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_module_imports_no_outer_layer(module: str) -> None:
    path = CORE_DIR.joinpath(*module.split(".")[2:])
    file = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
    assert forbidden_in(imported_names(file.read_text(encoding="utf-8"))) == []


def test_the_check_catches_a_forbidden_import() -> None:
    source = "import os\nfrom PySide6.QtCore import QTimer\nimport pygame.mixer\n"
    assert forbidden_in(imported_names(source)) == ["PySide6.QtCore", "pygame.mixer"]
