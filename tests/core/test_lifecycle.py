"""The pause lifecycle, driven by a fake clock and small fakes."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from presence_app.core.clock import FakeClock
from presence_app.core.cue import Cue, Outcome, Source
from presence_app.core.drafts import Draft, DraftStore
from presence_app.core.lifecycle import (
    INVITATION_MARGIN,
    LATE_LIMIT,
    SOUND_LEAD,
    Lifecycle,
    State,
)
from presence_app.core.settings import (
    InvitationForm,
    InvitationSettings,
    ReflectionSettings,
    Settings,
)

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
EVERY = timedelta(minutes=45)
PAUSE = timedelta(minutes=1)


@dataclass
class FakeScheduler:
    """Rings every 45 minutes after the last pause, bell or time away."""

    anchor: datetime = START
    skip: bool = False
    quiet: tuple[datetime, str] | None = None
    log: list[tuple[str, datetime, datetime]] = field(default_factory=list)

    def next_cue(self, now: datetime) -> Cue | None:
        at = max(self.anchor + EVERY, now)
        return Cue(at=at, pause=PAUSE, rules=("Work",), passes=self.skip)

    def quiet_status(self, now: datetime) -> tuple[datetime, str] | None:
        return self.quiet

    def record_pause(self, start: datetime, end: datetime, cue: Cue | None = None) -> None:
        self.log.append(("pause", start, end))
        self.anchor = end

    def record_passed(self, cue: Cue, at: datetime) -> None:
        self.log.append(("passed", cue.at, at))
        self.anchor = cue.at
        self.skip = False

    def record_away(self, start: datetime, end: datetime) -> None:
        self.log.append(("away", start, end))
        self.anchor = end

    def clock_moved(self, by: timedelta) -> None:
        self.log.append(("moved", self.anchor, self.anchor + by))
        self.anchor += by


@dataclass
class FakeJournal:
    entries: list[dict[str, object]] = field(default_factory=list)
    reflections: list[dict[str, object]] = field(default_factory=list)
    broken: bool = False

    def record(self, **fields: object) -> int:
        self.entries.append(fields)
        return len(self.entries)

    def finish_pause(self, entry_id: int, **fields: object) -> None:
        self.entries[entry_id - 1].update(fields)

    def add_reflection(self, entry_id: int | None, **fields: object) -> int:
        if self.broken:
            raise sqlite3.OperationalError("disk I/O error")
        self.reflections.append({"entry_id": entry_id, **fields})
        return len(self.reflections)


@dataclass
class FakeBell:
    calls: list[tuple[str, datetime]] = field(default_factory=list)
    clock: FakeClock | None = None

    def prepare(self) -> None:
        assert self.clock
        self.calls.append(("prepare", self.clock.now()))

    def play(self, role: str) -> None:
        assert self.clock
        self.calls.append((role, self.clock.now()))


@dataclass
class FakeView:
    shown: list[str] = field(default_factory=list)
    drafts: list[Draft] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def show_invitation(self, cue: Cue, timeout: timedelta) -> None:
        self.shown.append("invitation")

    def show_pause(self, length: timedelta, ends_at: datetime) -> None:
        self.shown.append(f"pause until {ends_at:%H:%M:%S}")

    def show_reflection(self, draft: Draft, problem: str | None = None) -> None:
        if problem is not None and self.is_showing("reflection"):
            self.problems.append(problem)
            return
        self.shown.append("reflection")
        self.drafts.append(draft)
        if problem is not None:
            self.problems.append(problem)

    def is_showing(self, kind: str) -> bool:
        """Whether the last window asked for is ``kind`` and still open."""
        return bool(self.shown) and self.shown[-1].startswith(kind)

    def close_windows(self) -> None:
        self.shown.append("closed")

    def report_problem(self, message: str) -> None:
        self.problems.append(message)


@dataclass
class World:
    clock: FakeClock
    scheduler: FakeScheduler
    journal: FakeJournal
    bell: FakeBell
    view: FakeView
    drafts: DraftStore
    lifecycle: Lifecycle
    reason: list[str | None]

    def run_until(self, instant: datetime) -> None:
        """Fire the app's single-shot timer at each wake-up up to ``instant``."""
        while (wake := self.lifecycle.next_wakeup()) is not None and wake <= instant:
            self.clock.set(max(wake, self.clock.now()))
            self.lifecycle.tick()
        self.clock.set(instant)
        self.lifecycle.tick()


def make_world(tmp_path: Path, settings: Settings | None = None) -> World:
    clock = FakeClock(START)
    scheduler, journal, view = FakeScheduler(), FakeJournal(), FakeView()
    bell = FakeBell(clock=clock)
    drafts = DraftStore(tmp_path / "draft.json")
    reason: list[str | None] = [None]
    lifecycle = Lifecycle(
        clock=clock,
        scheduler=scheduler,
        journal=journal,
        bell=bell,
        view=view,
        drafts=drafts,
        next_prompt=lambda: "What did you notice?",
        settings=settings or Settings(),
        reason_to_wait=lambda now: reason[0],
    )
    lifecycle.start()
    return World(clock, scheduler, journal, bell, view, drafts, lifecycle, reason)


BELL = START + EVERY


def test_bell_prepares_sound_then_rings_and_invites(tmp_path: Path) -> None:
    world = make_world(tmp_path)
    assert world.lifecycle.next_wakeup() == BELL - SOUND_LEAD
    world.run_until(BELL)
    assert world.bell.calls == [("prepare", BELL - SOUND_LEAD), ("start", BELL)]
    assert world.lifecycle.state is State.INVITED
    assert world.view.shown == ["invitation"]


def test_accepted_pause_completes_then_reflection_is_saved(tmp_path: Path) -> None:
    world = make_world(tmp_path)
    world.run_until(BELL + timedelta(seconds=5))
    world.lifecycle.accept()
    assert world.lifecycle.state is State.PAUSING
    pause_end = BELL + timedelta(seconds=5) + PAUSE
    world.run_until(pause_end)
    assert ("end", pause_end) in world.bell.calls
    assert ("prepare", pause_end - SOUND_LEAD) in world.bell.calls
    assert world.lifecycle.state is State.REFLECTING
    assert world.journal.entries == [
        {
            "outcome": Outcome.COMPLETED,
            "source": Source.SCHEDULE,
            "rules": ("Work",),
            "planned": PAUSE,
            "cue_at": BELL,
            "started": BELL + timedelta(seconds=5),
            "ended": pause_end,
            "reason": None,
        }
    ]
    assert world.scheduler.log == [("pause", BELL + timedelta(seconds=5), pause_end)]
    world.lifecycle.update_draft("the light on the wall", ("calm",))
    assert world.drafts.load() == Draft(
        "What did you notice?", "the light on the wall", ("calm",), 1
    )
    assert world.lifecycle.save_reflection("the light on the wall", ("calm",))
    assert world.journal.reflections == [
        {
            "entry_id": 1,
            "written": pause_end,
            "prompt": "What did you notice?",
            "text": "the light on the wall",
            "feelings": ("calm",),
        }
    ]
    assert world.drafts.load() is None
    assert world.lifecycle.state is State.IDLE
    assert world.lifecycle.status().next_cue == Cue(pause_end + EVERY, PAUSE, ("Work",))


def test_an_unanswered_invitation_passes_by_itself(tmp_path: Path) -> None:
    """The card reports its own timeout; without any answer the lifecycle ends it."""
    world = make_world(tmp_path)
    timeout = Settings().invitation.card_timeout + INVITATION_MARGIN
    world.run_until(BELL + timeout - timedelta(seconds=1))
    assert world.lifecycle.state is State.INVITED
    world.run_until(BELL + timeout)
    assert world.lifecycle.state is State.IDLE
    assert [e["outcome"] for e in world.journal.entries] == [Outcome.PASSED]
    assert world.scheduler.log == [("passed", BELL, BELL + timeout)]
    assert world.view.shown == ["invitation", "closed"]
    assert world.lifecycle.status().next_cue == Cue(BELL + EVERY, PAUSE, ("Work",))


def test_let_it_pass(tmp_path: Path) -> None:
    world = make_world(tmp_path)
    world.run_until(BELL)
    world.lifecycle.let_pass()
    assert world.lifecycle.state is State.IDLE
    assert [e["outcome"] for e in world.journal.entries] == [Outcome.PASSED]


def test_end_early_records_it_and_still_offers_reflection(tmp_path: Path) -> None:
    world = make_world(tmp_path)
    world.run_until(BELL)
    world.lifecycle.accept()
    world.run_until(BELL + timedelta(seconds=20))
    world.lifecycle.end_early()
    assert world.journal.entries[0]["outcome"] is Outcome.ENDED_EARLY
    assert world.journal.entries[0]["ended"] == BELL + timedelta(seconds=20)
    assert world.bell.calls[-1] == ("end", BELL + timedelta(seconds=20))
    assert world.lifecycle.state is State.REFLECTING


def test_pause_now_from_the_shortcut_and_a_second_press_ends_it(tmp_path: Path) -> None:
    world = make_world(tmp_path)
    world.clock.advance(minutes=10)
    world.lifecycle.toggle_pause(Source.SHORTCUT)
    assert world.lifecycle.state is State.PAUSING
    assert world.bell.calls == [("start", START + timedelta(minutes=10))]
    world.clock.advance(seconds=30)
    world.lifecycle.toggle_pause(Source.SHORTCUT)
    entry = world.journal.entries[0]
    assert (entry["outcome"], entry["source"], entry["cue_at"]) == (
        Outcome.ENDED_EARLY,
        Source.SHORTCUT,
        None,
    )
    # the next bell counts from the end of this pause
    end = START + timedelta(minutes=10, seconds=30)
    assert world.lifecycle.status().next_cue == Cue(end + EVERY, PAUSE, ("Work",))


def test_pause_now_with_length_while_pausing_is_refused(tmp_path: Path) -> None:
    world = make_world(tmp_path)
    assert world.lifecycle.pause_now(Source.COMMAND, timedelta(minutes=2))
    assert world.view.shown[-1] == "pause until 09:02:00"
    assert not world.lifecycle.pause_now(Source.COMMAND)


def test_pause_now_while_invited_takes_the_invitation(tmp_path: Path) -> None:
    world = make_world(tmp_path)
    world.run_until(BELL)
    assert world.lifecycle.pause_now(Source.TRAY)
    assert world.lifecycle.state is State.PAUSING
    world.run_until(BELL + PAUSE)
    assert world.journal.entries[0]["source"] is Source.SCHEDULE
    assert world.journal.entries[0]["cue_at"] == BELL


def test_a_bad_moment_keeps_the_bell_quiet(tmp_path: Path) -> None:
    world = make_world(tmp_path)
    world.reason[0] = "a full-screen window is open"
    world.run_until(BELL)
    assert world.lifecycle.state is State.IDLE
    assert [c for c, _ in world.bell.calls] == ["prepare"]
    assert world.journal.entries[0]["outcome"] is Outcome.QUIET
    assert world.journal.entries[0]["reason"] == "a full-screen window is open"
    assert world.scheduler.log == [("passed", BELL, BELL)]
    assert world.lifecycle.status().kept_quiet == (BELL, "a full-screen window is open")
    world.reason[0] = None
    world.run_until(BELL + EVERY)
    assert world.lifecycle.state is State.INVITED
    assert world.lifecycle.status().kept_quiet is None


def test_a_skipped_bell_passes_silently(tmp_path: Path) -> None:
    world = make_world(tmp_path)
    world.scheduler.skip = True
    world.lifecycle.refresh()
    world.run_until(BELL)
    assert world.bell.calls == []
    assert world.journal.entries[0]["outcome"] is Outcome.PASSED
    assert world.lifecycle.status().next_cue == Cue(BELL + EVERY, PAUSE, ("Work",))


def test_a_bell_missed_while_asleep_is_not_rung_late(tmp_path: Path) -> None:
    world = make_world(tmp_path)
    wake = BELL + LATE_LIMIT + timedelta(hours=3)
    world.clock.set(wake)  # the timer fires only now: the machine slept
    world.lifecycle.tick()
    assert world.bell.calls == []
    assert world.lifecycle.state is State.IDLE
    assert world.scheduler.log == [("away", BELL, wake)]
    assert world.journal.entries == []


def test_sound_only_rings_both_bells_and_opens_no_window(tmp_path: Path) -> None:
    settings = replace(Settings(), invitation=InvitationSettings(form=InvitationForm.SOUND))
    world = make_world(tmp_path, settings)
    world.run_until(BELL + PAUSE)
    assert [c for c in world.bell.calls if c[0] != "prepare"] == [
        ("start", BELL),
        ("end", BELL + PAUSE),
    ]
    assert world.view.shown == []
    assert world.journal.entries[0]["outcome"] is Outcome.RANG


def test_pause_at_once_form_without_reflection(tmp_path: Path) -> None:
    settings = replace(
        Settings(),
        invitation=InvitationSettings(form=InvitationForm.PAUSE),
        reflection=ReflectionSettings(enabled=False),
    )
    world = make_world(tmp_path, settings)
    world.run_until(BELL + PAUSE)
    assert world.view.shown == ["pause until 09:46:00", "closed"]
    assert world.lifecycle.state is State.IDLE
    assert world.journal.entries[0]["outcome"] is Outcome.COMPLETED


def test_a_draft_survives_a_crash_and_is_offered_again(tmp_path: Path) -> None:
    world = make_world(tmp_path)
    world.lifecycle.pause_now(Source.TRAY)
    world.run_until(START + PAUSE)
    world.lifecycle.update_draft("half a thought", ())
    # the process dies here; a new one starts with the same state folder
    again = make_world(tmp_path)
    assert again.lifecycle.state is State.REFLECTING
    assert again.view.drafts == [Draft("What did you notice?", "half a thought", (), 1)]


def test_a_failed_save_keeps_the_words_and_says_so(tmp_path: Path) -> None:
    world = make_world(tmp_path)
    world.lifecycle.pause_now(Source.TRAY)
    world.run_until(START + PAUSE)
    world.journal.broken = True
    assert not world.lifecycle.save_reflection("keep me", ("tender",))
    assert world.lifecycle.state is State.REFLECTING
    assert world.drafts.load() == Draft("What did you notice?", "keep me", ("tender",), 1)
    assert world.view.problems == [
        "Your words could not be kept in the journal just now (disk I/O error). "
        "They are still here, and kept as a draft: try Keep it again in a moment, "
        "or close this window and they will be offered again after your next pause."
    ]
    # The window was never closed: it still holds the words.
    assert world.view.shown[-3:] == ["pause until 09:01:00", "closed", "reflection"]
    world.journal.broken = False
    assert world.lifecycle.save_reflection("keep me", ("tender",))
    assert world.journal.reflections[0]["text"] == "keep me"
    assert world.lifecycle.state is State.IDLE


def test_an_open_reflection_does_not_hold_back_the_bells(tmp_path: Path) -> None:
    """A failed save, then nobody at the window: the next bell still rings."""
    world = make_world(tmp_path)
    world.lifecycle.pause_now(Source.TRAY)
    world.run_until(START + PAUSE)
    world.journal.broken = True
    assert not world.lifecycle.save_reflection("still here", ())
    assert world.lifecycle.status().next_cue == Cue(START + PAUSE + EVERY, PAUSE, ("Work",))
    world.run_until(START + PAUSE + EVERY)
    assert world.lifecycle.state is State.INVITED
    assert world.view.shown[-2:] == ["closed", "invitation"]
    assert ("start", START + PAUSE + EVERY) in world.bell.calls
    # The words wait for the end of that pause.
    world.lifecycle.accept()
    world.run_until(world.clock.now() + PAUSE)
    assert world.view.drafts[-1].text == "still here"


def test_a_pause_is_in_the_journal_from_its_first_moment(tmp_path: Path) -> None:
    world = make_world(tmp_path)
    world.lifecycle.pause_now(Source.SHORTCUT)
    assert world.journal.entries == [
        {
            "outcome": Outcome.UNFINISHED,
            "source": Source.SHORTCUT,
            "rules": (),
            "planned": PAUSE,
            "cue_at": None,
            "started": START,
            "ended": None,
            "reason": None,
        }
    ]
    world.run_until(START + PAUSE)
    assert world.journal.entries[0]["outcome"] is Outcome.COMPLETED
    assert world.journal.entries[0]["ended"] == START + PAUSE
    assert len(world.journal.entries) == 1


@pytest.mark.parametrize("hours", [-3, 2])
def test_setting_the_clock_moves_a_pause_under_way_with_it(tmp_path: Path, hours: int) -> None:
    world = make_world(tmp_path)
    world.lifecycle.pause_now(Source.TRAY)
    world.clock.advance(seconds=20, hours=hours)
    world.lifecycle.clock_moved(timedelta(hours=hours))
    assert world.lifecycle.status().pause_ends == START + PAUSE + timedelta(hours=hours)
    assert world.lifecycle.state is State.PAUSING
    world.run_until(START + PAUSE + timedelta(hours=hours))
    assert world.journal.entries[0]["outcome"] is Outcome.COMPLETED
    assert world.journal.entries[0]["started"] == START + timedelta(hours=hours)


def test_dismissing_the_reflection_forgets_the_draft(tmp_path: Path) -> None:
    world = make_world(tmp_path)
    world.lifecycle.pause_now(Source.TRAY)
    world.run_until(START + PAUSE)
    world.lifecycle.dismiss_reflection()
    assert world.drafts.load() is None
    assert world.journal.reflections == []
    assert world.lifecycle.state is State.IDLE


def test_a_reflection_set_aside_keeps_its_words_for_the_next_pause(tmp_path: Path) -> None:
    world = make_world(tmp_path)
    world.lifecycle.pause_now(Source.TRAY)
    world.run_until(START + PAUSE)
    world.lifecycle.update_draft("not finished", ("clear",))
    world.lifecycle.set_aside_reflection()
    assert world.lifecycle.state is State.IDLE
    assert world.lifecycle.status().next_cue is not None
    world.clock.advance(minutes=5)
    world.lifecycle.pause_now(Source.TRAY)
    world.run_until(world.clock.now() + PAUSE)
    assert world.view.drafts[-1] == Draft("What did you notice?", "not finished", ("clear",), 2)


def test_quitting_mid_pause_records_it(tmp_path: Path) -> None:
    world = make_world(tmp_path)
    world.lifecycle.pause_now(Source.COMMAND)
    world.clock.advance(seconds=12)
    world.lifecycle.shutdown()
    assert world.journal.entries[0]["outcome"] is Outcome.ENDED_EARLY
    assert world.scheduler.log == [("pause", START, START + timedelta(seconds=12))]


@pytest.mark.parametrize("content", ["{not json", '{"text": 3}', "[]"])
def test_a_damaged_draft_is_set_aside_not_lost(tmp_path: Path, content: str) -> None:
    path = tmp_path / "draft.json"
    path.write_text(content)
    assert DraftStore(path).load() is None
    assert (tmp_path / "draft.damaged.json").read_text() == content


def test_time_before_start_counts_as_time_away(tmp_path: Path) -> None:
    world = make_world(tmp_path)
    world.scheduler.log.clear()
    world.lifecycle.start(away_since=START - timedelta(hours=9))
    assert world.scheduler.log == [("away", START - timedelta(hours=9), START)]


def test_the_next_bell_is_unknown_while_a_pause_runs(tmp_path: Path) -> None:
    world = make_world(tmp_path)
    world.lifecycle.pause_now(Source.TRAY)
    status = world.lifecycle.status()
    assert (status.state, status.next_cue, status.pause_ends) == (
        State.PAUSING,
        None,
        START + PAUSE,
    )


def test_status_json(tmp_path: Path) -> None:
    world = make_world(tmp_path)
    world.scheduler.quiet = (START + timedelta(hours=1), "you asked for quiet")
    assert world.lifecycle.status().to_json() == {
        "state": "idle",
        "next_cue": BELL.isoformat(),
        "next_cue_passes": False,
        "quiet_until": (START + timedelta(hours=1)).isoformat(),
        "quiet_reason": "you asked for quiet",
        "pause_ends": None,
        "kept_quiet": None,
    }
