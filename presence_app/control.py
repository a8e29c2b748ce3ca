"""Answering the command socket: one small function per command.

The socket server (``ipc``) checks each request and hands it here as a
plain dict; ``CommandHandler`` turns it into its typed form
(``protocol.parse_request``) and calls the one method registered for that
type. Each method does its work through ``Verbs`` (what the tray may ask
too) and returns the reply ``protocol`` documents. The status reply is put
together by a callable the composition root gives, because it gathers
words from many parts. Main thread only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from presence_app import protocol
from presence_app.actions import Verbs
from presence_app.core.cue import Source
from presence_app.i18n import _

Reply = dict[str, Any]


class CommandHandler:
    """Answers one request at a time from the command socket."""

    def __init__(self, actions: Verbs, status: Callable[[], Reply]) -> None:
        self._actions = actions
        self._status = status
        self._answers: dict[type[protocol.Request], Callable[[Any], Reply]] = {
            protocol.Ping: self._ping,
            protocol.Pause: self._pause,
            protocol.Skip: self._skip,
            protocol.Quiet: self._quiet,
            protocol.StatusQuery: self._status_reply,
            protocol.Show: self._show,
            protocol.Quit: self._quit,
        }

    def __call__(self, request: dict[str, Any]) -> Reply:
        """Answer a request that passed ``protocol.check_request``."""
        typed = protocol.parse_request(request)
        return self._answers[type(typed)](typed)

    def _ping(self, _: protocol.Ping) -> Reply:
        return {"ok": True}

    def _pause(self, request: protocol.Pause) -> Reply:
        if not self._actions.pause_now(Source.COMMAND, request.length):
            return {"ok": False, "error": _("A pause is already under way.")}
        return {"ok": True}

    def _skip(self, _: protocol.Skip) -> Reply:
        self._actions.set_skip(True)
        return {"ok": True}

    def _quiet(self, request: protocol.Quiet) -> Reply:
        try:
            until = self._actions.set_quiet(request.spec)
        except ValueError as error:
            return {"ok": False, "error": str(error)}
        return {"ok": True, "quiet_until": until.isoformat() if until else None}

    def _status_reply(self, _: protocol.StatusQuery) -> Reply:
        return {"ok": True, **self._status()}

    def _show(self, request: protocol.Show) -> Reply:
        self._actions.show_window(request.window)
        return {"ok": True}

    def _quit(self, _: protocol.Quit) -> Reply:
        self._actions.quit()
        return {"ok": True}
