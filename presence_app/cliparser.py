"""The command line's parser, speaking the user's language, argparse's own words too.

Why: our help texts go through the catalog like every other message, but
argparse writes a few words of its own ("usage:", "options", "show this
help message and exit") and its error messages through Python's gettext
domain, which knows only the environment's language, not the ``language``
setting, and ships no catalog at all with most Pythons. So those words
are in our catalog (with argparse's own message ids) and this parser puts
them in through argparse's public hooks: a formatter that sets the usage
prefix, argument groups with translated titles, our own help and version
options, and an ``error`` that rewrites argparse's message by its English
template (``translate_error``). Changing argparse's module globals was the
other way, and it would change every parser in the process.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable, Sequence
from typing import Any, NoReturn

from presence_app.i18n import N_, _

ERRORS = (
    N_("argument %(argument_name)s: %(message)s"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("not allowed with argument %s"),
    N_("one of the arguments %s is required"),
    N_("ignored explicit argument %r"),
)
"""argparse's own error templates, in its words (they are its message ids)."""

_FIELD = re.compile(r"%\((\w+)\)[sr]|%[sr]")


def _pattern(template: str) -> re.Pattern[str]:
    parts, position = [], 0
    for index, match in enumerate(_FIELD.finditer(template)):
        parts.append(re.escape(template[position : match.start()]))
        parts.append(f"(?P<f{index}>.+?)")
        position = match.end()
    parts.append(re.escape(template[position:]))
    return re.compile("".join(parts), re.DOTALL)


def _fill(template: str, values: Iterable[str]) -> str:
    found = iter(values)
    return _FIELD.sub(lambda _match: next(found, ""), template)


def translate_error(message: str) -> str:
    """Return argparse's English ``message`` in the user's language, when it is known."""
    for template in ERRORS:
        match = _pattern(template).fullmatch(message)
        if match is None:
            continue
        values = [match.group(f"f{index}") for index in range(len(match.groups()))]
        if template.startswith("argument %(argument_name)s"):
            values[-1] = translate_error(values[-1])
        return _fill(_(template), values)
    return message


class Formatter(argparse.HelpFormatter):
    """argparse's formatter with a translated "usage:"."""

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, _("usage: ") if prefix is None else prefix)


class Parser(argparse.ArgumentParser):
    """An ``ArgumentParser`` whose own words come from our catalog.

    Subparsers are made of the same class, so every command's help is too.
    Arguments go into groups titled in the user's language; argparse's own
    groups stay empty, and empty groups are not shown.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["add_help"] = False
        kwargs.setdefault("formatter_class", Formatter)
        super().__init__(*args, **kwargs)
        self.positionals = self.add_argument_group(_("positional arguments"))
        self.options = self.add_argument_group(_("options"))
        self.options.add_argument(
            "-h", "--help", action="help", help=_("show this help message and exit")
        )

    def add_argument(self, *args: Any, **kwargs: Any) -> argparse.Action:
        optional = bool(args) and isinstance(args[0], str) and args[0][:1] in self.prefix_chars
        group = self.options if optional else self.positionals
        return group.add_argument(*args, **kwargs)

    def parse_args(  # type: ignore[override]  # one signature is enough here
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> argparse.Namespace:
        parsed, extras = self.parse_known_args(args, namespace)
        if extras:
            self.error(_("unrecognized arguments: %s") % " ".join(extras))
        return parsed

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        text = _("%(prog)s: error: %(message)s\n") % {
            "prog": self.prog,
            "message": translate_error(message),
        }
        self.exit(2, text)
