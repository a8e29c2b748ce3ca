"""One blocking question at a time to a desktop service on a bus.

Several adapters ask the desktop a single question right before a bell
(is do-not-disturb on, how long has the user been idle). They share this
way of asking, so that each of them stays a few lines long and all of
them behave alike:

- The question goes over the bus's shared ``BusLink`` (``link``), which
  opens its connection at the first use, not at start-up, and again after
  it broke. Given the name of a bus instead (tests, a one-off question),
  the question has a link of its own, closed by ``close``.
- Each call carries ``no_auto_start`` and a short timeout: a bus that
  would start a missing service, or a service that hangs, never keeps the
  bell waiting long.
- Never raises at the app: every kind of failure is logged once, through
  the asking module's logger and in its words, and answered with None
  ("cannot tell").
"""

from __future__ import annotations

import logging
from typing import Any

from jeepney import MessageFlag, MessageType  # type: ignore[import-untyped]

from presence_app.adapters.bus.link import BUS_ERRORS, BusLink, link_to


class BusQuestion:
    """Sends one method call and returns the reply's body. Main thread only."""

    def __init__(
        self,
        bus: str | BusLink,
        timeout: float,
        log: logging.Logger,
        failure: str,
        level: int = logging.INFO,
    ) -> None:
        """Remember where to ask and how to tell of a failure.

        Args:
            bus: "SESSION", "SYSTEM", a D-Bus address, or a shared link.
            timeout: seconds to wait for a reply.
            log: the asking module's logger.
            failure: the log message, with one ``%s`` for the detail.
            level: the log level of a failure.
        """
        self._link = link_to(bus)
        self._owns_link = isinstance(bus, str)
        self._timeout = timeout
        self._log = log
        self._failure = failure
        self._level = level
        self._logged: set[str] = set()

    def ask(self, message: Any) -> tuple[Any, ...] | None:
        """Send ``message`` and return the reply's body, or None if there is none."""
        message.header.flags |= MessageFlag.no_auto_start
        try:
            reply = self._link.ask(message, self._timeout)
        except BUS_ERRORS as error:
            timed_out = isinstance(error, TimeoutError)
            detail = f"no answer within {self._timeout:g} s" if timed_out else str(error)
            self._log_once(type(error).__name__, detail or type(error).__name__)
            return None
        if reply.header.message_type == MessageType.error:
            # The service is not running, or does not know the question.
            self._log_once("reply", str(reply.body[0]) if reply.body else "an error")
            return None
        return tuple(reply.body)

    def close(self) -> None:
        """Close a link of its own, if open (a shared link stays open for others)."""
        if self._owns_link:
            self._link.close()

    def _log_once(self, kind: str, detail: str) -> None:
        if kind not in self._logged:
            self._logged.add(kind)
            self._log.log(self._level, self._failure, detail)
