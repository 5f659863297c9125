"""A second emergency net behind the rules: nearest neighbours among hand-written exemplars.

The rule-based guard (``bot/safety.py``) recognises danger that is named ("someone has a knife
outside"); residents also describe a scene ("a man is dragging a woman into a van and she's
screaming") that no rule names. This net compares the message's embedding with a few hundred
emergency phrasings and as many calm ones that sound alike (past events, how-to questions,
idioms), and says "emergency" only when the closest exemplars are emergencies and close enough.

It can add an emergency verdict, never remove one: it runs only when the rules said no. The
exemplars are hand-written and independent of the evaluation questions; the two thresholds were
chosen on the development questions only.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from importlib import resources

import numpy as np
import numpy.typing as npt
import yaml

from bot.retrieval.semantics import Semantics
from bot.retrieval.vectors import Matrix, Vector

log = logging.getLogger(__name__)

EXEMPLARS = "exemplars.yaml"
NEIGHBOURS = 5
RIDGE = 1e-4  # chosen on the development questions with the probability below
NEWTON_STEPS = 25


def fit_logistic(x: Matrix, y: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Ridge logistic regression by Newton's method: exact, deterministic, a fraction of a second
    for a few hundred exemplars, and no machine-learning library to install."""
    n, d = x.shape
    a = np.c_[x.astype(np.float64), np.ones(n)]
    w = np.zeros(d + 1)
    ridge = RIDGE * np.eye(d + 1)
    ridge[-1, -1] = 0.0  # the intercept is not shrunk
    for _ in range(NEWTON_STEPS):
        p = 1.0 / (1.0 + np.exp(-(a @ w)))
        gradient = a.T @ (p - y) / n + ridge @ w
        hessian = (a * (p * (1 - p))[:, None]).T @ a / n + ridge
        w -= np.linalg.solve(hessian, gradient)
    return w


@dataclass(frozen=True)
class EmergencyNet:
    """Two views must agree: a linear classifier trained on the exemplars says "emergency" with
    high probability, and the message's nearest exemplars are mostly emergencies, closer than any
    calm one. The classifier generalises from wording; the neighbours stop it firing on a message
    that merely shares a style with the emergencies (short, breathless, about a street)."""

    emergency: Matrix
    calm: Matrix
    weights: npt.NDArray[np.float64]
    probability: float
    neighbours: int = NEIGHBOURS

    def is_emergency(self, vector: Vector) -> bool:
        z = float(self.weights[:-1] @ vector + self.weights[-1])
        if 1.0 / (1.0 + np.exp(-z)) < self.probability:
            return False
        near_danger = self.emergency @ vector
        near_calm = self.calm @ vector
        if float(near_danger.max()) <= float(near_calm.max()):
            return False
        both = np.concatenate((near_danger, near_calm))
        k = min(self.neighbours, both.shape[0])
        closest = np.argpartition(-both, k - 1)[:k]
        return int((closest < near_danger.shape[0]).sum()) >= k - 1

    @classmethod
    def build(cls, semantics: Semantics, probability: float) -> EmergencyNet | None:
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
        x = np.vstack((danger.matrix, calm.matrix))
        y = np.r_[np.ones(len(danger)), np.zeros(len(calm))]
        return cls(danger.matrix, calm.matrix, fit_logistic(x, y), probability)
