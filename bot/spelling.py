"""Residents' typos put right against the words residents use, for a second look by the rules.

The emergency rules read words: "im bieng atatcked" or "FIRE IN MY KITHCEN" names no danger to
them, and the sentence model reads a misspelt word as pieces of other words. The vocabulary is
the messages hand-written for the classifiers (emergencies, calm look-alikes, crimes told,
feedback: a few thousand residents' sentences that ship with the code), so a word is put right
only towards a word residents use, at one edit (a letter dropped, added, changed or two swapped)
and only when it is not itself a word there. The corrected message is never shown or stored:
the guard reads it as well as the message, and can only add a 999 reply.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

from rapidfuzz.distance import OSA

from bot import shipped_yaml

MIN_LENGTH = 4  # shorter words have too many neighbours one edit away
# English words too common to be anyone's typo ("a small folding knife to cut twine" is not "a
# small holding knife to cut twice"), written by tools/build_common_english.py from
# pyspellchecker's frequency list; rarer words stay correctable ("robed" is "robbed").
COMMON_ENGLISH = "common_english.txt"
_WORD = re.compile(r"[a-z]+")
SOURCES = (
    ("bot.retrieval", "exemplars.yaml"),
    ("bot.retrieval", "reports.yaml"),
    ("bot.retrieval", "routes.yaml"),
    ("bot.feedback", "exemplars.yaml"),
)


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))} | {word}


def _strings(data: object) -> Iterable[str]:
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from _strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from _strings(value)


class Speller:
    """Symmetric deletion: two words one edit apart share a deletion of each, so every
    candidate is found by looking up a word's deletions, without scanning the vocabulary."""

    def __init__(self, texts: Iterable[str]) -> None:
        counts = Counter(w for t in texts for w in _WORD.findall(t.casefold()))
        self._counts = counts
        near: dict[str, set[str]] = {}
        for word in counts:
            if len(word) >= MIN_LENGTH:
                for variant in _deletions(word):
                    near.setdefault(variant, set()).add(word)
        self._near = near

    def word(self, word: str) -> str:
        """The word residents most often use one edit from ``word``; ``word`` if it is one."""
        if word in self._counts or len(word) < MIN_LENGTH or not word.isalpha():
            return word
        found: set[str] = set()
        for variant in _deletions(word):
            found |= self._near.get(variant, set())
        close = [w for w in found if OSA.distance(word, w) == 1]
        if not close or word in common_english():
            return word
        return max(close, key=lambda w: (self._counts[w], w))

    def text(self, text: str) -> str:
        """``text`` casefolded with each word put right; punctuation and spacing kept."""
        return _WORD.sub(lambda m: self.word(m.group(0)), text.casefold())


@lru_cache(maxsize=1)
def common_english() -> frozenset[str]:
    """Words too common in English to be anyone's typo (about 25,000; 4 MB). Read at the first
    word that would be changed, or in the background model load, not by a one-off ``ask``."""
    try:
        text = resources.files("bot").joinpath(COMMON_ENGLISH).read_text("utf-8")
    except OSError:  # an install without it corrects towards residents' words as before
        return frozenset()
    return frozenset(w for w in text.split("\n") if w and not w.startswith("#"))


@lru_cache(maxsize=1)
def speller() -> Speller:
    texts: list[str] = []
    for package, name in SOURCES:
        texts.extend(_strings(shipped_yaml.read(package, name)))
    return Speller(texts)


@lru_cache(maxsize=256)
def respelt(text: str) -> str | None:
    """The message with its typos put right, or None if it had none (or is too long to read)."""
    if len(text) > 2000 or not any(len(w) >= MIN_LENGTH for w in _WORD.findall(text.casefold())):
        return None  # too long to read, or no word long enough to put right ("hi")
    fixed = speller().text(text)
    return None if fixed == text.casefold() else fixed
