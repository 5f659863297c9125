"""Local updates end to end: a resident gets them in two taps from /start (a ward by tapping or by
sharing a location, then default topics they see and change), the first answer mentions it once,
new-event alerts carry "Remind me", and every long menu pages with "More…"."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import insert, select

from bot.events.models import EventReminder
from bot.events.schema import build_event
from bot.kb.schema import Topic
from bot.stats.models import WARDS
from bot.storage.models import Resident
from bot.subscriptions.models import SubscriptionTopic, SubscriptionWard
from bot.subscriptions.onboarding import HINT
from tests.emulator import BotApiEmulator, EmulatorTimeout
from tests.events_live import clocked_bot, deliver, event_yaml
from tests.fake_clock import FakeClock
from tests.live import OFFICER, RESIDENT, TOKEN, LiveBot, buttons, live_bot

PINNER_CENTRE = (51.6031, -0.3894)
HARROW_BOX = [51.55, -0.42, 51.65, -0.26]  # south, west, north, east
EDIT_WAIT_S = 10.0  # how long a tapped message may take to be edited on a busy machine


def labels(message: dict[str, Any]) -> list[str]:
    return [label for label, _ in buttons(message)]


async def tap(bot: LiveBot, user: int, message: dict[str, Any], label: str) -> dict[str, Any]:
    """Tap a button and return the same message as it is afterwards (edited in place).

    The tap is answered before the handler writes to the database and edits the message, so
    a quiet spell is not enough on a busy machine: the edit itself is waited for."""

    def shown() -> tuple[object, object]:
        now = bot.emu.message(user, message["message_id"]) or {}
        return now.get("text"), now.get("reply_markup")

    before = shown()
    query = bot.emu.press_button(user, message, text=label)
    await bot.emu.wait_for_answer(query)
    with contextlib.suppress(EmulatorTimeout):  # a tap that changes nothing is judged below
        await bot.emu.wait_until(lambda: shown() != before, EDIT_WAIT_S)
    await bot.emu.settle()
    now = bot.emu.message(user, message["message_id"])
    assert now is not None
    return now


async def tap_for_new(
    bot: LiveBot, user: int, message: dict[str, Any], label: str
) -> dict[str, Any]:
    """Tap a button and return the next message the bot sends."""
    bot.emu.press_button(user, message, text=label)
    return await bot.emu.next_bot_message(user)


async def subscriptions(bot: LiveBot, user: int) -> tuple[list[str], list[str]]:
    async with bot.data.services.db.sessions() as session:
        topics = await session.scalars(
            select(SubscriptionTopic.topic).where(SubscriptionTopic.resident_id == user)
        )
        wards = await session.scalars(
            select(SubscriptionWard.ward).where(SubscriptionWard.resident_id == user)
        )
        return sorted(topics), sorted(wards)


# -- two taps from /start, and "Remind me" on the alerts that follow -----------------------------


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2027, 3, 20, 12, 0, tzinfo=UTC))


async def test_start_offers_updates_in_two_taps_and_alerts_carry_remind_me(
    sqlite_db_url: str, clock: FakeClock, tmp_path: Path
) -> None:
    path = event_yaml(tmp_path / "events.yaml", [])
    async with clocked_bot(sqlite_db_url, clock, path) as bot:
        menu = await bot.ask(RESIDENT, "/start")
        assert labels(menu)[0] == "🔔 Get local updates"
        picker = await tap_for_new(bot, RESIDENT, menu, "🔔 Get local updates")  # tap one
        assert picker["text"].startswith("Which ward do you want local updates for?")
        assert {"Pinner", "Stanmore", "📍 Share my location", "The whole borough"} <= set(
            labels(picker)
        )
        chosen = await tap(bot, RESIDENT, picker, "Pinner")  # tap two
        assert chosen["text"].startswith(
            "Done: you’ll get updates for Pinner:\n"
            "• Announcements from the team\n"
            "• New events in my wards\n\n"
            "Tap a topic below to turn it on or off."
        )
        assert labels(chosen)[:4] == [
            "✓ Announcements from the team", "✓ New events in my wards",
            "Crime prevention tips", "Monthly crime summary",
        ]  # fmt: skip
        assert await subscriptions(bot, RESIDENT) == (["announcements", "events"], ["Pinner"])

        changed = await tap(bot, RESIDENT, chosen, "Crime prevention tips")  # seen and changed
        assert "• Crime prevention tips" in changed["text"]
        assert "✓ Crime prevention tips" in labels(changed)
        done = await tap(bot, RESIDENT, changed, "Done")
        assert buttons(done) == [] and "Tap a topic" not in done["text"]
        assert await subscriptions(bot, RESIDENT) == (
            ["announcements", "events", "tips"], ["Pinner"],
        )  # fmt: skip

        events = bot.data.services.engagement.events
        raw = {"title": "Street briefing in Pinner", "type": "street-briefing", "ward": "Pinner",
               "start": "2027-03-26 10:00", "address": "Pinner High Street"}  # fmt: skip
        event = await events.create(OFFICER, build_event(raw, events.resolve_ward))
        await deliver(bot)
        alert = await bot.emu.next_bot_message(RESIDENT)
        assert alert["text"].startswith("New event in Pinner:\n\nStreet briefing in Pinner")
        assert labels(alert) == ["Remind me", "Add to calendar", "Directions"]
        confirm = await tap_for_new(bot, RESIDENT, alert, "Remind me")
        assert confirm["text"].startswith("I’ll remind you about “Street briefing in Pinner”")
        async with bot.data.services.db.sessions() as session:
            reminded = await session.scalars(
                select(EventReminder.resident_id).where(EventReminder.event_id == event.id)
            )
            assert list(reminded) == [RESIDENT]


async def test_the_whole_borough_is_one_tap_too_and_settings_show_it(
    sqlite_db_url: str, clock: FakeClock, tmp_path: Path
) -> None:
    path = event_yaml(tmp_path / "events.yaml", [])
    async with clocked_bot(sqlite_db_url, clock, path) as bot:
        picker = await bot.ask(RESIDENT, "/updates")
        chosen = await tap(bot, RESIDENT, picker, "The whole borough")
        assert chosen["text"].startswith("Done: you’ll get updates for the whole of Harrow:")
        assert await subscriptions(bot, RESIDENT) == (["announcements", "events"], [])
        settings = await bot.ask(RESIDENT, "/settings")
        assert settings["text"].splitlines()[1:3] == [
            "• Topics: Announcements from the team, New events in my wards",
            "• Wards: none chosen (you hear about the whole borough)",
        ]


# -- a shared location finds the ward ------------------------------------------------------------


@pytest.fixture
async def boxed(sqlite_db_url: str) -> AsyncIterator[LiveBot]:
    async with live_bot(sqlite_db_url, borough={"bbox": HARROW_BOX}) as live:
        async with live.data.services.db.sessions.begin() as session:
            await session.execute(
                insert(WARDS).values(code="E05013555", name="Pinner", borough="Harrow",
                                     latitude=PINNER_CENTRE[0], longitude=PINNER_CENTRE[1])
            )  # fmt: skip
        yield live


async def test_sharing_a_location_finds_the_ward_and_keeps_no_point(boxed: LiveBot) -> None:
    bot = boxed
    picker = await bot.ask(RESIDENT, "/updates")
    ask = await tap_for_new(bot, RESIDENT, picker, "📍 Share my location")
    assert "find your ward" in ask["text"] and "not kept" in ask["text"]
    keyboard = bot.emu.keyboard(RESIDENT)
    assert keyboard is not None
    assert keyboard["keyboard"][0][0]["request_location"] is True
    bot.emu.send_location(RESIDENT, 51.60123, -0.38765)
    assert (await bot.emu.next_bot_message(RESIDENT))["text"] == "Thanks. Finding your ward…"
    chosen = await bot.emu.next_bot_message(RESIDENT)
    assert chosen["text"].startswith("Done: you’ll get updates for Pinner:")
    assert await subscriptions(bot, RESIDENT) == (["announcements", "events"], ["Pinner"])
    exported = str(await bot.data.services.privacy.export(RESIDENT))
    assert "51.60123" not in exported and "-0.38765" not in exported

    # Somewhere else in London: told so, and offered the wards instead.
    await tap_for_new(bot, RESIDENT, picker, "📍 Share my location")
    bot.emu.send_location(RESIDENT, 51.5074, -0.1278)
    await bot.emu.next_bot_message(RESIDENT)
    outside = await bot.emu.next_bot_message(RESIDENT)
    assert outside["text"].startswith("That location is outside Harrow")
    assert "Pinner" in labels(outside)

    # A location shared for "near me" afterwards is still counted for crime, not for updates.
    bot.emu.send_location(RESIDENT, 51.60, -0.39)
    near = await bot.emu.next_bot_message(RESIDENT)
    assert "Finding your ward" not in near["text"]


async def test_a_location_asked_for_updates_is_answered_after_a_restart(
    sqlite_db_url: str,
) -> None:
    """The location step is kept in the database: the location may land on another process."""
    emu = BotApiEmulator(token=TOKEN)
    await emu.start()
    try:
        async with live_bot(sqlite_db_url, emu=emu, borough={"bbox": HARROW_BOX}) as bot:
            async with bot.data.services.db.sessions.begin() as session:
                await session.execute(
                    insert(WARDS).values(code="E05013555", name="Pinner", borough="Harrow",
                                         latitude=PINNER_CENTRE[0], longitude=PINNER_CENTRE[1])
                )  # fmt: skip
            picker = await bot.ask(RESIDENT, "/updates")
            await tap_for_new(bot, RESIDENT, picker, "📍 Share my location")
        async with live_bot(sqlite_db_url, emu=emu, borough={"bbox": HARROW_BOX}) as bot:
            bot.emu.send_location(RESIDENT, 51.60123, -0.38765)
            finding = await bot.emu.next_bot_message(RESIDENT)
            assert finding["text"] == "Thanks. Finding your ward…"
            chosen = await bot.emu.next_bot_message(RESIDENT)
            assert chosen["text"].startswith("Done: you’ll get updates for Pinner:")
            assert await subscriptions(bot, RESIDENT) == (["announcements", "events"], ["Pinner"])
            # Taken once: the next location shared is counted for crime, not for updates.
            bot.emu.send_location(RESIDENT, 51.60, -0.39)
            near = await bot.emu.next_bot_message(RESIDENT)
            assert "Finding your ward" not in near["text"]
    finally:
        await emu.stop()


# -- the first answer mentions updates once -----------------------------------------------------


async def test_the_first_answer_mentions_updates_once_across_restarts(sqlite_db_url: str) -> None:
    emu = BotApiEmulator(token=TOKEN)
    await emu.start()
    try:
        async with live_bot(sqlite_db_url, emu=emu) as bot:
            first = await bot.ask(RESIDENT, "how do i stop my phone being snatched")
            assert "Phone snatch" in first["text"]
            assert first["text"].endswith(f"\n\n{HINT}")
            second = await bot.ask(RESIDENT, "how do I protect my bike")
            assert HINT not in second["text"]
        async with live_bot(sqlite_db_url, emu=emu) as bot:  # another process, same database
            third = await bot.ask(RESIDENT, "how do i stop my phone being snatched")
            assert HINT not in third["text"]
            async with bot.data.services.db.sessions() as session:
                row = await session.get(Resident, RESIDENT)
                assert row is not None and row.updates_offered_at is not None
            # Someone who chose their updates first is never told about them.
            other = RESIDENT + 1
            picker = await bot.ask(other, "/updates")
            await tap(bot, other, picker, "Pinner")
            answer = await bot.ask(other, "how do i stop my phone being snatched")
            assert HINT not in answer["text"]
            # Not under a 999 reply, nor under "I don't know", for a new resident either.
            newcomer = RESIDENT + 2
            danger = await bot.ask(newcomer, "someone is breaking into my house right now")
            assert HINT not in danger["text"]
            unsure = await bot.ask(newcomer, "zzzz qqqq")
            assert HINT not in unsure["text"]
    finally:
        await emu.stop()


# -- menus that page ----------------------------------------------------------------------------


async def test_safety_tips_reach_every_topic_a_page_at_a_time(sqlite_db_url: str) -> None:
    async with live_bot(sqlite_db_url) as bot:
        titles = sorted(
            e.title for e in bot.data.services.kb.current.entries.values()
            if e.topic == Topic.PREVENTION
        )  # fmt: skip
        assert len(titles) > 12  # more than fit on one screen
        menu = await bot.ask(RESIDENT, "/start")
        page = await tap_for_new(bot, RESIDENT, menu, "Safety tips")
        pages = -(-len(titles) // 10)
        assert page["text"] == f"Choose a topic ({len(titles)}, page 1 of {pages}):"
        seen: list[str] = []
        for number in range(1, pages + 1):
            assert f"page {number} of {pages}" in page["text"]
            shown = [x for x in labels(page) if x not in ("More…", "◀ Back")]
            assert len(shown) <= 10
            seen += shown
            if number < pages:
                assert labels(page)[-1] == "More…"
                page = await tap(bot, RESIDENT, page, "More…")  # the same message, next page
        assert "More…" not in labels(page) and "◀ Back" in labels(page)
        assert sorted(seen) == titles
        last = seen[-1]
        opened = await tap_for_new(bot, RESIDENT, page, last)
        assert opened["text"] and "Choose a topic" not in opened["text"]
        back = await tap(bot, RESIDENT, page, "◀ Back")
        assert f"page {pages - 1} of {pages}" in back["text"]


WARDS_30 = [f"Ward {chr(65 + i // 10)}{i % 10}" for i in range(30)]


async def test_ward_pickers_page_when_a_borough_has_more_wards_than_a_screen(
    sqlite_db_url: str,
) -> None:
    async with live_bot(sqlite_db_url, borough={"wards": WARDS_30}) as bot:
        picker = await bot.ask(RESIDENT, "/updates")
        first = [x for x in labels(picker) if x.startswith("Ward ")]
        assert first == WARDS_30[:24] and "More…" in labels(picker)
        second = await tap(bot, RESIDENT, picker, "More…")
        assert [x for x in labels(second) if x.startswith("Ward ")] == WARDS_30[24:]
        chosen = await tap(bot, RESIDENT, second, WARDS_30[27])
        assert chosen["text"].startswith(f"Done: you’ll get updates for {WARDS_30[27]}:")

        settings = await bot.ask(RESIDENT, "/settings")
        wards = await tap(bot, RESIDENT, settings, "Wards (1)")
        assert "More…" in labels(wards) and f"✓ {WARDS_30[27]}" not in labels(wards)
        wards = await tap(bot, RESIDENT, wards, "More…")
        assert f"✓ {WARDS_30[27]}" in labels(wards)
        wards = await tap(bot, RESIDENT, wards, WARDS_30[29])  # stays on the page it was on
        assert f"✓ {WARDS_30[29]}" in labels(wards) and "◀ Back" in labels(wards)
        assert (await subscriptions(bot, RESIDENT))[1] == sorted([WARDS_30[27], WARDS_30[29]])

        intro = await bot.ask(RESIDENT, "/feedback")
        ward_q = await tap_for_new(bot, RESIDENT, intro, "Road safety")
        assert WARDS_30[25] not in labels(ward_q) and "More…" in labels(ward_q)
        ward_q = await tap(bot, RESIDENT, ward_q, "More…")
        ask_text = await tap_for_new(bot, RESIDENT, ward_q, WARDS_30[25])
        assert "own words" in ask_text["text"]
        await bot.ask(RESIDENT, "/cancel")

        listing = await bot.ask(RESIDENT, "/events")
        which = await tap_for_new(bot, RESIDENT, listing, "Choose ward")
        assert "More…" in labels(which)
        which = await tap(bot, RESIDENT, which, "More…")
        events = await tap_for_new(bot, RESIDENT, which, WARDS_30[26])
        assert f"in {WARDS_30[26]}" in events["text"]
