"""Start the real app with a boot clock the soak can move: a simulated suspend.

A real suspend cannot happen in a container. What the app sees of one is
its three clocks: the wall clock and the boot clock jump ahead together and
the monotonic clock does not. libfaketime moves the wall clock (and only
it); this harness adds the same amount to the boot clock that the app's
``SleepWatch`` reads, from the file named by ``SOAK_SLEEP_FILE`` (seconds).
Everything else is the real app, started the way ``presence-app`` starts it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from presence_app.adapters import power

_OFFSET = Path(os.environ["SOAK_SLEEP_FILE"])
_real_sample = power.sample


def _sample() -> power.ClockSample:
    clocks = _real_sample()
    try:
        slept = float(_OFFSET.read_text() or 0)
    except (OSError, ValueError):
        slept = 0.0
    boot = None if clocks.boot is None else clocks.boot + slept
    return power.ClockSample(clocks.wall, clocks.monotonic, boot)


power.sample = _sample

if __name__ == "__main__":
    from presence_app.cli import main

    sys.exit(main([]))
