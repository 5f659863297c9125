"""What keeping numpy's BLAS to one thread buys, against BLAS on every core (its default).

An answer multiplies the message's vector by the phrases', examples' and route stories'
matrices (five thousand rows and more) in the event loop's thread, while the model reads
messages in its own. When the model loads, the service keeps BLAS to one thread
(``bot.retrieval.onnx.one_blas_thread``); the baseline here lets BLAS use every core, as
before. Both are timed in the same run on the same messages, alternately, so the machine's
noise falls on both alike:

1. **One at a time**: each message's answer time, p50 and p99, and their ratios. This is the
   baseline's best case: nothing else runs while BLAS spreads a product over the cores.
2. **Residents at once**: ``--concurrency`` messages in flight together, so the model's thread
   and the products run side by side: the time to answer them all and each answer's p50 / p99.

The replies are compared too: the thread count must not change a single one.

    .venv/bin/python bench/blas_threads.py                      # every dev part
    .venv/bin/python bench/blas_threads.py --split heldout-24 --passes 3
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
import tempfile
from pathlib import Path

from threadpoolctl import ThreadpoolController

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import accuracy  # noqa: E402
from model_thread import (  # noqa: E402
    at_once,
    one_at_a_time,
    print_at_once,
    print_one_at_a_time,
    replies_changed,
)

from bot.answers import AnswerService, Reply  # noqa: E402
from bot.config import MatcherConfig  # noqa: E402

ONE, EVERY_CORE = "BLAS on one thread", "BLAS on every core"


class WithBlasThreads:
    """The same answer service, with BLAS limited to ``threads`` while it answers."""

    def __init__(self, service: AnswerService, controller: ThreadpoolController, threads: int):
        self._service, self._controller, self._threads = service, controller, threads

    async def answer(self, text: str) -> Reply:
        with self._controller.limit(limits=self._threads, user_api="blas"):
            return await self._service.answer(text)


async def main(args: argparse.Namespace) -> None:
    logging.basicConfig(level=logging.WARNING)
    messages = [item.q for item in accuracy.load(args.split)]
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as tmp:
        opened = await accuracy.open_bench_services(Path(tmp), MatcherConfig(), ROOT / "knowledge")
        try:
            await opened.answers.answer("is my bike safe at the station")  # loads the model
            controller = ThreadpoolController()
            blas = controller.select(user_api="blas").info()
            services = {
                EVERY_CORE: WithBlasThreads(opened.answers, controller, cores),
                ONE: WithBlasThreads(opened.answers, controller, 1),
            }
            for text in messages[:50]:  # warm both (compiled queries, caches)
                for service in services.values():
                    await service.answer(text)
            changed = await replies_changed(services, messages)
            libraries = ", ".join(f"{b['internal_api']} {b['version']}" for b in blas) or "none"
            print(f"{len(messages)} messages ({args.split}); {cores} cores; BLAS: {libraries}; "
                  f"replies changed by the thread count: {changed}")  # fmt: skip
            serial = await one_at_a_time(services, messages, args.passes)
            print_one_at_a_time(serial, EVERY_CORE, args.passes)
            print(f"\n2. {args.concurrency} residents at once (alternately, {args.passes} passes):")
            walls: dict[str, list[float]] = {name: [] for name in services}
            each: dict[str, list[float]] = {name: [] for name in services}
            for _ in range(args.passes):
                for name, threads in ((EVERY_CORE, cores), (ONE, 1)):
                    with controller.limit(limits=threads, user_api="blas"):
                        wall, times = await at_once(opened.answers, messages, args.concurrency)
                    walls[name].append(wall)
                    each[name].extend(times)
            print_at_once(walls, each, EVERY_CORE, len(messages))
        finally:
            await opened.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=accuracy.SPLITS, default="dev-all")
    parser.add_argument("--passes", type=int, default=2)
    parser.add_argument("--concurrency", type=int, default=8)
    asyncio.run(main(parser.parse_args()))
