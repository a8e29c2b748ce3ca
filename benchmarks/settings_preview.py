"""How quickly the settings window's preview follows an edit.

Builds the real settings window (offscreen) with the busy five-rule
schedule of ``schedule_year.py``, then changes the selected rule's interval
many times, one edit per event-loop turn, and prints how long each check
and redraw of the coming week took (the window's own ``update_ms``: from
the edit to the chart and the next bells being shown). A frame is about
16 ms; the target is a frame or two.

Run: ``.venv/bin/python benchmarks/settings_preview.py [--edits N]``
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from PySide6.QtWidgets import QApplication  # noqa: E402
from schedule_year import RULES  # noqa: E402

from presence_app.core.settings import Settings, save_settings  # noqa: E402
from presence_app.ui.settings import SettingsPorts, SettingsWindow  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=40)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    settings = Settings(schedules=RULES)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "settings.toml"
        save_settings(path, settings)
        now = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
        window = SettingsWindow(SettingsPorts(settings, path, now=lambda: now, zone=UTC, seed=1))
        window.show()
        times = []
        for edit in range(args.edits):
            window.rhythm.editor.every.number.setValue(30 + edit % 30)
            while window._timer.isActive():  # noqa: SLF001 - the benchmark waits for the check
                app.processEvents()
            times.append(window.update_ms)
        window.draft.reset(settings)
        window.close()
    print(f"rules: {len(RULES)}, bells in the coming week: {len(window.rhythm.preview.cues)}")
    print(f"edit → preview shown, over {len(times)} edits:")
    print(f"  median {statistics.median(times):.1f} ms, worst {max(times):.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
