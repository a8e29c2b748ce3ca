"""Presence: a gentle tray bell that invites short pauses.

The package is layered (see ``DESIGN.md`` in the shared docs): ``core`` is
plain Python, ``adapters`` reach the outside world, ``ui`` is PySide6, and
``app`` builds and connects them. ``cli`` is the command line.
"""

__version__ = "0.1.0"

APP_NAME = "presence-app"
"""Name used for platform directories, sockets and the audio stream."""

APP_ID = "io.github.presenceapp.Presence"
"""Reverse-DNS application id: desktop file, AppStream and portals use it."""
