"""Desktop portal requests over a shared bus link: the call, then its ``Response``.

The portal answers most calls twice: at once with the path of a request
object, and later with a ``Response`` signal on that path (after the user
has answered a dialog, say). The global shortcut and, inside Flatpak,
start at login both talk to the portal this way; this module hides that
dance, over the session bus's one ``BusLink``.

Main ideas:

- The request path can be predicted from the link's unique bus name and a
  token we choose. The ``Response`` on it is watched *before* the call is
  sent, so a quick answer cannot slip past us (the bus handles one
  connection's messages in order).
- Each backend has its own ``PortalRequests``, so it can forget the
  answers it still awaits (a shortcut session closed) without touching
  another backend's. A lost connection forgets them all: the portal ends
  a request when its caller's connection ends.
- Method errors (no portal, no such interface) go to the caller's
  ``on_error``, always later, from the Qt loop; so does a request that
  could not be sent (``DISCONNECTED``). ``request`` never raises.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from typing import Any

from jeepney import MatchRule, new_method_call  # type: ignore[import-untyped]
from PySide6.QtCore import QTimer

from presence_app.adapters.bus.link import BUS_ERRORS, BusLink, ErrorHandler

log = logging.getLogger(__name__)

REQUEST_PREFIX = "/org/freedesktop/portal/desktop/request"
DISCONNECTED = "org.freedesktop.DBus.Error.Disconnected"
"""The error a request gets when the bus cannot be reached to send it."""

ResponseHandler = Callable[[int, dict[str, Any]], None]


class PortalRequests:
    """One backend's requests to the desktop portal. Main thread only."""

    def __init__(self, link: BusLink) -> None:
        self.link = link
        self._awaited: list[Callable[[Any], None]] = []

    def request(
        self,
        address: Any,
        method: str,
        signature: str,
        args: tuple[Any, ...],
        *,
        on_response: ResponseHandler,
        on_error: ErrorHandler,
        options: dict[str, tuple[str, Any]] | None = None,
    ) -> None:
        """Call a portal method whose answer comes as a ``Response`` signal.

        The last argument of such methods is an options dict; ``handle_token``
        is added to ``options`` here.
        """
        token = new_token()

        def answered(message: Any) -> None:
            if answered in self._awaited:
                self._awaited.remove(answered)
            on_response(int(message.body[0]), dict(message.body[1]))

        full_options = {**(options or {}), "handle_token": ("s", token)}
        call = new_method_call(address, method, signature, (*args, full_options))
        try:
            sender = self.link.unique_name[1:].replace(".", "_")
            rule = MatchRule(
                type="signal",
                interface="org.freedesktop.portal.Request",
                member="Response",
                path=f"{REQUEST_PREFIX}/{sender}/{token}",
            )
            self.link.watch_once(rule, answered)
            self._awaited.append(answered)
            self.link.call(call, on_error=on_error)
        except BUS_ERRORS as error:
            log.info("a request to the desktop portal could not be sent: %s", error)
            self.link.unwatch(answered)
            QTimer.singleShot(0, self.link, lambda: on_error(DISCONNECTED))

    def forget(self) -> None:
        """Drop the answers still awaited; they no longer matter."""
        awaited, self._awaited = self._awaited, []
        for handler in awaited:
            self.link.unwatch(handler)


def new_token() -> str:
    """Return a fresh token, valid as one element of an object path."""
    return f"presence_{os.urandom(6).hex()}"
