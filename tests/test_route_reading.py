"""The route reading's arithmetic, without a model: a story is as close to a route as the mean
of that route's few nearest stories, so one stray story cannot carry a route."""

from __future__ import annotations

import numpy as np
import pytest

from bot.retrieval.routes import RouteReading
from bot.retrieval.semantics import Semantics
from bot.retrieval.vectors import VectorIndex


def unit(*values: float) -> np.ndarray:
    v = np.asarray(values, dtype=np.float32)
    return v / np.linalg.norm(v)


def test_closeness_is_the_mean_of_each_keys_nearest_rows() -> None:
    index = VectorIndex(
        ["fraud", "fraud", "fraud", "plain", "plain"],
        ["a", "b", "c", "d", "e"],
        np.vstack([unit(1, 0), unit(1, 0), unit(0, 1), unit(0, 1), unit(1, 1)]),
    )
    scores = index.closeness(unit(1, 0), nearest=2)
    assert scores.get("fraud") == 1.0  # its two nearest are exact; the third is ignored
    assert abs((scores.get("plain") or 0) - (0 + 0.7071) / 2) < 1e-3
    assert scores.best(1) == ["fraud"]


def test_closeness_keeps_keys_apart_whatever_their_order_size_and_sign() -> None:
    """Rows given in any order, keys with fewer rows than ``nearest``, similarities below zero:
    each key's closeness is still the mean of its own nearest rows."""
    rng = np.random.default_rng(7)
    keys = [f"route-{n}" for n in rng.integers(0, 40, size=600)] + ["lone"]
    matrix = rng.normal(size=(len(keys), 16)).astype(np.float32)
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
    index = VectorIndex(keys, [str(n) for n in range(len(keys))], matrix)
    for _ in range(20):
        story = unit(*rng.normal(size=16))
        similarities = matrix @ story
        for nearest in (1, 2, 3, 5):
            scores = index.closeness(story, nearest)
            for key in set(keys):
                own = np.sort(similarities[[k == key for k in keys]])[::-1][:nearest]
                assert abs((scores.get(key) or 0.0) - float(own.mean())) < 1e-6


def test_without_a_model_the_reading_stays_out_of_the_way() -> None:
    reading = RouteReading()
    reading.train(Semantics.lexical_only())
    assert not reading.ready
    assert reading.read(unit(1, 0)) is None


def test_an_unreadable_story_file_is_logged_and_not_used(
    caplog: pytest.LogCaptureFixture,
) -> None:
    class Model:
        model_id = "test"

        def embed(self, texts: object) -> np.ndarray:
            raise AssertionError("nothing to embed from a missing file")

        def warm(self) -> None:
            pass

    from bot.retrieval.semantics import ModelStatus

    reading = RouteReading("bot.retrieval", "no-such-routes.yaml")
    reading.train(Semantics(Model(), ModelStatus("loaded", "test")))
    assert not reading.ready
    assert "route stories" in caplog.text and "not used" in caplog.text
