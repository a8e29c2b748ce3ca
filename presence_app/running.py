"""The running app: its parts, held together, and what it says about itself.

``wiring.compose`` builds every part and returns an ``App``; ``app.run``
starts it, runs the Qt loop and shuts it down. The ``App`` holds the parts
(for the socket's status reply, the settings window's ports, the tests)
and knows how to start and stop them in order; it builds nothing itself.
Main thread only.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import datetime, tzinfo
from typing import Any

from PySide6.QtCore import QObject

from presence_app import __version__
from presence_app.actions import Actions
from presence_app.adapters.attention.parts import AttentionParts
from presence_app.adapters.shortcut import GlobalShortcut
from presence_app.adapters.sound.player import SoundPlayer
from presence_app.applier import SettingsApplier
from presence_app.control import CommandHandler
from presence_app.core.capabilities import Capability
from presence_app.core.clock import Clock
from presence_app.core.considerate import Considerate
from presence_app.core.journalkeeper import KeptJournal
from presence_app.core.lifecycle import Lifecycle
from presence_app.core.paths import Paths
from presence_app.core.schedule import Scheduler
from presence_app.core.settings import Settings
from presence_app.i18n import _
from presence_app.notices import Notices
from presence_app.ui.surface import SYSTEM_TRAY, Surface
from presence_app.ui.view import WindowView
from presence_app.ui.windows import SideWindows
from presence_app.waking import WakeTimer

log = logging.getLogger(__name__)


@dataclass
class App:
    """The running app: its parts, built by ``compose``. Main thread only."""

    root: QObject
    """The parent of the app's Qt objects; deleted last."""
    clock: Clock
    local_zone: Callable[[], tzinfo]
    attention: AttentionParts
    paths: Paths
    notices: Notices
    applier: SettingsApplier
    scheduler: Scheduler
    journal: KeptJournal
    player: SoundPlayer
    lifecycle: Lifecycle
    view: WindowView
    considerate: Considerate
    actions: Actions
    surface: Surface
    side: SideWindows
    waker: WakeTimer
    shortcut: GlobalShortcut
    handle_command: CommandHandler
    starters: list[Callable[[], None]] = field(default_factory=list)
    """What ``start`` does once the face is on screen, in order."""
    closers: list[Callable[[], None]] = field(default_factory=list)
    """What ``shutdown`` releases after the lifecycle, in order."""

    @property
    def settings(self) -> Settings:
        """The settings in effect."""
        return self.applier.current

    def apply_settings(self, settings: Settings) -> None:
        """Use new settings at once, without a restart."""
        self.applier.apply(settings)

    def status(self) -> dict[str, Any]:
        """The ``status`` reply (see ``protocol``), without ``ok``."""
        shortcut = self.shortcut.status
        return {
            **self.lifecycle.status().to_json(),
            "version": __version__,
            "tray": self.surface.kind,
            "skip_next": self.scheduler.state.skip_next,
            "shortcut": {
                "chord": self.settings.shortcut,
                "works": shortcut.works,
                "message": shortcut.message,
            },
            "sound_problem": self.player.problem,
            "notices": self.notices.messages,
            "capabilities": [asdict(row) for row in self.capabilities()],
        }

    @property
    def zone(self) -> tzinfo:
        """The local time zone in effect."""
        return self.local_zone()

    def clock_now(self) -> datetime:
        return self.clock.now()

    def capabilities(self) -> list[Capability]:
        """Say, one row each, what works on this desktop (asks each backend once, now)."""
        from presence_app.adapters.attention.report import describe
        from presence_app.ui.settings.wiring import known_capabilities

        parts = self.attention
        environ = os.environ if parts.environ is None else parts.environ
        return [
            *face_capabilities(self.surface, parts.platform_name, environ),
            *known_capabilities(self),
            *describe(parts, environ),
        ]

    def start(self) -> None:
        """Show the app's face, listen for commands, and wait for the first bell."""
        self.surface.show()
        self.notices.show_on(self.surface.notify, self.surface.withdraw_notice)
        for starter in self.starters:
            starter()
        log.info("Presence %s started; next bell %s", __version__, self.lifecycle.status())

    def shutdown(self) -> None:
        """Record what is under way, then release every device and connection."""
        self.lifecycle.shutdown()
        for close in self.closers:
            close()


def face_capabilities(
    surface: Surface, platform_name: str, environ: Mapping[str, str]
) -> list[Capability]:
    """The tray and the invitation: how the app shows itself on this desktop."""
    from presence_app.ui.invitation import uses_notification
    from presence_app.ui.status_window import NO_TRAY_HINT

    in_tray = surface.kind == SYSTEM_TRAY
    notification = uses_notification(platform_name, environ)
    return [
        Capability(
            _("Tray"),
            in_tray,
            _("The icon sits in the panel; its menu has every action.")
            if in_tray
            else _("No tray here: Presence lives in its status window."),
            "" if in_tray else _(NO_TRAY_HINT),
        ),
        Capability(
            _("Invitation"),
            True,
            _(
                "A desktop notification with “Take a pause” and “Let it pass”; it never "
                "takes the keyboard."
            )
            if notification
            else _("A small card near the tray that never takes the keyboard."),
        ),
    ]
