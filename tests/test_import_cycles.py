"""No import cycles in ``presence_app``: each module's dependencies point one way.

Every import counts, also those inside functions (deferred for start-up
time) and under ``TYPE_CHECKING``: a cycle there is still two modules that
each need the other. ``from package import name`` counts as importing the
submodule when ``name`` is one, else the package itself. Importing a
submodule does not count as importing its parent package: Python runs the
parent's ``__init__`` first, but the parent does not need the child.
"""

from __future__ import annotations

import ast
import pkgutil
from pathlib import Path

import presence_app

ROOT = Path(presence_app.__file__).parent
MODULES = {info.name for info in pkgutil.walk_packages([str(ROOT)], "presence_app.")} | {
    "presence_app"
}


def source_of(module: str) -> str:
    path = ROOT.joinpath(*module.split(".")[1:])
    file = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
    return file.read_text(encoding="utf-8")


def imports_of(module: str, source: str, known: set[str]) -> set[str]:
    """The modules of ``known`` that ``source`` (the text of ``module``) imports."""
    package = module if source_is_package(module) else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                anchor = ".".join(parts[: len(parts) - node.level + 1])
                base = f"{anchor}.{base}" if base else anchor
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                found.add(candidate if candidate in known else base)
    return {name for name in found if name in known and name != module}


def source_is_package(module: str) -> bool:
    return ROOT.joinpath(*module.split(".")[1:]).is_dir()


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """Return one cycle as a list of modules (first == last), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state and (cycle := visit(target)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_presence_app_has_no_import_cycle() -> None:
    graph = {module: imports_of(module, source_of(module), MODULES) for module in MODULES}
    assert find_cycle(graph) is None


def test_the_check_finds_a_cycle_through_a_deferred_import() -> None:
    known = {"p", "p.a", "p.b"}
    graph = {
        "p.a": imports_of("p.a", "from p.b import thing\n", known),
        "p.b": imports_of("p.b", "def later():\n    import p.a\n", known),
    }
    assert find_cycle(graph) == ["p.a", "p.b", "p.a"]


def test_a_name_from_a_package_is_the_package_unless_it_is_a_submodule() -> None:
    known = {"p", "p.sub"}
    assert imports_of("q", "from p import sub, helper\n", known) == {"p", "p.sub"}
