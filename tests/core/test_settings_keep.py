"""A save keeps what the person wrote: comments, order, left-out keys and
unknown keys survive; only changed values are written; a file that cannot be
edited in place is written afresh, with the old one kept as .bak."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from datetime import time, timedelta
from pathlib import Path

from presence_app.core.settings import (
    ScheduleRule,
    Settings,
    TimeWindow,
    load_settings,
    save_settings,
    settings_to_toml,
)

HAND = """\
# My own notes at the top.
shortcut = "Ctrl+Alt+P"  # the keys I like

[sound]
# softer in the office
volume = 40   # quiet
start = "small-bell"

[[schedules]]
# mornings are for deep work
name = "Work"
every = "45m"  # count from the last pause
days = "weekdays"

[[schedules]]
name = "Evening"
at = ["21:30"]
colour = "blue"  # not a setting; mine to keep
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "settings.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_changed_value_keeps_every_comment_and_the_order(tmp_path: Path) -> None:
    path = write(tmp_path, HAND)
    old = load_settings(path).settings
    new = dataclasses.replace(old, sound=dataclasses.replace(old.sound, volume=55))
    save_settings(path, new)
    assert path.read_text(encoding="utf-8") == HAND.replace("volume = 40", "volume = 55")
    assert load_settings(path).settings == new
    assert (tmp_path / "settings.toml.bak").read_text(encoding="utf-8") == HAND


def test_rules_are_matched_by_name_and_only_changes_are_written(tmp_path: Path) -> None:
    path = write(tmp_path, HAND)
    work, evening = load_settings(path).settings.schedules
    faster = dataclasses.replace(
        work, every=timedelta(minutes=30), hours=(TimeWindow(time(9), time(17)),)
    )
    new_rule = ScheduleRule("Noon", at=(time(12),))
    new = dataclasses.replace(load_settings(path).settings, schedules=(evening, faster, new_rule))
    save_settings(path, new)
    text = path.read_text(encoding="utf-8")
    assert load_settings(path).settings == new
    assert (
        '# mornings are for deep work\nname = "Work"\nevery = "30m"  # count from the last pause'
        in text
    )
    assert 'hours = ["09:00-17:00"]' in text
    assert 'colour = "blue"  # not a setting; mine to keep' in text
    assert text.index('name = "Evening"') < text.index('name = "Work"') < text.index('"Noon"')
    assert text.startswith("# My own notes at the top.\n")


def test_switching_a_rule_from_every_to_at_drops_every(tmp_path: Path) -> None:
    path = write(tmp_path, HAND)
    settings = load_settings(path).settings
    work = dataclasses.replace(settings.schedules[0], every=None, at=(time(10),))
    new = dataclasses.replace(settings, schedules=(work, settings.schedules[1]))
    save_settings(path, new)
    assert load_settings(path).settings == new
    assert "every" not in path.read_text(encoding="utf-8")


def test_a_value_that_could_not_be_used_is_replaced(tmp_path: Path) -> None:
    path = write(tmp_path, "[sound]\nvolume = 150  # too loud\n")
    save_settings(path, load_settings(path).settings)
    assert path.read_text(encoding="utf-8") == "[sound]\nvolume = 60  # too loud\n"
    assert load_settings(path).problems == ()


def test_left_out_keys_stay_out(tmp_path: Path) -> None:
    path = write(tmp_path, 'shortcut = ""\n')
    save_settings(path, dataclasses.replace(Settings(), shortcut="", start_at_login=True))
    assert path.read_text(encoding="utf-8") == 'shortcut = ""\nstart_at_login = true\n'


def test_a_broken_file_is_written_afresh_and_kept_as_backup(tmp_path: Path) -> None:
    path = write(tmp_path, "[sound\n")
    save_settings(path, Settings())
    assert path.read_text(encoding="utf-8") == settings_to_toml(Settings(), comments=True)
    assert (tmp_path / "settings.toml.bak").read_text(encoding="utf-8") == "[sound\n"


def test_tomlkit_is_not_imported_at_start_up() -> None:
    code = (
        "import sys\n"
        "from presence_app.core.settings import ensure_settings_file, load_settings\n"
        "import presence_app.wiring\n"
        "assert 'tomlkit' not in sys.modules, 'tomlkit imported at start-up'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
