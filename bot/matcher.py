"""Fuzzy matching of a question against every phrase in the knowledge base.

Scoring every phrase costs microseconds per phrase, too slow for a large knowledge base. The
index narrows the field first: each phrase is posted under its words, and each query word is
looked up exactly or through its one-letter deletions (the SymSpell trick), which finds
substitutions, insertions, deletions and swapped letters in one dictionary lookup. Only phrases
sharing a (corrected) word with the query are scored. A phrase with no word in common scores too
low to pass the threshold anyway, so accuracy matches scoring everything (``search_all``).
"""

from __future__ import annotations

import heapq
import math
import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from bot.text import content_form

MIN_FUZZY_TOKEN = 5
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
    """Built once per knowledge-base load; immutable afterwards, so safe to share across tasks.

    A phrase's score blends three signals, each 0-100: word overlap weighted by rarity (IDF Dice,
    so "scam" counts for more than "police"), character similarity of the sorted words (catches
    what spelling correction missed), and how much of the question's weight the entry covers
    across all its phrases (so an entry with many ways of saying one thing is not penalised for
    spreading them over several questions).
    """

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
        self._exact = {p: o for p, o in zip(phrases, owners, strict=True)}
        self._tokens = tuple(frozenset(p.split()) for p in phrases)
        postings: dict[str, list[int]] = defaultdict(list)
        for i, words in enumerate(self._tokens):
            for token in words:
                postings[token].append(i)
        self._postings = dict(postings)
        count = len(phrases)
        self._idf = {t: math.log((count + 1) / (len(ids) + 0.5)) for t, ids in postings.items()}
        # A word the knowledge base never uses says little about which entry fits: weigh it like
        # a typical word, so "crime down 14 percent" is not swamped by "14" and "percent".
        self._unknown_idf = statistics.median(self._idf.values()) if self._idf else 1.0
        self._weight = tuple(sum(self._idf[t] for t in words) for words in self._tokens)
        vocab: dict[str, set[str]] = defaultdict(set)
        for words, key in zip(self._tokens, owners, strict=True):
            vocab[key] |= words
        self._entry_words = {k: frozenset(v) for k, v in vocab.items()}
        variants: dict[str, set[str]] = defaultdict(set)
        for token in self._postings:
            if len(token) >= MIN_FUZZY_TOKEN:
                for variant in _deletions(token) | {token}:
                    variants[variant].add(token)
        self._variants = dict(variants)
        self._common = max(COMMON_FLOOR, int(count * COMMON_SHARE))

    def __len__(self) -> int:
        return len(self._phrases)

    def exact(self, query: str) -> str | None:
        """The key whose phrase the query is, word for word once normalised ("hiya" -> hello)."""
        form = content_form(query)
        return self._exact.get(form) if form else None

    def _corrections(self, token: str) -> list[str]:
        if token in self._postings:
            return [token]
        if len(token) < MIN_FUZZY_TOKEN:
            return []
        found: set[str] = set()
        for variant in _deletions(token) | {token}:
            found |= self._variants.get(variant, set())
        return sorted(found, key=lambda t: (Levenshtein.distance(token, t), t))

    def _narrow(self, words: list[str]) -> tuple[list[str], set[int]]:
        """Spell-correct the query against the index's words and collect candidate phrases."""
        corrected: list[str] = []
        groups: list[list[int]] = []
        for word in words:
            options = self._corrections(word)
            corrected.append(options[0] if options else word)
            if options:
                groups.append(self._postings[options[0]])
        rare = [g for g in groups if len(g) <= self._common]
        chosen = rare or groups
        return corrected, {i for group in chosen for i in group}

    def _query_weights(self, words: list[str]) -> dict[str, float]:
        return {w: self._idf.get(w, self._unknown_idf) for w in dict.fromkeys(words)}

    def _coverage(self, words: dict[str, float], total: float, key: str) -> float:
        """How much of the query the entry's words cover: the same for all its phrases."""
        entry_words = self._entry_words[key]
        covered = sum(weight for w, weight in words.items() if w in entry_words)
        return 100.0 * covered / total if total else 0.0

    def _rank(self, words: list[str], candidates: Iterable[int]) -> list[tuple[float, int]]:
        weights = self._query_weights(words)
        total = sum(weights.values())
        query = " ".join(words)
        choices = {i: self._phrases[i] for i in candidates}
        sorted_scores = process.extract(
            query, choices, scorer=fuzz.token_sort_ratio, processor=None, limit=None
        )
        # Worked out once per entry, not per phrase: with 2,000 entries a question has over a
        # thousand candidate phrases, and this was half the matcher's time.
        coverage: dict[str, float] = {}
        ranked = []
        for _, sort_score, i in sorted_scores:
            key = self._owners[i]
            if key not in coverage:
                coverage[key] = self._coverage(weights, total, key)
            phrase = self._tokens[i]
            shared = sum(weight for w, weight in weights.items() if w in phrase)
            both = total + self._weight[i]
            dice = 200.0 * shared / both if both else 0.0
            ranked.append((0.6 * max(dice, sort_score) + 0.4 * coverage[key], i))
        return ranked

    def search(self, query: str, limit: int = 3, score_cutoff: float = 0.0) -> list[Candidate]:
        """The best ``limit`` keys for ``query``, each with its best phrase's score (0-100)."""
        form = content_form(query)
        if not form:
            return []
        corrected, candidates = self._narrow(form.split())
        scored = self._rank(corrected, candidates)
        return self._best_per_key(scored, limit, score_cutoff)

    def search_all(self, query: str, limit: int = 3, score_cutoff: float = 0.0) -> list[Candidate]:
        """Score every phrase with the same scorer and no index: the index's reference."""
        form = content_form(query)
        if not form:
            return []
        corrected = [(self._corrections(w) or [w])[0] for w in form.split()]
        scored = self._rank(corrected, range(len(self._phrases)))
        return self._best_per_key(scored, limit, score_cutoff)

    def _best_per_key(
        self, scored: Iterable[tuple[float, int]], limit: int, score_cutoff: float
    ) -> list[Candidate]:
        best: dict[str, tuple[float, int]] = {}
        for score, i in scored:
            key = self._owners[i]
            if score >= score_cutoff and (key not in best or score > best[key][0]):
                best[key] = (score, i)
        top = heapq.nlargest(limit, best.items(), key=lambda kv: (kv[1][0], -kv[1][1]))
        return [Candidate(key, round(score, 1), self._phrases[i]) for key, (score, i) in top]
