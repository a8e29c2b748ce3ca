"""The calm messages the app has for the user, kept until they are no longer true.

A problem found at start-up (a setting that could not be used, a shortcut
another program holds, no audio device) must reach the user once, and stay
readable in ``presence-app status`` and the status window. ``Notices``
keeps them in order, says each distinct message once, and writes it to the
log. A message about a topic ("shortcut", say) replaces the earlier
message about the same topic, so a notice that has been overtaken by events
("Asking the desktop for Ctrl+Alt+P…" after the desktop answered) never
lingers beside its answer. Until the app's face is on screen the messages
wait; ``show_on`` hands them over. Main thread only.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

log = logging.getLogger(__name__)


class Notices:
    """The messages for the user, oldest first."""

    def __init__(self) -> None:
        self._messages: list[str] = []
        self._topics: dict[str, str] = {}
        self._show: Callable[[str], None] | None = None
        self._unshow: Callable[[str, list[str]], None] | None = None

    @property
    def messages(self) -> list[str]:
        """What is being said now, oldest first."""
        return list(self._messages)

    def say(self, message: str, *, topic: str | None = None) -> None:
        """Tell the user ``message`` calmly, once; it replaces ``topic``'s last one."""
        log.warning("%s", message)
        if topic is not None:
            if self._topics.get(topic) == message:
                return  # said already, and still true
            self.withdraw(topic)
            self._topics[topic] = message
        if message in self._messages:
            return
        self._messages.append(message)
        if self._show is not None:
            self._show(message)

    def withdraw(self, topic: str) -> None:
        """Forget the message about ``topic``: it is no longer true."""
        old = self._topics.pop(topic, None)
        if old is not None and old in self._messages and old not in self._topics.values():
            self._messages.remove(old)
            if self._unshow is not None:
                self._unshow(old, self.messages)

    def show_on(
        self,
        show: Callable[[str], None],
        unshow: Callable[[str, list[str]], None] | None = None,
    ) -> None:
        """Show what was said so far with ``show``, and every later message too.

        ``unshow(message, remaining)`` takes back a message withdrawn later.
        """
        self._show = show
        self._unshow = unshow
        if self._messages:
            show("\n".join(self._messages))
