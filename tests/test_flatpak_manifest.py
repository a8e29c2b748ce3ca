"""The Flatpak manifest, checked with what runs here (it cannot be built here).

flatpak-builder itself reads it (``--show-manifest``: unknown keys and
source types are reported), and these tests hold it to the project: the
app id and command, the smallest permissions, every runtime dependency of
``pyproject.toml`` provided by a module whose pinned file is a version the
project accepts, with a sha256, and the desktop files it installs present.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name, parse_wheel_filename

from presence_app import APP_ID

ROOT = Path(__file__).resolve().parents[1]
MANIFEST = ROOT / "packaging" / "flatpak" / f"{APP_ID}.yml"
PYPI = "https://files.pythonhosted.org/packages/"
FINISH_ARGS = {
    "--socket=wayland",
    "--socket=fallback-x11",
    "--share=ipc",
    "--socket=pulseaudio",
    "--talk-name=org.kde.StatusNotifierWatcher",
    "--talk-name=org.freedesktop.Notifications",
    "--talk-name=org.freedesktop.ScreenSaver",
    "--talk-name=org.gnome.Mutter.IdleMonitor",
    "--system-talk-name=org.freedesktop.login1",
}
FROM_THE_BASE_APP = {"pyside6-essentials"}
"""Provided by io.qt.PySide.BaseApp (as the full PySide6), not by a module."""


@pytest.fixture(scope="module")
def manifest() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    return data


def project() -> dict[str, Any]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def pinned_wheels(manifest: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """(module name, source) for every wheel file the modules download."""
    return [
        (module["name"], source)
        for module in manifest["modules"]
        for source in module["sources"]
        if source["type"] == "file"
    ]


def test_flatpak_builder_reads_it_without_a_complaint(tmp_path: Path) -> None:
    builder = shutil.which("flatpak-builder")
    if builder is None:
        pytest.skip("flatpak-builder is not installed (scripts/test installs it as root)")
    shown = subprocess.run(  # in a temporary folder: it leaves a .flatpak-builder/ there
        [builder, "--show-manifest", str(MANIFEST)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert (shown.returncode, shown.stderr) == (0, "")
    assert f'"id" : "{APP_ID}"' in shown.stdout


def test_it_is_presence_on_a_kde_runtime_with_the_pyside_base_app(
    manifest: dict[str, Any],
) -> None:
    assert manifest["id"] == APP_ID
    assert (manifest["runtime"], manifest["sdk"]) == ("org.kde.Platform", "org.kde.Sdk")
    assert manifest["base"] == "io.qt.PySide.BaseApp"
    assert manifest["base-version"] == manifest["runtime-version"]
    assert manifest["command"] in project()["scripts"]
    assert manifest["cleanup-commands"] == ["/app/cleanup-BaseApp.sh"]


def test_it_asks_for_the_smallest_permissions_that_work(manifest: dict[str, Any]) -> None:
    assert set(manifest["finish-args"]) == FINISH_ARGS
    assert len(manifest["finish-args"]) == len(FINISH_ARGS)


def test_every_wheel_is_pinned_from_pypi_with_its_hash(manifest: dict[str, Any]) -> None:
    for _, source in pinned_wheels(manifest):
        assert source["url"].startswith(PYPI)
        assert re.fullmatch(r"[0-9a-f]{64}", source["sha256"])
        parse_wheel_filename(source["url"].rsplit("/", 1)[1])  # a real wheel name


def test_every_runtime_dependency_comes_from_a_module_at_an_accepted_version(
    manifest: dict[str, Any],
) -> None:
    pinned: dict[str, set[str]] = {}
    for _, source in pinned_wheels(manifest):
        name, version, _, _ = parse_wheel_filename(source["url"].rsplit("/", 1)[1])
        pinned.setdefault(name, set()).add(str(version))
    for text in project()["dependencies"]:
        requirement = Requirement(text)
        name = canonicalize_name(requirement.name)
        linux = requirement.marker is None or requirement.marker.evaluate(
            {"sys_platform": "linux"}
        )
        if not linux or name in FROM_THE_BASE_APP:
            continue
        assert name in pinned, f"{name} has no module"
        assert all(requirement.specifier.contains(v) for v in pinned[name]), (name, pinned[name])


def test_pygame_ce_has_a_wheel_for_each_python_and_architecture(
    manifest: dict[str, Any],
) -> None:
    found = set()
    for module, source in pinned_wheels(manifest):
        if module == "python3-pygame-ce":
            _, _, _, tags = parse_wheel_filename(source["url"].rsplit("/", 1)[1])
            (arch,) = source["only-arches"]
            assert all(tag.platform.endswith(arch) for tag in tags)
            found |= {(tag.interpreter, arch) for tag in tags}
    assert found == {(py, arch) for py in ("cp312", "cp313") for arch in ("x86_64", "aarch64")}


def test_the_app_module_installs_files_that_exist(manifest: dict[str, Any]) -> None:
    presence = manifest["modules"][-1]
    (source,) = presence["sources"]
    assert source["type"] == "dir"
    checkout = (MANIFEST.parent / source["path"]).resolve()
    assert checkout == ROOT
    commands = " ".join(presence["build-commands"]).replace("${FLATPAK_ID}", APP_ID)
    installed = re.findall(r"install -Dm644 (\S+)", commands)
    assert len(installed) == 3
    for path in installed:
        assert (checkout / path).is_file(), path
    for place in ("share/applications/", "share/metainfo/", "share/icons/hicolor/scalable/apps/"):
        assert f"${{FLATPAK_DEST}}/{place}" in commands
