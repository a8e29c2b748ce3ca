"""A quiet picture of the last seven days: when the pauses came.

Why: reading the journal day by day shows what happened; this small view
shows its rhythm at a glance. One thin row per day, oldest at the top and
today at the bottom, right above the newest day of the journal. A faint
line is the waking day (07:00–21:00, widened to fit what happened); a soft
dot or short capsule is a pause (longer pauses are longer); a small open
ring is a bell that passed, stayed quiet or only rang. There are no
numbers to live up to, no streaks and no goal: only where the pauses fell.

Main ideas:
- The data comes from ``core.rhythm.look_back``; ``layout`` turns it into
  plain geometry (``Row``) for a given width, which tests can read, and
  ``paintEvent`` only draws that geometry.
- Colours come from the application palette that ``ui.theme`` sets, so the
  view follows light, dark and high contrast like every other window.
- A screen reader hears the same facts in words (``describe``): the view is
  a Tab stop, a chart named for what it shows, described in words, with
  the focus ring drawn around it (``INSET`` keeps the ring off the words).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from presence_app.core.cue import Outcome
from presence_app.core.rhythm import RhythmDay, hour_span
from presence_app.core.timefmt import short_weekday_name, time_format, weekday_name
from presence_app.i18n import N_, _, ngettext, pgettext
from presence_app.ui import accessibility
from presence_app.ui.theme import SPACING

ROW_HEIGHT = 26
"""The height of one day's row (more if the font is large)."""
LABEL_WIDTH = 48
"""Room for the short day name ("Wed") at the left of each row (more if needed)."""
MARK = 8.0
"""Diameter of a pause's dot (and the height of a longer pause's capsule)."""
RING = 7.0
"""Diameter of a bell's open ring."""
NAME = N_("Seven days of pauses")
TICK_ROOM = 56.0
"""The least distance between the centres of two hour labels."""
INSET = 4
"""Room around the drawing for the focus ring."""
_LEFT_MIDDLE = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_BELL_OUTCOMES = (Outcome.PASSED, Outcome.QUIET, Outcome.RANG)


def _bells_words(outcome: Outcome, count: int) -> str:
    if outcome is Outcome.PASSED:
        text = ngettext("{count} bell passed", "{count} bells passed", count)
    elif outcome is Outcome.QUIET:
        text = ngettext("{count} bell stayed quiet", "{count} bells stayed quiet", count)
    else:
        text = ngettext("{count} bell rang", "{count} bells rang", count)
    return text.format(count=count)


@dataclass(frozen=True)
class Row:
    """One day's geometry, in widget pixels."""

    label: str
    is_today: bool
    y: float
    """The vertical centre of the row."""
    line: tuple[float, float]
    """Where the day's faint line starts and ends."""
    pauses: tuple[tuple[float, float], ...]
    """Each pause as (left, width) of its capsule; at least a dot wide."""
    bells: tuple[float, ...]
    """The centre of each bell's ring."""


@dataclass(frozen=True)
class Layout:
    rows: tuple[Row, ...]
    ticks: tuple[tuple[float, str], ...]
    """Hour labels under the rows: (centre, "07:00")."""


def layout(
    days: Sequence[RhythmDay],
    width: float,
    row_height: float = ROW_HEIGHT,
    label_width: float = LABEL_WIDTH,
    today: date | None = None,
    inset: float = 0,
) -> Layout:
    """Place every row, mark and hour label for a view ``width`` pixels wide.

    ``today`` marks that day's row; None marks the last row (the look-back).
    ``inset`` leaves that much room on every side.
    """
    first, last = hour_span(days)
    left, right = inset + label_width + MARK / 2, width - inset - MARK / 2

    def x(hours: float) -> float:
        share = (hours - first) / (last - first)
        return left + min(max(share, 0.0), 1.0) * (right - left)

    rows = []
    for index, day in enumerate(days):
        pauses = []
        for pause in day.pauses:
            start = _hours(pause.start.hour, pause.start.minute, pause.start.second)
            end = start + pause.length.total_seconds() / 3600
            # Cap centres sit at the start and the end, so a short pause is a dot.
            pauses.append((x(start) - MARK / 2, x(end) - x(start) + MARK))
        bells = tuple(x(_hours(b.at.hour, b.at.minute, b.at.second)) for b in day.bells)
        rows.append(
            Row(
                label=short_weekday_name(day.day.weekday()),
                is_today=_is_today(days, index, today),
                y=inset + index * row_height + row_height / 2,
                line=(left, right),
                pauses=tuple(pauses),
                bells=bells,
            )
        )
    clock = time_format().clock
    ticks = _spaced([(x(hour), clock(time(hour % 24))) for hour in _tick_hours(first, last)])
    return Layout(tuple(rows), ticks)


def _spaced(
    ticks: list[tuple[float, str]], room: float = TICK_ROOM
) -> tuple[tuple[float, str], ...]:
    """Leave out middle hour labels that would touch a neighbour in a narrow view."""
    kept = ticks[:1]
    for index, tick in enumerate(ticks[1:], start=1):
        is_last = index == len(ticks) - 1
        if (
            tick[0] - kept[-1][0] >= room
            and (is_last or ticks[-1][0] - tick[0] >= room)
            or is_last
        ):
            kept.append(tick)
    return tuple(kept)


def _is_today(days: Sequence[RhythmDay], index: int, today: date | None) -> bool:
    return days[index].day == today if today is not None else index == len(days) - 1


def _hours(hour: int, minute: int, second: int) -> float:
    return hour + minute / 60 + second / 3600


def _tick_hours(first: int, last: int) -> list[int]:
    """The first and last hour, and the noon-ish hours between when there is room."""
    between = [h for h in (12, 18) if first + 2 <= h <= last - 2]
    return [first, *between, last]


def day_facts(day: RhythmDay) -> str:
    """Say what a day held in plain words: "2 pauses, 1 bell passed"."""
    count = len(day.pauses)
    if count == 0:
        facts = [_("no pauses")]
    else:
        facts = [ngettext("{count} pause", "{count} pauses", count).format(count=count)]
    for outcome in _BELL_OUTCOMES:
        bells = sum(1 for bell in day.bells if bell.outcome is outcome)
        if bells:
            facts.append(_bells_words(outcome, bells))
    # Translators: joins the facts of a day: "2 pauses, 1 bell passed".
    return pgettext("list", ", ").join(facts)


def describe(days: Sequence[RhythmDay], name: str | None = None, today: date | None = None) -> str:
    """The whole view in words, for a screen reader."""
    parts = []
    for index, day in enumerate(days):
        weekday = weekday_name(day.day.weekday())
        if _is_today(days, index, today):
            text = _("{weekday} (today), {facts}")
        else:
            text = _("{weekday}, {facts}")
        parts.append(text.format(weekday=weekday, facts=day_facts(day)))
    return _("{name}: {days}.").format(name=name or _(NAME), days="; ".join(parts))


class RhythmView(QWidget):
    """Paints the last days' pauses, one thin row per day. Main thread only."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        name: str | None = None,
        hide_when_empty: bool = True,
    ) -> None:
        super().__init__(parent)
        self._days: tuple[RhythmDay, ...] = ()
        self._today: date | None = None
        self._name = name or _(NAME)
        self._hide_when_empty = hide_when_empty
        self.setAccessibleName(self._name)
        accessibility.set_role(self, "chart")
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setVisible(not hide_when_empty)

    def set_days(self, days: Sequence[RhythmDay], today: date | None = None) -> None:
        """Show these days (``today``: the row to mark, else the last).

        A look-back with nothing in any day stays hidden.
        """
        self._days = tuple(days)
        self._today = today
        self.setFixedHeight(self.sizeHint().height())
        self.setAccessibleDescription(describe(self._days, self._name, today))
        if self._hide_when_empty:
            self.setVisible(any(not day.is_empty for day in self._days))
        self.update()

    def days(self) -> tuple[RhythmDay, ...]:
        return self._days

    def layout_now(self) -> Layout:
        """The geometry the next paint will use, for the current width and font."""
        return layout(
            self._days,
            self.width(),
            self._row_height(),
            self._label_width(),
            self._today,
            inset=INSET,
        )

    def sizeHint(self) -> QSize:
        rows = len(self._days) * self._row_height()
        return QSize(480, rows + self._scale_height() + 2 * INSET)

    def minimumSizeHint(self) -> QSize:
        return QSize(self._label_width() + 160 + 2 * INSET, self.sizeHint().height())

    def _small_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 0.9)
        return font

    def _row_height(self) -> int:
        return max(ROW_HEIGHT, QFontMetrics(self._small_font()).height() + 10)

    def _label_width(self) -> int:
        # Large fonts and long day names in some languages need more room.
        metrics = QFontMetrics(self._small_font())
        widest = max(
            (metrics.horizontalAdvance(short_weekday_name(d.day.weekday())) for d in self._days),
            default=0,
        )
        return max(LABEL_WIDTH, widest + SPACING)

    def _scale_height(self) -> int:
        return QFontMetrics(self._small_font()).height() + 8

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            self._show_tooltip(event)
            return True
        return super().event(event)

    def _show_tooltip(self, event: QHelpEvent) -> None:
        index = int((event.pos().y() - INSET) // self._row_height())
        if 0 <= index < len(self._days):
            day = self._days[index]
            text = _("{day}: {facts}").format(
                day=time_format().weekday_date(day.day), facts=day_facts(day)
            )
            QToolTip.showText(event.globalPos(), text, self)
        else:
            QToolTip.hideText()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(self._small_font())
        colours = _Colours.of(self.palette())
        drawn = self.layout_now()
        for row in drawn.rows:
            self._paint_row(painter, row, colours)
        self._paint_ticks(painter, drawn.ticks, colours)
        if self.hasFocus():
            painter.setPen(QPen(colours.focus, 2.0))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(QRectF(self.rect()).adjusted(1, 1, -1, -1), 6, 6)

    def _paint_row(self, painter: QPainter, row: Row, colours: _Colours) -> None:
        height = self._row_height()
        painter.setPen(colours.text if row.is_today else colours.label)
        label = QRectF(INSET, row.y - height / 2, self._label_width(), height)
        painter.drawText(label, _LEFT_MIDDLE, row.label)
        painter.setPen(QPen(colours.line, 1.0))
        painter.drawLine(QPointF(row.line[0], row.y), QPointF(row.line[1], row.y))
        # A bell's ring is filled with the window's colour so the line stops at it.
        painter.setPen(QPen(colours.ring, 1.3))
        painter.setBrush(colours.window)
        for centre in row.bells:
            painter.drawEllipse(QPointF(centre, row.y), RING / 2, RING / 2)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colours.pause)
        for left, width in row.pauses:
            capsule = QRectF(left, row.y - MARK / 2, width, MARK)
            painter.drawRoundedRect(capsule, MARK / 2, MARK / 2)

    def _paint_ticks(
        self, painter: QPainter, ticks: Sequence[tuple[float, str]], colours: _Colours
    ) -> None:
        painter.setPen(colours.label)
        top = INSET + len(self._days) * self._row_height()
        metrics = painter.fontMetrics()
        for centre, text in ticks:
            width = metrics.horizontalAdvance(text)
            # The first and last label line up with the ends of the line.
            left = min(
                max(centre - width / 2, INSET + self._label_width()),
                self.width() - INSET - width,
            )
            box = QRectF(left, top, width, self._scale_height())
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)


@dataclass(frozen=True)
class _Colours:
    """The view's colours, mixed from the theme's palette so nothing is loud."""

    window: QColor
    text: QColor
    label: QColor
    """Day names and hours: the theme's secondary text (at least 4.5:1)."""
    focus: QColor
    line: QColor
    ring: QColor
    pause: QColor

    @classmethod
    def of(cls, palette: QPalette) -> _Colours:
        window = palette.window().color()
        muted = palette.placeholderText().color()
        accent = palette.highlight().color()
        return cls(
            window=window,
            text=palette.windowText().color(),
            label=muted,
            focus=accent,
            line=_mix(window, muted, 0.25),
            ring=_mix(window, muted, 0.6),
            pause=_mix(window, accent, 0.85),
        )


def _mix(base: QColor, tint: QColor, share: float) -> QColor:
    """``share`` of ``tint`` over ``base``, opaque, so overlapping marks stay even."""
    return QColor.fromRgbF(
        base.redF() + (tint.redF() - base.redF()) * share,
        base.greenF() + (tint.greenF() - base.greenF()) * share,
        base.blueF() + (tint.blueF() - base.blueF()) * share,
    )
