#!/usr/bin/env python3
"""What does an idle bell player cost between bells? CPU time and wakeups from /proc.

Three child processes are started and, once settled, watched for a while:

- ``no-player``: imports the player module and does nothing else;
- ``idle-player``: imports pygame, rings one bell through the real player,
  lets it close the device after the tail, then idles (what the app does);
- ``open-mixer``: leaves ``pygame.mixer`` initialised (what the app avoids).

For each, the CPU time (utime + stime of all threads, /proc/PID/stat) and
the context switches (voluntary + involuntary, summed over
/proc/PID/task/*/status) during the idle window are printed. The idle player
should match the process without a player: no thread left, nothing waking.

Usage: ``python benchmarks/sound_idle.py [--seconds N] [--driver dummy]``
(SDL's dummy driver wakes once per buffer just as a real one does.)
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

MODES = ("no-player", "idle-player", "open-mixer")
TICKS = os.sysconf("SC_CLK_TCK")


def child(mode: str) -> None:
    """Run in the child: get into the mode's idle state, say "ready", then idle."""
    from presence_app.adapters.sound.mixer import Mixer
    from presence_app.adapters.sound.player import MixerPlayer
    from presence_app.core.settings import SoundSettings

    if mode == "idle-player":
        pending: list[tuple[float, Callable[[], None]]] = []
        player = MixerPlayer(
            SoundSettings(start="wooden-tone"),
            call_later=lambda seconds, fn: pending.append((time.monotonic() + seconds, fn)),
            on_problem=print,
        )
        player.prepare()
        player.play("start")
        while pending:  # a tiny main-thread event loop, like the app's timers
            pending.sort(key=lambda item: item[0])
            due, callback = pending.pop(0)
            time.sleep(max(0.0, due - time.monotonic()))
            callback()
        assert not player.mixer.is_open, "the player should have closed the device"
    elif mode == "open-mixer":
        Mixer().open()
    print("ready", flush=True)
    time.sleep(10**6)


def cpu_ms(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return 1000 * (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime


def switches(pid: int) -> int:
    total = 0
    for status in Path(f"/proc/{pid}/task").glob("*/status"):
        for line in status.read_text().splitlines():
            if line.endswith("ctxt_switches:") or "ctxt_switches:" in line:
                total += int(line.split()[1])
    return total


def threads(pid: int) -> int:
    return len(list(Path(f"/proc/{pid}/task").iterdir()))


def measure(mode: str, seconds: float, driver: str) -> tuple[float, int, int]:
    env = dict(os.environ, SDL_AUDIODRIVER=driver, PYGAME_HIDE_SUPPORT_PROMPT="1")
    process = subprocess.Popen(
        [sys.executable, __file__, "--child", mode],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,
    )
    try:
        assert process.stdout is not None
        if process.stdout.readline().strip() != "ready":
            raise RuntimeError(f"{mode}: the child did not get ready")
        time.sleep(1.0)  # let start-up work settle
        cpu, switched = cpu_ms(process.pid), switches(process.pid)
        time.sleep(seconds)
        return (
            cpu_ms(process.pid) - cpu,
            switches(process.pid) - switched,
            threads(process.pid),
        )
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:  # a child that ignores SIGTERM
            process.kill()
            process.wait()
        if process.stdout is not None:
            process.stdout.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=30.0, help="length of the idle window")
    parser.add_argument("--driver", default="dummy", help="SDL_AUDIODRIVER for the children")
    parser.add_argument("--child", choices=MODES, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return 0
    print(f"idle window {args.seconds:.0f} s, SDL_AUDIODRIVER={args.driver}")
    for mode in MODES:
        cpu, switched, count = measure(mode, args.seconds, args.driver)
        per_minute = switched * 60 / args.seconds
        print(
            f"{mode:12} CPU {cpu:7.1f} ms   context switches {switched:6d}"
            f" ({per_minute:7.0f}/min)   threads {count}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
