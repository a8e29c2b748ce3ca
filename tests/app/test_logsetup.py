"""The log file rotates by size and keeps three older files."""

from __future__ import annotations

import logging
from pathlib import Path

from presence_app.logsetup import RotatingLog


def test_a_full_log_is_set_aside_and_the_oldest_dropped(tmp_path: Path) -> None:
    folder = tmp_path / "log"
    folder.mkdir()
    path = folder / "presence.log"
    handler = RotatingLog(path, max_bytes=100, backups=2)
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger = logging.getLogger("test-rotating-log")
    logger.propagate = False
    logger.addHandler(handler)
    try:
        for number in range(12):
            logger.warning("%02d %s", number, "x" * 40)
    finally:
        logger.removeHandler(handler)
        handler.close()
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["presence.log", "presence.log.1", "presence.log.2"]
    assert all(p.stat().st_size <= 100 + 44 for p in folder.iterdir())
    newest = path.read_text(encoding="utf-8").splitlines()
    assert newest[-1].startswith("11 ")
    assert (folder / "presence.log.1").read_text(encoding="utf-8").splitlines()[-1] < newest[0]
