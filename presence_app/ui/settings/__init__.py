"""The settings window, designed page by page (see ``window``).

The app builds it with ``SettingsWindow(ports_for(app))`` and connects
``settings_saved`` to the same path that applies any new settings; the
window itself only ever sees ``SettingsPorts``.
"""

from __future__ import annotations

from presence_app.ui.settings.ports import ChordCheck, SettingsPorts
from presence_app.ui.settings.window import SettingsWindow

__all__ = ["ChordCheck", "SettingsPorts", "SettingsWindow"]
