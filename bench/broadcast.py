"""An officer announcement to N subscribers through the real bot, at Telegram-like limits.

The Bot API emulator runs in its own process with Telegram's limits (30 messages/s overall,
1 per chat per second, 429 beyond) and 2 % of users who blocked the bot. N residents subscribe,
one announcement to all of them is confirmed through ``AnnouncementService`` (the same call the
officer's button makes), and ``localbeat run`` sends it. Printed: the achieved rate against the
configured one (Telegram calls/s, delivered + blocked, first to last), 429s received, and from
the emulator's own per-chat counts how many residents got it, got it twice, or never got it.
The second run SIGKILLs the bot twice mid-broadcast and restarts it each time.

Run: .venv/bin/python bench/broadcast.py [--subscribers 10000] [--rate 25] [--no-crash]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
import zlib
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.announcements import store  # noqa: E402
from bot.announcements.audience import Audience, AudienceKind  # noqa: E402
from bot.announcements.models import Delivery  # noqa: E402
from bot.announcements.service import AnnouncementService  # noqa: E402
from bot.announcements.subscribers import SubscriberPolicy  # noqa: E402
from bot.config import HARROW_WARDS, AnnouncementsConfig  # noqa: E402
from bot.storage.db import Database  # noqa: E402
from bot.subscriptions.models import SubscriptionTopic, SubscriptionWard  # noqa: E402
from bot.subscriptions.service import SubscriptionService  # noqa: E402

PY = sys.executable
TOKEN = "123:BROADCAST"
FIRST_USER = 100_000
BLOCKED_FRACTION = 0.02
TEXT = "<b>Scam wave</b>: callers pretending to be bank staff. Never share your PIN."


def http(url: str, body: Any | None = None) -> Any:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())


def start_emulator() -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen(
        [PY, "-m", "tests.emulator", "--port", "0", "--token", TOKEN, "--global-rate", "30",
         "--chat-rate", "1", "--blocked-fraction", str(BLOCKED_FRACTION), "--no-record"],
        cwd=ROOT, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert proc.stdout is not None
    return proc, proc.stdout.readline().strip()


def open_chats(url: str, users: list[int]) -> None:
    """Each user pressed Start once; their updates are consumed here so the bot never sees them."""
    last = 0
    for i in range(0, len(users), 1000):
        batch = [{"user_id": u, "text": "hello"} for u in users[i : i + 1000]]
        last = http(f"{url}/_control/inject", batch)["last_update_id"]
    http(f"{url}/bot{TOKEN}/getUpdates?offset={last + 1}&timeout=0")
    http(f"{url}/_control/reset", {})


def blocked(user_id: int) -> bool:
    """The emulator's own rule for which users blocked the bot (seed 0)."""
    return zlib.crc32(f"0:{user_id}".encode()) / 2**32 < BLOCKED_FRACTION


async def prepare(db_url: str, users: list[int], rate: float) -> int:
    db = Database(db_url)
    await db.migrate()
    async with db.sessions.begin() as session:
        await session.execute(
            insert(SubscriptionTopic), [{"resident_id": u, "topic": "announcements"} for u in users]
        )
        await session.execute(
            insert(SubscriptionWard),
            [{"resident_id": u, "ward": HARROW_WARDS[u % len(HARROW_WARDS)]} for u in users],
        )
    now = datetime.now(UTC)
    policy = SubscriberPolicy(SubscriptionService(db, HARROW_WARDS, lambda: datetime.now(UTC)))
    service = AnnouncementService(
        db, policy, AnnouncementsConfig(rate_per_second=rate), HARROW_WARDS
    )
    draft = store.Draft(7001, TEXT, None, Audience(AudienceKind.EVERYONE), now)
    record = await service.confirm(draft)
    await db.close()
    return record.id


async def remaining(db_url: str) -> tuple[int, int]:
    """(open deliveries, deliveries released after a crash)."""
    db = Database(db_url)
    try:
        async with db.sessions() as session:
            left = await session.scalar(select(func.count()).where(Delivery.status.in_(store.OPEN)))
            resent = await session.scalar(select(func.count()).where(Delivery.resends > 0))
    finally:
        await db.close()
    return int(left or 0), int(resent or 0)


def start_bot(url: str, workdir: Path, db_url: str, rate: float) -> subprocess.Popen[bytes]:
    config = workdir / "broadcast.yaml"
    config.write_text(
        f"database:\n  url: {db_url}\nknowledge_dir: {ROOT / 'knowledge'}\n"
        f"http:\n  port: 0\nlog_level: WARNING\nannouncements:\n  rate_per_second: {rate}\n"
    )
    env = {**os.environ, "LOCALBEAT_TELEGRAM_TOKEN": TOKEN, "LOCALBEAT_TELEGRAM_BASE_URL": url,
           "PTB_TIMEDELTA": "1"}  # fmt: skip
    return subprocess.Popen(
        [PY, "-m", "bot.cli", "--config", str(config), "run"], cwd=ROOT, env=env
    )


def run(url: str, n: int, rate: float, kills: int, workdir: Path) -> dict[str, Any]:
    db_url = f"sqlite+aiosqlite:///{workdir / f'broadcast-{kills}.db'}"
    users = list(range(FIRST_USER, FIRST_USER + n))
    http(f"{url}/_control/reset", {})
    asyncio.run(prepare(db_url, users, rate))
    bot = start_bot(url, workdir, db_url, rate)
    kill_at = [n * (k + 1) // (kills + 1) for k in range(kills)]
    killed = 0
    try:
        while True:
            time.sleep(0.5)
            left, _ = asyncio.run(remaining(db_url))
            if left == 0:
                break
            if killed < kills and n - left >= kill_at[killed]:
                bot.send_signal(signal.SIGKILL)
                bot.wait()
                killed += 1
                bot = start_bot(url, workdir, db_url, rate)
    finally:
        bot.send_signal(signal.SIGTERM)
        bot.wait(timeout=30)
    stats = http(f"{url}/_control/stats")
    _, resent = asyncio.run(remaining(db_url))
    per_chat = {int(k): v for k, v in stats["send_message_per_chat"].items()}
    reachable = [u for u in users if not blocked(u)]
    delivered = sum(1 for u in reachable if per_chat.get(u, 0) >= 1)
    duration = stats["last_reply_at"] - stats["first_reply_at"]
    calls = stats["send_message_total"] + stats["403"]
    return {
        "n": n, "kills": killed, "delivered": delivered, "blocked": n - len(reachable),
        "duplicated": sum(max(0, per_chat.get(u, 0) - 1) for u in users),
        "lost": len(reachable) - delivered, "429": stats["429"], "seconds": duration,
        "rate": calls / duration if duration > 0 else float("nan"), "resent": resent,
    }  # fmt: skip


def report(name: str, r: dict[str, Any], rate: float) -> None:
    print(f"\n{name}: {r['n']:,} subscribers, {r['kills']} SIGKILL(s)")
    print(f"  achieved {r['rate']:.2f} calls/s against {rate:g} configured "
          f"({100 * r['rate'] / rate:.1f} %), {r['seconds']:.0f} s first to last")  # fmt: skip
    print(f"  429s received: {r['429']}")
    print(f"  delivered {r['delivered']:,}, blocked (403) {r['blocked']:,}, "
          f"duplicated {r['duplicated']}, lost {r['lost']}, "
          f"released after a crash and sent again {r['resent']}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--rate", type=float, default=25.0)
    parser.add_argument("--no-crash", action="store_true", help="skip the SIGKILL run")
    args = parser.parse_args()
    emulator, url = start_emulator()
    try:
        open_chats(url, list(range(FIRST_USER, FIRST_USER + args.subscribers)))
        with tempfile.TemporaryDirectory() as tmp:
            clean = run(url, args.subscribers, args.rate, 0, Path(tmp))
            report("Uninterrupted", clean, args.rate)
            if not args.no_crash:
                crashed = run(url, args.subscribers, args.rate, 2, Path(tmp))
                report("Killed twice and restarted", crashed, args.rate)
    finally:
        emulator.send_signal(signal.SIGTERM)
        emulator.wait(timeout=30)


if __name__ == "__main__":
    main()
