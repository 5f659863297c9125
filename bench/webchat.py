"""The web chat under load: 200 sessions asking at once, against a bare aiohttp echo endpoint.

Both servers run in their own process on this machine; this process is the 200 residents. For
each server, 200 sessions are opened, then every session sends one question at the same moment,
for several rounds; each request's time from sending to the parsed JSON reply gives p50, p99 and
the slowest. The baseline is bench/echo_web.py (JSON in, JSON out, nothing else): the cost of
aiohttp and HTTP on this machine, measured in the same run. Local Beat runs ``localbeat web``
(SQLite, the shipped knowledge base, session lookup and state per message).

A last phase checks that abuse is refused while everyone else is served: during a round of the
200, one session floods (its per-session limit answers 429), and oversized, malformed and
cross-site requests arrive (413, 400, 403). The per-address limits are raised for the bench,
since every simulated resident here shares one address; the per-session limit keeps its default.

Run: .venv/bin/python bench/webchat.py [--sessions 200 --rounds 5]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import aiohttp

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
QUESTIONS = [
    "how do i stop my fone being nicked", "burgalry tips", "what is met engage",
    "new met for london phase 2", "how do i report a crime online", "hiya",
    "staying safe on a night out", "what is streetsafe", "arrests per officer",
    "keyless car theft how to stop it", "thanks a lot", "knife crime advice for parents",
    "any police events this week", "crime in pinner last month",
]  # fmt: skip


def start(args: list[str], env: dict[str, str] | None = None) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.PIPE, text=True, env=env)
    assert proc.stdout is not None
    line = proc.stdout.readline().strip()
    return proc, line.removeprefix("Local Beat web chat: ").removesuffix("/chat")


def stop(proc: subprocess.Popen[str]) -> None:
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=30)
    if proc.stdout is not None:
        proc.stdout.close()


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))]


async def post(
    http: aiohttp.ClientSession, url: str, body: Any = None, **kwargs: Any
) -> tuple[int, float, Any]:
    began = time.perf_counter()
    async with http.post(url, json=body, **kwargs) as response:
        data = await response.json(content_type=None)
        return response.status, (time.perf_counter() - began) * 1000, data


async def measure(url: str, sessions: int, rounds: int) -> dict[str, Any]:
    rng = random.Random(14)
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector) as http:
        opened = await asyncio.gather(
            *(post(http, f"{url}/api/chat/sessions", {}) for _ in range(sessions))
        )
        ids = [data["session"] for status, _, data in opened if status == 201]
        assert len(ids) == sessions, Counter(status for status, _, _ in opened)
        times: list[float] = []
        answered = 0
        began = time.perf_counter()
        for _ in range(rounds):
            asks = [{"session": s, "text": rng.choice(QUESTIONS)} for s in ids]
            results = await asyncio.gather(
                *(post(http, f"{url}/api/chat/messages", body) for body in asks)
            )
            answered += sum(1 for status, _, data in results if status == 200 and data["replies"])
            times += [ms for _, ms, _ in results]
        elapsed = time.perf_counter() - began
    return {
        "answered": answered, "asked": sessions * rounds, "p50": percentile(times, 0.5),
        "p99": percentile(times, 0.99), "max": max(times), "mean": statistics.mean(times),
        "rate": sessions * rounds / elapsed,
    }  # fmt: skip


async def abuse(url: str, sessions: int) -> dict[str, Counter[int]]:
    """One round of everyone asking, while one session floods and bad requests arrive."""
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector) as http:
        opened = await asyncio.gather(
            *(post(http, f"{url}/api/chat/sessions", {}) for _ in range(sessions + 1))
        )
        ids = [data["session"] for _, _, data in opened]
        noisy, residents = ids[0], ids[1:]
        big = {"session": noisy, "text": "x" * 60_000}
        json_type = {"Content-Type": "application/json"}
        elsewhere = {"Sec-Fetch-Site": "cross-site"}
        requests = (
            [("residents", {"session": s, "text": "burglary tips"}, {}) for s in residents]
            + [("flood", {"session": noisy, "text": "hi"}, {}) for _ in range(100)]
            + [("bad", big, {}) for _ in range(20)]
            + [("bad", None, {"data": b"{oops", "headers": json_type}) for _ in range(20)]
            + [("bad", {"session": noisy, "text": "hi"}, {"headers": elsewhere})] * 20
        )
        random.Random(3).shuffle(requests)

        async def tagged(group: str, body: Any, extra: dict[str, Any]) -> tuple[str, int]:
            status, _, _ = await post(http, f"{url}/api/chat/messages", body, **extra)
            return group, status

        tally: dict[str, Counter[int]] = {"residents": Counter(), "flood": Counter(),
                                          "bad": Counter()}  # fmt: skip
        for group, status in await asyncio.gather(*(tagged(*r) for r in requests)):
            tally[group][status] += 1
        return tally


def write_config(folder: Path) -> Path:
    config = folder / "bench.yaml"
    config.write_text(
        f"database:\n  url: sqlite+aiosqlite:///{folder / 'bench.db'}\n"
        f"knowledge_dir: {ROOT / 'knowledge'}\n"
        "http:\n  host: 127.0.0.1\n  port: 0\nlog_level: WARNING\n"
        "web:\n  enabled: true\n"
        "  per_address: {max_requests: 1000000, per_seconds: 1}\n"
        "  new_sessions_per_address: {max_requests: 1000000, per_seconds: 1}\n",
        encoding="utf-8",
    )
    return config


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if not k.startswith("LOCALBEAT_")}
    with tempfile.TemporaryDirectory() as tmp:
        config = write_config(Path(tmp))
        echo, echo_url = start([PY, str(ROOT / "bench" / "echo_web.py")])
        try:
            baseline = asyncio.run(measure(echo_url, args.sessions, args.rounds))
        finally:
            stop(echo)
        beat, beat_url = start(
            [PY, "-m", "bot.cli", "--config", str(config), "web", "--port", "0"], env
        )
        try:
            asyncio.run(measure(beat_url, 20, 2))  # warm the matcher and the connection pool
            result = asyncio.run(measure(beat_url, args.sessions, args.rounds))
            tally = asyncio.run(abuse(beat_url, args.sessions))
        finally:
            stop(beat)
    print(f"{args.sessions} sessions asking at once, {args.rounds} rounds, both servers in their "
          "own process")  # fmt: skip
    print(f"{'server':<30} {'answered':>9} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8} {'msg/s':>7}")
    for name, r in (("aiohttp echo (baseline)", baseline), ("Local Beat web chat", result)):
        print(
            f"{name:<30} {r['answered']:>4}/{r['asked']:<4} {r['p50']:>8.1f} {r['p99']:>8.1f} "
            f"{r['max']:>8.1f} {r['rate']:>7.0f}"
        )
    print(f"ratio Local Beat / echo: p99 {result['p99'] / baseline['p99']:.1f}x, "
          f"throughput {result['rate'] / baseline['rate']:.2f}x")  # fmt: skip
    print(
        "under abuse: residents "
        + ", ".join(f"{n}x{s}" for s, n in sorted(tally["residents"].items()))
        + "; flooding session "
        + ", ".join(f"{n}x{s}" for s, n in sorted(tally["flood"].items()))
        + "; oversized/malformed/cross-site "
        + ", ".join(f"{n}x{s}" for s, n in sorted(tally["bad"].items()))
    )


if __name__ == "__main__":
    main()
