"""Matcher latency at growing knowledge-base sizes, against rapidfuzz's bare ``extractOne``.

The shipped knowledge base is padded with generated entries (about 5 questions each, words drawn
from a generated vocabulary) to 100, 1,000, 2,000 and 10,000 entries. For each size it prints the
indexed matcher's p50/p99 per question beside a baseline measured in the same run: rapidfuzz's
``process.extractOne`` over the same phrase strings, which is the cost of scoring everything.
It also checks accuracy: on the paraphrase table from the tests, the indexed top entry must be
the one that scoring every phrase (``search_all``) would choose.

Run: .venv/bin/python bench/matcher.py
"""

from __future__ import annotations

import random
import statistics
import string
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from rapidfuzz import fuzz, process

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.kb.base import load_directory  # noqa: E402
from bot.matcher import MatchIndex  # noqa: E402
from bot.text import content_form  # noqa: E402
from tests.test_matcher import PARAPHRASES  # noqa: E402

SIZES = (100, 1_000, 2_000, 10_000)
QUERIES = 400


def vocabulary(rng: random.Random, size: int = 6_000) -> list[str]:
    return ["".join(rng.choices(string.ascii_lowercase, k=rng.randint(4, 10))) for _ in range(size)]


def generated_entries(
    rng: random.Random, count: int, words: list[str]
) -> list[tuple[str, list[str]]]:
    entries = []
    for n in range(count):
        topic = rng.sample(words, 3)
        questions = [
            " ".join(rng.sample(topic, 2) + rng.sample(words, rng.randint(1, 4))) for _ in range(5)
        ]
        entries.append((f"gen-{n}", questions))
    return entries


def typo(rng: random.Random, text: str) -> str:
    chars = list(text)
    i = rng.randrange(len(chars))
    chars[i] = rng.choice(string.ascii_lowercase)
    return "".join(chars)


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))]


def timed(fn: Callable[[str], object], queries: list[str]) -> list[float]:
    out = []
    for q in queries:
        start = time.perf_counter()
        fn(q)
        out.append((time.perf_counter() - start) * 1000)
    return out


def main() -> None:
    rng = random.Random(20261129)
    kb = load_directory(ROOT / "knowledge", date.today()).kb
    assert kb is not None
    real = [(e.id, [*e.questions, *e.keywords, e.title]) for e in kb.entries.values()]
    words = vocabulary(rng)
    print(f"{'entries':>8} {'phrases':>8} {'index p50':>10} {'index p99':>10} "
          f"{'bare p50':>9} {'bare p99':>9} {'p99 ratio':>9} {'agree':>6}")  # fmt: skip
    for size in SIZES:
        items = real + generated_entries(rng, max(0, size - len(real)), words)
        index = MatchIndex(items)
        phrases = [content_form(t) for _, texts in items for t in texts]
        queries = [q for q, _ in PARAPHRASES]
        generated = [texts[0] for _, texts in items[len(real) :]]
        queries += [typo(rng, q) for q in rng.sample(generated, min(len(generated), QUERIES))]
        forms = [content_form(q) for q in queries]
        for q in queries[:20]:  # warm caches (stemmer, rapidfuzz) before timing
            index.search(q)
        indexed = timed(index.search, queries)
        bare = timed(
            lambda f, p=phrases: process.extractOne(f, p, scorer=fuzz.WRatio, processor=None),
            forms,
        )
        agree = sum(
            index.search(q, limit=1)[0].key == index.search_all(q, limit=1)[0].key
            for q, _ in PARAPHRASES
        )
        print(
            f"{size:>8} {len(index):>8} {percentile(indexed, 0.5):>8.3f}ms "
            f"{percentile(indexed, 0.99):>8.3f}ms {percentile(bare, 0.5):>7.3f}ms "
            f"{percentile(bare, 0.99):>7.3f}ms "
            f"{percentile(bare, 0.99) / percentile(indexed, 0.99):>8.1f}x "
            f"{agree:>3}/{len(PARAPHRASES)}"
        )
    print(f"(mean of bare extractOne per phrase: "
          f"{statistics.mean(bare) * 1000 / len(phrases):.2f} µs)")  # fmt: skip


if __name__ == "__main__":
    main()
