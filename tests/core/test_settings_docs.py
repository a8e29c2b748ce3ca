"""The README's settings reference is the generated one, so it stays true."""

from __future__ import annotations

import runpy
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
START = "<!-- settings-reference:start -->\n"
END = "<!-- settings-reference:end -->"


def test_readme_reference_matches_the_field_table() -> None:
    script = runpy.run_path(str(ROOT / "scripts" / "settings_reference.py"))
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    embedded = text.split(START, 1)[1].split(END, 1)[0]
    assert embedded == script["reference"](), (
        "run: .venv/bin/python scripts/settings_reference.py --write"
    )
