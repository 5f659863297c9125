"""A linear classifier over sentence embeddings, trained at start-up on hand-written exemplars.

Used where a yes/no question about a message is semantic rather than lexical: is this an
emergency described as a scene, does this read like feedback for the team. A few hundred
exemplars a side train in a fraction of a second by Newton's method (exact, deterministic), so
the exemplars stay plain YAML that people can read and extend, and there is no model file or
machine-learning library to ship.
"""

from __future__ import annotations

import hashlib
import logging
import math
import os
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

import numpy as np
import numpy.typing as npt
import yaml

from bot import shipped_yaml
from bot.retrieval.semantics import Semantics
from bot.retrieval.vectors import Matrix, Vector
from bot.text import stem, tokens

log = logging.getLogger(__name__)

RIDGE = 1e-4  # chosen on the development questions, with each use's probability threshold
NEWTON_STEPS = 25


def fit_logistic(x: Matrix, y: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Ridge logistic regression by Newton's method; the last weight is the intercept."""
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


# Chosen on the development questions with the threshold (``matcher.emergency_probability``).
EVIDENCE = 8


def word_features(text: str) -> set[str]:
    """Stemmed words and word pairs: "not breathing" says more than "not" and "breathing"."""
    words = [stem(w) for w in tokens(text)]
    return set(words) | {f"{a}_{b}" for a, b in pairwise(words)}


@dataclass(frozen=True)
class WordModel:
    """Naive Bayes over word features: the danger vocabulary of the exemplars ("bleeding",
    "not moving", "smoke"), which the sentence embedding of a small model blurs."""

    log_ratio: Mapping[str, float]
    prior: float

    @classmethod
    def fit(cls, yes: Sequence[str], no: Sequence[str], smoothing: float = 1.0) -> WordModel:
        pos: Counter[str] = Counter()
        neg: Counter[str] = Counter()
        features = cache(word_features)  # a text counted several times is read once
        for text in yes:
            pos.update(features(text))
        for text in no:
            neg.update(features(text))
        vocab = set(pos) | set(neg)
        p_total = sum(pos.values()) + smoothing * len(vocab)
        n_total = sum(neg.values()) + smoothing * len(vocab)
        ratio = {
            f: math.log((pos[f] + smoothing) / p_total) - math.log((neg[f] + smoothing) / n_total)
            for f in vocab
        }
        return cls(ratio, math.log(len(yes) / len(no)))

    def probability(self, text: str) -> float:
        """Naive Bayes counts overlapping words and pairs as independent evidence, so a long
        message piles it up and comes out at 0 or 1 whatever it says (every rambling message
        read as certain danger). Its evidence is scaled to at most ``EVIDENCE`` features' worth:
        the words stay a vote beside the meaning, not a certainty."""
        features = word_features(text)
        scale = min(1.0, EVIDENCE / len(features)) if features else 1.0
        z = self.prior + scale * sum(self.log_ratio.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@dataclass(frozen=True)
class Exemplars:
    """The classifier fitted on both sides' vectors, and a word model of the same texts. The
    vectors themselves are not kept: with residents' messages they are thousands of rows (about
    7 MB for the report reading) that no reading asks for again."""

    weights: npt.NDArray[np.float64]
    words: WordModel

    def probability(self, vector: Vector) -> float:
        z = float(self.weights[:-1] @ vector + self.weights[-1])
        return 1.0 / (1.0 + float(np.exp(-z)))

    @classmethod
    def load(
        cls,
        semantics: Semantics,
        package: str,
        filename: str,
        yes: str,
        no: str,
        more_no: Sequence[tuple[str, str]] = (),
        more: Callable[[], tuple[Sequence[str], Sequence[str]]] | None = None,
        own_weight: int = 1,
    ) -> Exemplars | None:
        """Embed and fit a packaged exemplar file; None (logged) without a model or the file.
        ``more_no`` names lists in other files of the package, (file, key), that are also "no";
        ``more`` gives more texts of each side, read from elsewhere (residents' messages), beside
        which the package's own count ``own_weight`` times each."""
        if not semantics.available:
            return None
        try:
            data = _read(package, filename)
            yes_texts, no_texts = [str(t) for t in data[yes]], [str(t) for t in data[no]]
            for other, key in more_no:
                no_texts += [str(t) for t in _read(package, other)[key]]
            more_yes, more_no_texts = more() if more is not None else ((), ())
        except (OSError, yaml.YAMLError, KeyError, TypeError) as exc:
            log.warning("exemplars %s/%s unreadable (%s): not used", package, filename, exc)
            return None
        sides = {yes: yes_texts, f"{yes}+": more_yes, no: no_texts, f"{no}+": more_no_texts}

        def fit() -> npt.NDArray[np.float64] | None:
            """Only where the weights are not cached: every text's vector, and both sides
            stacked, are several MB with residents' messages, for every start to hold at its
            peak otherwise."""
            # one index, so the vector cache is read once for all four lists
            index = semantics.index((key, [t]) for key, texts in sides.items() for t in texts)
            if index is None or not len(index.rows(yes)) or not len(index.rows(no)):
                log.warning("exemplars %s/%s could not be embedded: not used", package, filename)
                return None

            def side(key: str) -> Matrix:
                """A side's vectors: the package's own ``own_weight`` over, then those from
                elsewhere."""
                return np.vstack([index.rows(key)] * own_weight + [index.rows(f"{key}+")])

            x_yes, x_no = side(yes), side(no)
            y = np.r_[np.ones(len(x_yes)), np.zeros(len(x_no))]
            return fit_logistic(np.vstack((x_yes, x_no)), y)

        weighted_yes = yes_texts * own_weight + list(more_yes)
        weighted_no = no_texts * own_weight + list(more_no_texts)
        weights = _fitted(semantics, weighted_yes, weighted_no, fit)
        if weights is None:
            return None
        return cls(weights, WordModel.fit(weighted_yes, weighted_no))


def _read(package: str, filename: str) -> dict[str, list[object]]:
    data = shipped_yaml.read(package, filename)
    if not isinstance(data, dict):
        raise TypeError(f"{filename} holds no lists of exemplars")
    return data


def _fitted(
    semantics: Semantics,
    yes: Sequence[str],
    no: Sequence[str],
    fit: Callable[[], npt.NDArray[np.float64] | None],
) -> npt.NDArray[np.float64] | None:
    """The fitted weights, from the vector cache's folder when the same model has seen the same
    exemplars before: a third of a second saved at every start, and no exemplar embedded. None
    where ``fit`` could not fit."""
    folder = semantics.cache_dir
    if folder is None:
        return fit()
    digest = hashlib.sha256(semantics.vectors_id.encode())
    for text in (*yes, "\0", *no):
        digest.update(text.encode() + b"\0")
    path = folder / f"classifier-{digest.hexdigest()[:24]}.npy"
    try:
        return np.asarray(np.load(path, allow_pickle=False), dtype=np.float64)
    except (OSError, ValueError):
        pass
    weights = fit()
    if weights is None:
        return None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with open(tmp, "wb") as out:
            np.save(out, weights)
        os.replace(tmp, path)
    except OSError as exc:
        log.warning("classifier weights not cached (%s)", exc)
    return weights
