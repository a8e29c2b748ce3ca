"""Item 1: a failed "Keep it" keeps the window, the words and the bells.

The real app under Xvfb; its journal on a tiny tmpfs that is filled to the
last byte just before "Keep it". The issue saw the window close, the app
stay in ``reflecting`` with no window, and no bell ring again.
"""

from __future__ import annotations

import json
import os
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.core.test_journal_keeper import fill as fill_journal
from tests.e2e.conftest import REFLECTION_TITLE, visible_windows, xdotool
from tests.faults.conftest import (
    App,
    fill,
    log_of,
    mount_tmpfs,
    screenshot,
    settings_text,
    wait_for,
    write_draft,
    write_schedule_state,
    write_settings,
    xdg,
)

pytestmark = [pytest.mark.e2e, pytest.mark.faults]


def titled(app: App, title: str) -> list[str]:
    """The app's visible windows with this title (Qt adds " — Presence")."""
    return [
        w for w in visible_windows(app) if xdotool(app.env, "getwindowname", w).startswith(title)
    ]


WORDS = "the rain on the roof, " * 8000  # ~180 KB: more than the journal's log has room for


def test_a_failed_keep_it_keeps_the_window_and_the_bells_ring_on(
    display: str, app: App, mounts: list[Path], tmp_path: Path
) -> None:
    data = Path(app.env["XDG_DATA_HOME"])
    mount_tmpfs(data, "640k")
    mounts.append(data)
    write_settings(app.env, settings_text(every="1m"))
    # The last pause ended 20 s ago, so the next bell is due 40 s from now.
    write_schedule_state(app.env, last_pause_end=datetime.now(UTC) - timedelta(seconds=20))
    write_draft(app.env, WORDS)  # a draft from before a crash: the app opens with it
    journal = xdg(app.env, "DATA") / "journal.sqlite3"
    journal.parent.mkdir(parents=True, exist_ok=True)
    fill_journal(journal, count=1)  # from earlier days; the app opens it at the first save
    app.start()
    assert app.status()["state"] == "reflecting"
    window = wait_for(lambda: titled(app, REFLECTION_TITLE), "the reflection window")[0]
    fill(data)

    def tried() -> bool:
        if "could not save the reflection" in log_of(app.env):
            return True
        xdotool(app.env, "key", "ctrl+Return")  # the window's first moment swallows keys
        return False

    wait_for(tried, "Keep it to fail on the full disk")
    shot = screenshot(app.env, tmp_path / "failed-keep-it.png")
    status = app.status()
    assert status["state"] == "reflecting"
    assert window in titled(app, REFLECTION_TITLE)  # still open, words and all
    # The journal opens at this first save, so the full disk shows as either.
    log = log_of(app.env)
    assert "database or disk is full" in log or "disk I/O error" in log
    assert status["next_cue"] is not None
    if os.environ.get("PRESENCE_SHOTS"):  # to look at by eye
        shutil.copy(shot, Path(os.environ["PRESENCE_SHOTS"]) / shot.name)

    # Nobody comes back to the window: the bell rings anyway, and the words wait.
    app.wait_state("invited", timeout=90)
    assert titled(app, REFLECTION_TITLE) == []
    draft = json.loads((xdg(app.env, "STATE") / "draft.json").read_text())
    assert draft["text"] == WORDS
