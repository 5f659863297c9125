"""Fuzzy matching of a question against every phrase in the knowledge base.

Scoring every phrase costs microseconds per phrase, too slow for a large knowledge base. The
index narrows the field first: each phrase is posted under its words, and each query word is
looked up exactly or through its one-letter deletions (the SymSpell trick), which finds
substitutions, insertions, deletions and swapped letters in one dictionary lookup. Only phrases
sharing a (corrected) word with the query are scored. A phrase with no word in common scores too
low to pass the threshold anyway, so accuracy matches scoring everything (``search_all``).
"""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from bot.text import content_form

MIN_FUZZY_TOKEN = 5
COMMON_SHARE = 0.05
COMMON_FLOOR = 200

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


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
        self._weights = np.array([sum(self._idf[t] for t in words) for words in self._tokens])
        self._phrase_postings = {t: np.array(ids, dtype=np.int64) for t, ids in postings.items()}
        self._keys = tuple(dict.fromkeys(owners))
        number = {key: n for n, key in enumerate(self._keys)}
        self._owner_ids = np.array([number[key] for key in owners], dtype=np.int64)
        vocab: dict[str, set[int]] = defaultdict(set)
        for words, key in zip(self._tokens, owners, strict=True):
            for token in words:
                vocab[token].add(number[key])
        self._entry_postings = {
            t: np.array(sorted(ids), dtype=np.int64) for t, ids in vocab.items()
        }
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

    @staticmethod
    def _shared(weights: dict[str, float], postings: dict[str, IntArray], size: int) -> FloatArray:
        """The query weight each phrase (or entry) holds: one vector add per query word rather
        than one set lookup per word and phrase."""
        shared = np.zeros(size)
        for word, weight in weights.items():
            found = postings.get(word)
            if found is not None:
                shared[found] += weight
        return shared

    def _rank(self, words: list[str], candidates: IntArray) -> tuple[FloatArray, FloatArray]:
        """Each candidate phrase's score and its sorted-words similarity, as arrays: with 2,000
        entries a question has over a thousand candidate phrases, and scoring them one by one in
        Python was most of the matcher's time."""
        weights = self._query_weights(words)
        total = sum(weights.values())
        phrases = [self._phrases[i] for i in candidates.tolist()]
        query = [" ".join(words)]
        scorer = fuzz.token_sort_ratio
        sort_score = process.cdist(query, phrases, scorer=scorer, processor=None, dtype=np.float64)[
            0
        ]
        shared = self._shared(weights, self._phrase_postings, len(self._phrases))[candidates]
        covered = self._shared(weights, self._entry_postings, len(self._keys))
        coverage = 100.0 * covered / total if total else np.zeros(len(self._keys))
        both = total + self._weights[candidates]
        dice = np.divide(200.0 * shared, both, out=np.zeros_like(both), where=both != 0)
        score = 0.6 * np.maximum(dice, sort_score) + 0.4 * coverage[self._owner_ids[candidates]]
        return score, sort_score

    def search(self, query: str, limit: int = 3, score_cutoff: float = 0.0) -> list[Candidate]:
        """The best ``limit`` keys for ``query``, each with its best phrase's score (0-100)."""
        form = content_form(query)
        if not form:
            return []
        corrected, candidates = self._narrow(form.split())
        found = np.fromiter(candidates, dtype=np.int64, count=len(candidates))
        return self._best_per_key(corrected, found, limit, score_cutoff)

    def search_all(self, query: str, limit: int = 3, score_cutoff: float = 0.0) -> list[Candidate]:
        """Score every phrase with the same scorer and no index: the index's reference."""
        form = content_form(query)
        if not form:
            return []
        corrected = [(self._corrections(w) or [w])[0] for w in form.split()]
        everything = np.arange(len(self._phrases), dtype=np.int64)
        return self._best_per_key(corrected, everything, limit, score_cutoff)

    def _best_per_key(
        self, words: list[str], candidates: IntArray, limit: int, score_cutoff: float
    ) -> list[Candidate]:
        """Each entry's best phrase, the best ``limit`` entries first. Ties are settled the same
        way every time (an entry's tied phrases by the higher sorted-words similarity, then the
        earlier candidate; tied entries by the earlier phrase), so a question always gets the
        same entries in the same order."""
        if not candidates.size:
            return []
        score, sort_score = self._rank(words, candidates)
        kept = np.flatnonzero(score >= score_cutoff)
        owners = self._owner_ids[candidates[kept]]
        order = np.lexsort((kept, -sort_score[kept], -score[kept], owners))
        first = np.ones(order.size, dtype=bool)
        first[1:] = owners[order[1:]] != owners[order[:-1]]
        best = kept[order[first]]
        phrases, scores = candidates[best], score[best]
        top = np.lexsort((phrases, -scores))[:limit]
        return [
            Candidate(self._keys[self._owner_ids[i]], round(s, 1), self._phrases[i])
            for i, s in zip(phrases[top].tolist(), scores[top].tolist(), strict=True)
        ]
