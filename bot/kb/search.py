"""Finding the knowledge entries that answer a question: lexical and semantic scores, fused.

The lexical index narrows by shared words, so on its own it never sees an entry worded
differently from the question; the vector index scores every entry by meaning. The candidates are
the union of the best of each, scored with :class:`bot.retrieval.fusion.Fusion`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.kb.base import KnowledgeBase
from bot.retrieval.fusion import Fusion

if TYPE_CHECKING:
    from bot.retrieval.vectors import KeyScores, Vector

LEXICAL_POOL = 20  # lexical candidates considered; enough for any fused top few
SEMANTIC_POOL = 12


def _kept(kb: KnowledgeBase, key: str, keep: Callable[[str], bool] | None) -> bool:
    """An entry of this snapshot that ``keep`` allows (examples may name a removed entry)."""
    return key in kb.entries and (keep is None or keep(key))


@dataclass(frozen=True, slots=True)
class Match:
    key: str
    score: float  # fused, 0-100
    lexical: float  # 0-100
    cosine: float | None  # None when serving lexically


@dataclass(frozen=True, slots=True)
class Readings:
    """One message's lexical and semantic scores, read once. The entry search with residents'
    examples and the one without them (which a reporting reply's route is chosen from) are both
    made from them, so a story told is never searched twice."""

    kb: KnowledgeBase
    lexical: dict[str, float]
    cosines: KeyScores | None  # None when serving lexically

    @classmethod
    def of(cls, kb: KnowledgeBase, text: str, vector: Vector | None) -> Readings:
        lexical = {c.key: c.score for c in kb.index.search(text, limit=LEXICAL_POOL)}
        cosines: KeyScores | None = None
        if vector is not None and kb.vectors is not None and kb.vectors.dim == vector.shape[0]:
            cosines = kb.vectors.scores(vector)
        return cls(kb, lexical, cosines)

    def matches(
        self,
        fusion: Fusion,
        keep: Callable[[str], bool] | None = None,
        examples: KeyScores | None = None,
    ) -> list[Match]:
        """Every plausible entry, best first; ``keep`` narrows to some entries.

        ``examples`` are the cosines of residents' messages labelled with each entry
        (:mod:`bot.retrieval.examples`): an entry's cosine is the closer of its own phrasings'
        and its examples'. They lean on the phrasings' scale, so without those they are unused."""
        kb, lexical, cosines = self.kb, self.lexical, self.cosines
        if cosines is None:
            examples = None

        def cosine_of(key: str) -> float | None:
            if cosines is None:
                return None
            own = cosines.get(key)
            learned = examples.get(key) if examples is not None else None
            return own if learned is None or (own is not None and own >= learned) else learned

        keys = set(lexical)
        if cosines is not None:
            near = set(cosines.best(SEMANTIC_POOL, keep))
            if examples is not None:
                near.update(examples.best(SEMANTIC_POOL, lambda k: _kept(kb, k, keep)))
                near = set(sorted(near, key=lambda k: (-(cosine_of(k) or -1.0), k))[:SEMANTIC_POOL])
            keys.update(near)
        matches = []
        for k in keys:
            if _kept(kb, k, keep):
                lexical_score = lexical.get(k, 0.0)
                cosine = cosine_of(k)
                matches.append(Match(k, fusion.score(lexical_score, cosine), lexical_score, cosine))
        matches.sort(key=lambda m: (-m.score, m.key))
        return matches


def search(
    kb: KnowledgeBase,
    text: str,
    vector: Vector | None,
    fusion: Fusion,
    keep: Callable[[str], bool] | None = None,
    examples: KeyScores | None = None,
) -> list[Match]:
    """Every plausible entry for ``text``, best first (:meth:`Readings.matches`)."""
    return Readings.of(kb, text, vector).matches(fusion, keep, examples)
