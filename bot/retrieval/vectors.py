"""Best-per-entry cosine search over a matrix of phrase vectors.

A knowledge base of a few thousand phrases fits in a few megabytes, so one matrix-vector product
answers in well under a millisecond; an approximate index would add a dependency for nothing.
Rows are kept grouped by entry so that each entry's best phrase is one ``maximum.reduceat``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

Vector = npt.NDArray[np.float32]
Matrix = npt.NDArray[np.float32]
# Wider than any cosine's range (-1..1): rows lifted by their group's multiple of it sort by
# group first, then by score, in one sort.
_GROUP_STEP = 4.0


@dataclass(frozen=True, slots=True)
class Hit:
    key: str
    similarity: float  # cosine, -1..1
    phrase: str


@dataclass(frozen=True, slots=True)
class KeyScores:
    """Every key's best similarity to one vector, left as an array: a question needs the best
    dozen keys and the scores of a few dozen, not a dictionary of thousands."""

    names: tuple[str, ...]
    positions: Mapping[str, int]
    values: npt.NDArray[np.float32]

    def get(self, key: str) -> float | None:
        position = self.positions.get(key)
        return None if position is None else float(self.values[position])

    def best(self, limit: int, keep: Callable[[str], bool] | None = None) -> list[str]:
        """The ``limit`` most similar keys that ``keep`` allows; equal scores in key order."""
        found: list[str] = []
        for position in np.argsort(-self.values, kind="stable").tolist():
            if len(found) == limit:
                break
            if keep is None or keep(self.names[position]):
                found.append(self.names[position])
        return found


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
        self._positions = {name: n for n, name in enumerate(self._names)}
        self._ends = (*starts[1:], len(sorted_keys))
        self._sizes = np.diff(np.append(self._starts, len(sorted_keys)))
        groups = np.repeat(np.arange(len(self._names)), self._sizes)
        self._lift = groups.astype(np.float64) * _GROUP_STEP  # see :meth:`closeness`

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

    def rows(self, key: str) -> Matrix:
        """One key's vectors, in the order its phrases were given; empty for an unknown key."""
        n = self._positions.get(key)
        if n is None:
            return self._matrix[:0]
        return self._matrix[self._starts[n] : self._ends[n]]

    def scores(self, vector: Vector) -> KeyScores:
        """Every key's best similarity to ``vector``: one number per entry, for fusion."""
        return KeyScores(self._names, self._positions, self._best(vector))

    def closeness(self, vector: Vector, nearest: int) -> KeyScores:
        """Every key's mean similarity over its ``nearest`` most similar rows: how close a text
        is to a group of examples, less swayed by one stray example than the best alone.

        One sort puts every group's rows best first, so the groups' ``nearest`` best are read
        at once (a group by group loop in Python cost a millisecond a message over two thousand
        rows). Each row's score is lifted by its group's :data:`_GROUP_STEP` offset, so a plain
        sort of one float array keeps the groups apart and in order: a two-key sort of the same
        rows took most of an answer's time outside the model."""
        scores = self._matrix @ vector.astype(np.float32, copy=False)
        # exact in float64: a cosine has 24 bits, the offsets a dozen more
        ranked = self._lift - np.sort(self._lift - scores)  # each group's best first
        sizes = self._sizes
        total = np.zeros(len(self._names), dtype=np.float64)
        for taken in range(nearest):
            row = self._starts + np.minimum(taken, sizes - 1)
            total += np.where(sizes > taken, ranked[row], 0.0)
        values = (total / np.minimum(sizes, nearest)).astype(np.float32)
        return KeyScores(self._names, self._positions, values)

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
