"""Presence installed from its wheel, as a user gets it: no source tree in sight.

The sdist and the wheel are built from a copy of the repository (so the
checkout stays clean) with ``python -m build``, which must print no
packaging warning. The wheel goes into a fresh virtual environment, and
the installed ``presence-app`` answers ``--version`` and ``schedule``, starts
on Xvfb with a tray host, puts itself in the menu with ``desktop install``,
and every ``Exec`` of that launcher works against the running app.

Why the fresh environment borrows its dependencies: installing PySide6 and
pygame-ce for real unpacks about 400 MB and takes a minute on the shared
CI machine, and tests pip more than our wheel. So the wheel is installed
``--no-deps`` into a new venv whose one ``.pth`` line adds the test venv's
``site-packages`` as a plain folder (its own ``.pth`` files, among them the
editable install's, are not read). ``pip check`` then proves the wheel's
declared requirements are met by what it found.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import venv
from collections.abc import Iterator
from pathlib import Path

import pytest

from presence_app import APP_ID, __version__
from tests.adapters.test_autostart import read_exec
from tests.e2e.conftest import App, wait_for

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
SKIP_IN_COPY = shutil.ignore_patterns(
    ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", ".hypothesis"
)
WARNING = re.compile(r"warn|absent from", re.IGNORECASE)


def build_env() -> dict[str, str]:
    env = dict(os.environ)
    # With it set, setuptools notes that it skips byte-compiling: a fact of
    # this machine's environment, not a packaging problem.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sdist and the wheel, built from a copy of the repository."""
    source = tmp_path_factory.mktemp("source") / "presence"
    shutil.copytree(ROOT, source, ignore=SKIP_IN_COPY)
    out = tmp_path_factory.mktemp("dist")
    built = subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(out), str(source)],
        capture_output=True,
        text=True,
        timeout=600,
        env=build_env(),
        check=False,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    output = (built.stdout + built.stderr).splitlines()
    assert [line for line in output if WARNING.search(line)] == []
    return out


@pytest.fixture(scope="module")
def installed(dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv holding only the wheel; returns its ``bin`` folder."""
    (wheel,) = dist.glob("presence_app-*.whl")
    target = tmp_path_factory.mktemp("venv") / "env"
    venv.create(target, with_pip=False)
    python = target / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    borrowed = sysconfig.get_paths()["purelib"]
    Path(site, "borrowed-dependencies.pth").write_text(borrowed + "\n")
    pip = [sys.executable, "-m", "pip", "--python", str(python)]
    done = subprocess.run(
        [*pip, "install", "--no-deps", "--no-index", str(wheel)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert [line for line in done.stderr.splitlines() if WARNING.search(line)] == []
    checked = subprocess.run([*pip, "check"], capture_output=True, text=True, check=False)
    assert checked.returncode == 0, checked.stdout
    return target / "bin"


@pytest.fixture
def outside(installed: Path, base_env: dict[str, str], tmp_path: Path) -> Iterator[Path]:
    """Run from an empty folder, with nothing pointing at the source tree."""
    base_env.pop("PYTHONPATH", None)
    base_env["PATH"] = f"{installed}{os.pathsep}{base_env['PATH']}"
    cwd = tmp_path / "elsewhere"
    cwd.mkdir()
    old = Path.cwd()
    os.chdir(cwd)
    yield installed
    os.chdir(old)


def run(command: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, capture_output=True, text=True, timeout=60, env=env, check=False
    )


def test_the_sdist_and_wheel_carry_every_asset(dist: Path) -> None:
    import tarfile
    import zipfile

    (wheel,) = dist.glob("presence_app-*.whl")
    (sdist,) = dist.glob("presence_app-*.tar.gz")
    assets = ROOT / "presence_app" / "assets"
    shipped = {f"presence_app/assets/{p.relative_to(assets)}" for p in assets.rglob("*.*")}
    in_wheel = set(zipfile.ZipFile(wheel).namelist())
    with tarfile.open(sdist) as archive:
        in_sdist = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert shipped <= in_wheel
    assert shipped <= in_sdist
    assert "presence_app/py.typed" in in_wheel


def test_the_installed_command_runs_without_the_source_tree(
    outside: Path, base_env: dict[str, str]
) -> None:
    where = run(
        [str(outside / "python"), "-c", "import presence_app, sys; print(presence_app.__file__)"],
        base_env,
    )
    assert where.stdout.startswith(str(outside.parent)), where.stdout
    version = run(["presence-app", "--version"], base_env)
    assert (version.returncode, version.stdout) == (0, f"presence-app {__version__}\n")
    schedule = run(["presence-app", "schedule", "--days", "1", "--json"], base_env)
    assert schedule.returncode == 0, schedule.stderr
    assert isinstance(json.loads(schedule.stdout), list)


def test_the_installed_app_starts_offers_the_menu_and_its_launcher_runs(
    outside: Path, display: str, tray_host: None, app: App, base_env: dict[str, str]
) -> None:
    # As after `pipx install`: pipx leaves this file in the venv it made.
    (outside.parent / "pipx_metadata.json").write_text("{}")
    installed = run(["presence-app", "desktop", "install"], base_env)
    assert installed.returncode == 0, installed.stderr
    entry = Path(base_env["XDG_DATA_HOME"]) / "applications" / f"{APP_ID}.desktop"
    execs = [read_exec(line[5:]) for line in entry.read_text().splitlines() if line[:5] == "Exec="]
    assert execs[0] == [str(outside / "presence-app")]

    app.command = execs[0]
    app.start()
    # The launcher is there already, so the one-time offer is not made.
    assert app.status()["notices"] == []
    assert run([*execs[1]], base_env).stdout.startswith("A pause begins.")
    app.wait_state("pausing")
    assert run([*execs[2]], base_env).stdout == "The journal is open.\n"
    assert run([*execs[3]], base_env).stdout == "The settings are open.\n"
    app.quit()
    assert app.process is not None
    assert app.process.wait(timeout=15) == 0


def test_the_first_start_of_a_pipx_install_offers_the_menu_once(
    outside: Path, display: str, tray_host: None, app: App, base_env: dict[str, str]
) -> None:
    (outside.parent / "pipx_metadata.json").write_text("{}")
    app.command = [str(outside / "presence-app")]
    app.start()
    assert app.status()["notices"] == [
        "Presence is not in your applications menu yet. If you would like it there, "
        "run “presence-app desktop install” once."
    ]
    app.quit()
    wait_for(lambda: app.process is not None and app.process.poll() is not None, "the app to quit")
    app.start()
    assert app.status()["notices"] == []
