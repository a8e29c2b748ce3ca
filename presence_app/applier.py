"""New settings, pushed to every part that cares, in one go.

Settings change while the app runs: a save from the settings window, or
(later) an edit of the file in another editor. Each long-lived part reads
what it needs from the new value: the schedule its rules, the bell its
sound, the shortcut its chord, and so on. ``SettingsApplier`` keeps the
settings in effect and the list of parts to tell; the composition root
subscribes each part once, in the order they must hear it. Nothing here
knows what the parts do. Main thread only.
"""

from __future__ import annotations

from collections.abc import Callable

from presence_app.core.settings import Settings

Listener = Callable[[Settings], None]


class SettingsApplier:
    """Holds the settings in effect and tells the subscribed parts of a change."""

    def __init__(self, settings: Settings) -> None:
        self._current = settings
        self._listeners: list[Listener] = []

    @property
    def current(self) -> Settings:
        """The settings in effect now."""
        return self._current

    def subscribe(self, listener: Listener) -> None:
        """Call ``listener`` with every new settings value, after those before it."""
        self._listeners.append(listener)

    def apply(self, settings: Settings) -> None:
        """Make ``settings`` the settings in effect, without a restart."""
        previous, self._current = self._current, settings
        if settings == previous:
            return
        for listener in self._listeners:
            listener(settings)
