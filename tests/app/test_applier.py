"""The settings applier: new settings reach every subscriber, in order, once."""

from __future__ import annotations

import dataclasses

from presence_app.applier import SettingsApplier
from presence_app.core.settings import Settings


def test_new_settings_reach_each_part_in_order() -> None:
    applier, heard = SettingsApplier(Settings()), []
    applier.subscribe(lambda s: heard.append(("schedule", s.shortcut)))
    applier.subscribe(lambda s: heard.append(("shortcut", s.shortcut)))
    new = dataclasses.replace(Settings(), shortcut="Ctrl+Alt+B")
    applier.apply(new)
    assert heard == [("schedule", "Ctrl+Alt+B"), ("shortcut", "Ctrl+Alt+B")]
    assert applier.current is new


def test_the_same_settings_again_disturb_nothing() -> None:
    applier, heard = SettingsApplier(Settings()), []
    applier.subscribe(heard.append)
    applier.apply(Settings())
    assert heard == []
