"""Retention end to end, on a fake clock: /privacy states the configured periods, and the daily
job removes exactly what it promises (once per day, whichever of several processes gets there
first), while what residents still use is kept."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select

from bot.app import build_application, running
from bot.config import Config
from bot.delivery.models import ScheduledMessage
from bot.events.schema import build_event
from bot.feedback.models import FeedbackItem
from bot.retention.lease import claim_day
from bot.retention.models import RetentionRun
from bot.services import Services, open_services
from bot.storage.models import Resident, UnansweredQuestion
from handlers.retention import JOB
from tests.emulator import BotApiEmulator
from tests.events_live import deliver, event_yaml
from tests.fake_clock import FakeClock, london
from tests.live import OFFICER, RESIDENT, TOKEN, LiveBot, make_config
from tests.test_e2e_feedback import TEAM, _text, team_post

SUBSCRIBER, IDLE, LATE = RESIDENT + 1, RESIDENT + 2, RESIDENT + 3
PERIODS = {
    "inactive_resident_days": 60,
    "closed_feedback_days": 30,
    "unanswered_question_days": 90,
    "sent_message_days": 30,
}
WORDS = "Fireworks in the park at midnight, every weekend."
UNKNOWN = "zqxv blorp wibble"


@asynccontextmanager
async def bot_on(
    db_url: str, clock: FakeClock, emu: BotApiEmulator, events: Path
) -> AsyncIterator[LiveBot]:
    config = make_config(
        db_url, emu.url, telegram={"team_chat_id": TEAM}, retention=PERIODS,
        feedback={"outbox_poll_s": 0.05}, events={"file": str(events)},
    )  # fmt: skip

    async def factory(cfg: Config) -> Services:
        services = await open_services(cfg, clock=clock)
        services.feedback.clock = clock
        return services

    app = build_application(config, factory, health=False)
    async with running(app, poll_timeout=1):
        await emu.settle()
        yield LiveBot(emu, app, config)


async def run_daily_job(bot: LiveBot) -> None:
    """What the JobQueue does every hour in each process."""
    assert bot.app.job_queue is not None
    [job] = bot.app.job_queue.get_jobs_by_name(JOB)
    await job.run(bot.app)


async def count(bot: LiveBot, column: Any, *where: Any) -> int:
    async with bot.data.services.db.sessions() as session:
        return int(await session.scalar(select(func.count(column)).where(*where)) or 0)


async def file_and_close(bot: LiveBot) -> str:
    intro = await bot.ask(RESIDENT, "/feedback")
    bot.emu.press_button(RESIDENT, intro, text="Anti-social behaviour")
    ward_q = await bot.emu.next_bot_message(RESIDENT)
    bot.emu.press_button(RESIDENT, ward_q, text="Harrow Weald")
    await bot.emu.next_bot_message(RESIDENT)
    ask_reply = await bot.ask(RESIDENT, WORDS)
    bot.emu.press_button(RESIDENT, ask_reply, text="Yes, the team may reply")
    summary = await bot.emu.next_bot_message(RESIDENT)
    bot.emu.press_button(RESIDENT, summary, text="Send to the team")
    await bot.emu.wait_until(
        lambda: "Your reference" in _text(bot.emu.message(RESIDENT, summary["message_id"]))
    )
    receipt = _text(bot.emu.message(RESIDENT, summary["message_id"]))
    reference = next(w for w in receipt.split() if w.startswith("HW-"))
    post = await team_post(bot, reference)
    bot.emu.press_button(OFFICER, post, text="Close with a note")
    await bot.emu.wait_until(lambda: any("closing note" in _text(m) for m in bot.emu.chat(TEAM)))
    prompt = next(m for m in reversed(bot.emu.chat(TEAM)) if "closing note" in _text(m))
    bot.emu.send_text(OFFICER, "Park gates now locked at 10pm.", chat_id=TEAM, reply_to=prompt)
    await bot.emu.wait_until(lambda: any(f"Closed {reference}" in _text(m)
                                         for m in bot.emu.chat(TEAM)))  # fmt: skip
    return reference


async def mydata(bot: LiveBot, user: int) -> dict[str, Any]:
    before = len(bot.emu.calls_to("sendDocument"))
    bot.emu.send_text(user, "/mydata")
    await bot.emu.wait_until(lambda: len(bot.emu.calls_to("sendDocument")) > before)
    call = bot.emu.calls_to("sendDocument")[-1]
    data: dict[str, Any] = json.loads(next(iter(call.files.values())).data)
    return data


async def test_privacy_states_the_periods_and_the_daily_job_keeps_them(
    sqlite_db_url: str, tmp_path: Path
) -> None:
    clock = FakeClock(datetime.now(UTC))
    emu = BotApiEmulator(token=TOKEN)
    await emu.start()
    emu.create_group(TEAM, "Harrow team")
    path = event_yaml(tmp_path / "events.yaml", [])
    try:
        async with bot_on(sqlite_db_url, clock, emu, path) as bot:
            privacy = await bot.ask(RESIDENT, "/privacy")
            for said in (
                "If you have not used the bot for 2 months and are not subscribed to anything, "
                "this record and your settings are deleted.",
                "your words, photo and location are deleted a month after the item is closed",
                "Reminders, notices and summaries we sent you – deleted a month after sending.",
                "for 3 months after they were last asked",
            ):
                assert said in privacy["text"]

            reference = await file_and_close(bot)
            await bot.ask(RESIDENT, UNKNOWN)
            picker = await bot.ask(SUBSCRIBER, "/updates")
            bot.emu.press_button(SUBSCRIBER, picker, text="Pinner")
            await bot.emu.wait_until(lambda: "Done: you’ll get updates" in _text(
                bot.emu.message(SUBSCRIBER, picker["message_id"])))  # fmt: skip
            await bot.ask(IDLE, "/start")
            events = bot.data.services.engagement.events
            start = (clock.now + timedelta(days=3)).astimezone(UTC).strftime("%Y-%m-%d 10:00")
            raw = {"title": "Street briefing", "type": "street-briefing", "ward": "Pinner",
                   "start": start, "address": "Pinner High Street"}  # fmt: skip
            await events.create(OFFICER, build_event(raw, events.resolve_ward))
            await deliver(bot)
            assert (await bot.emu.next_bot_message(SUBSCRIBER))["text"].startswith("New event")

            await run_daily_job(bot)  # today: nothing is old enough yet
            async with bot.data.services.db.sessions() as session:
                everyone = set(await session.scalars(select(Resident.telegram_id)))
            assert {RESIDENT, SUBSCRIBER, IDLE, OFFICER} == everyone
            assert (await mydata(bot, RESIDENT))["feedback"]["items"][0]["text"] == WORDS

            clock.advance(days=61)
            await run_daily_job(bot)
            async with bot.data.services.db.sessions() as session:
                kept = set(await session.scalars(select(Resident.telegram_id)))
                closed = await session.scalar(
                    select(FeedbackItem).where(FeedbackItem.reference == reference)
                )
            assert kept == {SUBSCRIBER}  # still subscribed: kept however quiet
            assert closed is not None and closed.status == "closed"
            assert (closed.resident_id, closed.text, closed.close_note) == (None, "", None)
            assert closed.priority == "asb" and closed.ward == "Harrow Weald"  # tallies stay
            assert await count(bot, ScheduledMessage.id) == 0  # the alert, sent 61 days ago
            assert await count(bot, UnansweredQuestion.id) == 1  # 90 days not yet up

            exported = await mydata(bot, RESIDENT)
            assert exported["feedback"]["items"] == [] and WORDS not in json.dumps(exported)
            assert exported["resident"] is None  # their record went with the retention run

            # Once a day: the bot restarted (or another process) on the same day does nothing more.
            async with bot.data.services.db.sessions.begin() as session:
                stale = clock.now - timedelta(days=100)
                await session.execute(
                    insert(Resident).values(
                        telegram_id=LATE, language="en", created_at=stale, last_seen_at=stale
                    )
                )
        async with bot_on(sqlite_db_url, clock, emu, path) as other:
            await run_daily_job(other)
            assert await count(other, Resident.telegram_id, Resident.telegram_id == LATE) == 1
            clock.advance(days=30)  # the next day (and 91 days after the question)
            await run_daily_job(other)
            assert await count(other, Resident.telegram_id, Resident.telegram_id == LATE) == 0
            assert await count(other, UnansweredQuestion.id) == 0
            runs = await count(other, RetentionRun.day, RetentionRun.finished_at.is_not(None))
            assert runs == 3
    finally:
        await emu.stop()


async def test_two_processes_racing_for_a_day_run_it_once_and_a_dead_claim_is_taken_over(
    sqlite_db_url: str, tmp_path: Path
) -> None:
    clock = FakeClock(london(2027, 3, 20, 10, 0))
    emu = BotApiEmulator(token=TOKEN)
    await emu.start()
    path = event_yaml(tmp_path / "events.yaml", [])
    try:
        async with bot_on(sqlite_db_url, clock, emu, path) as bot:
            retention = bot.data.services.retention
            raced = await asyncio.gather(retention.run_today("1@a#1"), retention.run_today("2@b#2"))
            assert sum(r is not None for r in raced) == 1
            clock.advance(days=1)
            # A process on another host claimed the day and died: after an hour it is taken over.
            db = bot.data.services.db
            assert await claim_day(db, "2027-03-21", "9@elsewhere#9", clock.now)
            assert await retention.run_today("1@a#1") is None  # its claim is still fresh
            clock.advance(hours=2)
            assert await retention.run_today("1@a#1") is not None
            async with db.sessions() as session:
                run = await session.get(RetentionRun, "2027-03-21")
            assert run is not None and run.holder == "1@a#1" and run.finished_at is not None
    finally:
        await emu.stop()
