"""Start-up time, memory and idle cost of the tray app, next to a bare tray app.

Runs on a private Xvfb with trayer (as the end-to-end tests do). A bare
PySide6 app with one tray icon and a menu, started by the same interpreter,
is the baseline: the design's promise is that Presence stays close to it.
Runs alternate between the two (so a busy moment of the machine hurts both
alike), and each figure is the median of ``--runs`` runs:

- seconds from launch until the icon is docked in the tray;
- resident memory (VmRSS) ``--settle`` seconds after launch (20 s);
- at rest, no bell due: wakeups (context switches of all the process's
  threads) per minute, and CPU time, over an ``--idle`` window that begins
  ``--rest-after`` seconds after launch (90 s: Presence tidies its journal
  once a minute after start, which is start-up work, not its cost at
  rest); measured once per app, in a run of its own;
- with ``--latency N``: the time from N bells' deadlines until the
  invitation card is on screen (bells every minute; takes N+2 minutes).

Then the ratios Presence ÷ bare for docking and memory.

    python benchmarks/startup_idle.py [--runs 5] [--settle 20] [--idle 120]
                                      [--rest-after 90] [--latency 3]
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.e2e import x11  # noqa: E402 - the repository's own X helpers

BARE_TRAY = """
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QApplication, QMenu, QSystemTrayIcon
app = QApplication([])
app.setApplicationName("bare-tray")
pixmap = QPixmap(22, 22)
pixmap.fill(QColor("#4a7866"))
icon = QSystemTrayIcon(QIcon(pixmap))
menu = QMenu()
menu.addAction("Quit", app.quit)
icon.setContextMenu(menu)
icon.show()
app.exec()
"""

QUIET_SETTINGS = 'schema_version = 1\n\n[[schedules]]\nname = "Rare"\nat = ["04:00"]\n'
"""A bell far away, so nothing is due while the app is measured idle."""

MINUTE_SETTINGS = """\
schema_version = 1

[[schedules]]
name = "Every minute"
every = "1m"

[invitation]
card_timeout = "10s"

[considerate]
quiet_when_away = false
grace_after_wake = "0s"
"""


def threads_status(pid: int) -> dict[str, int]:
    """Resident memory and context switches, summed over all threads."""
    fields = {"VmRSS": 0, "switches": 0}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            fields["VmRSS"] = int(line.split()[1])
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            text = (task / "status").read_text()
        except OSError:  # the thread ended meanwhile
            continue
        for line in text.splitlines():
            if "ctxt_switches:" in line:
                fields["switches"] += int(line.split()[1])
    return fields


def cpu_seconds(pid: int) -> float:
    """CPU time of all the process's threads, from the scheduler's nanosecond count.

    (``/proc/PID/stat`` counts in clock ticks of 10 ms, too coarse for an app
    at rest: one tick in three minutes would read as 3.3 ms a minute.)
    """
    total = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            total += int((task / "schedstat").read_text().split()[0])
        except (OSError, IndexError, ValueError):  # the thread ended meanwhile
            continue
    return total / 1e9


@contextmanager
def launched(command: list[str], env: dict[str, str]) -> Iterator[subprocess.Popen[bytes]]:
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,
    )  # fmt: skip
    try:
        yield process
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait()


def measure(
    command: list[str],
    wm_class: str,
    env: dict[str, str],
    settle: float,
    rest: tuple[float, float] | None = None,
) -> dict[str, float]:
    """Docking time and RSS at ``settle``; with ``rest`` (after, window), the idle cost."""
    began = time.monotonic()

    def wait_until(seconds: float) -> None:
        time.sleep(max(0.0, seconds - (time.monotonic() - began)))

    with launched(command, env) as process:
        while x11.docked_icon_geometry(env["DISPLAY"], wm_class) is None:
            if time.monotonic() - began > 30:
                raise RuntimeError(f"{wm_class} never docked")
            time.sleep(0.002)
        figures = {"docked_s": time.monotonic() - began}
        wait_until(settle)
        figures["rss_mb"] = threads_status(process.pid)["VmRSS"] / 1024
        if rest is not None:
            after, window = rest
            wait_until(after)
            before, cpu_before = threads_status(process.pid), cpu_seconds(process.pid)
            time.sleep(window)
            now, cpu_now = threads_status(process.pid), cpu_seconds(process.pid)
            figures["idle_cpu_ms_per_min"] = (cpu_now - cpu_before) * 1000 * 60 / window
            figures["idle_wakeups_per_min"] = (now["switches"] - before["switches"]) * 60 / window
        return figures


def card_latencies(env: dict[str, str], bells: int) -> list[float]:
    """Seconds from each bell's deadline until the card is mapped on screen."""
    Path(env["XDG_CONFIG_HOME"], "presence-app", "settings.toml").write_text(MINUTE_SETTINGS)
    latencies: list[float] = []
    command = [sys.executable, "-m", "presence_app"]
    with launched(command, env):
        while len(latencies) < bells:
            deadline = _next_cue(env)
            while time.time() < deadline - 1:
                time.sleep(0.2)
            while not _card_on_screen(env["DISPLAY"]):
                if time.time() > deadline + 30:
                    raise RuntimeError("no card appeared within 30 s of the bell")
                time.sleep(0.002)
            latencies.append(time.time() - deadline)
            while _card_on_screen(env["DISPLAY"]):
                time.sleep(0.2)
    return latencies


def _next_cue(env: dict[str, str]) -> float:
    for _ in range(200):
        reply = subprocess.run(
            [sys.executable, "-m", "presence_app", "status", "--json"],
            env=env, capture_output=True, text=True, check=False,
        )  # fmt: skip
        if reply.returncode == 0 and (cue := json.loads(reply.stdout).get("next_cue")):
            return datetime.fromisoformat(cue).timestamp()
        time.sleep(0.1)
    raise RuntimeError("the app never said when the next bell is")


def _card_on_screen(display: str) -> bool:
    with x11.connect(display) as d:
        for window in d.screen().root.query_tree().children:
            try:
                if "presence-app" in (window.get_wm_class() or ()):
                    attributes = window.get_attributes()
                    name = window.get_wm_name() or ""
                    if attributes.map_state == 2 and "bell" in str(name):
                        return True
            except Exception:  # noqa: BLE001 - windows may vanish while we look
                continue
    return False


def private_env(home: str, display: str) -> dict[str, str]:
    env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb", SDL_AUDIODRIVER="dummy")
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    for name in ("CONFIG", "DATA", "STATE", "RUNTIME"):
        folder = Path(home, name.lower())
        folder.mkdir(mode=0o700)
        env[f"XDG_{name}_HOME" if name != "RUNTIME" else "XDG_RUNTIME_DIR"] = str(folder)
    settings = Path(env["XDG_CONFIG_HOME"], "presence-app", "settings.toml")
    settings.parent.mkdir()
    settings.write_text(QUIET_SETTINGS)
    return env


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--settle", type=float, default=20.0, help="seconds before RSS is read")
    parser.add_argument("--idle", type=float, default=120.0, help="idle window in seconds")
    parser.add_argument(
        "--rest-after", type=float, default=90.0, help="seconds after launch the idle window opens"
    )
    parser.add_argument("--latency", type=int, default=0, help="bells to time (0: none)")
    args = parser.parse_args()
    xvfb, display = x11.start_xvfb()
    subjects = {
        "bare PySide6 tray": ([sys.executable, "-c", BARE_TRAY], "bare-tray"),
        "Presence": ([sys.executable, "-m", "presence_app"], "presence-app"),
    }
    runs: dict[str, list[dict[str, float]]] = {label: [] for label in subjects}
    rest: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as home:
        env = private_env(home, display)
        trayer = subprocess.Popen(
            ["trayer", "--edge", "top", "--align", "right", "--widthtype", "request"],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        while not x11.tray_owner(display):
            time.sleep(0.01)
        try:
            for _ in range(args.runs):
                for label, (command, wm_class) in subjects.items():
                    runs[label].append(measure(command, wm_class, env, args.settle))
            for label, (command, wm_class) in subjects.items():
                window = (args.rest_after, args.idle)
                rest[label] = measure(command, wm_class, env, args.settle, window)
            latencies = card_latencies(env, args.latency) if args.latency else []
        finally:
            trayer.terminate()
            trayer.wait()
            xvfb.terminate()
            xvfb.wait()
    report(runs, rest, args, latencies)


def report(
    runs: dict[str, list[dict[str, float]]],
    rest: dict[str, dict[str, float]],
    args: argparse.Namespace,
    latencies: list[float],
) -> None:
    medians = {
        label: {key: statistics.median(r[key] for r in results) for key in results[0]}
        for label, results in runs.items()
    }
    print(
        f"medians of {args.runs} runs; RSS at {args.settle:.0f} s; at rest: "
        f"{args.idle:.0f} s from {args.rest_after:.0f} s after launch"
    )
    for label, m in medians.items():
        idle = rest[label]
        print(
            f"{label:18}  docked {m['docked_s']:.3f} s  RSS {m['rss_mb']:.1f} MB  "
            f"at rest {idle['idle_wakeups_per_min']:.1f} wakeups/min, "
            f"CPU {idle['idle_cpu_ms_per_min']:.1f} ms/min"
        )
    bare, app = medians["bare PySide6 tray"], medians["Presence"]
    print(
        f"ratios Presence/bare: docked {app['docked_s'] / bare['docked_s']:.2f}x, "
        f"RSS {app['rss_mb'] / bare['rss_mb']:.2f}x"
    )
    if latencies:
        shown = ", ".join(f"{1000 * s:.0f}" for s in latencies)
        print(
            f"bell deadline -> card on screen: {shown} ms (median "
            f"{1000 * statistics.median(latencies):.0f} ms)"
        )


if __name__ == "__main__":
    main()
