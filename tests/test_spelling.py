"""Typos put right for the emergency rules' second look, never for anything a resident sees."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from bot.answers import AnswerService, ReplyKind
from bot.config import MatcherConfig
from bot.kb.base import KnowledgeStore, load_directory
from bot.safety import Verdict, assess
from bot.spelling import Speller, respelt


@pytest.fixture(scope="module")
def store() -> KnowledgeStore:
    result = load_directory(Path(__file__).parents[1] / "knowledge", date(2026, 11, 29))
    assert result.kb is not None
    return KnowledgeStore(result.kb)


def test_a_word_is_put_right_only_towards_a_word_residents_use_one_edit_away() -> None:
    speller = Speller(["someone is being attacked right now", "my friend is trying"])
    assert speller.text("Im BIENG atatcked rihgt now") == "im being attacked right now"
    assert speller.word("freind") == "friend"  # two letters swapped
    assert speller.word("tryng") == "trying"  # one dropped
    assert speller.word("kebab") == "kebab"  # nothing one edit away: left alone
    assert speller.word("now") == "now"  # too short to guess at
    assert speller.word("someone") == "someone"


def test_a_message_without_typos_has_nothing_to_put_right() -> None:
    assert respelt("someone is trying to break in right now") is None
    assert respelt("x" * 2001) is None  # too long to read: the rules' first look stands


@pytest.mark.parametrize(
    "message",
    [
        "theres smoek pouring out of the flat next door and kids inside",
        "someones tryign to break in rihgt now",
    ],
)
async def test_a_danger_hidden_by_typos_gets_999(store: KnowledgeStore, message: str) -> None:
    assert assess(message).verdict is not Verdict.EMERGENCY  # the words the rules know are hidden
    service = AnswerService(store, MatcherConfig(), "Harrow")
    reply = await service.answer(message)
    assert reply.kind is ReplyKind.EMERGENCY
    assert reply.text.startswith("If you or someone else is in danger right now, call 999")
    assert reply.meta["reason"].endswith("(typos put right)")
    assert not service.needs_model(message)  # a one-off ask answers it without loading the model


async def test_put_right_it_only_adds_999_and_a_typo_free_reply_is_unchanged(
    store: KnowledgeStore,
) -> None:
    service = AnswerService(store, MatcherConfig(), "Harrow")
    reply = await service.answer("my bike was stolne from the station last week")
    assert reply.kind is not ReplyKind.EMERGENCY


@pytest.mark.parametrize(
    ("word", "kept"),
    [
        ("folding", "folding"),
        ("twine", "twine"),
        ("ledge", "ledge"),
        ("robed", "robbed"),
        # British spellings are as common as American ones (round 17's probes: "is it an
        # offence" was put right as "offences", and lost its frame)
        ("offence", "offence"),
        ("colour", "colour"),
    ],
)
def test_a_common_english_word_is_no_typo_while_a_rare_one_still_is(word: str, kept: str) -> None:
    speller = Speller(
        [
            "he is holding a knife",
            "cut it twice",
            "the roof edge",
            "we were robbed",
            "criminal offences",
            "the colours",
        ]
    )
    assert speller.word(word) == kept


async def test_a_penknife_for_the_garden_is_asked_about_not_waved(store: KnowledgeStore) -> None:
    """Put "right", a folding knife became a "holding knife": a weapon held now, and 999."""
    message = "I take a small folding knife to the garden to cut twine, is it ok in my coat pocket"
    assert respelt(message) is None
    reply = await AnswerService(store, MatcherConfig(), "Harrow").answer(message)
    assert reply.kind is not ReplyKind.EMERGENCY


@pytest.mark.skipif(
    importlib.util.find_spec("spellchecker") is None or importlib.util.find_spec("breame") is None,
    reason="pyspellchecker or breame (dev) not installed",
)
def test_the_shipped_common_words_are_the_frequency_list_as_it_is_now() -> None:
    tool = Path(__file__).parents[1] / "tools" / "build_common_english.py"
    done = subprocess.run([sys.executable, str(tool), "--check"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
