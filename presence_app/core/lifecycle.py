"""The pause lifecycle: what happens between one bell and the next.

A small state machine, driven by an injected clock::

    IDLE --bell due--> INVITED --"Take a pause"--> PAUSING --time up/ended--> REFLECTING --> IDLE
                         '--"Let it pass" / timeout--> IDLE
    IDLE --"Pause now" (tray, shortcut, command)--> PAUSING

The UI only displays it. The lifecycle tells a ``View`` what to show and a
``Bell`` what to play, records every outcome in the journal, and tells the
scheduler about pauses and passed bells so that the next bell counts from
the right moment.

Time: the app keeps one single-shot timer set to ``next_wakeup()`` and calls
``tick()`` when it fires and after every user action. ``tick`` handles
whatever is due by the clock, so a timer that fires late (after the machine
slept) never makes a bell ring late: a bell more than ``LATE_LIMIT`` overdue
is not rung, and the time it was missed counts as time away. Shortly before
each sound (``SOUND_LEAD``) the bell is asked to prepare its audio device,
which otherwise stays closed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from presence_app.core.clock import Clock
from presence_app.core.cue import Cue, Outcome, Source
from presence_app.core.drafts import Draft, DraftStore
from presence_app.core.lifecycle_moment import Moment
from presence_app.core.lifecycle_ports import (
    Bell,
    JournalPort,
    SchedulerPort,
    State,
    Status,
    View,
    journal_failures,
)
from presence_app.core.lifecycle_records import Records, not_kept
from presence_app.core.settings import InvitationForm, Settings

log = logging.getLogger(__name__)

LATE_LIMIT = timedelta(minutes=1)
"""A bell overdue by more than this is not rung: the machine was asleep."""
SOUND_LEAD = timedelta(milliseconds=1500)
"""How long before a sound the audio device is opened."""
INVITATION_MARGIN = timedelta(minutes=2)
"""The card fades away by itself after its timeout (later while the mouse
rests on it) and reports the bell as passed. Should no answer come at all,
the lifecycle lets the bell pass this much later."""


_WAITING = (State.IDLE, State.REFLECTING)
"""States in which the next bell may ring."""


class Lifecycle:
    """The pause state machine. Main thread only."""

    def __init__(
        self,
        *,
        clock: Clock,
        scheduler: SchedulerPort,
        journal: JournalPort,
        bell: Bell,
        view: View,
        drafts: DraftStore,
        next_prompt: Callable[[], str],
        settings: Settings,
        reason_to_wait: Callable[[datetime], str | None] = lambda now: None,
        on_change: Callable[[], None] = lambda: None,
    ) -> None:
        self._clock = clock
        self._scheduler = scheduler
        self._journal = journal
        self._records = Records(journal, lambda: self._settings.pause.length)
        self._bell = bell
        self._view = view
        self._drafts = drafts
        self._next_prompt = next_prompt
        self._settings = settings
        self._reason_to_wait = reason_to_wait
        self._on_change = on_change
        self._state = State.IDLE
        self._moment = Moment()
        self._draft: Draft | None = None
        self._kept_quiet: tuple[datetime, str] | None = None

    @property
    def state(self) -> State:
        return self._state

    def start(self, *, away_since: datetime | None = None) -> None:
        """Begin: restore an unsaved reflection, then wait for the next bell.

        Args:
            away_since: when the app was last known to run (or None). The
                time until now counts as time away: the countdown starts
                afresh at start-up, and no bell rings in the grace period.
        """
        now = self._clock.now()
        if away_since is not None and away_since < now:
            self._scheduler.record_away(away_since, now)
        self._draft = self._drafts.load()
        if self._draft is not None:
            self._state = State.REFLECTING
            self._view.show_reflection(self._draft)
        self.refresh()

    def apply_settings(self, settings: Settings) -> None:
        self._settings = settings
        self.refresh()

    def refresh(self) -> None:
        """Recompute the next bell (after settings, quiet or skip changed)."""
        self._moment.pending = self._scheduler.next_cue(self._clock.now())
        self._on_change()

    def clock_moved(self, by: timedelta) -> None:
        """The wall clock was set by ``by`` (not time passing): re-anchor.

        What was remembered as "so long ago" stays so long ago, and what was
        "so long from now" stays so far away: the schedule's memory and the
        invitation, pause or closing bell under way all move with the clock.
        """
        self._scheduler.clock_moved(by)
        self._moment.shift(by)
        self.refresh()

    def status(self) -> Status:
        now = self._clock.now()
        pause = self._moment.pause
        # While a bell is ringing or a pause runs, the next bell depends on
        # how it ends; it is known again right after.
        waiting = self._state in (State.IDLE, State.REFLECTING)
        return Status(
            state=self._state,
            next_cue=self._moment.pending if waiting else None,
            quiet=self._scheduler.quiet_status(now),
            pause_ends=pause.ends if pause else None,
            kept_quiet=self._kept_quiet,
        )

    # --- time ---------------------------------------------------------

    def next_wakeup(self) -> datetime | None:
        """The next instant at which ``tick`` has something to do."""
        sound = self._next_sound_at()
        instants = [
            self._moment.invitation_expires,
            self._moment.closing_bell_at,
            self._moment.pause.ends if self._moment.pause else None,
            self._pending_due(),
        ]
        if sound is not None and self._moment.prepared_for != sound:
            instants.append(sound - SOUND_LEAD)
        return min((t for t in instants if t is not None), default=None)

    def tick(self) -> None:
        """Handle everything that is due by now."""
        now = self._clock.now()
        sound = self._next_sound_at()
        if (
            sound is not None
            and self._moment.prepared_for != sound
            and sound - SOUND_LEAD <= now <= sound + LATE_LIMIT
        ):
            self._moment.prepared_for = sound
            self._bell.prepare()
        if self._moment.closing_bell_at and now >= self._moment.closing_bell_at:
            self._moment.closing_bell_at = None
            self._bell.play("end")
        if self._moment.invitation_expires and now >= self._moment.invitation_expires:
            self.let_pass(timed_out=True)
        pause = self._moment.pause
        if pause is not None and now >= pause.ends:
            self._finish_pause(Outcome.COMPLETED, pause.ends)
        due = self._pending_due()
        if due is not None and now >= due:
            self._ring(self._moment.pending, now)

    def _pending_due(self) -> datetime | None:
        # An open reflection never holds back the bells (see ``_invite``).
        if self._state not in _WAITING or self._moment.pending is None:
            return None
        return self._moment.pending.at

    def _next_sound_at(self) -> datetime | None:
        pending = self._moment.pending
        candidates = [
            self._moment.closing_bell_at,
            self._moment.pause.ends if self._moment.pause else None,
            pending.at if pending and not pending.passes and self._state in _WAITING else None,
        ]
        return min((t for t in candidates if t is not None), default=None)

    # --- the bell -----------------------------------------------------

    def _ring(self, cue: Cue | None, now: datetime) -> None:
        assert cue is not None
        self._moment.pending = None
        if now - cue.at > LATE_LIMIT:
            log.info("bell at %s missed (now %s): counted as time away", cue.at, now)
            self._scheduler.record_away(cue.at, now)
        elif cue.passes:
            self._records.record(Outcome.PASSED, Source.SCHEDULE, cue)
            self._scheduler.record_passed(cue, now)
        elif (reason := self._reason_to_wait(now)) is not None:
            log.info("bell at %s stayed quiet: %s", cue.at, reason)
            self._kept_quiet = (cue.at, reason)
            self._records.record(Outcome.QUIET, Source.SCHEDULE, cue, reason=reason)
            self._scheduler.record_passed(cue, now)
        else:
            self._kept_quiet = None
            self._invite(cue, now)
        self.refresh()

    def _invite(self, cue: Cue, now: datetime) -> None:
        if self._state is State.REFLECTING:
            # A reflection left open must not silence the day: its words stay
            # a draft (in memory and on disk) and come back after this pause.
            log.info("the open reflection is set aside for the bell at %s", cue.at)
            self._state = State.IDLE
            self._view.close_windows()
        self._bell.play("start")
        form = self._settings.invitation.form
        if form is InvitationForm.PAUSE:
            self._begin_pause(now, cue.pause, Source.SCHEDULE, cue)
        elif form is InvitationForm.SOUND:
            self._records.record(Outcome.RANG, Source.SCHEDULE, cue)
            self._scheduler.record_pause(now, now + cue.pause)
            self._moment.closing_bell_at = now + cue.pause
        else:
            self._state = State.INVITED
            self._moment.invitation = cue
            timeout = self._settings.invitation.card_timeout
            self._moment.invitation_expires = now + timeout + INVITATION_MARGIN
            self._view.show_invitation(cue, self._settings.invitation.card_timeout)

    def accept(self) -> None:
        """The user took the invitation: the pause begins."""
        cue = self._moment.invitation
        if self._state is not State.INVITED or cue is None:
            return
        self._clear_invitation()
        self._begin_pause(self._clock.now(), cue.pause, Source.SCHEDULE, cue)
        self._on_change()

    def let_pass(self, *, timed_out: bool = False) -> None:
        """The user let the bell pass (or the card faded away)."""
        cue = self._moment.invitation
        if self._state is not State.INVITED or cue is None:
            return
        self._clear_invitation()
        self._state = State.IDLE
        self._view.close_windows()
        self._records.record(Outcome.PASSED, Source.SCHEDULE, cue)
        self._scheduler.record_passed(cue, self._clock.now())
        log.info("bell at %s passed%s", cue.at, " (card timed out)" if timed_out else "")
        self.refresh()

    def _clear_invitation(self) -> None:
        self._moment.invitation = None
        self._moment.invitation_expires = None

    # --- the pause ----------------------------------------------------

    def pause_now(self, source: Source, length: timedelta | None = None) -> bool:
        """Start a pause now (tray, shortcut, command). False if one runs."""
        if self._state is State.PAUSING:
            return False
        if self._state is State.INVITED:
            self.accept()
            return True
        self._clear_invitation()
        self._view.close_windows()
        self._bell.play("start")
        self._begin_pause(self._clock.now(), length or self._settings.pause.length, source, None)
        self._on_change()
        return True

    def toggle_pause(self, source: Source) -> None:
        """The shortcut: start a pause, or end the running one gently."""
        if self._state is State.PAUSING:
            self.end_early()
        else:
            self.pause_now(source)

    def end_early(self) -> None:
        """End the running pause before its time (Esc, or the shortcut again)."""
        if self._moment.pause is not None:
            self._finish_pause(Outcome.ENDED_EARLY, self._clock.now())

    def _begin_pause(
        self, now: datetime, length: timedelta, source: Source, cue: Cue | None
    ) -> None:
        self._state = State.PAUSING
        self._moment.closing_bell_at = None
        self._moment.pause = self._records.begin(now, length, source, cue)
        self._view.show_pause(length, now + length)

    def _finish_pause(self, outcome: Outcome, end: datetime) -> None:
        self._bell.play("end")
        entry = self._close_pause(outcome, end)
        self._view.close_windows()
        if self._settings.reflection.enabled:
            self._state = State.REFLECTING
            draft = self._draft or Draft(prompt=self._next_prompt(), text="")
            draft = Draft(draft.prompt, draft.text, draft.feelings, entry)
            self._save_draft(draft)
            self._view.show_reflection(draft)
        else:
            self._state = State.IDLE
        self.refresh()

    def _close_pause(self, outcome: Outcome, end: datetime) -> int | None:
        """Record the pause that ends now; return its journal entry."""
        pause = self._moment.pause
        assert pause is not None
        self._moment.pause = None
        self._scheduler.record_pause(pause.started, end, pause.cue)
        return self._records.finish(pause, outcome, end)

    # --- the reflection -----------------------------------------------

    def update_draft(self, text: str, feelings: tuple[str, ...]) -> None:
        """Keep what is being typed, so a crash loses nothing."""
        draft = self._draft
        if self._state is State.REFLECTING and draft is not None:
            self._save_draft(Draft(draft.prompt, text, feelings, draft.entry_id))

    def save_reflection(self, text: str, feelings: tuple[str, ...]) -> bool:
        """Store the reflection. On failure the draft is kept and False returned."""
        draft = self._draft or Draft(prompt=self._next_prompt(), text="")
        if text.strip() or feelings:
            try:
                self._journal.add_reflection(
                    draft.entry_id,
                    written=self._clock.now(),
                    prompt=draft.prompt,
                    text=text,
                    feelings=feelings,
                )
            except journal_failures() as error:
                log.exception("could not save the reflection")
                self._save_draft(Draft(draft.prompt, text, feelings, draft.entry_id))
                # The window stays open with the words and the reason; the
                # bells go on (an open reflection never holds them back).
                self._state = State.REFLECTING
                self._view.show_reflection(self._draft or draft, problem=not_kept(error))
                return False
        self._end_reflection()
        return True

    def dismiss_reflection(self) -> None:
        """Leave the reflection without saving it."""
        self._end_reflection()

    def set_aside_reflection(self) -> None:
        """The window was closed without an answer: keep the words for later.

        The draft stays on disk and comes back after the next pause (or at
        the next start); the bells go on meanwhile.
        """
        if self._state is State.REFLECTING:
            self._state = State.IDLE
            self._view.close_windows()
            self.refresh()

    def _end_reflection(self) -> None:
        self._draft = None
        self._drafts.clear()
        self._state = State.IDLE
        self._view.close_windows()
        self.refresh()

    def _save_draft(self, draft: Draft) -> None:
        """Keep the draft in memory and on disk (read from disk only at start)."""
        self._draft = draft
        try:
            self._drafts.save(draft)
        except OSError:
            log.exception("could not save the draft")

    # --- records ------------------------------------------------------

    def shutdown(self) -> None:
        """The app is quitting: record what was under way."""
        if self._moment.pause is not None:
            self._close_pause(Outcome.ENDED_EARLY, self._clock.now())
        elif self._moment.invitation is not None:
            self._records.record(Outcome.PASSED, Source.SCHEDULE, self._moment.invitation)
            self._scheduler.record_passed(self._moment.invitation, self._clock.now())
