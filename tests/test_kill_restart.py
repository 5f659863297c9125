"""kill -9 while a message is on its way, then restart: a real ``localbeat run`` process against a
standalone emulator process, as in production.

Telegram accepts the message (or does not) while the bot waits for the answer; the bot is then
killed. On restart its claim is taken over at once (same host, the process is gone), and the
message goes again, marked as a possible repeat: nothing is lost and no copy is an unmarked
duplicate. /healthz and /metrics of the restarted bot count the resend.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
import pytest
import yaml
from sqlalchemy import select

from bot.announcements import store as announcement_store
from bot.announcements.audience import Audience, AudienceKind
from bot.announcements.models import Announcement, Delivery
from bot.announcements.service import AnnouncementService
from bot.announcements.subscribers import SubscriberPolicy
from bot.config import AnnouncementsConfig, Config
from bot.feedback.catalogue import Priority
from bot.feedback.models import FeedbackOutbox
from bot.feedback.service import Draft, FeedbackService
from bot.storage.db import Database
from bot.storage.models import utcnow
from bot.subscriptions.service import SubscriptionService
from tests.live import REPO_KB
from tests.prom import sample

REPO_ROOT = Path(__file__).resolve().parents[1]
TOKEN = "123:KILL"
TEAM = -100_777
OFFICER = 7001
REPEAT = "(possible repeat"
WAIT_S = 30.0
# The installed console script, as an operator runs it.
SCRIPT = Path(sys.executable).with_name("localbeat")
LOCALBEAT = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "bot.cli"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Emulator:
    url: str
    http: aiohttp.ClientSession

    async def control(self, path: str, body: dict[str, Any]) -> None:
        async with self.http.post(f"{self.url}/_control/{path}", json=body) as response:
            assert response.status == 200

    async def texts(self, chat: int) -> list[str]:
        async with self.http.get(f"{self.url}/_control/chat/{chat}") as response:
            messages = (await response.json())["messages"]
        return [str(m.get("text") or m.get("caption") or "") for m in messages]

    async def stats(self) -> dict[str, Any]:
        async with self.http.get(f"{self.url}/_control/stats") as response:
            found: dict[str, Any] = await response.json()
            return found


@pytest.fixture
async def emulator() -> AsyncIterator[Emulator]:
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tests.emulator", "--port", "0", "--token", TOKEN,
        cwd=REPO_ROOT, stdout=asyncio.subprocess.PIPE,
    )  # fmt: skip
    try:
        assert proc.stdout is not None
        url = (await asyncio.wait_for(proc.stdout.readline(), 15)).decode().strip()
        async with aiohttp.ClientSession() as http:
            emu = Emulator(url, http)
            await emu.control("group", {"chat_id": TEAM, "title": "Harrow team"})
            yield emu
    finally:
        proc.terminate()
        await proc.wait()


@dataclass
class Deployment:
    config: Path
    db_url: str
    health: int
    log: Path

    @asynccontextmanager
    async def running(self) -> AsyncIterator[asyncio.subprocess.Process]:
        """``localbeat run``; left running only if the test kills it first."""
        env = {**os.environ, "LOCALBEAT_TELEGRAM_TOKEN": TOKEN}
        with self.log.open("ab") as log:
            proc = await asyncio.create_subprocess_exec(
                *LOCALBEAT, "--config", str(self.config), "run",
                cwd=REPO_ROOT, env=env, stdout=log, stderr=log,
            )  # fmt: skip
        try:
            yield proc
        finally:
            if proc.returncode is None:
                proc.send_signal(signal.SIGTERM)
                await asyncio.wait_for(proc.wait(), WAIT_S)


def deployment(tmp_path: Path, db_url: str, emu: Emulator, **settings: Any) -> Deployment:
    health = free_port()
    raw: dict[str, Any] = {
        "telegram": {"base_url": emu.url, "team_chat_id": TEAM, "request_timeout_s": 20},
        "database": {"url": db_url},
        "knowledge_dir": str(REPO_KB),
        "http": {"host": "127.0.0.1", "port": health},
        "feedback": {"outbox_poll_s": 0.2, "send_timeout_s": 20},
        "log_level": "WARNING",
    }
    for key, value in settings.items():
        raw[key] = {**raw.get(key, {}), **value}
    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    return Deployment(path, db_url, health, tmp_path / "bot.log")


async def until(check: Callable[[], Any], what: str, timeout: float = WAIT_S) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not await check():
        if loop.time() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.1)


async def kill(proc: asyncio.subprocess.Process) -> None:
    proc.kill()  # SIGKILL: no clean-up, the claim stays behind
    await proc.wait()


def split(texts: list[str], needle: str) -> tuple[int, int]:
    """(unmarked, marked as a possible repeat) copies of the message carrying ``needle``."""
    found = [t for t in texts if needle in t]
    marked = sum(1 for t in found if t.startswith(REPEAT))
    return len(found) - marked, marked


async def _health(port: int) -> tuple[dict[str, Any], str]:
    async with aiohttp.ClientSession() as http:
        async with http.get(f"http://127.0.0.1:{port}/healthz") as response:
            body: dict[str, Any] = await response.json()
        async with http.get(f"http://127.0.0.1:{port}/metrics") as response:
            metrics = await response.text()
    return body, metrics


# ----------------------------------------------------------------------------- feedback


@pytest.mark.parametrize("applied", [True, False], ids=["telegram-took-it", "never-arrived"])
async def test_kill_during_a_feedback_post_then_restart(
    tmp_path: Path, sqlite_db_url: str, emulator: Emulator, applied: bool
) -> None:
    db = Database(sqlite_db_url)
    try:
        item = await FeedbackService(db, Config()).submit(
            Draft(5001, Priority.ROAD_SAFETY, "Cars speed past the school every morning.", False)
        )
    finally:
        await db.close()
    site = deployment(tmp_path, sqlite_db_url, emulator)
    needle = f"Feedback {item.reference}"
    await emulator.control(
        "fault", {"method": "sendMessage", "error": "timeout", "apply": applied, "hold": 60}
    )

    async def in_flight() -> bool:
        return (await emulator.stats())["errors"].get("timeout", 0) >= 1

    async with site.running() as bot:
        await until(in_flight, "the post to be on its way")
        await kill(bot)
    assert split(await emulator.texts(TEAM), needle) == ((1, 0) if applied else (0, 0))

    await emulator.control("fault", {"clear": True})
    async with site.running():

        async def marked_copy() -> bool:
            return split(await emulator.texts(TEAM), needle)[1] >= 1

        await until(marked_copy, "the marked resend")
        await asyncio.sleep(0.5)  # nothing more may follow
        health, metrics = await _health(site.health)
    unmarked, marked = split(await emulator.texts(TEAM), needle)
    assert (unmarked, marked) == ((1, 1) if applied else (0, 1)), "no loss, no silent duplicate"
    assert f"(possible repeat of {item.reference})" in (await emulator.texts(TEAM))[-1]
    db = Database(sqlite_db_url)
    try:
        async with db.sessions() as session:
            row = await session.scalar(select(FeedbackOutbox).where(FeedbackOutbox.kind == "post"))
    finally:
        await db.close()
    assert row is not None and (row.status, row.resends) == ("done", 1)
    assert health["feedback_outbox"]["resent"] == 1
    takeovers = sample(
        metrics, "localbeat_outbox_events_total", event="takeover", outbox="feedback"
    )
    assert takeovers == 1.0


# ------------------------------------------------------------------------- announcements


async def test_kill_during_an_announcement_then_restart(
    tmp_path: Path, sqlite_db_url: str, emulator: Emulator
) -> None:
    residents = list(range(8001, 8013))
    await emulator.control("users", {"users": residents})
    db = Database(sqlite_db_url)
    try:
        subs = SubscriptionService(db, ("Pinner",), utcnow)
        for resident in residents:
            await subs.subscribe(resident, "announcements")
            await subs.toggle_ward(resident, "Pinner")
        service = AnnouncementService(
            db, SubscriberPolicy(subs), AnnouncementsConfig(), ("Pinner",)
        )
        draft = announcement_store.Draft(
            OFFICER, "<b>Road closed</b> on Bridge Street tonight", None,
            Audience(AudienceKind.WARDS, ("Pinner",)), service.clock(),
        )  # fmt: skip
        announcement = await service.confirm(draft)
    finally:
        await db.close()
    site = deployment(
        tmp_path, sqlite_db_url, emulator,
        announcements={"concurrency": 1, "rate_per_second": 4},
    )  # fmt: skip

    async def sent(n: int) -> Callable[[], Any]:
        async def check() -> bool:
            return int((await emulator.stats())["bot_messages_total"]) >= n

        return check

    async def in_flight() -> bool:
        return (await emulator.stats())["errors"].get("timeout", 0) >= 1

    async with site.running() as bot:
        await until(await sent(4), "a third of the announcement to go out")
        fault = {"method": "sendMessage", "error": "timeout", "apply": True, "hold": 60}
        await emulator.control("fault", fault)
        await until(in_flight, "a delivery to be on its way")
        await kill(bot)
    before = (await emulator.stats())["bot_messages_total"]
    assert 4 <= before < len(residents)

    await emulator.control("fault", {"clear": True})

    async def finished() -> bool:
        db = Database(sqlite_db_url)
        try:
            async with db.sessions() as session:
                row = await session.get(Announcement, announcement.id)
                return row is not None and row.status == "done"
        finally:
            await db.close()

    async with site.running():
        await until(finished, "the announcement to finish")
        health, metrics = await _health(site.health)
    copies = {r: split(await emulator.texts(r), "Bridge Street") for r in residents}
    assert all(unmarked == 1 for unmarked, _ in copies.values()), copies  # nobody lost, no silent
    assert sum(marked for _, marked in copies.values()) == 1  # the one in flight, marked
    db = Database(sqlite_db_url)
    try:
        async with db.sessions() as session:
            statuses = set(await session.scalars(select(Delivery.status)))
    finally:
        await db.close()
    assert statuses == {"sent"}
    assert health["announcement_outbox"]["resent"] == 1
    takeovers = sample(
        metrics, "localbeat_outbox_events_total", event="takeover", outbox="announcements"
    )
    assert takeovers == 1.0
