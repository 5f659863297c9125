"""Each entry's own words (title, questions and answer) ranked by BM25: a second reading of a
message, independent of the fused matcher, asked only when the matcher is unsure.

The fused matcher reads questions and titles by words and meaning; an entry's answer is not in
its index, and the words an answer uses ("carry ID", "glovebox", "smoke alarm") are often the
resident's. Where the two readings pick the same entry, the entry is very likely right: on the
dev questions, 13 of the 15 "Did you mean" replies whose first suggestion BM25 also ranked first
were that entry (``bench/accuracy.py`` shows what answering them does). rank-bm25 is a small,
well-kept implementation; it and numpy are imported on first use, so a one-off ``localbeat ask``
that is never unsure pays nothing for them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.kb.schema import Entry

_WORD = re.compile(r"\w+")


def tokens(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


class EntryWords:
    """BM25 over every entry's title, questions and answer (the benchmark's baseline too)."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        from rank_bm25 import BM25Okapi

        chosen = list(entries)
        self._ids = [e.id for e in chosen]
        docs = [tokens(" ".join((e.title, *e.questions, e.answer))) for e in chosen]
        self._bm25: Any = BM25Okapi(docs) if docs else None

    def best(self, text: str) -> tuple[str | None, float]:
        """The entry whose words score highest for ``text``, and its score (0: no word shared)."""
        words = tokens(text)
        if self._bm25 is None or not words:
            return None, 0.0
        scores = self._bm25.get_scores(words)
        top = max(range(len(scores)), key=scores.__getitem__)
        return self._ids[top], float(scores[top])
