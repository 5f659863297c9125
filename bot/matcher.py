"""Fuzzy matching of a question against every phrase in the knowledge base.

Scoring every phrase with rapidfuzz costs about 2 µs per phrase, too slow for a large knowledge
base. The index narrows the field first: each phrase is posted under its words, and each query word
is looked up exactly or through its one-letter deletions (the SymSpell trick), which finds
substitutions, insertions, deletions and swapped letters in one dictionary lookup. Only phrases
sharing a (corrected) word with the query are scored. A phrase with no word in common scores too
low to pass the threshold anyway, so accuracy matches scoring everything.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from bot.text import content_form

MIN_FUZZY_TOKEN = 4
COMMON_SHARE = 0.05
COMMON_FLOOR = 200


@dataclass(frozen=True, slots=True)
class Candidate:
    key: str
    score: float
    phrase: str


def _deletions(token: str) -> set[str]:
    return {token[:i] + token[i + 1 :] for i in range(len(token))}


class MatchIndex:
    """Built once per knowledge-base load; immutable afterwards, so safe to share across tasks."""

    def __init__(self, items: Iterable[tuple[str, Iterable[str]]]) -> None:
        phrases: list[str] = []
        owners: list[str] = []
        for key, texts in items:
            for form in dict.fromkeys(content_form(t) for t in texts):
                if form:
                    phrases.append(form)
                    owners.append(key)
        self._phrases: Sequence[str] = tuple(phrases)
        self._owners: Sequence[str] = tuple(owners)
        postings: dict[str, list[int]] = defaultdict(list)
        for i, phrase in enumerate(phrases):
            for token in set(phrase.split()):
                postings[token].append(i)
        self._postings = dict(postings)
        variants: dict[str, set[str]] = defaultdict(set)
        for token in self._postings:
            if len(token) >= MIN_FUZZY_TOKEN:
                for variant in _deletions(token) | {token}:
                    variants[variant].add(token)
        self._variants = dict(variants)
        self._common = max(COMMON_FLOOR, int(len(phrases) * COMMON_SHARE))

    def __len__(self) -> int:
        return len(self._phrases)

    def _corrections(self, token: str) -> list[str]:
        if token in self._postings:
            return [token]
        if len(token) < MIN_FUZZY_TOKEN:
            return []
        found: set[str] = set()
        for variant in _deletions(token) | {token}:
            found |= self._variants.get(variant, set())
        return sorted(found, key=lambda t: (Levenshtein.distance(token, t), t))

    def _narrow(self, words: list[str]) -> tuple[str, set[int]]:
        """Spell-correct the query against the index's words and collect candidate phrases."""
        corrected: list[str] = []
        groups: list[list[int]] = []
        for word in words:
            options = self._corrections(word)
            corrected.append(options[0] if options else word)
            postings = [i for option in options for i in self._postings[option]]
            if postings:
                groups.append(postings)
        rare = [g for g in groups if len(g) <= self._common]
        chosen = rare or groups
        return " ".join(corrected), {i for group in chosen for i in group}

    def search(self, query: str, limit: int = 3, score_cutoff: float = 0.0) -> list[Candidate]:
        """The best ``limit`` keys for ``query``, each with its best phrase's score (0-100)."""
        form = content_form(query)
        if not form:
            return []
        corrected, candidates = self._narrow(form.split())
        if not candidates:
            return []
        choices = {i: self._phrases[i] for i in candidates}
        scored = process.extract(
            corrected,
            choices,
            scorer=fuzz.WRatio,
            processor=None,
            score_cutoff=score_cutoff,
            limit=None,
        )
        return self._best_per_key(((s, i) for _, s, i in scored), limit)

    def search_all(self, query: str, limit: int = 3, score_cutoff: float = 0.0) -> list[Candidate]:
        """Score every phrase (no index): the reference the index is measured against."""
        form = content_form(query)
        scored = process.extract(
            form,
            self._phrases,
            scorer=fuzz.WRatio,
            processor=None,
            score_cutoff=score_cutoff,
            limit=None,
        )
        return self._best_per_key(((s, i) for _, s, i in scored), limit)

    def _best_per_key(self, scored: Iterable[tuple[float, int]], limit: int) -> list[Candidate]:
        best: dict[str, tuple[float, int]] = {}
        for score, i in scored:
            key = self._owners[i]
            if key not in best or score > best[key][0]:
                best[key] = (score, i)
        top = heapq.nlargest(limit, best.items(), key=lambda kv: (kv[1][0], -kv[1][1]))
        return [Candidate(key, round(score, 1), self._phrases[i]) for key, (score, i) in top]
