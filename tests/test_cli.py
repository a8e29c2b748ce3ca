"""The command line as a whole: help, version, and a reader that goes away."""

from __future__ import annotations

import subprocess
import sys

import pytest

from presence_app import __version__
from presence_app.cli import main


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as leaving:
        main(["--version"])
    assert leaving.value.code == 0
    assert capsys.readouterr().out == f"presence-app {__version__}\n"


def test_a_reader_that_stops_early_gets_no_traceback() -> None:
    """`presence-app schedule --days 366 | head -1` ends quietly."""
    process = subprocess.Popen(
        [sys.executable, "-m", "presence_app", "schedule", "--days", "366"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.readline()
    process.stdout.close()
    errors = process.stderr.read()
    process.stderr.close()
    assert process.wait(timeout=60) == 0
    assert "Traceback" not in errors
