"""The reflection prompts: where they come from and which one comes next.

Why: after each pause the reflection window asks one short, warm question.
Asking the same one every time would make it a form to fill in; asking the
same one twice in a row would feel careless. So prompts rotate through a
shuffled deck: every prompt is asked once before any is asked again, and a
new deck never starts with the prompt that ended the last one.

Main ideas:
- ``parse_prompts`` turns the text of ``assets/prompts.txt`` (or the
  user's own list) into prompts: one per line, blank lines and ``#`` notes
  skipped, duplicates dropped.
- ``PromptRotation`` is deterministic for a given seed (tests and the app
  pass a ``random.Random``), and it can resume after the prompt last shown,
  so a restart does not repeat it.
- Pure Python: no Qt, no clock.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Iterable
from pathlib import Path

from presence_app.i18n import NP_, pgettext

log = logging.getLogger(__name__)

FALLBACK_PROMPTS: tuple[str, ...] = (
    NP_("prompt", "What did you notice just now?"),
    NP_("prompt", "What is here with you at this moment?"),
    NP_("prompt", "What can wait until later?"),
)
"""Used when no prompt file can be read, so the window always has a question."""


def parse_prompts(text: str) -> tuple[str, ...]:
    """Return the prompts in ``text``: one per line, without notes or repeats."""
    prompts: list[str] = []
    for line in text.splitlines():
        prompt = line.strip()
        if prompt and not prompt.startswith("#") and prompt not in prompts:
            prompts.append(prompt)
    return tuple(prompts)


def read_prompts(path: Path) -> tuple[str, ...]:
    """Read the built-in prompts in a file, in the app's language.

    The file is in English; each line is a message of the catalog (context
    "prompt", extracted by ``scripts/i18n``), so a prompt without a
    translation stays English. The fallback prompts if the file cannot be used.
    """
    try:
        prompts = parse_prompts(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        log.warning("prompts file %s could not be read (%s); using built-in prompts", path, error)
        prompts = FALLBACK_PROMPTS
    if not prompts:
        log.warning("prompts file %s has no prompts; using built-in prompts", path)
        prompts = FALLBACK_PROMPTS
    return tuple(dict.fromkeys(pgettext("prompt", prompt) for prompt in prompts))


class PromptRotation:
    """Deals prompts from a shuffled deck, never the same one twice in a row."""

    def __init__(
        self, prompts: Iterable[str], rng: random.Random, last_shown: str | None = None
    ) -> None:
        """Args:
        prompts: the prompts to rotate (duplicates are dropped).
        rng: the source of shuffling; a seeded one makes the order repeatable.
        last_shown: the prompt shown most recently (for example before a
            restart); it will not be the next one.
        """
        self._prompts = tuple(dict.fromkeys(prompts)) or FALLBACK_PROMPTS
        self._rng = rng
        self._deck: list[str] = []
        self._last = last_shown

    @property
    def prompts(self) -> tuple[str, ...]:
        return self._prompts

    def next(self) -> str:
        """Return the next prompt."""
        if not self._deck:
            self._deck = self._shuffled()
        self._last = self._deck.pop()
        return self._last

    def _shuffled(self) -> list[str]:
        deck = list(self._prompts)
        self._rng.shuffle(deck)
        # The deck is dealt from its end; keep the last prompt away from there.
        if len(deck) > 1 and deck[-1] == self._last:
            deck[0], deck[-1] = deck[-1], deck[0]
        return deck


class PromptSource:
    """The reflection prompts in effect: the user's own, else the shipped ones.

    ``configure`` is told of new settings; ``next`` gives the next prompt of
    a rotation over whichever list is in effect.
    """

    def __init__(self, own: tuple[str, ...], shipped: Path, rng: random.Random) -> None:
        """Args:
        own: the user's own prompts (empty: use the shipped ones).
        shipped: the file of the shipped prompts.
        rng: shuffles the rotation.
        """
        self._shipped = shipped
        self._rng = rng
        self.configure(own)

    def configure(self, own: tuple[str, ...]) -> None:
        """Use ``own`` prompts from now on (empty: the shipped ones)."""
        self._rotation = PromptRotation(own or read_prompts(self._shipped), self._rng)

    def next(self) -> str:
        return self._rotation.next()
