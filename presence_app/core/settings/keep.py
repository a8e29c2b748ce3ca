"""Saving into the user's own file: only what changed, comments and order kept.

A person who edits ``settings.toml`` by hand writes comments, leaves keys
out and orders them their way. A save from the settings window should not
turn that into Presence's own layout. So a save over a file that reads
cleanly goes through tomlkit, which keeps every comment, blank line and key
order, and touches only the values that changed:

- a setting is written when its new value differs from what the file meant,
  or when the file's value could not be used (so the problem goes away);
  keys the file leaves out stay out while their value is the default;
- when the rules changed, they are matched by name: each keeps its table
  (and its comments) and gets only the keys whose value differs, new rules
  are added, removed ones dropped, and the tables follow the window's order;
- keys Presence does not know stay where they are (they are the user's).

tomlkit is imported here only, when saving (about 35 ms), never at start-up.
``merged_text`` returns None when the file cannot be updated this way; the
caller then writes a fresh file (the old one is kept as ``.bak``).
"""

from __future__ import annotations

import re
from typing import Any

from presence_app.core.settings.model import SECTIONS, ScheduleRule, Settings, fields_of
from presence_app.core.settings.results import FileState, LoadResult
from presence_app.core.settings.schedules import RULE_KEYS, rule_to_toml

_RULE_PROBLEM = re.compile(r"schedules(?:\[\d+\](?:\.(\w+))?(?:\[\d+\])?)?")


def merged_text(
    previous: str, old: LoadResult, new: Settings, plain: dict[str, Any]
) -> str | None:
    """Return ``previous`` with the values of ``new`` written in, or None.

    Args:
        old: what ``previous`` was read as.
        plain: ``new`` as plain file values (``settings_to_document``).
    """
    if old.file_state is not FileState.OK:
        return None
    import tomlkit
    from tomlkit.exceptions import TOMLKitError

    try:
        document = tomlkit.parse(previous)
        _merge_scalars(document, old, new, plain)
        _merge_schedules(document, old, new)
        return tomlkit.dumps(document)
    except (TOMLKitError, ValueError, TypeError, KeyError, RecursionError):
        return None


def _changed(old: LoadResult, key: str, before: object, after: object) -> bool:
    had_problem = any(p.key == key or p.key.startswith(f"{key}[") for p in old.problems)
    return had_problem or before != after


def _merge_scalars(document: Any, old: LoadResult, new: Settings, plain: dict[str, Any]) -> None:
    for field in fields_of(""):
        before, after = getattr(old.settings, field.name), getattr(new, field.name)
        if _changed(old, field.key, before, after):
            document[field.name] = plain[field.name]
    for section in SECTIONS:
        for field in fields_of(section):
            before = getattr(getattr(old.settings, section), field.name)
            after = getattr(getattr(new, section), field.name)
            if _changed(old, field.key, before, after):
                _table(document, section)[field.name] = plain[section][field.name]


def _table(document: Any, section: str) -> Any:
    import tomlkit

    if section not in document:
        document[section] = tomlkit.table()
    return document[section]


def _merge_schedules(document: Any, old: LoadResult, new: Settings) -> None:
    import tomlkit

    if old.settings.schedules == new.schedules and not any(
        _is_rule_problem(problem.key) for problem in old.problems
    ):
        return
    existing = document.get("schedules")
    tables = list(existing) if isinstance(existing, tomlkit.items.AoT) else []
    rules = tomlkit.aot()
    for rule in new.schedules:
        rules.append(_rule_table(rule, tables))
    if "schedules" in document:
        document["schedules"] = rules
    else:
        document.append("schedules", rules)


def _is_rule_problem(key: str) -> bool:
    """True for a problem with a rule's value; not for a key Presence does not know."""
    match = _RULE_PROBLEM.fullmatch(key)
    return match is not None and match.group(1) in (None, *RULE_KEYS)


def _rule_table(rule: ScheduleRule, tables: list[Any]) -> Any:
    """Reuse the table written for a rule of this name, changing only what differs."""
    import tomlkit

    wanted = rule_to_toml(rule)
    for index, table in enumerate(tables):
        if table is not None and table.get("name") == rule.name:
            tables[index] = None  # each written table serves one rule
            _update_rule(table, wanted)
            return table
    fresh = tomlkit.table()
    for key, value in wanted.items():
        fresh[key] = value
    return fresh


def _update_rule(table: Any, wanted: dict[str, Any]) -> None:
    for key in RULE_KEYS:
        if key not in wanted:
            if key in table:
                del table[key]
        elif key not in table or table[key] != wanted[key]:
            table[key] = wanted[key]
