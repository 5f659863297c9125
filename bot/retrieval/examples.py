"""Residents' own messages as more ways of asking for an entry.

An entry's phrasings are written by the people who wrote its answer, and residents ask in other
words: "appa is 81, someone call say his bank account is compromise" is not how anyone writes a
question for the bank-scam entry. ``examples.yaml`` holds messages residents' writers sent
(the dev parts of the evaluation set, built by ``tools/build_examples.py``), each with the
entries that answer it. A message close in meaning to one of them leans towards its entries: the
entry search takes, for each entry, the closer of its own phrasings and its nearest examples.

The examples only ever add to an entry's semantic score. They are never asked which reporting
route a story calls for (a crime told is read by the route reading), nor about danger, which is
the rules' and the exemplar net's. The same messages also teach the report reading
(``bot/retrieval/reports.py``) which stories are crimes to report: :func:`stories_told`.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Collection
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import yaml

from bot import shipped_yaml
from bot.retrieval.shipped_index import ShippedIndex

if TYPE_CHECKING:
    from bot.retrieval.vectors import KeyScores, Vector

# An entry's closeness is the mean of its two examples nearest a message: one example labelled
# with several entries ("lost my wallet at the station, I think it was nicked on the train":
# lost property, and the trains' police) then cannot carry each of them alone. On the dev parts
# (each without its own round's examples) two and a floor of 0.5 did best.
NEAREST = 2

log = logging.getLogger(__name__)


class ResidentExamples(ShippedIndex):
    """Until embedded, and for good without a model, :meth:`scores` is None."""

    what = "resident examples"

    def __init__(
        self,
        min_cosine: float = 0.5,
        package: str = "bot.retrieval",
        filename: str = "examples.yaml",
        leave_out: Collection[str] = (),
    ) -> None:
        super().__init__(package, filename)
        self._min_cosine = min_cosine  # the nearest examples count only as close as this
        self._leave_out = frozenset(leave_out)  # rounds not learned from (to measure them)

    def _items(self, data: Any) -> list[tuple[str, list[str]]]:
        grouped: dict[str, list[str]] = defaultdict(list)
        for item in data["examples"]:
            if str(item.get("round")) not in self._leave_out:
                for entry in item["entries"]:
                    grouped[str(entry)].append(str(item["text"]))
        return sorted(grouped.items())

    def leaving_out(self, rounds: Collection[str]) -> ResidentExamples:
        """The same examples without some rounds', untrained: for measuring those rounds."""
        package, filename = self._source
        return ResidentExamples(self._min_cosine, package, filename, rounds)

    def scores(self, vector: Vector) -> KeyScores | None:
        """Each entry's closeness: the mean cosine of its ``NEAREST`` examples nearest the
        message, -1 where that is not close enough (a far example only adds noise: "Did you
        mean" lists for questions nobody answers); None untrained or another model's."""
        import numpy as np

        index = self._index
        if index is None or index.dim != vector.shape[0]:
            return None
        scores = index.closeness(vector, NEAREST)
        close = np.where(scores.values >= self._min_cosine, scores.values, np.float32(-1.0))
        return replace(scores, values=close)


def stories_told(
    leave_out: Collection[str] = (),
    package: str = "bot.retrieval",
    filename: str = "examples.yaml",
) -> tuple[list[str], list[str]]:
    """Residents' messages whose labels accept the reporting reply, and every other one, without
    the rounds ``leave_out``: the report reading's own exemplars are a few hundred stories written
    for it, and residents tell a crime in many more ways ("mechanic reckons the converter was
    sawn off while it sat outside"). None of either, logged, if the file cannot be read: the
    reading then learns from its own exemplars alone."""
    report: list[str] = []
    other: list[str] = []
    try:
        for item in shipped_yaml.read(package, filename)["examples"]:
            if str(item.get("round")) not in leave_out:
                (report if item.get("report") else other).append(str(item["text"]))
    except (OSError, yaml.YAMLError, KeyError, TypeError, AttributeError) as exc:
        log.warning("resident examples %s/%s unreadable (%s): not used", package, filename, exc)
        return [], []
    return report, other
