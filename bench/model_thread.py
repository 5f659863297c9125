"""What running the model in its own thread buys, against the model in the event loop.

The model is most of an answer's time, and onnxruntime lets go of the interpreter while it runs.
With ``Semantics.embed_off_loop`` the answer service waits for the model's thread instead of
running it in the event loop, so other residents' messages are answered meanwhile. The baseline
here runs the model in the loop, as answers did before.

Both are timed in the same run on the same messages, alternately, so the machine's noise falls
on both alike:

1. **One at a time**: each message's answer time, p50 and p99, and their ratios (the handing
   over to the thread and back is all the thread can cost a lone message).
2. **Residents at once**: ``--concurrency`` messages in flight together (as the bot handles
   updates from different chats), the time to answer them all and each answer's p50 / p99.

The replies are compared too: the thread must not change a single one.

    .venv/bin/python bench/model_thread.py                      # every dev part
    .venv/bin/python bench/model_thread.py --split heldout-21 --passes 3
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import statistics
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Protocol

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import accuracy  # noqa: E402

from bot.answers import AnswerService, Reply  # noqa: E402
from bot.config import MatcherConfig  # noqa: E402
from bot.retrieval.semantics import Semantics  # noqa: E402
from bot.retrieval.vectors import Vector  # noqa: E402


class InTheLoop(Semantics):
    """The same model, run in the event loop."""

    def __init__(self, inner: Semantics) -> None:
        super().__init__(inner._embedder, inner.status, inner._cache_dir)
        self._mask = inner._mask  # the borough's name is masked as in the service

    async def embed_off_loop(self, text: str) -> Vector | None:
        return self.embed_query(text)


def percentiles(times: Sequence[float]) -> tuple[float, float]:
    ordered = sorted(times)
    return statistics.median(ordered) * 1000, ordered[int(0.99 * (len(ordered) - 1))] * 1000


class Answers(Protocol):
    async def answer(self, text: str) -> Reply: ...


async def one_at_a_time(
    services: Mapping[str, Answers], messages: Sequence[str], passes: int
) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {name: [] for name in services}
    for _ in range(passes):
        for text in messages:
            for name, service in services.items():  # alternately, message by message
                started = time.perf_counter()
                await service.answer(text)
                times[name].append(time.perf_counter() - started)
    return times


async def at_once(
    service: AnswerService, messages: Sequence[str], concurrency: int
) -> tuple[float, list[float]]:
    """All messages answered by ``concurrency`` residents writing at once: wall time, and each
    answer's time from its start."""
    queue = list(messages)
    times: list[float] = []

    async def resident() -> None:
        while queue:
            text = queue.pop()
            started = time.perf_counter()
            await service.answer(text)
            times.append(time.perf_counter() - started)

    started = time.perf_counter()
    await asyncio.gather(*(resident() for _ in range(concurrency)))
    return time.perf_counter() - started, times


async def replies_changed(services: Mapping[str, Answers], messages: Sequence[str]) -> int:
    """How many messages get a different reply (kind, entry or text) from any of ``services``
    than from the first: what is timed must not change what residents are told."""
    changed = 0
    for text in messages:
        replies = [await s.answer(text) for s in services.values()]
        first = replies[0]
        changed += any(
            (r.kind, r.entry_id, r.text) != (first.kind, first.entry_id, first.text)
            for r in replies[1:]
        )
    return changed


def print_one_at_a_time(serial: Mapping[str, list[float]], base: str, passes: int) -> None:
    print(f"\n1. One at a time ({passes} passes, alternately):")
    base_p = percentiles(serial[base])
    for name, times in serial.items():
        p50, p99 = percentiles(times)
        print(f"   {name:18} p50 {p50:6.2f} ms  p99 {p99:6.2f} ms  "
              f"({p50 / base_p[0]:.2f}x, {p99 / base_p[1]:.2f}x)")  # fmt: skip


def print_at_once(
    walls: Mapping[str, list[float]], each: Mapping[str, list[float]], base: str, messages: int
) -> None:
    """Each system's median time to answer every message, and each answer's p50 / p99 / mean,
    with their ratios to ``base``'s."""
    base_wall = statistics.median(walls[base])
    base_each = percentiles(each[base])
    base_mean = statistics.fmean(each[base]) * 1000
    for name in walls:
        wall = statistics.median(walls[name])
        p50, p99 = percentiles(each[name])
        mean = statistics.fmean(each[name]) * 1000
        ratios = (f"{p50 / base_each[0]:.2f}x, {p99 / base_each[1]:.2f}x; mean "
                  f"{mean:.1f} ms, {mean / base_mean:.2f}x")  # fmt: skip
        print(f"   {name:18} all answered in {wall:6.2f} s ({wall / base_wall:.2f}x; "
              f"{messages / wall:5.1f} messages/s); each p50 {p50:6.1f} ms, p99 "
              f"{p99:6.1f} ms ({ratios})")  # fmt: skip


async def main(args: argparse.Namespace) -> None:
    logging.basicConfig(level=logging.WARNING)
    items = accuracy.load(args.split)
    messages = [item.q for item in items]
    with tempfile.TemporaryDirectory() as tmp:
        opened = await accuracy.open_bench_services(Path(tmp), MatcherConfig(), ROOT / "knowledge")
        try:
            threaded = opened.answers
            services = {
                "model in the loop": threaded.variant(semantics=InTheLoop(opened.semantics)),
                "model thread": threaded,
            }
            for text in messages[:50]:  # warm both (compiled queries, caches)
                for service in services.values():
                    await service.answer(text)
            changed = await replies_changed(services, messages)
            print(f"{len(messages)} messages ({args.split}); model "
                  f"{opened.semantics.status.state} {opened.semantics.status.model}; replies "
                  f"changed by the thread: {changed}")  # fmt: skip
            serial = await one_at_a_time(services, messages, args.passes)
            print_one_at_a_time(serial, "model in the loop", args.passes)
            print(f"\n2. {args.concurrency} residents at once (alternately, {args.passes} passes):")
            walls: dict[str, list[float]] = {name: [] for name in services}
            each: dict[str, list[float]] = {name: [] for name in services}
            for _ in range(args.passes):
                for name, service in services.items():
                    wall, times = await at_once(service, messages, args.concurrency)
                    walls[name].append(wall)
                    each[name].extend(times)
            print_at_once(walls, each, "model in the loop", len(messages))
        finally:
            await opened.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=accuracy.SPLITS, default="dev-all")
    parser.add_argument("--passes", type=int, default=2)
    parser.add_argument("--concurrency", type=int, default=8)
    asyncio.run(main(parser.parse_args()))
