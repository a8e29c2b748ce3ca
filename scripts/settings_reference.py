"""Print the settings reference (every section and key, default, allowed
values, meaning) as Markdown, generated from the field table.

The README's "Settings" section embeds this output between the markers
``<!-- settings-reference:start -->`` and ``<!-- settings-reference:end -->``;
a test fails when the two drift apart. Print it, or update README.md (or
FILE) in place with ``--write``:

    .venv/bin/python scripts/settings_reference.py [--write [FILE]]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from presence_app.core.settings import FIELDS, Field, Kind, field_to_toml
from presence_app.core.settings.schedules import RULE_FIELDS
from presence_app.core.settings.text import limit_text

SECTION_ORDER = tuple(dict.fromkeys(field.section for field in FIELDS))
"""Tables in the order the rows are declared (the top level among them)."""


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def allowed(field: Field) -> str:
    match field.kind:
        case Kind.BOOL:
            return "`true` or `false`"
        case Kind.INT | Kind.DURATION:
            assert field.minimum is not None and field.maximum is not None
            return f"{limit_text(field.minimum)} to {limit_text(field.maximum)}"
        case Kind.CHOICE:
            return ", ".join(f'`"{choice}"`' for choice in field.choices)
        case Kind.TEXT:
            return f"text, up to {field.max_length} characters" if field.max_length else "text"
        case Kind.TEXT_LIST:
            return f"up to {field.maximum} texts of up to {field.max_length} characters"


def section_table(section: str) -> list[str]:
    title = f"`[{section}]`" if section else "Top level"
    lines = [
        f"#### {title}",
        "",
        "| Key | Default | Allowed | Meaning |",
        "| --- | --- | --- | --- |",
    ]
    for field in (f for f in FIELDS if f.section == section):
        default = toml_value(field_to_toml(field, field.default))
        lines.append(f"| `{field.name}` | `{default}` | {allowed(field)} | {field.sentence} |")
    return lines


def schedule_table() -> list[str]:
    lines = [
        "#### `[[schedules]]` (one table per rule)",
        "",
        "| Key | Needed | Allowed | Meaning |",
        "| --- | --- | --- | --- |",
    ]
    for key, needed, allowed_values, meaning in RULE_FIELDS:
        lines.append(f"| `{key}` | {needed} | {allowed_values} | {meaning} |")
    return lines


def reference() -> str:
    """Return the whole generated reference, ending with a newline."""
    lines: list[str] = []
    for section in SECTION_ORDER:
        lines += [*section_table(section), ""]
    lines += schedule_table()
    return "\n".join(lines) + "\n"


START = "<!-- settings-reference:start -->\n"
END = "<!-- settings-reference:end -->"
README = Path(__file__).resolve().parents[1] / "README.md"


def write_into(path: Path) -> None:
    """Replace the text between the markers in ``path`` with the reference."""
    text = path.read_text(encoding="utf-8")
    before, rest = text.split(START, 1)
    after = rest.split(END, 1)[1]
    path.write_text(before + START + reference() + END + after, encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--write"]:
        write_into(Path(sys.argv[2]) if len(sys.argv) > 2 else README)
    else:
        print(reference(), end="")
