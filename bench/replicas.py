"""One replica against two on PostgreSQL, and the failover time when one is killed.

The Bot API emulator runs in its own process and delivers updates by webhook, up to 40 at once as
Telegram does, to a round-robin proxy (in this process), which forwards each to the next
``localbeat run --webhook`` process; every process shares one throw-away PostgreSQL database.
For one and then two replicas, in the same run:

* throughput: N text updates from M residents queued at once; updates/s from the first reply to
  the last;
* latency: a steady stream (``--rate`` updates/s for ``--seconds``); p50 and p99 from injection to
  reply, as the emulator measures them;
* failover (two replicas): steady traffic at half the ``--rate``; one replica is killed with
  SIGKILL and one more resident writes at once. Reported: seconds from the kill to that
  resident's reply from the survivor, and until every update sent before and during the kill is
  answered (those the dead replica had accepted are taken over, marked as a possible repeat).

Run: .venv/bin/python bench/replicas.py [--updates 2000 --users 100 --rate 40 --seconds 10]
     [--unordered: also one replica without the update inbox, to see what it costs]
Needs LOCALBEAT_TEST_POSTGRES_URL (e.g. postgresql+asyncpg://postgres@127.0.0.1:5432/test);
BENCH_KEEP=DIR keeps each replica's config and log there.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import signal
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.storage.db import upgrade  # noqa: E402
from tests.conftest import create_postgres_database, drop_postgres_database  # noqa: E402
from tests.test_kill_restart import free_port  # noqa: E402
from tests.test_replicas import RoundRobin  # noqa: E402

PY = sys.executable
TOKEN = "123:BENCH"
SECRET = "bench-secret"
QUESTIONS = [
    "how do i stop my fone being nicked", "burgalry tips", "what is met engage",
    "how do i report a crime online", "hiya", "staying safe on a night out",
    "what is streetsafe", "keyless car theft how to stop it", "thanks a lot",
    "knife crime advice for parents",
]  # fmt: skip


@dataclass
class Bench:
    emu: str
    http: aiohttp.ClientSession
    db_url: str
    proxy: RoundRobin
    workdir: Path

    async def control(self, path: str, body: Any = None) -> Any:
        if body is None:
            async with self.http.get(f"{self.emu}/_control/{path}") as response:
                return await response.json()
        async with self.http.post(f"{self.emu}/_control/{path}", json=body) as response:
            return await response.json()

    async def inject(self, count: int, users: int, rng: random.Random, first: int = 0) -> None:
        batch = [{"user_id": 10_000 + ((first + n) % users), "text": rng.choice(QUESTIONS)}
                 for n in range(count)]  # fmt: skip
        for i in range(0, count, 1000):
            await self.control("inject", batch[i : i + 1000])

    async def replies(self, count: int, timeout: float = 300) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            stats: dict[str, Any] = await self.control("stats")
            if stats["bot_messages_total"] >= count:
                return stats
            if time.monotonic() > deadline:
                raise TimeoutError(f"only {stats['bot_messages_total']} of {count} replies")
            await asyncio.sleep(0.05)

    async def start_replica(
        self, name: str, ordered: bool = True
    ) -> tuple[asyncio.subprocess.Process, int, int]:
        health, hook = free_port(), free_port()
        raw = {
            "replica_id": name,
            "telegram": {"webhook_url": f"http://127.0.0.1:{self.proxy.port}",
                         "webhook_port": hook, "base_url": self.emu},
            "database": {"url": self.db_url},
            "knowledge_dir": str(ROOT / "knowledge"),
            "throttle": {"max_messages": 100_000, "per_seconds": 1},
            "http": {"port": health},
            "replicas": {"ordered_updates": ordered},
            "log_level": "WARNING",
        }  # fmt: skip
        config = self.workdir / f"{name}.yaml"
        config.write_text(yaml.safe_dump(raw))
        env = {**os.environ, "LOCALBEAT_TELEGRAM_TOKEN": TOKEN, "LOCALBEAT_WEBHOOK_SECRET": SECRET}
        log = (self.workdir / f"{name}.log").open("ab")
        proc = await asyncio.create_subprocess_exec(
            PY, "-m", "bot.cli", "--config", str(config), "run", "--webhook",
            cwd=ROOT, env=env, stdout=log, stderr=log,
        )  # fmt: skip
        for _ in range(600):
            try:
                async with self.http.get(f"http://127.0.0.1:{health}/healthz") as response:
                    if response.status == 200:
                        return proc, hook, health
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.1)
        raise TimeoutError(f"replica {name} did not start; see {log.name}")


async def stop(procs: list[asyncio.subprocess.Process]) -> None:
    for proc in procs:
        if proc.returncode is None:
            proc.send_signal(signal.SIGTERM)
    for proc in procs:
        try:
            await asyncio.wait_for(proc.wait(), 30)
        except TimeoutError:
            print(f"replica pid {proc.pid} did not stop within 30 s of SIGTERM; killed")
            proc.kill()
            await proc.wait()


async def measure(
    bench: Bench, replicas: int, args: argparse.Namespace, ordered: bool = True
) -> dict[str, float]:
    rng = random.Random(7)
    procs: list[asyncio.subprocess.Process] = []
    hooks = []
    for n in range(replicas):
        proc, hook, _health = await bench.start_replica(f"r{replicas}-{n + 1}", ordered)
        procs.append(proc)
        hooks.append(f"http://127.0.0.1:{hook}/telegram")
    bench.proxy.upstreams = hooks
    try:
        await bench.control("reset", {})
        await bench.inject(args.updates, args.users, rng)
        stats = await bench.replies(args.updates)
        rate = args.updates / (stats["last_reply_at"] - stats["first_reply_at"])
        await bench.control("reset", {})
        paced = int(args.rate * args.seconds)
        for i in range(int(args.seconds * 10)):
            await bench.inject(int(args.rate / 10), args.users, rng, i)
            await asyncio.sleep(0.1)
        latency = (await bench.replies(paced))["latency"]
        result = {"rate": rate, "p50": latency["p50"] * 1000, "p99": latency["p99"] * 1000}
        if replicas > 1:
            result.update(await failover(bench, procs[0], args))
        return result
    finally:
        await stop(procs)


async def failover(
    bench: Bench, victim: asyncio.subprocess.Process, args: argparse.Namespace
) -> dict[str, float]:
    """Steady traffic; SIGKILL one replica; one more resident writes at once."""
    rng = random.Random(11)
    await bench.control("reset", {})
    rate = args.rate / 2  # well within what one replica answers, so no backlog hides failover
    sent = 0
    for i in range(30):  # 3 s of traffic to both
        await bench.inject(int(rate / 10), args.users, rng, i)
        sent += int(rate / 10)
        await asyncio.sleep(0.1)
    victim.kill()
    killed = time.monotonic()
    await victim.wait()
    await bench.control("inject", [{"user_id": 99_999, "text": "burgalry tips"}])
    first_reply = None
    while first_reply is None or time.monotonic() - killed < 3:
        stats = await bench.control("stats")
        if first_reply is None and stats["send_message_per_chat"].get("99999"):
            first_reply = time.monotonic() - killed
        if time.monotonic() - killed < 3:  # the traffic goes on, to the survivor alone
            await bench.inject(int(rate / 10), args.users, rng)
            sent += int(rate / 10)
        await asyncio.sleep(0.1)
    stats = await bench.replies(sent + 1, timeout=120)
    all_answered = time.monotonic() - killed
    return {"failover": first_reply, "all_answered": all_answered,
            "p99_across": stats["latency"]["p99"] * 1000}  # fmt: skip


async def run(args: argparse.Namespace) -> None:
    if not os.environ.get("LOCALBEAT_TEST_POSTGRES_URL"):
        sys.exit("set LOCALBEAT_TEST_POSTGRES_URL to a PostgreSQL server")
    emulator = await asyncio.create_subprocess_exec(
        PY, "-m", "tests.emulator", "--port", "0", "--token", TOKEN, "--no-record",
        "--webhook-connections", "40", cwd=ROOT, stdout=asyncio.subprocess.PIPE,
    )  # fmt: skip
    assert emulator.stdout is not None
    url = (await emulator.stdout.readline()).decode().strip()
    proxy = RoundRobin([])  # the test's load balancer: round robin, skipping a dead process
    await proxy.start()
    results = {}
    try:
        async with aiohttp.ClientSession() as http:
            runs = [("1", 1, True), ("2", 2, True)]
            if args.unordered:
                runs.insert(0, ("1, no inbox", 1, False))
            for name, replicas, ordered in runs:
                db_url = await asyncio.to_thread(create_postgres_database)
                try:
                    await upgrade(db_url)
                    with tempfile.TemporaryDirectory() as tmp:
                        keep = os.environ.get("BENCH_KEEP")
                        if keep:
                            tmp = keep + "/" + name.replace(" ", "").replace(",", "")
                            os.makedirs(tmp, exist_ok=True)
                        bench = Bench(url, http, db_url, proxy, Path(tmp))
                        results[name] = await measure(bench, replicas, args, ordered)
                finally:
                    await asyncio.to_thread(drop_postgres_database, db_url)
    finally:
        await proxy.stop()
        emulator.send_signal(signal.SIGTERM)
        await emulator.wait()
    report(results, args)


def report(results: dict[str, dict[str, float]], args: argparse.Namespace) -> None:
    print(f"{args.updates} updates from {args.users} residents at once, then {args.rate:g}/s for "
          f"{args.seconds:g} s; webhook through a round-robin proxy; PostgreSQL; "
          f"{os.cpu_count()} cores")  # fmt: skip
    print(f"{'replicas':<14} {'updates/s':>10} {'p50 ms':>8} {'p99 ms':>8}")
    for n, r in results.items():
        print(f"{n:<14} {r['rate']:>10.0f} {r['p50']:>8.1f} {r['p99']:>8.1f}")
    print(f"ratio two / one: {results['2']['rate'] / results['1']['rate']:.2f}x")
    two = results["2"]
    print(f"failover at {args.rate / 2:g} updates/s: SIGKILL to the survivor's first reply to a "
          f"new message {two['failover']:.2f} s; every update sent before and during the kill "
          f"answered {two['all_answered']:.2f} s after it (p99 {two['p99_across']:.0f} ms "
          "across the kill)")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--updates", type=int, default=2000)
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--rate", type=float, default=40.0)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument(
        "--unordered",
        action="store_true",
        help="also one replica without the update inbox (replicas.ordered_updates: false)",
    )
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
