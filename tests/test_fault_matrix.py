"""The fault matrix: every kind of Telegram failure against every way the bot sends, counting in
the emulator what residents and the team really received.

Faults: 429, five 429s in a row, 500, 502, a timeout (the request never applied), a timeout after
the request was applied (the answer is lost), 403 and 400 ("can't parse entities"). Paths:
replies to residents, feedback posts to the team chat, scheduled reminders and announcements.
Each fault strikes one message on its own chat, so the counts cannot mix.

What counts: a message is **lost** if it never arrived; a **silent duplicate** is a second copy
not marked as a possible repeat. Targets: no loss under any transient fault on any path, and no
silent duplicate of anything queued (feedback, reminders, announcements). A reply whose answer
was lost is resent unmarked (it may be seen twice, never not at all). A 403 means the resident
blocked the bot, and an announcement refused with a 400 is reported to the officer: those are
not sent again, by design. Run with ``-s`` to see the table.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.announcements import store
from bot.announcements.audience import Audience, AudienceKind
from bot.announcements.outbox import OutboxSettings, OutboxWorker
from bot.announcements.service import AnnouncementService
from bot.config import AnnouncementsConfig, Config
from bot.feedback.catalogue import Priority
from bot.feedback.service import Draft
from bot.services import Services, open_services
from bot.storage.db import Database
from handlers.announce_sender import TelegramMessenger, broadcast_bot
from handlers.delivery import run_due_pass
from tests.announce_fakes import FakePolicy, FakeTime
from tests.emulator import BotApiEmulator, EmulatorTimeout
from tests.fake_clock import FakeClock
from tests.live import TOKEN, LiveBot, live_bot, make_config
from tests.test_e2e_feedback import TEAM, FastClock, delivered, feedback_bot

CANT_PARSE = 'Bad Request: can\'t parse entities: Unsupported start tag "x" at byte offset 0'
FAULTS: dict[str, dict[str, Any]] = {
    "429": {"error": "429", "retry_after": 1},
    "429x5": {"error": "429", "times": 5, "retry_after": 1},
    "500": {"error": "500"},
    "502": {"error": "502"},
    "timeout": {"error": "timeout"},
    "timeout-after-apply": {"error": "timeout", "apply": True},
    "403": {"error": "403"},
    "400": {"error": "400", "description": CANT_PARSE},
}
TRANSIENT = ("429", "429x5", "500", "502", "timeout", "timeout-after-apply")
TIMEOUT_S = 1.0  # the bot's request timeout here: long enough that a loaded machine answers in
# time, so only an injected timeout times out; the emulator holds a timed-out call longer
HOLD_S = 2.0
REPEAT = "(possible repeat"


@dataclass
class Count:
    unmarked: int
    marked: int

    @property
    def lost(self) -> bool:
        return self.unmarked + self.marked == 0

    def __str__(self) -> str:
        return f"{self.unmarked} + {self.marked} marked"


def inject(emu: BotApiEmulator, method: str, fault: str, chat: int | None = None) -> None:
    spec = dict(FAULTS[fault])
    error = spec.pop("error")
    hold = HOLD_S if error == "timeout" else None
    emu.fail_next(method, error, hold=hold, chat_id=chat, **spec)


def count(texts: list[str], needle: str) -> Count:
    found = [t for t in texts if needle in t]
    marked = sum(1 for t in found if t.lstrip("<i>").startswith(REPEAT))
    return Count(len(found) - marked, marked)


def texts_in(emu: BotApiEmulator, chat: int) -> list[str]:
    return [str(m.get("text") or m.get("caption") or "") for m in emu.bot_messages(chat)]


def report(path: str, results: dict[str, Count]) -> None:
    print(f"\n{path}: delivered copies per fault (unmarked + marked as a possible repeat)")
    for fault, found in results.items():
        print(f"  {fault:<20} {found}{'  (none)' if found.lost else ''}")


async def wait_for(emu: BotApiEmulator, predicate: Callable[[], bool], timeout: float) -> None:
    """Until ``predicate`` holds or ``timeout`` passes (a lost message is counted, not raised)."""
    with contextlib.suppress(EmulatorTimeout):
        await emu.wait_until(predicate, timeout)


# --------------------------------------------------------------------------------- replies


async def test_replies_under_every_fault(sqlite_db_url: str) -> None:
    """All faults at once, each on its own resident's chat."""
    chats = {fault: 61_000 + n for n, fault in enumerate(FAULTS)}
    async with live_bot(sqlite_db_url, telegram={"request_timeout_s": TIMEOUT_S}) as bot:
        for fault, resident in chats.items():
            bot.emu.add_user(resident)
            inject(bot.emu, "sendMessage", fault, chat=resident)
            bot.emu.send_text(resident, "hello")

        def answered(fault: str, resident: int) -> bool:
            copies = sum("Local Beat" in t for t in texts_in(bot.emu, resident))
            if fault == "403":  # refused once: the resident blocked the bot
                return any(
                    c.status == 403 and str(c.params.get("chat_id")) == str(resident)
                    for c in bot.emu.calls_to("sendMessage")
                )
            return copies >= (2 if fault == "timeout-after-apply" else 1)

        await wait_for(bot.emu, lambda: all(answered(*c) for c in chats.items()), timeout=15)
        await asyncio.sleep(0.5)  # nothing more may follow
        results = {f: count(texts_in(bot.emu, r), "Local Beat") for f, r in chats.items()}
    report("replies", results)
    for fault in (*TRANSIENT, "400"):
        assert not results[fault].lost, fault
    assert results["403"].lost  # the resident blocked the bot: nothing can reach them
    assert all(c.unmarked <= 1 for f, c in results.items() if f != "timeout-after-apply")
    assert results["timeout-after-apply"].unmarked <= 2  # a lost answer: seen twice at most
    sorry = [t for r in chats.values() for t in texts_in(bot.emu, r) if "Sorry" in t]
    assert sorry == []  # never the apology for a failure the retries absorbed


# ---------------------------------------------------------------------------- feedback posts


async def test_feedback_posts_under_every_fault(sqlite_db_url: str) -> None:
    results: dict[str, Count] = {}
    async with feedback_bot(
        sqlite_db_url, clock=FastClock(), feedback={"send_timeout_s": TIMEOUT_S}
    ) as bot:
        feedback = bot.data.services.feedback
        for n, fault in enumerate(FAULTS):
            await delivered(bot)
            inject(bot.emu, "sendMessage", fault)
            item = await feedback.submit(
                Draft(
                    62_000 + n, Priority.ROAD_SAFETY, f"Fault {fault}: speeding on Bridge St", False
                )
            )
            await delivered(bot, timeout=15)
            await asyncio.sleep(0.1)
            results[fault] = count(texts_in(bot.emu, TEAM), f"Feedback {item.reference}")
            bot.emu.clear_faults()
        health = await feedback.outbox.health()
    report("feedback posts", results)
    assert not any(c.lost for c in results.values())
    assert all(c.unmarked <= 1 for c in results.values()), "no silent duplicate"
    assert results["timeout-after-apply"].marked == 1
    assert health.uncertain == 0 and health.resent == 2  # both timeouts: one marked resend


# ------------------------------------------------------------------------------- reminders


async def test_reminders_under_every_fault(sqlite_db_url: str) -> None:
    results: dict[str, Count] = {}
    clock = FakeClock(datetime(2027, 2, 1, 12, 0, tzinfo=UTC))

    async def services(cfg: Config) -> Services:
        return await open_services(cfg, clock=clock)

    emu = BotApiEmulator(token=TOKEN)
    await emu.start()
    try:
        from bot.app import build_application, running

        config = make_config(sqlite_db_url, emu.url, telegram={"request_timeout_s": TIMEOUT_S})
        app = build_application(config, services, health=False)
        async with running(app, poll_timeout=1):
            bot = LiveBot(emu, app, config)
            delivery = bot.data.services.engagement.delivery
            for n, fault in enumerate(FAULTS):
                resident = 63_000 + n
                emu.add_user(resident)
                text = f"Reminder {n}: street briefing at 7pm"
                await delivery.schedule(resident, "note", clock(), text=text)
                inject(emu, "sendMessage", fault, chat=resident)
                for _ in range(6):  # passes as the job makes them, the clock moving on
                    await run_due_pass(app)
                    clock.advance(minutes=2)
                results[fault] = count(texts_in(emu, resident), text)
                emu.clear_faults()
            health = await delivery.outbox.health()
    finally:
        await emu.stop()
    report("reminders", results)
    for fault in (*TRANSIENT, "400"):
        assert not results[fault].lost, fault
    assert results["403"].lost  # the resident blocked the bot
    assert all(c.unmarked <= 1 for c in results.values()), "no silent duplicate"
    assert results["timeout-after-apply"].marked == 1
    assert health.uncertain == 0


# --------------------------------------------------------------------------- announcements


async def test_announcements_under_every_fault(sqlite_db_url: str) -> None:
    results: dict[str, Count] = {}
    emu = BotApiEmulator(token=TOKEN)
    await emu.start()
    db = Database(sqlite_db_url)
    time = FakeTime()
    policy = FakePolicy()
    config = make_config(sqlite_db_url, emu.url, telegram={"request_timeout_s": TIMEOUT_S})
    telegram = broadcast_bot(config, pool=4)
    await telegram.initialize()
    try:
        service = AnnouncementService(
            db, policy, AnnouncementsConfig(), ("Pinner",), clock=time.wall
        )
        settings = OutboxSettings(rate=25, backoff=2, lease=15)
        for n, fault in enumerate(FAULTS):
            resident = 64_000 + n
            emu.add_user(resident)
            policy.wards = {resident: {"Pinner"}}
            text = f"<b>Announcement {n}</b>: road closed on Bridge Street"
            draft = store.Draft(
                7001, text, None, Audience(AudienceKind.WARDS, ("Pinner",)), time.wall()
            )
            record = await service.confirm(draft)
            inject(emu, "sendMessage", fault)
            worker = OutboxWorker(
                db, policy, TelegramMessenger(telegram), settings, timer=time.timer,
                wall=time.wall,
            )  # fmt: skip
            await worker.start()
            await worker.drain(max_wait=120)
            await worker.stop()
            results[fault] = count(texts_in(emu, resident), f"Announcement {n}")
            emu.clear_faults()
            progress = await service.progress(record.id)
            assert progress.remaining == 0, fault
            time.t += timedelta(minutes=1).total_seconds()
    finally:
        await telegram.shutdown()
        await db.close()
        await emu.stop()
    report("announcements", results)
    for fault in TRANSIENT:
        assert not results[fault].lost, fault
    assert results["403"].lost and results["400"].lost  # blocked; refused, told to the officer
    assert all(c.unmarked <= 1 for c in results.values()), "no silent duplicate"
    assert results["timeout-after-apply"].marked == 1
