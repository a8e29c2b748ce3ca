"""What a person can ask of the running app, whichever way they ask.

The tray menu, the status window, the global shortcut and the command
socket all offer the same few things: pause now, let the next bell pass,
be quiet for a while, open a window, quit. ``Actions`` is the one place
that does each of them, so the ways in cannot drift apart. It holds only
what those verbs touch: the lifecycle, the schedule's state, the clock and
zone, and two callables for windows and quitting. Main thread only.

The tray and the socket's handler see only ``Verbs``, the protocol that
``Actions`` fulfils, so tests can give them a small fake.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, tzinfo
from typing import Protocol

from presence_app.core.clock import Clock
from presence_app.core.cue import Source
from presence_app.core.lifecycle import Lifecycle
from presence_app.core.quiet import parse_quiet
from presence_app.core.schedule import Scheduler


class Verbs(Protocol):
    """What the tray, the status window and the command socket may ask of the app."""

    def pause_now(self, source: Source, length: timedelta | None = None) -> bool: ...
    def set_skip(self, skip: bool) -> None: ...
    def set_quiet(self, spec: str) -> datetime | None: ...
    def show_window(self, which: str) -> None: ...
    def quit(self) -> None: ...


class Actions:
    """The app's verbs. Main thread only."""

    def __init__(
        self,
        *,
        clock: Clock,
        zone: Callable[[], tzinfo],
        lifecycle: Lifecycle,
        scheduler: Scheduler,
        show_window: Callable[[str], None],
        quit: Callable[[], None],
    ) -> None:
        self._clock = clock
        self._zone = zone
        self._lifecycle = lifecycle
        self._scheduler = scheduler
        self._show_window = show_window
        self._quit = quit

    def show_window(self, which: str) -> None:
        """Open (or bring to the front) the "settings" or "journal" window."""
        self._show_window(which)

    def quit(self) -> None:
        """End the app gently, after the current event."""
        self._quit()

    def pause_now(self, source: Source, length: timedelta | None = None) -> bool:
        """Start a pause; False if one is already under way."""
        return self._lifecycle.pause_now(source, length)

    def toggle_pause(self, source: Source) -> None:
        """Start a pause, or end the one under way (the shortcut's press)."""
        self._lifecycle.toggle_pause(source)

    def set_skip(self, skip: bool) -> None:
        """Let the next bell pass, or take that back."""
        if skip:
            self._scheduler.skip_next()
        else:
            self._scheduler.cancel_skip()
        self._lifecycle.refresh()

    def set_quiet(self, spec: str) -> datetime | None:
        """Stay quiet as ``spec`` says; return until when (None: quiet is off).

        Raises:
            ValueError: ``spec`` is not a quiet time; the message says why.
        """
        until = parse_quiet(spec, self._clock.now(), self._zone(), self._scheduler)
        self._scheduler.set_quiet(until, None)
        self._lifecycle.refresh()
        return until

    def skip_is_set(self) -> bool:
        """Whether the next bell will pass."""
        return self._scheduler.state.skip_next
