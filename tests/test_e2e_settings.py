"""Settings end to end: residents choose wards, topics, quiet hours and pauses, and then get only
what they asked for, when they asked for it; one tap unsubscribes from everything."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, insert, select

from bot.delivery.models import ScheduledMessage
from bot.events.schema import build_event
from bot.events.store import EventView
from bot.stats.models import COUNTS, SOURCES, WARDS
from bot.subscriptions.models import SubscriptionTopic, SubscriptionWard
from tests.events_live import clocked_bot, deliver, event_yaml
from tests.fake_clock import FakeClock, london
from tests.live import OFFICER, RESIDENT, LiveBot, buttons

OTHER = 5002


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2027, 3, 20, 12, 0, tzinfo=UTC))


@pytest.fixture
async def bot(sqlite_db_url: str, clock: FakeClock, tmp_path: Path) -> AsyncIterator[LiveBot]:
    path = event_yaml(tmp_path / "events.yaml", [])
    async with clocked_bot(sqlite_db_url, clock, path) as live:
        yield live


async def tap(bot: LiveBot, user: int, label: str) -> dict[str, Any]:
    """Tap a button on the settings message and return it as redrawn."""
    message = bot.emu.chat(user)[-1]
    before = message.get("text")
    query = bot.emu.press_button(user, message, text=label)
    await bot.emu.wait_for_answer(query)
    await bot.emu.settle()
    now = bot.emu.message(user, message["message_id"])
    assert now is not None
    del before
    return now


async def new_event(bot: LiveBot, ward: str, start: str) -> EventView:
    events = bot.data.services.engagement.events
    raw = {"title": f"Street briefing in {ward}", "type": "street-briefing", "ward": ward,
           "start": start, "address": f"{ward} High Street"}  # fmt: skip
    return await events.create(OFFICER, build_event(raw, events.resolve_ward))


async def subscribe(bot: LiveBot, user: int, topic: str, ward: str | None) -> None:
    reply = await bot.ask(user, "/settings")
    assert reply["text"].startswith("Your settings\n• Topics: nothing yet")
    await tap(bot, user, "Topics")
    await tap(bot, user, topic)
    await tap(bot, user, "Done")
    if ward:
        await tap(bot, user, "Wards (0)")
        await tap(bot, user, ward)
        await tap(bot, user, "Done")


async def test_settings_choices_are_stored_and_shown(bot: LiveBot) -> None:
    await subscribe(bot, RESIDENT, "New events in my wards", "Pinner")
    shown = bot.emu.chat(RESIDENT)[-1]
    assert shown["text"].splitlines()[1:3] == [
        "• Topics: New events in my wards",
        "• Wards: Pinner",
    ]
    async with bot.data.services.db.sessions() as session:
        topics = (await session.scalars(select(SubscriptionTopic.topic))).all()
        wards = (await session.scalars(select(SubscriptionWard.ward))).all()
    assert (topics, wards) == (["events"], ["Pinner"])
    await tap(bot, RESIDENT, "Wards (1)")
    again = await tap(bot, RESIDENT, "✓ Pinner")
    assert ("Pinner", "set:w13") in buttons(again)


async def test_residents_get_only_the_events_they_asked_for(bot: LiveBot) -> None:
    await subscribe(bot, RESIDENT, "New events in my wards", "Pinner")
    await bot.ask(OTHER, "/start")
    await new_event(bot, "Stanmore", "2027-03-25 10:00")
    await new_event(bot, "Pinner", "2027-03-26 10:00")
    await deliver(bot)
    alert = await bot.emu.next_bot_message(RESIDENT)
    assert alert["text"].startswith("New event in Pinner:\n\nStreet briefing in Pinner")
    await bot.emu.expect_no_bot_message(RESIDENT, within=0.1)
    await bot.emu.expect_no_bot_message(OTHER, within=0.1)


async def test_quiet_hours_defer_delivery_until_they_end(bot: LiveBot, clock: FakeClock) -> None:
    await subscribe(bot, RESIDENT, "New events in my wards", None)
    await tap(bot, RESIDENT, "Quiet hours")
    shown = await tap(bot, RESIDENT, "22:00–07:00")
    assert "• Quiet hours: 22:00–07:00 (messages wait until after)" in shown["text"]
    clock.now = london(2027, 3, 20, 23, 30)
    await new_event(bot, "Pinner", "2027-03-26 10:00")
    await deliver(bot)
    await bot.emu.expect_no_bot_message(RESIDENT, within=0.1)
    clock.now = london(2027, 3, 21, 7, 0)
    await deliver(bot)
    alert = await bot.emu.next_bot_message(RESIDENT)
    assert alert["text"].startswith("New event in Pinner")


async def test_pause_for_a_week_then_messages_resume(bot: LiveBot, clock: FakeClock) -> None:
    await subscribe(bot, RESIDENT, "New events in my wards", None)
    shown = await tap(bot, RESIDENT, "Pause for a week")
    assert "• Paused until Sat 27 Mar, 12:00 (messages wait)" in shown["text"]
    assert ("Resume messages", "set:resume") in buttons(shown)
    await new_event(bot, "Pinner", "2027-04-02 10:00")
    await deliver(bot)
    await bot.emu.expect_no_bot_message(RESIDENT, within=0.1)
    clock.now = london(2027, 3, 27, 12, 0)
    await deliver(bot)
    assert (await bot.emu.next_bot_message(RESIDENT))["text"].startswith("New event in Pinner")


async def test_unsubscribe_everything_in_one_tap(bot: LiveBot) -> None:
    await subscribe(bot, RESIDENT, "Announcements from the team", "Pinner")
    await tap(bot, RESIDENT, "Topics")
    await tap(bot, RESIDENT, "New events in my wards")
    await tap(bot, RESIDENT, "Done")
    event = await new_event(bot, "Pinner", "2027-04-02 10:00")
    await bot.data.services.engagement.events.remind(RESIDENT, event.id)
    await tap(bot, RESIDENT, "Unsubscribe from everything")
    done = await tap(bot, RESIDENT, "Yes, unsubscribe")
    assert done["text"].startswith("Done: you are unsubscribed from everything")
    subs = bot.data.services.engagement.subscriptions
    assert await subs.audience(topic="announcements") == []
    async with bot.data.services.db.sessions() as session:
        pending = await session.scalar(
            select(func.count())
            .select_from(ScheduledMessage)
            .where(ScheduledMessage.status == "pending")
        )
    assert pending == 0
    await deliver(bot)
    await bot.emu.expect_no_bot_message(RESIDENT, within=0.1)


async def _crime_month(bot: LiveBot, month: date, pinner: int, borough: int) -> None:
    async with bot.data.services.db.engine.begin() as conn:
        source = await conn.scalar(
            insert(SOURCES).values(
                key=f"test-{month}", kind="lsoa-counts", file_name="counts.csv",
                content_hash=f"{month}", first_month=month, last_month=month, rows_read=2,
                rows_imported=2, rows_skipped=0, imported_at=datetime.now(UTC),
            ).returning(SOURCES.c.id)
        )  # fmt: skip
        if await conn.scalar(select(func.count()).select_from(WARDS)) == 0:
            await conn.execute(
                insert(WARDS).values(code="E05013555", name="Pinner", borough="Harrow")
            )
        for kind, code, name, count in (
            ("ward", "E05013555", "Pinner", pinner),
            ("borough", "Harrow", "Harrow", borough),
        ):
            await conn.execute(
                insert(COUNTS).values(
                    source_id=source,
                    area_type=kind,
                    area_code=code,
                    area_name=name,
                    month=month,
                    scheme="police.uk",
                    category="burglary",
                    count=count,
                )
            )


async def test_monthly_summary_once_per_new_month(bot: LiveBot) -> None:
    await subscribe(bot, RESIDENT, "Monthly crime summary", "Pinner")
    summaries = bot.data.services.engagement.summaries
    assert await summaries.run() == 0  # no figures yet
    await _crime_month(bot, date(2027, 1, 1), pinner=12, borough=300)
    assert await summaries.run() == 1
    await deliver(bot)
    first = await bot.emu.next_bot_message(RESIDENT)
    assert first["text"].startswith("Your monthly crime summary: January 2027")
    assert (
        "All crime in Pinner ward, January 2027: 12 crimes and ASB incidents recorded."
        in (first["text"])
    )
    assert "Source: " in first["text"]
    assert await summaries.run() == 0  # nothing new, nothing sent
    await _crime_month(bot, date(2027, 2, 1), pinner=9, borough=280)
    assert await summaries.run() == 1
    await deliver(bot)
    second = await bot.emu.next_bot_message(RESIDENT)
    assert "Pinner ward, February 2027: 9 crimes" in second["text"]
