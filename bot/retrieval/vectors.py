"""Best-per-entry cosine search over a matrix of phrase vectors.

A knowledge base of a few thousand phrases fits in a few megabytes, so one matrix-vector product
answers in well under a millisecond; an approximate index would add a dependency for nothing.
Rows are kept grouped by entry so that each entry's best phrase is one ``maximum.reduceat``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

Vector = npt.NDArray[np.float32]
Matrix = npt.NDArray[np.float32]


@dataclass(frozen=True, slots=True)
class Hit:
    key: str
    similarity: float  # cosine, -1..1
    phrase: str


class VectorIndex:
    """Immutable once built, like the knowledge base that owns it."""

    def __init__(self, keys: Sequence[str], phrases: Sequence[str], matrix: Matrix) -> None:
        if not (len(keys) == len(phrases) == matrix.shape[0]) or not keys:
            raise ValueError("keys, phrases and vectors must line up and not be empty")
        order = sorted(range(len(keys)), key=lambda i: keys[i])
        self._phrases = tuple(phrases[i] for i in order)
        self._matrix = np.ascontiguousarray(matrix[order], dtype=np.float32)
        sorted_keys = [keys[i] for i in order]
        starts = [i for i, k in enumerate(sorted_keys) if i == 0 or k != sorted_keys[i - 1]]
        self._starts = np.asarray(starts, dtype=np.int64)
        self._names = tuple(sorted_keys[i] for i in starts)
        self._ends = (*starts[1:], len(sorted_keys))

    def __len__(self) -> int:
        return len(self._phrases)

    @property
    def dim(self) -> int:
        return int(self._matrix.shape[1])

    @property
    def keys(self) -> tuple[str, ...]:
        return self._names

    @property
    def matrix(self) -> Matrix:
        """Every phrase's vector (grouped by key), read-only."""
        view = self._matrix.view()
        view.flags.writeable = False
        return view

    def similarities(self, vector: Vector) -> dict[str, float]:
        """Every key's best similarity to ``vector``: one number per entry, for fusion."""
        best = self._best(vector)
        return dict(zip(self._names, best.tolist(), strict=True))

    def search(self, vector: Vector, limit: int = 3) -> list[Hit]:
        scores = self._matrix @ vector.astype(np.float32, copy=False)
        best = np.maximum.reduceat(scores, self._starts)
        hits = []
        for i in np.argsort(-best, kind="stable")[:limit]:
            start, end = int(self._starts[i]), self._ends[i]
            row = start + int(np.argmax(scores[start:end]))
            hits.append(Hit(self._names[i], float(best[i]), self._phrases[row]))
        return hits

    def _best(self, vector: Vector) -> npt.NDArray[np.float32]:
        scores = self._matrix @ vector.astype(np.float32, copy=False)
        return np.maximum.reduceat(scores, self._starts)
