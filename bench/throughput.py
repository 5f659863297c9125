"""Updates per second through the real Telegram path, Local Beat against a bare PTB echo bot.

The Bot API emulator runs in its own process. For each bot, N text updates from M users are
queued in the emulator, the bot is started in its own process (``localbeat run`` for Local Beat,
a ten-line PTB echo bot with PTB's defaults as the baseline) and the time from its first reply to
its last gives updates/s. A second, paced phase (a steady 100 updates/s) measures latency from
injection to reply. Peak RSS is the bot process's VmHWM.

Run: .venv/bin/python bench/throughput.py [--updates 5000 --users 100]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
TOKEN = "123:BENCH"

QUESTIONS = [
    "how do i stop my fone being nicked", "burgalry tips", "what is met engage",
    "new met for london phase 2", "how do i report a crime online", "hiya",
    "staying safe on a night out", "what is streetsafe", "arrests per officer",
    "keyless car theft how to stop it", "thanks a lot", "knife crime advice for parents",
]  # fmt: skip


def http(url: str, body: Any | None = None) -> Any:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def start_emulator() -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen(
        [PY, "-m", "tests.emulator", "--port", "0", "--token", TOKEN, "--no-record"],
        cwd=ROOT, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert proc.stdout is not None
    return proc, proc.stdout.readline().strip()


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def inject(url: str, count: int, users: int, rng: random.Random) -> None:
    batch = [{"user_id": 10_000 + (n % users), "text": rng.choice(QUESTIONS)} for n in range(count)]
    for i in range(0, count, 1000):
        http(f"{url}/_control/inject", batch[i : i + 1000])


def wait_for_replies(url: str, count: int, timeout: float = 300) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        stats: dict[str, Any] = http(f"{url}/_control/stats")
        if stats["bot_messages_total"] >= count:
            return stats
        time.sleep(0.2)
    raise TimeoutError(f"only {stats['bot_messages_total']} of {count} replies")


def start_bot(kind: str, url: str, workdir: Path) -> subprocess.Popen[bytes]:
    if kind == "echo":
        return subprocess.Popen([PY, str(ROOT / "bench" / "echo_bot.py"), url, TOKEN], cwd=ROOT)
    config = workdir / "bench.yaml"
    config.write_text(
        f"database:\n  url: sqlite+aiosqlite:///{workdir / 'bench.db'}\n"
        f"knowledge_dir: {ROOT / 'knowledge'}\n"
        "throttle:\n  max_messages: 100000\n  per_seconds: 1\n"
        "http:\n  port: 0\nlog_level: WARNING\n"
    )
    env = {**os.environ, "LOCALBEAT_TELEGRAM_TOKEN": TOKEN, "LOCALBEAT_TELEGRAM_BASE_URL": url}
    return subprocess.Popen(
        [PY, "-m", "bot.cli", "--config", str(config), "run"], cwd=ROOT, env=env
    )


def measure(kind: str, url: str, updates: int, users: int, workdir: Path) -> dict[str, float]:
    rng = random.Random(7)
    http(f"{url}/_control/reset", {})
    inject(url, updates, users, rng)
    bot = start_bot(kind, url, workdir)
    try:
        stats = wait_for_replies(url, updates)
        rate = updates / (stats["last_reply_at"] - stats["first_reply_at"])
        http(f"{url}/_control/reset", {})
        paced = 1000
        for _ in range(paced // 10):  # a steady 100 updates/s
            inject(url, 10, users, rng)
            time.sleep(0.1)
        latency = wait_for_replies(url, paced)["latency"]
        rss = peak_rss_mb(bot.pid)
    finally:
        bot.send_signal(signal.SIGTERM)
        bot.wait(timeout=30)
    return {"rate": rate, "p50": latency["p50"] * 1000, "p99": latency["p99"] * 1000, "rss": rss}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--updates", type=int, default=5000)
    parser.add_argument("--users", type=int, default=100)
    args = parser.parse_args()
    emulator, url = start_emulator()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            echo = measure("echo", url, args.updates, args.users, Path(tmp))
            beat = measure("localbeat", url, args.updates, args.users, Path(tmp))
    finally:
        emulator.send_signal(signal.SIGTERM)
        emulator.wait(timeout=30)
    print(f"{args.updates} updates from {args.users} users, emulator in its own process")
    print(f"{'bot':<28} {'updates/s':>10} {'p50 ms':>8} {'p99 ms':>8} {'peak RSS MB':>12}")
    for name, r in (("PTB echo bot (defaults)", echo), ("Local Beat (KB answers)", beat)):
        print(f"{name:<28} {r['rate']:>10.0f} {r['p50']:>8.1f} {r['p99']:>8.1f} {r['rss']:>12.0f}")
    print(f"ratio Local Beat / echo: {beat['rate'] / echo['rate']:.2f}x")


if __name__ == "__main__":
    main()
