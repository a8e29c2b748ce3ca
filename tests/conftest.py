"""Test-wide set-up: headless Qt, silent SDL, private folders.

The environment is set before anything imports Qt or pygame. Every test
gets its own XDG folders, so no test ever reads or writes the real user's
settings, journal or socket.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# One 1280×800 screen, a common laptop's (Qt's offscreen default is 800×800):
# windows fit themselves to the screen, so its size shapes what tests see.
_SCREEN = Path(__file__).with_name("offscreen-screen.json")
os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_SCREEN}"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ["PYGAME_HIDE_SUPPORT_PROMPT"] = "1"
# Tests check exact English text and 24-hour times: no language or region
# of the machine's may leak in (tests that want one set it themselves).
for _name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LC_TIME"):
    os.environ.pop(_name, None)
os.environ["LANG"] = "C"

# Property tests simulate a lot; on a loaded 2-core CI machine a wall-clock
# deadline would only make them flaky, so it is off.
settings.register_profile("presence", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("presence")


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Every test starts, and leaves the process, in English with a 24-hour clock."""
    yield
    from presence_app import i18n
    from presence_app.core.timefmt import TimeFormat, use_time_format

    i18n.use_language("en", [])
    use_time_format(TimeFormat())


@pytest.fixture(autouse=True)
def private_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point every XDG folder into the test's temporary folder."""
    home = tmp_path / "xdg"
    for name in ("CONFIG", "DATA", "STATE", "CACHE"):
        folder = home / name.lower()
        folder.mkdir(parents=True)
        monkeypatch.setenv(f"XDG_{name}_HOME", str(folder))
    runtime = home / "runtime"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    yield home
