"""The lifecycle never waits on a window that is not there, whatever happens.

Hypothesis drives the lifecycle through random days: bells, answers,
pauses started by hand, reflections kept (on a journal that sometimes
fails), left or closed, and the wall clock set back and forth. After every
step the state and the windows agree, and there is always a next moment to
wake up for: the app can never stay silent because it is waiting for
something that no longer exists.
"""

from __future__ import annotations

import tempfile
from datetime import timedelta
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from presence_app.core.cue import Source
from presence_app.core.lifecycle import State
from tests.core.test_lifecycle import World, make_world

ACTIONS = st.one_of(
    st.tuples(st.just("wait"), st.integers(1, 120)),
    st.tuples(st.just("accept"), st.just(0)),
    st.tuples(st.just("let_pass"), st.just(0)),
    st.tuples(st.just("pause_now"), st.just(0)),
    st.tuples(st.just("end_early"), st.just(0)),
    st.tuples(st.just("keep"), st.booleans().map(int)),
    st.tuples(st.just("leave"), st.just(0)),
    st.tuples(st.just("close"), st.just(0)),
    st.tuples(st.just("type"), st.just(0)),
    st.tuples(st.just("clock"), st.integers(-6, 6)),
)

SHOWN_IN = {
    State.INVITED: "invitation",
    State.PAUSING: "pause",
    State.REFLECTING: "reflection",
}


def act(world: World, action: str, value: int) -> None:
    lifecycle = world.lifecycle
    if action == "wait":
        world.run_until(world.clock.now() + timedelta(minutes=value))
    elif action == "accept":
        lifecycle.accept()
    elif action == "let_pass":
        lifecycle.let_pass()
    elif action == "pause_now":
        lifecycle.pause_now(Source.TRAY)
    elif action == "end_early":
        lifecycle.end_early()
    elif action == "keep" and lifecycle.state is State.REFLECTING:
        world.journal.broken = bool(value)
        lifecycle.save_reflection("a few words", ("calm",))
    elif action == "leave" and lifecycle.state is State.REFLECTING:
        lifecycle.dismiss_reflection()
    elif action == "close" and lifecycle.state is State.REFLECTING:
        lifecycle.set_aside_reflection()  # what the window manager's close button does
    elif action == "type":
        lifecycle.update_draft("half a thought", ())
    elif action == "clock" and value:
        world.clock.advance(hours=value)
        lifecycle.clock_moved(timedelta(hours=value))


def check(world: World) -> None:
    state = world.lifecycle.state
    if state in SHOWN_IN:
        assert world.view.is_showing(SHOWN_IN[state]), (state, world.view.shown[-3:])
    wake = world.lifecycle.next_wakeup()
    assert wake is not None, f"nothing to wake up for in {state}"
    if state in (State.IDLE, State.REFLECTING):
        # The next bell is never further than one interval past the last thing that happened.
        cue = world.lifecycle.status().next_cue
        assert cue is not None
        assert cue.at - world.clock.now() <= timedelta(minutes=45)


@given(st.lists(ACTIONS, max_size=40))
def test_state_and_windows_always_agree(actions: list[tuple[str, int]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        world = make_world(Path(folder))
        check(world)
        for action, value in actions:
            act(world, action, value)
            check(world)
