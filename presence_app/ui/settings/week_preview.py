"""The coming week, drawn before it is lived: a live preview of the rules.

The same engine as ``presence-app schedule`` (``core.schedule.preview``,
each bell answered with its full pause) gives the bells of the next seven
days; they are drawn with the journal's own look-back view (``ui.rhythm``),
one calm row a day with a soft dot a bell, today first, and the next five
bells are said in words beneath. It runs on the pure engine, so it keeps
up with every edit (a busy year of rules computes in well under 200 ms).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, tzinfo

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from presence_app.core.cue import Cue
from presence_app.core.rhythm import coming_days
from presence_app.core.schedule import preview
from presence_app.core.settings import Settings
from presence_app.core.settings.words import and_list, pause_words
from presence_app.core.timefmt import time_format
from presence_app.core.timewords import at_words
from presence_app.i18n import N_, _
from presence_app.ui import accessibility
from presence_app.ui.rhythm import RhythmView

NAME = N_("The coming week")
NEXT = 5


def bell_line(cue: Cue, now: datetime, zone: tzinfo) -> str:
    """Say one bell: "Tomorrow at 09:45 · Work day · 1-minute pause"."""
    if cue.at.astimezone(zone).date() == now.astimezone(zone).date():
        when = _("Today at {time}").format(time=time_format().clock(cue.at.astimezone(zone)))
    else:
        when = at_words(cue.at, now, zone)
        when = when[:1].upper() + when[1:]
    return _("{when} · {rules}, {pause}").format(
        when=when, rules=and_list(list(cue.rules)), pause=pause_words(cue.pause)
    )


class WeekPreview(QWidget):
    """The chart of the coming week and the next bells, for the settings being edited."""

    def __init__(self, now: Callable[[], datetime], zone: tzinfo, seed: int) -> None:
        super().__init__()
        self._now, self._zone, self._seed = now, zone, seed
        self.cues: list[Cue] = []
        self.setMinimumWidth(320)
        self.setMaximumWidth(400)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        heading = QLabel(_(NAME))
        heading.setProperty("role", "heading")
        accessibility.set_role(heading, "heading")
        self.chart = RhythmView(name=_(NAME), hide_when_empty=False)
        self.chart.setObjectName("week")
        self.next_heading = QLabel(_("Next bells"))
        self.next_heading.setProperty("role", "heading")
        accessibility.set_role(self.next_heading, "heading")
        self.next_bells = QLabel()
        self.next_bells.setObjectName("next-bells")
        self.next_bells.setWordWrap(True)
        for widget in (heading, self.chart, self.next_heading, self.next_bells):
            layout.addWidget(widget)
        layout.addStretch()

    def show_settings(self, settings: Settings) -> None:
        """Compute and draw the coming week of ``settings``."""
        now = self._now()
        self.cues = preview(
            settings.schedules,
            self._zone,
            start=now,
            days=7,
            default_pause=settings.pause.length,
            seed=self._seed,
        )
        today = now.astimezone(self._zone).date()
        self.chart.set_days(coming_days(self.cues, self._zone, today), today)
        self.next_bells.setText(self.words(settings, self.cues, now))

    def words(self, settings: Settings, cues: Sequence[Cue], now: datetime) -> str:
        if not settings.schedules:
            return _("There are no rules, so no bell will ring. Add one to begin.")
        if not cues:
            return _("No bell would ring in the coming week.")
        return "\n".join(bell_line(cue, now, self._zone) for cue in cues[:NEXT])
