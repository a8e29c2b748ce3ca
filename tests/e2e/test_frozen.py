"""The frozen build (PyInstaller, one folder) runs like the installed command.

``scripts/build-frozen`` builds it into a temporary folder; the built
program then starts on Xvfb with a tray host, answers ``status``, plays a
short pause through its bundled SDL and quits. Marked ``frozen``: it is
skipped only when PyInstaller cannot be imported (it comes with the test
extras, so CI always runs it), and the skip says so.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import time
from pathlib import Path

import pytest

from presence_app import __version__
from tests.e2e import x11
from tests.e2e.conftest import App, wait_for

pytestmark = [pytest.mark.e2e, pytest.mark.frozen]

ROOT = Path(__file__).resolve().parents[2]
WM_CLASS = "presence-app"


@pytest.fixture(scope="module")
def frozen(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the frozen program once for this module; return its path."""
    if importlib.util.find_spec("PyInstaller") is None:
        pytest.skip(
            "PyInstaller is not installed, so the frozen build was NOT tested "
            "(pip install -e '.[test]' brings it)"
        )
    out = tmp_path_factory.mktemp("frozen")
    env = {
        **os.environ,
        "FROZEN_DIST": str(out / "dist"),
        "FROZEN_WORK": str(out / "work"),
        # PyInstaller's own cache too: nothing is kept outside the test's folder.
        "PYINSTALLER_CONFIG_DIR": str(out / "config"),
    }
    started = time.monotonic()
    built = subprocess.run(
        [str(ROOT / "scripts" / "build-frozen")],
        capture_output=True,
        text=True,
        timeout=900,
        env=env,
        check=False,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    print(f"frozen build took {time.monotonic() - started:.0f} s")  # noqa: T201 - a figure for CI
    program = out / "dist" / "presence-app" / "presence-app"
    assert program.is_file()
    return program


def test_the_frozen_program_docks_pauses_and_quits(
    frozen: Path,
    display: str,
    tray_host: None,
    app: App,
    base_env: dict[str, str],
    tmp_path: Path,
) -> None:
    base_env.pop("PYTHONPATH", None)
    # The bells go to a file through SDL's disk driver, to hear that SDL came along.
    heard = tmp_path / "sound.raw"
    base_env.update(SDL_AUDIODRIVER="disk", SDL_DISKAUDIOFILE=str(heard))
    version = subprocess.run(
        [str(frozen), "--version"], capture_output=True, text=True, env=base_env, timeout=60
    )
    assert (version.returncode, version.stdout) == (0, f"presence-app {__version__}\n")

    app.command = [str(frozen)]
    app.start()
    wait_for(lambda: x11.docked_icon_geometry(display, WM_CLASS), "the icon to dock in the tray")
    status = app.status()
    assert (status["version"], status["tray"], status["state"]) == (
        __version__,
        "system tray",
        "idle",
    )
    said = app.cli("status")
    assert said.returncode == 0, said.stderr
    assert said.stdout.startswith("Presence is waiting for the next bell.\n")

    paused = app.cli("pause", "--length", "2s")
    assert (paused.returncode, paused.stdout) == (0, "A pause begins.\n")
    app.wait_state("pausing")
    status = app.wait_state("reflecting")  # the pause ended, with its closing bell
    assert status["sound_problem"] is None
    wait_for(lambda: heard.exists() and heard.read_bytes().strip(b"\0"), "a bell to be heard")

    app.quit()
    assert app.process is not None
    assert app.process.wait(timeout=15) == 0
