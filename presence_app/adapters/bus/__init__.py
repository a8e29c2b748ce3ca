"""D-Bus for the app: one shared link to the session bus and one to the system bus.

On Linux many backends talk to the desktop over D-Bus: the lock and sleep
(logind, the screen saver), idle time (Mutter, the screen saver),
do-not-disturb (KDE), the bell's notification, and the portals (the
global shortcut on Wayland, start at login inside Flatpak). They all go
through the same two links, which the composition root makes once
(``Buses``) and hands to every backend that needs one:

- ``link``: ``BusLink``, the shared connection to one bus: questions that
  wait briefly, calls answered later, signals followed; opened at the
  first use, read by the Qt loop.
- ``question``: ``BusQuestion``, one question with a short timeout, each
  failure logged once and answered with "cannot tell".
- ``portal``: ``PortalRequests``, a portal call and its later ``Response``.

``Buses`` itself imports nothing of D-Bus: a link is made (and jeepney
imported) when a backend first asks for it, and it connects only when
that backend first talks. Nothing connects at start-up unless a backend
needs to hear signals from the start (the lock and sleep watch does).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

if TYPE_CHECKING:
    from presence_app.adapters.bus.link import BusLink


class Buses:
    """The app's links to the session and system buses, each made when first asked for.

    Main thread only.
    """

    def __init__(
        self, parent: QObject | None = None, *, session: str = "SESSION", system: str = "SYSTEM"
    ) -> None:
        """Remember where the buses are (tests give private addresses); nothing is made yet."""
        self._parent = parent
        self._addresses = {"session": session, "system": system}
        self._links: dict[str, BusLink] = {}

    @property
    def session(self) -> BusLink:
        """The one link to the session bus."""
        return self._link("session")

    @property
    def system(self) -> BusLink:
        """The one link to the system bus."""
        return self._link("system")

    def close(self) -> None:
        """Close both connections, at quit (after every backend has closed)."""
        for link in self._links.values():
            link.close()

    def _link(self, which: str) -> BusLink:
        if which not in self._links:
            from presence_app.adapters.bus.link import BusLink  # jeepney: only when needed

            self._links[which] = BusLink(self._addresses[which], self._parent)
        return self._links[which]
