"""The long soak: a simulated day for the real app, with 50 clients polling.

Starts a private Xvfb with trayer, then runs ``tests/soak/scenario.py``:
pauses from the command line, a bell that begins a pause, a passed bell, a
ten-minute sleep, the clock set back an hour, and then ``--bells`` more
bells (no two bells are closer than five minutes, so each adds about five
minutes), while ``--pollers`` clients ask for the status every
``--every`` seconds. Prints the journal check, the polls, the memory before
and after, and how fast ``presence-app status`` answers at the end. Needs
xvfb, trayer and libfaketime (Debian: faketime).

    python benchmarks/soak.py [--bells N] [--pollers N] [--every SECONDS]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.e2e import x11  # noqa: E402 - the repository's own X helpers
from tests.soak import scenario  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bells", type=int, default=6, help="bells after the clock jump")
    parser.add_argument("--pollers", type=int, default=50)
    parser.add_argument("--every", type=float, default=0.5, help="seconds between polls")
    args = parser.parse_args()
    xvfb, display = x11.start_xvfb()
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
            start_new_session=True,
        )  # fmt: skip
        try:
            while not x11.tray_owner(display):
                time.sleep(0.01)  # until trayer owns the tray selection
            report = scenario.run(
                env, Path(home), bells=args.bells, pollers=args.pollers,
                poll_every=args.every, say=lambda line: print(f"  {line}", flush=True),
            )  # fmt: skip
        finally:
            trayer.terminate()
            trayer.wait()
            xvfb.terminate()
            xvfb.wait()
    print("\n".join(report.lines()))
    ok = report.entries == report.expected and not report.poll_failures
    ok = ok and report.status_s < 1.0 and report.growth_mb < 5.0
    print("verdict:", "as promised" if ok else "NOT as promised")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
