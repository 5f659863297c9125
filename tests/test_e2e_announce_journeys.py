"""An officer's announcement journeys over the emulator: ward buttons, times in words, states.

Sending runs on the real clock (the outbox worker's), so times here are worked out from now in
London; the clock-change journeys use a test clock and stop at the preview.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bot.announcements.models import Announcement, Delivery
from bot.localtime import LONDON
from bot.staff_dates import in_words
from bot.storage.models import AuditEntry
from tests.events_live import clocked_bot, event_yaml
from tests.fake_clock import FakeClock, london
from tests.live import OFFICER, RESIDENT, LiveBot, buttons, live_bot

NORTH, SOUTH, PINNER = 6001, 6002, 6003


async def _subscribe(live: LiveBot, residents: dict[int, str]) -> None:
    subs = live.data.services.engagement.subscriptions
    for resident, ward in residents.items():
        live.emu.add_user(resident)
        await subs.subscribe(resident, "announcements")
        await subs.toggle_ward(resident, ward)


@pytest.fixture
async def bot(sqlite_db_url: str) -> AsyncIterator[LiveBot]:
    async with live_bot(sqlite_db_url, announcements={"progress_every_seconds": 1}) as live:
        await _subscribe(
            live, {NORTH: "Wealdstone North", SOUTH: "Wealdstone South", PINNER: "Pinner"}
        )
        yield live


def _press(bot: LiveBot, message: dict[str, Any], label: str, user: int = OFFICER) -> Any:
    return bot.emu.press_button(user, message, dict(buttons(message))[label])


async def _edited(bot: LiveBot, message: dict[str, Any], contains: str) -> dict[str, Any]:
    """The message once the bot has edited it to show ``contains``."""
    await bot.emu.wait_until(
        lambda: contains in str(bot.emu.message(OFFICER, message["message_id"])), 10
    )
    return bot.emu.message(OFFICER, message["message_id"]) or {}


async def _to_audience(bot: LiveBot, text: str) -> dict[str, Any]:
    await bot.ask(OFFICER, "/announce")
    choose = await bot.ask(OFFICER, text)
    assert choose["text"] == "Who should receive it?"
    return choose


def _next_london(weekday: int, hour: int) -> datetime:
    """The next such weekday after today, at ``hour`` London time, as UTC."""
    today = datetime.now(UTC).astimezone(LONDON).date()
    day = today + timedelta(days=(weekday - today.weekday()) % 7 or 7)
    return datetime(day.year, day.month, day.day, hour, tzinfo=LONDON).astimezone(UTC)


async def test_officer_taps_wards_across_pages_and_gives_the_time_in_words(bot: LiveBot) -> None:
    choose = await _to_audience(bot, "Road closure on Marsh Road tomorrow")
    _press(bot, choose, "Chosen wards")
    picker = await bot.emu.next_bot_message(OFFICER)
    assert picker["text"].startswith("Which wards? Tap each ward to choose it")
    labels = [label for label, _ in buttons(picker)]
    assert labels == ["Belmont", "Canons", "Centenary", "Edgware", "Greenhill",
                      "Harrow on the Hill", "Harrow Weald", "Hatch End", "More… (2 of 3)",
                      "Cancel"]  # fmt: skip
    _press(bot, picker, "More… (2 of 3)")
    picker = await _edited(bot, picker, "Pinner South")
    _press(bot, picker, "Pinner")
    picker = await _edited(bot, picker, "✓ Pinner")
    assert "Chosen: Pinner." in picker["text"]
    assert ("Done – 1 ward chosen", "ann:wdone") in buttons(picker)
    _press(bot, picker, "More… (3 of 3)")
    picker = await _edited(bot, picker, "West Harrow")
    _press(bot, picker, "Wealdstone North")
    picker = await _edited(bot, picker, "✓ Wealdstone North")
    _press(bot, picker, "Done – 2 wards chosen")
    when = await bot.emu.next_bot_message(OFFICER)
    assert when["text"].startswith("When should it go? Send “now”, or a London day and time")
    assert (await _edited(bot, picker, "Wards:"))["text"] == "Wards: Pinner, Wealdstone North."

    preview = await bot.ask(OFFICER, "tomorrow 9am")
    assert preview["text"] == "Road closure on Marsh Road tomorrow"
    note = await bot.emu.next_bot_message(OFFICER)
    tomorrow = datetime.now(UTC).astimezone(LONDON).date() + timedelta(days=1)
    nine = datetime(tomorrow.year, tomorrow.month, tomorrow.day, 9, tzinfo=LONDON)
    assert "To: subscribers in Pinner, Wealdstone North – 2 residents." in note["text"]
    assert f"Sends: {in_words(nine)}." in note["text"]
    assert [label for label, _ in buttons(note)] == [
        "Confirm and send", "Change the time", "Cancel"
    ]  # fmt: skip
    _press(bot, note, "Change the time")
    assert (await bot.emu.next_bot_message(OFFICER))["text"].startswith("When should it go?")
    await bot.ask(OFFICER, "next tuesday 7pm")
    note = await bot.emu.next_bot_message(OFFICER)
    tuesday = _next_london(1, 19)
    assert f"Sends: {in_words(tuesday)}." in note["text"]
    assert in_words(tuesday).startswith("Tuesday ")

    _press(bot, note, "Confirm and send")
    live = await _edited(bot, note, "scheduled")
    assert live["text"] == (
        f"Announcement #1 to subscribers in Pinner, Wealdstone North: scheduled for "
        f"{in_words(tuesday)}\nNothing has been sent yet; it will go to 2 residents then."
    )
    assert [label for label, _ in buttons(live)] == ["Cancel it"]
    async with bot.data.services.db.sessions() as session:
        row = await session.scalar(select(Announcement))
    assert row is not None and row.send_at.replace(tzinfo=UTC) == tuesday
    listing = await bot.ask(OFFICER, "/announcements")
    assert f"scheduled for {in_words(tuesday)} · 0/2 delivered" in listing["text"]
    await bot.emu.expect_no_bot_message(PINNER, within=1.5)
    assert bot.emu.bot_messages(NORTH) == []
    query = _press(bot, live, "Cancel it")
    assert (await bot.emu.wait_for_answer(query)).params["text"] == (
        "Cancelled: 2 residents will not get it."
    )
    report = await bot.emu.next_bot_message(OFFICER, timeout=10)
    assert report["text"].endswith(": cancelled\nDelivered: 0 of 2\nNot sent, cancelled: 2")
    assert buttons(report) == []  # nothing reached anyone, so nothing to delete


async def test_typed_ward_names_still_work_and_done_needs_a_ward(bot: LiveBot) -> None:
    choose = await _to_audience(bot, "Burglary advice evening")
    _press(bot, choose, "Chosen wards")
    picker = await bot.emu.next_bot_message(OFFICER)
    assert "Done" not in str(buttons(picker))
    query = bot.emu.press_button(OFFICER, picker, "ann:wdone", force=True)
    answer = await bot.emu.wait_for_answer(query)
    assert answer.params["text"] == "Choose at least one ward first."
    when = await bot.ask(OFFICER, "pinner")
    assert when["text"].startswith("When should it go?")
    await bot.ask(OFFICER, "now")
    note = await bot.emu.next_bot_message(OFFICER)
    assert "To: subscribers in Pinner – 1 resident." in note["text"]


async def test_quiet_hours_are_said_as_such_and_the_report_comes_once(bot: LiveBot) -> None:
    now = datetime.now(UTC).astimezone(LONDON)
    await bot.data.services.engagement.subscriptions.set_quiet(
        NORTH, (now - timedelta(hours=1)).time(), (now + timedelta(hours=2)).time()
    )
    choose = await _to_audience(bot, "Wealdstone street briefing moved to Saturday")
    _press(bot, choose, "Chosen wards")
    await bot.emu.next_bot_message(OFFICER)
    await bot.ask(OFFICER, "Wealdstone")
    await bot.ask(OFFICER, "now")
    note = await bot.emu.next_bot_message(OFFICER)
    _press(bot, note, "Confirm and send")
    got = await bot.emu.next_bot_message(SOUTH, timeout=10)
    assert got["text"] == "Wealdstone street briefing moved to Saturday"
    live = await _edited(bot, note, "waiting for quiet hours")
    assert live["text"] == (
        "Announcement #1 to subscribers in Wealdstone North, Wealdstone South: waiting for "
        "quiet hours\nSent 1 · blocked 0 · failed 0 · remaining 1\n"
        "1 of those get it when their quiet hours end."
    )
    assert "sending" not in live["text"]
    assert bot.emu.bot_messages(NORTH) == []
    _press(bot, live, "Cancel sending")
    report = await bot.emu.next_bot_message(OFFICER, timeout=10)
    assert report["text"].startswith(
        "Announcement #1 to subscribers in Wealdstone North, Wealdstone South: cancelled\n"
        "Delivered: 1 of 2"
    )
    ended = await _edited(bot, note, "The report is below.")
    assert ended["text"].endswith(": cancelled. The report is below.")
    await bot.emu.expect_no_bot_message(OFFICER, within=1.5)


async def test_delete_asks_first_and_no_keeps_it(bot: LiveBot) -> None:
    choose = await _to_audience(bot, "Pinner contact point this week")
    _press(bot, choose, "Chosen wards")
    await bot.emu.next_bot_message(OFFICER)
    await bot.ask(OFFICER, "Pinner")
    await bot.ask(OFFICER, "now")
    note = await bot.emu.next_bot_message(OFFICER)
    _press(bot, note, "Confirm and send")
    await bot.emu.next_bot_message(PINNER, timeout=10)
    report = await bot.emu.next_bot_message(OFFICER, timeout=10)
    _press(bot, report, "Delete from residents’ chats")
    sure = await bot.emu.next_bot_message(OFFICER)
    assert sure["text"] == (
        "Delete announcement #1 from 1 resident’s chat? They will no longer see it there. "
        "This cannot be undone."
    )
    assert [label for label, _ in buttons(sure)] == [
        "Yes, delete it from 1 resident’s chat", "No, keep it"
    ]  # fmt: skip
    _press(bot, sure, "No, keep it")
    kept = await _edited(bot, sure, "Kept")
    assert kept["text"] == "Kept: nothing was deleted from residents’ chats."
    await bot.emu.expect_no_bot_message(OFFICER, within=1.0)
    assert len(bot.emu.chat(PINNER)) == 1  # still in the resident's chat
    bot.emu.press_button(OFFICER, report, "ann:delete:1", force=True)  # a button from before
    older = await bot.emu.next_bot_message(OFFICER)
    assert older["text"].startswith("Delete announcement #1 from 1 resident’s chat?")
    assert len(bot.emu.chat(PINNER)) == 1
    listing = await bot.ask(OFFICER, "/announcements")
    _press(bot, listing, "Delete #1 from residents’ chats")
    sure = await bot.emu.next_bot_message(OFFICER)
    assert sure["text"].startswith("Delete announcement #1")
    _press(bot, sure, "Yes, delete it from 1 resident’s chat")
    deleting = await _edited(bot, sure, "Deleting")
    assert deleting["text"] == "Deleting it from 1 resident’s chat."
    await bot.emu.wait_until(lambda: not bot.emu.chat(PINNER), 10)
    # the officer is told only once the deletion is on record
    async with bot.data.services.db.sessions() as session:
        actions = (await session.scalars(select(AuditEntry.action))).all()
    assert actions.count("announcement-delete") == 1


async def test_resident_cannot_use_the_new_buttons(bot: LiveBot) -> None:
    choose = await _to_audience(bot, "Pinner contact point this week")
    _press(bot, choose, "Chosen wards")
    picker = await bot.emu.next_bot_message(OFFICER)
    for data in ("ann:w:13", "ann:wp:1", "ann:wdone", "ann:when", "ann:delask:1",
                 "ann:delete:1"):  # fmt: skip
        query = bot.emu.press_button(RESIDENT, picker, data, force=True)
        answer = await bot.emu.wait_for_answer(query)
        assert answer.params["text"] == "Sorry, that is only for officers of the policing team."
    async with bot.data.services.db.sessions() as session:
        assert (await session.scalars(select(Delivery))).all() == []
        refused = (await session.scalars(select(AuditEntry.outcome).where(
            AuditEntry.actor_id == RESIDENT))).all()  # fmt: skip
    assert refused == ["refused"] * 6


@pytest.mark.parametrize(
    ("clock_at", "tomorrow"),
    [
        (london(2026, 3, 28, 12, 0), "Sunday 29 March 2026"),
        (london(2026, 10, 24, 12, 0), "Sunday 25 October 2026"),
    ],
)
async def test_clock_change_nights_are_explained(
    sqlite_db_url: str, tmp_path: Path, clock_at: datetime, tomorrow: str
) -> None:
    clock = FakeClock(clock_at)
    async with clocked_bot(sqlite_db_url, clock, event_yaml(tmp_path / "e.yaml", [])) as bot:
        await _subscribe(bot, {PINNER: "Pinner"})
        choose = await _to_audience(bot, "Overnight patrols this weekend")
        _press(bot, choose, "Chosen wards")
        await bot.emu.next_bot_message(OFFICER)
        await bot.ask(OFFICER, "Pinner")
        refused = await bot.ask(OFFICER, "tomorrow 01:30")
        if clock_at.month == 3:
            assert refused["text"] == (
                f"01:30 on {tomorrow} does not exist in London: the clocks go forward an hour "
                "that night. Choose another time, such as 02:30.\nNothing has been sent."
            )
            await bot.ask(OFFICER, "tomorrow 09:00")
            expected = f"Sends: {tomorrow} at 09:00 (London time, BST)."
        else:
            assert refused["text"] == (
                f"01:30 on {tomorrow} happens twice in London: the clocks go back an hour that "
                "night. Send “01:30 BST” for the first time or “01:30 GMT” for the second."
                "\nNothing has been sent."
            )
            await bot.ask(OFFICER, "tomorrow 01:30 GMT")
            expected = f"Sends: {tomorrow} at 01:30 (London time, GMT)."
        note = await bot.emu.next_bot_message(OFFICER)
        assert expected in note["text"]
