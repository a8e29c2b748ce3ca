"""Reflection prompts: parsing the file and rotating without repeats."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from presence_app.core.prompts import (
    FALLBACK_PROMPTS,
    PromptRotation,
    parse_prompts,
    read_prompts,
)
from presence_app.resources import asset_path

ASSETS_PROMPTS = asset_path("prompts.txt")


def test_parse_skips_notes_blank_lines_and_repeats() -> None:
    text = "# a note\n\nWhat did you notice?\n  What is here?  \nWhat did you notice?\n"
    assert parse_prompts(text) == ("What did you notice?", "What is here?")


def test_shipped_prompts_are_few_short_and_questions() -> None:
    prompts = read_prompts(ASSETS_PROMPTS)
    assert 12 <= len(prompts) <= 20
    assert all(len(prompt) <= 60 for prompt in prompts)
    assert all(prompt.endswith("?") for prompt in prompts)


@pytest.mark.parametrize("content", [None, "", "# only a note\n", b"\xff\xfe\xfa"])
def test_unusable_file_gives_fallback_prompts(tmp_path: Path, content: str | bytes | None) -> None:
    path = tmp_path / "prompts.txt"
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    elif isinstance(content, bytes):
        path.write_bytes(content)
    assert read_prompts(path) == FALLBACK_PROMPTS


def test_rotation_is_deterministic_for_a_seed() -> None:
    prompts = [f"Prompt {n}?" for n in range(8)]
    first = PromptRotation(prompts, random.Random(7))
    second = PromptRotation(prompts, random.Random(7))
    assert [first.next() for _ in range(30)] == [second.next() for _ in range(30)]


@pytest.mark.parametrize("seed", range(25))
def test_every_prompt_once_per_round_and_never_twice_in_a_row(seed: int) -> None:
    prompts = [f"Prompt {n}?" for n in range(5)]
    rotation = PromptRotation(prompts, random.Random(seed))
    dealt = [rotation.next() for _ in range(5 * 6)]
    for start in range(0, len(dealt), 5):
        assert sorted(dealt[start : start + 5]) == sorted(prompts)
    assert all(a != b for a, b in zip(dealt, dealt[1:], strict=False))


@pytest.mark.parametrize("seed", range(25))
def test_last_shown_prompt_is_not_asked_first_after_restart(seed: int) -> None:
    prompts = ["A?", "B?", "C?"]
    rotation = PromptRotation(prompts, random.Random(seed), last_shown="B?")
    assert rotation.next() != "B?"


def test_single_prompt_is_still_asked() -> None:
    rotation = PromptRotation(["Only?"], random.Random(1), last_shown="Only?")
    assert [rotation.next() for _ in range(3)] == ["Only?"] * 3


def test_empty_list_rotates_fallback_prompts() -> None:
    rotation = PromptRotation([], random.Random(1))
    assert rotation.next() in FALLBACK_PROMPTS
