"""A simulated day for the real app: bells, pauses, passes, quiet, a sleep, a clock jump.

The app runs as users run it, under Xvfb with a tray host (the caller
provides ``DISPLAY``), while ``pollers`` clients (the CLI's own client code,
one thread each) ask for its status the whole time. The schedule is
accelerated to its shortest (``every = "1m"``, 10-second pauses that begin
at the bell), so a "day" takes minutes:

1. "quiet 1h" and "quiet off";
2. the first bell, a minute after the start, begins a 10-second pause;
3. three pauses from the command line (each leaves a reflection open,
   which the next pause or bell sets aside);
4. "let the next bell pass", then a sleep of ten minutes (libfaketime
   moves the wall clock, ``harness`` the boot clock) across the bell due;
5. the first bell after waking passes, as asked;
6. the wall clock set back an hour: the next bell stays near;
7. ``bells`` more bells, each a pause (no two bells are closer than five
   minutes, so these make the long form long).

At the end the journal must hold exactly the expected entries, the memory
must not have grown more than ``max_growth_mb``, and a real
``presence-app status`` must answer in under a second.
``tests/soak/test_soak.py`` runs it short; ``benchmarks/soak.py`` runs it
long and prints the figures.
"""

from __future__ import annotations

import glob
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from presence_app.core.paths import Paths
from presence_app.ipcclient import IpcError, NoRunningApp, send_command

HERE = Path(__file__).parent
SETTINGS = """\
schema_version = 1
shortcut = ""

[[schedules]]
name = "Soak"
every = "1m"

[sound]
enabled = false

[pause]
length = "10s"

[invitation]
form = "pause"

[considerate]
quiet_when_away = false
quiet_when_fullscreen = false
quiet_when_dnd = false
grace_after_wake = "0s"
"""
SLEEP_S = 600
JUMP_S = -3600


@dataclass
class Report:
    entries: list[tuple[str, str]] = field(default_factory=list)
    expected: list[tuple[str, str]] = field(default_factory=list)
    rss_start_kb: int = 0
    rss_end_kb: int = 0
    status_s: float = 0.0
    polls: int = 0
    poll_failures: list[str] = field(default_factory=list)
    slowest_poll_s: float = 0.0
    seconds: float = 0.0

    @property
    def growth_mb(self) -> float:
        return (self.rss_end_kb - self.rss_start_kb) / 1024

    def lines(self) -> list[str]:
        return [
            f"simulated day: {self.seconds:.0f} s, {len(self.entries)} journal entries "
            f"({'as expected' if self.entries == self.expected else 'NOT as expected'})",
            f"status polls: {self.polls} from the pollers, {len(self.poll_failures)} failed, "
            f"slowest {self.slowest_poll_s * 1000:.0f} ms",
            f"memory: {self.rss_start_kb / 1024:.1f} MB after warm-up, "
            f"{self.rss_end_kb / 1024:.1f} MB at the end ({self.growth_mb:+.1f} MB)",
            f"`presence-app status` at the end: {self.status_s * 1000:.0f} ms",
        ]


def libfaketime() -> str | None:
    found = glob.glob("/usr/lib/*/faketime/libfaketime.so.1")
    return found[0] if found else None


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS")


class Pollers:
    """``count`` threads asking for the status every ``every`` seconds."""

    def __init__(self, paths: Paths, count: int, every: float) -> None:
        self._paths, self._every = paths, every
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self.polls, self.slowest = 0, 0.0
        self.failures: list[str] = []
        self._threads = [threading.Thread(target=self._run, daemon=True) for _ in range(count)]

    def __enter__(self) -> Pollers:
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=10)

    def _run(self) -> None:
        while not self._stop.wait(self._every):
            began = time.monotonic()
            try:
                reply = send_command(self._paths, {"command": "status"}, timeout=5)
                problem = None if reply.get("ok") else str(reply)
            except (IpcError, NoRunningApp) as error:
                problem = str(error)
            took = time.monotonic() - began
            with self._lock:
                self.polls += 1
                self.slowest = max(self.slowest, took)
                if problem is not None:
                    self.failures.append(problem)


class Soak:
    """One run of the scenario in ``home`` with the environment ``env``."""

    def __init__(self, env: dict[str, str], home: Path, say: Callable[[str], None]) -> None:
        self.env, self.home, self.say = dict(env), home, say
        self.wall = home / "faketime"
        self.slept = home / "slept"
        self.process: subprocess.Popen[bytes] | None = None
        self.log_path = Path(env["XDG_STATE_HOME"]) / "presence-app" / "log" / "presence.log"
        runtime = Path(env["XDG_RUNTIME_DIR"]) / "presence-app"
        self.paths = Paths(home, home, home, home, runtime)

    def cli(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "presence_app", *args],
            env=self.env, capture_output=True, text=True, timeout=60,
        )  # fmt: skip

    def status(self) -> dict[str, Any]:
        return send_command(self.paths, {"command": "status"}, timeout=5)

    def wait(self, condition: Callable[[], Any], what: str, timeout: float) -> Any:
        deadline = time.monotonic() + timeout
        while not (result := condition()):
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"soak: timed out after {timeout:.0f} s waiting for {what}; "
                    f"status {self.status()}; the app's log ends:\n{self.log_tail()}"
                )
            time.sleep(0.1)  # polling interval of a condition wait
        return result

    def log_tail(self, lines: int = 25) -> str:
        text = self.log_path.read_text(errors="replace") if self.log_path.exists() else ""
        return "\n".join(text.splitlines()[-lines:])

    def logged(self, text: str) -> bool:
        return self.log_path.exists() and text in self.log_path.read_text(errors="replace")

    def start(self) -> None:
        preload = libfaketime()
        if preload is None:
            raise RuntimeError("the soak needs libfaketime (Debian: apt-get install faketime)")
        self.wall.write_text("+0\n")
        self.slept.write_text("0")
        self.env.update(
            LD_PRELOAD=preload, FAKETIME_TIMESTAMP_FILE=str(self.wall), FAKETIME_NO_CACHE="1",
            DONT_FAKE_MONOTONIC="1", SOAK_SLEEP_FILE=str(self.slept),
            PYTHONPATH=str(HERE.parents[1]),
        )  # fmt: skip
        settings = Path(self.env["XDG_CONFIG_HOME"]) / "presence-app" / "settings.toml"
        settings.parent.mkdir(parents=True, exist_ok=True)
        settings.write_text(SETTINGS)
        with (self.home / "app.out").open("wb") as out:
            self.process = subprocess.Popen(
                [sys.executable, str(HERE / "harness.py")],
                env=self.env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
            )  # fmt: skip
        self.wait(self._answers, "the app to answer", 30)

    def _answers(self) -> bool:
        assert self.process is not None
        if self.process.poll() is not None:
            raise AssertionError(f"the app exited: {(self.home / 'app.out').read_text()}")
        try:
            return bool(self.status()["ok"])
        except (IpcError, NoRunningApp):
            return False

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.cli("quit")
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def state_is(self, state: str) -> bool:
        return self.status()["state"] == state

    def sleep_machine(self, seconds: int) -> None:
        """Suspend, as the clocks tell it: wall and boot jump together."""
        assert self.process is not None
        os.kill(self.process.pid, signal.SIGSTOP)  # both clocks move in one instant
        self.slept.write_text(str(seconds))
        self.wall.write_text(f"{seconds:+d}s\n")
        os.kill(self.process.pid, signal.SIGCONT)

    def entries(self) -> list[tuple[str, str]]:
        result = self.cli("journal", "export", "--format", "json")
        if result.returncode != 0:
            raise AssertionError(result.stderr)
        return [(e["outcome"], e["source"]) for e in json.loads(result.stdout)]


def run(
    env: dict[str, str],
    home: Path,
    *,
    bells: int = 1,
    pollers: int = 50,
    poll_every: float = 0.5,
    say: Callable[[str], None] = lambda line: None,
) -> Report:
    """Run the simulated day and return what was measured (the caller judges it)."""
    soak, report = Soak(env, home, say), Report()
    began = time.monotonic()
    soak.start()
    assert soak.process is not None
    try:
        with Pollers(soak.paths, pollers, poll_every) as polling:
            _day(soak, report, bells)
        report.polls, report.slowest_poll_s = polling.polls, polling.slowest
        report.poll_failures = polling.failures
        report.rss_end_kb = rss_kb(soak.process.pid)
        timed = time.monotonic()
        assert soak.cli("status").returncode == 0
        report.status_s = time.monotonic() - timed
    finally:
        soak.stop()
    report.entries = soak.entries()
    report.seconds = time.monotonic() - began
    return report


def _day(soak: Soak, report: Report, bells: int) -> None:
    assert soak.process is not None
    for args in (["quiet", "1h"], ["quiet", "off"]):
        result = soak.cli(*args)
        assert result.returncode == 0, result.stderr
    soak.say("the first bell (a minute after the start) begins a pause")
    _bell_with_pause(soak, report)
    report.rss_start_kb = rss_kb(soak.process.pid)
    for number in range(3):
        soak.say(f"pause {number + 1} of 3 from the command line")
        assert soak.cli("pause", "--length", "2s").returncode == 0
        soak.wait(lambda: soak.state_is("reflecting"), "the pause to end", 30)
        report.expected.append(("completed", "command"))
    assert soak.cli("skip").returncode == 0
    soak.say(f"the machine sleeps for {SLEEP_S} s, past the bell that was due")
    soak.sleep_machine(SLEEP_S)
    soak.wait(lambda: soak.status() and soak.logged("the machine slept for"), "the wake", 30)
    soak.say("the first bell after waking passes, as asked")
    soak.wait(lambda: not soak.status()["skip_next"], "the skipped bell", 150)
    report.expected.append(("passed", "schedule"))
    soak.say(f"the clock is set by {JUMP_S} s")
    soak.wall.write_text(f"{SLEEP_S + JUMP_S:+d}s\n")
    soak.wait(lambda: soak.status() and soak.logged("wall clock moved by -"), "the jump", 30)
    _next_bell_is_near(soak)
    for number in range(bells):
        soak.say(f"bell {number + 1} of {bells} (bells are at least 5 minutes apart)")
        _bell_with_pause(soak, report)


def _bell_with_pause(soak: Soak, report: Report) -> None:
    soak.wait(lambda: soak.state_is("pausing"), "the bell's pause", 400)
    soak.wait(lambda: soak.state_is("reflecting"), "the bell's pause to end", 60)
    report.expected.append(("completed", "schedule"))


def _next_bell_is_near(soak: Soak) -> None:
    """After the jump the next bell keeps its distance: at most 5 minutes (not 65)."""
    status = soak.status()
    app_now = datetime.now(UTC) + timedelta(seconds=SLEEP_S + JUMP_S)
    distance = datetime.fromisoformat(status["next_cue"]) - app_now
    if not timedelta(0) < distance <= timedelta(minutes=5):
        raise AssertionError(f"soak: after the jump the next bell is {distance} away")
