"""Residents' paraphrased, misspelt questions reach the right entry; the index loses nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.config import MatcherConfig
from bot.kb.base import KnowledgeBase, load_directory
from bot.matcher import MatchIndex
from bot.text import content_form, normalise

REPO_KB = Path(__file__).parents[1] / "knowledge"

# (what a resident types, the entry that must answer it)
PARAPHRASES: list[tuple[str, str]] = [
    ("how do i stop my fone being nicked", "phone-snatching"),
    ("someone on a moped grabbed my phone", "phone-snatching"),
    ("burgalry tips", "burglary-home-security"),
    ("how to stop burglers getting in my house", "burglary-home-security"),
    ("make my home more secure", "burglary-home-security"),
    ("keyless car theft how to stop it", "vehicle-theft"),
    ("stuff stolen from my car", "theft-from-vehicles"),
    ("how do i lock my bike properly", "bike-theft"),
    ("shoplifting advice for my shop", "shoplifting-retailers"),
    ("how do i spot a scam", "fraud-scams"),
    ("i think i am being scammed", "fraud-scams"),
    ("romance scam", "scams-romance-investment-courier"),
    ("bank rang me and it felt dodgy", "bank-scam-159"),
    ("staying safe on a night out", "personal-safety-night"),
    ("safety of women and girls", "women-girls-safety|priority-women-girls"),
    ("noisy neighbours and anti social behaviour", "anti-social-behaviour"),
    ("asb", "anti-social-behaviour"),
    ("knife crime advice for parents", "knife-crime"),
    ("whats the non emergency number", "non-emergency-101"),
    ("how do i report a crime online", "report-online"),
    ("crimestopers", "crimestoppers"),
    ("report anonymously", "crimestoppers"),
    ("what is streetsafe", "streetsafe"),
    ("what is met engage", "met-engage"),
    ("new met for london phase 2", "nmfl-phase2-overview"),
    ("what is the police stratergy", "nmfl-phase2-overview"),
    ("facial recognition", "facial-recognition"),
    ("are you using facial recognition cameras", "facial-recognition"),
    ("targeting the worst offenders", "targeting-harm"),
    ("police partnerships with charities and businesses", "nmfl-partnerships"),
    ("what did residents ask for at the crime fighting event", "community-crime-fighting-event"),
    ("more police on the high street at night", "priority-high-street"),
    ("has neighbourhood crime gone down", "met-wide-results"),
    ("how many arrests in july and august", "harrow-arrests-july-august"),
    ("arrests per officer", "harrow-arrests-per-officer"),
    ("shoplifting figures in harrow", "harrow-shoplifting-figures"),
    ("child sexual exploitation reports", "harrow-cse-reports"),
    ("court warrants", "harrow-court-warrants"),
    ("how many engagement events a month", "harrow-engagement-growth"),
    ("walk and talk with women", "walk-and-talks"),
    ("what data do you keep about me", "privacy"),
    ("delete my data", "delete-my-data"),
    ("hiya", "greeting"),
    ("thanks a lot", "thanks"),
    ("are you a real person", "real-person"),
    ("deaf how do i call 999", "accessible-999"),
]


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    result = load_directory(REPO_KB, date(2026, 11, 29))
    assert result.kb is not None
    return result.kb


@pytest.mark.parametrize(("question", "expected"), PARAPHRASES)
def test_paraphrase_reaches_the_right_entry(
    kb: KnowledgeBase, question: str, expected: str
) -> None:
    threshold = MatcherConfig().lexical_threshold  # the lexical index on its own
    found = kb.index.search(question, limit=3)
    assert found, f"nothing matched {question!r}"
    assert found[0].key in expected.split("|"), (question, found)
    assert found[0].score >= threshold, (question, found)


@pytest.mark.parametrize(("question", "expected"), PARAPHRASES)
def test_index_agrees_with_scoring_everything(
    kb: KnowledgeBase, question: str, expected: str
) -> None:
    indexed = kb.index.search(question, limit=1)
    bare = kb.index.search_all(question, limit=1)
    assert indexed[0].key == bare[0].key or indexed[0].score >= bare[0].score


@pytest.mark.parametrize(
    "question",
    [
        "what time does the library open on sundays",
        "can you recommend a good pizza place",
        "how tall is the shard",
        "tell me a joke",
        "my neighbour parks across my drive",
        "i want to buy a car",
    ],
)
def test_unrelated_question_is_not_answered(kb: KnowledgeBase, question: str) -> None:
    found = kb.index.search(question, limit=1)
    assert not found or found[0].score < MatcherConfig().lexical_threshold, found


def test_typos_are_corrected_through_the_index() -> None:
    index = MatchIndex([("burglary", ["burglary prevention"]), ("phones", ["phone theft"])])
    assert index.search("burglray prevnetion")[0].key == "burglary"
    assert index.search("fone theft")[0].key == "phones"


@pytest.mark.parametrize(
    "text", ["", "   ", "🚓🚓🚓", "\x00\x07\x1b[31m", "x" * 10_000, "Привет как дела", "مرحبا"]
)
def test_odd_input_never_raises(kb: KnowledgeBase, text: str) -> None:
    kb.index.search(text)
    kb.index.search_all(text)
    assert isinstance(normalise(text), str)
    assert len(content_form(text)) <= 300
