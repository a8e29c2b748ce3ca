"""Whether GNOME's do-not-disturb is on.

GNOME Shell does not publish do-not-disturb on the notification server
(``dnd_kde``); its switch in the top bar turns off the setting
``show-banners`` in ``org.gnome.desktop.notifications`` instead, so
do-not-disturb is on while that setting is false.

The setting is read with the ``gsettings`` tool (``gsettings`` module)
only when a bell comes due: never at start-up, never while waiting. Any
failure is logged once and answered with "cannot tell".
"""

from __future__ import annotations

import logging

from presence_app.adapters import gsettings

log = logging.getLogger(__name__)

SCHEMA = "org.gnome.desktop.notifications"
KEY = "show-banners"
FAILURE = "do-not-disturb cannot be read from GNOME's settings (%s); bells ring as scheduled"


class GnomeDnd:
    """Reads GNOME's do-not-disturb from its settings. Main thread only."""

    def __init__(self, run: gsettings.Run = gsettings.run) -> None:
        """Remember how to run gsettings; nothing is run yet."""
        self._run = run
        self._logged: set[str] = set()

    def is_on(self) -> bool | None:
        answer = gsettings.get(SCHEMA, KEY, self._run)
        if answer in ("true", "false"):
            return answer == "false"
        if answer is None:
            self._log_once("none", "gsettings gave no answer")
        else:
            self._log_once("unexpected", f"gsettings answered {answer[:40]!r}")
        return None

    def close(self) -> None:
        pass

    def _log_once(self, kind: str, detail: str) -> None:
        if kind not in self._logged:
            self._logged.add(kind)
            log.info(FAILURE, detail)
