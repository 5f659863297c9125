"""A second emergency net behind the rules: nearest neighbours among hand-written exemplars.

The rule-based guard (``bot/safety.py``) recognises danger that is named ("someone has a knife
outside"); residents also describe a scene ("a man is dragging a woman into a van and she's
screaming") that no rule names. This net compares the message's embedding with a few hundred
emergency phrasings and as many calm ones that sound alike (past events, how-to questions,
idioms), and says "emergency" only when the closest exemplars are emergencies and close enough.

It can add an emergency verdict, never remove one: it runs only when the rules said no.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from importlib import resources

import numpy as np
import yaml

from bot.retrieval.semantics import Semantics
from bot.retrieval.vectors import Matrix, Vector

log = logging.getLogger(__name__)

EXEMPLARS = "exemplars.yaml"
NEIGHBOURS = 5


@dataclass(frozen=True)
class EmergencyNet:
    emergency: Matrix
    calm: Matrix
    similarity: float  # the nearest emergency exemplar must be at least this close
    neighbours: int = NEIGHBOURS

    def is_emergency(self, vector: Vector) -> bool:
        near_danger = self.emergency @ vector
        best = float(near_danger.max())
        if best < self.similarity:
            return False
        near_calm = self.calm @ vector
        if best <= float(near_calm.max()):
            return False
        both = np.concatenate((near_danger, near_calm))
        k = min(self.neighbours, both.shape[0])
        closest = np.argpartition(-both, k - 1)[:k]
        return int((closest < near_danger.shape[0]).sum()) * 2 > k

    @classmethod
    def build(cls, semantics: Semantics, similarity: float) -> EmergencyNet | None:
        """The net over the packaged exemplars; None (logged) without a model or exemplars."""
        if not semantics.available:
            return None
        try:
            source = resources.files("bot.retrieval").joinpath(EXEMPLARS)
            data = yaml.safe_load(source.read_text(encoding="utf-8"))
            danger = semantics.index(("emergency", [str(t)]) for t in data["emergency"])
            calm = semantics.index(("calm", [str(t)]) for t in data["not_emergency"])
        except (OSError, yaml.YAMLError, KeyError, TypeError) as exc:
            log.warning("emergency exemplars unreadable (%s); the rules guard alone", exc)
            return None
        if danger is None or calm is None:
            log.warning("emergency exemplars could not be embedded; the rules guard alone")
            return None
        return cls(danger.matrix, calm.matrix, similarity)
