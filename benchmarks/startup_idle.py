"""Start-up time, memory and idle cost of the tray app, next to a bare tray app.

Runs on a private Xvfb with trayer (as the end-to-end tests do) and prints:

- seconds from launch until the icon is docked in the tray;
- resident memory (VmRSS) once started;
- CPU time and context switches during an idle window (no bell due).

The baseline is a bare PySide6 app with one tray icon, started the same way:
the design's promise is that Presence stays close to it.

    python benchmarks/startup_idle.py [--idle SECONDS] [--runs N]
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
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


def start_display() -> tuple[subprocess.Popen[bytes], str]:
    read, write = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    os.close(write)
    with os.fdopen(read) as stream:
        return xvfb, ":" + stream.readline().strip()


def proc_status(pid: int) -> dict[str, int]:
    fields: dict[str, int] = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "voluntary_ctxt_switches", "nonvoluntary_ctxt_switches"):
            fields[name] = int(value.split()[0])
    return fields


def cpu_seconds(pid: int) -> float:
    parts = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(parts[11]) + int(parts[12])) / os.sysconf("SC_CLK_TCK")


def measure(
    command: list[str], wm_class: str, env: dict[str, str], idle: float
) -> dict[str, float]:
    began = time.monotonic()
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,
    )  # fmt: skip
    try:
        while x11.docked_icon_geometry(env["DISPLAY"], wm_class) is None:
            if time.monotonic() - began > 30:
                raise RuntimeError(f"{wm_class} never docked")
            time.sleep(0.005)
        docked = time.monotonic() - began
        time.sleep(1.0)  # let start-up work settle before the idle window
        before, cpu_before = proc_status(process.pid), cpu_seconds(process.pid)
        time.sleep(idle)
        after, cpu_after = proc_status(process.pid), cpu_seconds(process.pid)
        switches = sum(after[k] - before[k] for k in after if k.endswith("switches"))
        return {
            "docked_s": docked,
            "rss_mb": after["VmRSS"] / 1024,
            "idle_cpu_ms": (cpu_after - cpu_before) * 1000,
            "idle_switches_per_min": switches * 60 / idle,
        }
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--idle", type=float, default=20.0, help="idle window in seconds")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    xvfb, display = start_display()
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb", SDL_AUDIODRIVER="dummy")
        env.pop("DBUS_SESSION_BUS_ADDRESS", None)
        for name in ("CONFIG", "DATA", "STATE", "RUNTIME"):
            folder = Path(home, name.lower())
            folder.mkdir(mode=0o700)
            env[f"XDG_{name}_HOME" if name != "RUNTIME" else "XDG_RUNTIME_DIR"] = str(folder)
        trayer = subprocess.Popen(
            ["trayer", "--edge", "top", "--align", "right", "--widthtype", "request"],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        while not x11.tray_owner(display):
            time.sleep(0.01)
        subjects = {
            "bare PySide6 tray": ([sys.executable, "-c", BARE_TRAY], "bare-tray"),
            "Presence": ([sys.executable, "-m", "presence_app"], "presence-app"),
        }
        try:
            for label, (command, wm_class) in subjects.items():
                runs = [measure(command, wm_class, env, args.idle) for _ in range(args.runs)]
                figures = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
                print(
                    f"{label:18}  docked {figures['docked_s']:.2f} s  "
                    f"RSS {figures['rss_mb']:.0f} MB  "
                    f"idle CPU {figures['idle_cpu_ms']:.0f} ms/{args.idle:.0f} s  "
                    f"{figures['idle_switches_per_min']:.0f} switches/min"
                )
        finally:
            trayer.terminate()
            trayer.wait()
            xvfb.terminate()
            xvfb.wait()


if __name__ == "__main__":
    main()
