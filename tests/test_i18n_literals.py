"""No user-visible string literal escapes the translation functions.

An AST walk over the modules that speak to the user: every string literal
(or f-string) handed to a widget, a message box, the tray, a notice, the
command line's ``print`` or argparse's ``help``/``description`` must be
the result of ``_()``, ``ngettext()`` or ``pgettext()`` (``.format``ted
or not), or a name (a constant marked with ``N_``, translated where it is
shown). The allow-list holds the few literals that are not words to
translate: the app's name, and text with no letters.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import presence_app

ROOT = Path(presence_app.__file__).parent
SCANNED = sorted(
    [
        *ROOT.glob("ui/**/*.py"),
        *ROOT.glob("commands/*.py"),
        *ROOT.glob("adapters/**/*.py"),
        *(ROOT / name for name in ("cli.py", "app.py", "wiring.py", "control.py", "ipc.py")),
    ]
)
SINKS = {
    # Qt widgets and windows
    "setText",
    "setWindowTitle",
    "setAccessibleName",
    "setAccessibleDescription",
    "setToolTip",
    "setPlaceholderText",
    "addAction",
    "addMenu",
    "addItem",
    "addButton",
    "setInformativeText",
    "showMessage",
    "setSuffix",
    "setPrefix",
    "QLabel",
    "QPushButton",
    "QCheckBox",
    "QRadioButton",
    "QAction",
    "QMessageBox",
    "QGroupBox",
    "getSaveFileName",
    "getOpenFileName",
    # the app's own ways to speak
    "print",
    "say",
    "notify",
    "_report",
    "show_notice",
    "Capability",
    "ChordCheck",
    "ShortcutStatus",
    "ArgumentTypeError",
    "IpcError",
    "NotPrivate",
    "ExportTargetError",
    "ReadRefused",
    "FormPage",
    "_button",
    "_row",
    "_say",
}
ALL_ARGUMENTS = {"print", "Capability", "ChordCheck", "ShortcutStatus", "QMessageBox"}
"""Sinks whose every argument may be words; the others take words first only."""
KEYWORDS = {"help", "description", "title", "message"}
ALLOWED = {"Presence"}
"""Literals that are not words to translate: the app's own name."""
TRANSLATORS = {"_", "ngettext", "pgettext", "npgettext"}


def is_untranslated(node: ast.expr) -> bool:
    """True for a literal with letters in it, or an f-string, not passed through ``_()``."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return any(c.isalpha() for c in node.value) and node.value not in ALLOWED
    if isinstance(node, ast.JoinedStr):
        return any(
            isinstance(part, ast.Constant) and any(c.isalpha() for c in str(part.value))
            for part in node.values
        )
    if isinstance(node, ast.IfExp):
        return is_untranslated(node.body) or is_untranslated(node.orelse)
    if isinstance(node, ast.BinOp):
        return is_untranslated(node.left) or is_untranslated(node.right)
    return False


def callee(node: ast.Call) -> str:
    if isinstance(node.func, ast.Name):
        return node.func.id
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    return ""


def escapes(source: str) -> list[str]:
    """Return "line: text" for each user-visible literal not translated in ``source``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = callee(node)
        arguments: list[ast.expr] = []
        if name in ALL_ARGUMENTS:
            arguments = list(node.args)
        elif name in SINKS:
            arguments = list(node.args[:1])
        arguments += [k.value for k in node.keywords if k.arg in KEYWORDS]
        for argument in arguments:
            if is_untranslated(argument):
                found.append(f"{argument.lineno}: {ast.unparse(argument)[:70]}")
    return found


@pytest.mark.parametrize("path", SCANNED, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_user_visible_literal_escapes_translation(path: Path) -> None:
    assert escapes(path.read_text(encoding="utf-8")) == []


def test_the_scan_catches_an_untranslated_label() -> None:
    source = (
        'QLabel("Hello")\n'
        'QLabel(_("Hello"))\n'
        'button.setToolTip(f"Play {name}")\n'
        'parser.add_parser("x", help="do it")\n'
        'print(_("Done {n}").format(n=1))\n'
        'print("presence-app: " + error)\n'
        'self.setWindowTitle("Presence")\n'
    )
    assert escapes(source) == [
        "1: 'Hello'",
        "3: f'Play {name}'",
        "4: 'do it'",
        "6: 'presence-app: ' + error",
    ]
