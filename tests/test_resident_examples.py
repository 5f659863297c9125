"""Residents' examples in the entry search: where they come from, and what they may change."""

from __future__ import annotations

import dataclasses
import functools
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml

from bot.config import MatcherConfig
from bot.kb.base import KnowledgeBase, load_directory
from bot.kb.search import search
from bot.retrieval.examples import ResidentExamples, stories_told
from bot.retrieval.fusion import Fusion
from bot.retrieval.semantics import ModelStatus, Semantics
from bot.retrieval.vectors import KeyScores, VectorIndex
from tests.kb_factory import entry, write_kb

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "bot" / "retrieval" / "examples.yaml"


@functools.cache
def shipped_examples() -> list[dict[str, Any]]:
    """The shipped file's examples, parsed once for the module: three tests read them, and
    PyYAML's own parser takes about 1.5 s over the file. Nothing here writes to it."""
    data = yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))
    examples: list[dict[str, Any]] = data["examples"]
    return examples


def test_the_shipped_examples_are_the_dev_parts_as_they_are_now() -> None:
    """A label changed in a dev part, or an entry removed, must reach the shipped file."""
    tool = ROOT / "tools" / "build_examples.py"
    done = subprocess.run([sys.executable, str(tool), "--check"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_no_example_comes_from_a_held_out_part() -> None:
    """Held-out parts measure the bot: a message it learned from would measure its memory."""
    shipped = {e["text"] for e in shipped_examples()}
    for path in sorted((ROOT / "tests" / "eval").glob("heldout*.yaml")):
        held = {q["q"] for q in yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]}
        assert not held & shipped, path.name


def test_no_emergency_is_an_example() -> None:
    """999 is the rules' and the exemplar net's: no entry may be pulled towards by a scene of
    danger."""
    examples = shipped_examples()
    assert examples
    assert all("emergency" not in e["entries"] for e in examples)


def unit(*values: float) -> np.ndarray:
    v = np.asarray(values, dtype=np.float32)
    return v / np.linalg.norm(v)


def scores(**by_key: float) -> KeyScores:
    names = tuple(sorted(by_key))
    return KeyScores(
        names,
        {n: i for i, n in enumerate(names)},
        np.asarray([by_key[n] for n in names], dtype=np.float32),
    )


def kb_with_vectors(folder: Path) -> KnowledgeBase:
    write_kb(
        folder,
        {
            "kb.yaml": [
                entry("burglary", questions=["how do i stop burglars"]),
                entry("scams", questions=["is this text a scam"]),
            ]
        },
    )
    kb = load_directory(folder).kb
    assert kb is not None
    vectors = VectorIndex(
        ["burglary", "scams"], ["how do i stop burglars", "is this text a scam"],
        np.vstack([unit(1, 0, 0), unit(0, 1, 0)]),
    )  # fmt: skip
    return dataclasses.replace(kb, vectors=vectors)


def test_an_entry_takes_the_closer_of_its_phrasings_and_its_examples(tmp_path: Path) -> None:
    kb = kb_with_vectors(tmp_path)
    question = unit(0.2, 0.1, 1)  # worded like neither entry's phrasings
    plain = search(kb, "appa got a call about his bank", question, Fusion())
    learned = search(
        kb, "appa got a call about his bank", question, Fusion(), examples=scores(scams=0.9)
    )
    assert learned[0].key == "scams" and learned[0].cosine == pytest.approx(0.9)
    assert {m.key: m.cosine for m in plain}["scams"] < 0.9
    # an example never lowers an entry: its own phrasing's cosine stands when it is closer
    lower = search(
        kb, "how do i stop burglars", unit(1, 0, 0), Fusion(), examples=scores(burglary=0.1)
    )
    assert lower[0].key == "burglary" and lower[0].cosine == pytest.approx(1.0)


def test_an_example_for_an_entry_no_longer_in_the_knowledge_base_is_ignored(
    tmp_path: Path,
) -> None:
    kb = kb_with_vectors(tmp_path)
    found = search(kb, "anything", unit(0, 0, 1), Fusion(), examples=scores(removed=0.99))
    assert "removed" not in {m.key for m in found}


class Model:
    """Embeds by a fixed table: enough to train the examples without the real model."""

    model_id = "test"

    def __init__(self, table: dict[str, np.ndarray]) -> None:
        self._table = table

    def embed(self, texts: object) -> np.ndarray:
        return np.vstack([self._table.get(str(t), unit(0, 0, 1)) for t in texts])  # type: ignore[attr-defined]

    def warm(self) -> None:
        pass


def test_a_far_example_counts_for_nothing_and_a_left_out_round_is_not_learned(
    tmp_path: Path,
) -> None:
    semantics = Semantics(Model({}), ModelStatus("loaded", "test"), tmp_path)
    examples = ResidentExamples(min_cosine=0.55)
    examples.train(semantics)
    assert examples.ready
    far = examples.scores(unit(1, 1, 0))  # orthogonal to every example: counts for nothing
    assert far is not None and float(far.values.max()) == -1.0
    # every example is embedded as (0, 0, 1) by this model: a question there is close to all
    close = examples.scores(unit(0, 0, 1))
    assert close is not None and float(close.values.max()) == pytest.approx(1.0)
    none_left = examples.leaving_out({str(r) for r in range(1, 40)} | {"safety"})
    none_left.train(semantics)
    assert not none_left.ready


def test_without_a_model_or_with_an_unreadable_file_the_examples_stay_out_of_the_way(
    caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    examples = ResidentExamples()
    examples.train(Semantics.lexical_only())
    assert not examples.ready and examples.scores(unit(1, 0, 0)) is None
    broken = ResidentExamples(filename="no-such-examples.yaml")
    broken.train(Semantics(Model({}), ModelStatus("loaded", "test"), tmp_path))
    assert not broken.ready
    assert "resident examples" in caplog.text and "not used" in caplog.text


def test_the_report_reading_learns_from_every_message_whether_it_is_a_crime_to_report(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Messages whose labels accept the reporting reply teach the report reading what a crime
    told looks like; every other message (a question, a nuisance, a scam turned away) what it
    does not. A round left out is not learned from, and an unreadable file teaches nothing."""
    shipped = shipped_examples()
    report, other = stories_told()
    assert sorted(report) == sorted(e["text"] for e in shipped if e.get("report"))
    assert len(report) + len(other) == len(shipped)
    assert report and other
    every_round = {str(e["round"]) for e in shipped}
    assert stories_told(every_round) == ([], [])
    one_round = stories_told(every_round - {"13"})
    assert one_round[0] and all(
        str(e["round"]) == "13" for e in shipped if e["text"] in one_round[0]
    )
    assert stories_told(filename="no-such-examples.yaml") == ([], [])
    assert "resident examples" in caplog.text and "not used" in caplog.text


def test_one_keys_vectors_come_back_in_the_order_they_were_given() -> None:
    """A classifier embeds its own exemplars and residents' messages in one index and reads
    each list back by its key: the rows must be that list's, in its order."""
    index = VectorIndex(
        ["no", "yes", "no", "yes+"], ["n1", "y1", "n2", "m1"],
        np.vstack([unit(1, 0, 0), unit(0, 1, 0), unit(0, 0, 1), unit(1, 1, 0)]),
    )  # fmt: skip
    assert np.allclose(index.rows("no"), np.vstack([unit(1, 0, 0), unit(0, 0, 1)]))
    assert np.allclose(index.rows("yes+"), unit(1, 1, 0)[None])
    assert index.rows("no+").shape == (0, 3)


def test_the_closer_meaning_ranks_first_when_both_are_past_the_ceiling(tmp_path: Path) -> None:
    """Both entries read as close paraphrases (cosines 0.89 and 0.72, over the 0.65 ceiling): the
    words alone used to choose, and the entry sharing a word more won. Now the closer meaning
    does."""
    fusion = MatcherConfig().fusion()
    closer, wordier = fusion.score(47.4, 0.887), fusion.score(47.9, 0.723)
    assert closer > wordier
    assert fusion.score(100.0, 1.0) == 100.0
    # never lifted to where only a near-exact entry goes (a request for patrols is offered to
    # the team at 96, before an entry on the same subject)
    assert fusion.score(80.0, 0.95) < 96
    # below the ceiling nothing changes
    assert fusion.score(40.0, 0.5) == Fusion(beyond=0.0).score(40.0, 0.5)


def test_start_up_parses_residents_examples_once_and_keeps_no_copy(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Readings learn from residents' examples as the model's part of understanding is trained;
    the file is parsed once for all of them, and not kept after."""
    from bot import shipped_yaml

    parsed: list[int] = []
    real_load = yaml.load

    def counting(text: str, Loader: Any) -> Any:
        parsed.append(len(text))
        return real_load(text, Loader=Loader)

    monkeypatch.setattr(shipped_yaml.yaml, "load", counting)
    with shipped_yaml.kept():
        first = stories_told()
        assert first[0] and stories_told() == first
        assert len(parsed) == 1
    stories_told()
    assert len(parsed) == 2  # outside, every read parses afresh


def test_a_reading_from_cached_weights_reads_as_the_one_fitted_and_embeds_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every later start reads a classifier's fitted weights from the vector cache's folder: it
    must read messages exactly as the one that fitted them, without gathering the exemplars'
    and residents' vectors again (several MB at the start's peak)."""
    from bot.retrieval.reports import ReportReading

    table = {"someone smashed my car window and took my bag": unit(1, 0, 0)}
    semantics = Semantics(Model(table), ModelStatus("loaded", "test"), tmp_path)
    fitted = ReportReading(0.65)
    fitted.train(semantics)
    assert fitted.ready

    def no_index(*args: object, **kwargs: object) -> None:
        raise AssertionError("the exemplars were gathered again")

    monkeypatch.setattr(Semantics, "index", no_index)
    cached = ReportReading(0.65)
    cached.train(semantics)
    for vector, text in (
        (unit(1, 0, 0), "someone smashed my car window and took my bag"),
        (unit(0, 1, 0), "how do i join a ward panel meeting in pinner"),
    ):
        assert cached.likelihood(vector, text) == fitted.likelihood(vector, text)
