"""Officer announcements end to end: the real application, the emulator, real subscriptions."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from sqlalchemy import select

from bot.announcements.models import Delivery
from bot.storage.models import AuditEntry
from tests.live import OFFICER, RESIDENT, LiveBot, buttons, live_bot

NORTH, SOUTH, PINNER, BLOCKED = 6001, 6002, 6003, 6004
OTHER_OFFICER = 7010


@pytest.fixture
async def bot(sqlite_db_url: str) -> AsyncIterator[LiveBot]:
    async with live_bot(
        sqlite_db_url,
        announcements={"progress_every_seconds": 1},
        roles={"officers": [OFFICER, OTHER_OFFICER]},
    ) as live:
        subs = live.data.services.engagement.subscriptions
        for resident, ward in (
            (NORTH, "Wealdstone North"), (SOUTH, "Wealdstone South"), (PINNER, "Pinner"),
            (BLOCKED, "Wealdstone North"),
        ):  # fmt: skip
            live.emu.add_user(resident)
            await subs.subscribe(resident, "announcements")
            await subs.toggle_ward(resident, ward)
        yield live


def _press(bot: LiveBot, user: int, message: dict[str, Any], label: str) -> dict[str, Any]:
    data = dict(buttons(message))[label]
    return bot.emu.press_button(user, message, data)


async def _compose(bot: LiveBot, text: str, wards: str = "Wealdstone") -> dict[str, Any]:
    """/announce → text → wards → now; returns the note under the preview."""
    await bot.ask(OFFICER, "/announce")
    choose = await bot.ask(OFFICER, text)
    assert choose["text"] == "Who should receive it?"
    _press(bot, OFFICER, choose, "Chosen wards")
    assert "Which wards?" in (await bot.emu.next_bot_message(OFFICER))["text"]
    when = await bot.ask(OFFICER, wards)
    assert "When should it go?" in when["text"]
    preview = await bot.ask(OFFICER, "now")
    assert preview["text"] == "Street briefing tonight at 7pm, Wealdstone Centre"
    assert preview["entities"][0]["type"] == "bold"
    return await bot.emu.next_bot_message(OFFICER)


async def test_officer_composes_previews_confirms_and_gets_a_report(bot: LiveBot) -> None:
    bot.emu.block_user(BLOCKED, notify=False)
    note = await _compose(bot, "<b>Street briefing</b> tonight at 7pm, Wealdstone Centre")
    assert "To: subscribers in Wealdstone North, Wealdstone South – 3 residents." in note["text"]
    assert "Sends: now." in note["text"]
    _press(bot, OFFICER, note, "Confirm and send")
    for resident in (NORTH, SOUTH):
        got = await bot.emu.next_bot_message(resident, timeout=10)
        assert got["text"] == "Street briefing tonight at 7pm, Wealdstone Centre"
    await bot.emu.expect_no_bot_message(PINNER)
    report = await bot.emu.next_bot_message(OFFICER, timeout=10)
    assert report["text"].startswith("Announcement #1 to subscribers in Wealdstone North")
    assert "finished" in report["text"]
    assert "Delivered: 2 of 3" in report["text"]
    assert "Blocked the bot or account deleted: 1 (unsubscribed)" in report["text"]
    edited = bot.emu.message(OFFICER, note["message_id"])
    assert edited is not None and edited["text"] == (
        "Announcement #1 to subscribers in Wealdstone North, Wealdstone South: finished. "
        "The report is below."
    )
    await bot.emu.expect_no_bot_message(OFFICER, within=1.5)  # the report is posted once
    assert sum("Delivered:" in (m.get("text") or "") for m in bot.emu.chat(OFFICER)) == 1
    settings = await bot.data.services.engagement.subscriptions.settings(BLOCKED)
    assert settings.topics == ()
    async with bot.data.services.db.sessions() as session:
        ids = set(await session.scalars(select(Delivery.message_id).where(
            Delivery.status == "sent")))  # fmt: skip
    assert ids == {bot.emu.bot_messages(NORTH)[-1]["message_id"],
                   bot.emu.bot_messages(SOUTH)[-1]["message_id"]}  # fmt: skip
    # delete it from residents' chats, once asked again
    _press(bot, OFFICER, report, "Delete from residents’ chats")
    sure = await bot.emu.next_bot_message(OFFICER)
    assert sure["text"] == (
        "Delete announcement #1 from 2 residents’ chats? They will no longer see it there. "
        "This cannot be undone."
    )
    _press(bot, OFFICER, sure, "Yes, delete it from 2 residents’ chats")
    await bot.emu.wait_until(lambda: not bot.emu.chat(NORTH) and not bot.emu.chat(SOUTH), 10)


async def test_cancel_from_the_progress_message(bot: LiveBot) -> None:
    note = await _compose(bot, "<b>Street briefing</b> tonight at 7pm, Wealdstone Centre")
    runtime = bot.data.announcements
    runtime.stop.set()  # hold this process's sending so the cancel lands first
    await runtime.task
    _press(bot, OFFICER, note, "Confirm and send")
    await bot.emu.wait_until(
        lambda: "Cancel sending" in str(bot.emu.message(OFFICER, note["message_id"])), 5
    )
    progress = bot.emu.message(OFFICER, note["message_id"]) or {}
    query = _press(bot, OFFICER, progress, "Cancel sending")
    answer = await bot.emu.wait_for_answer(query)
    assert answer.params["text"] == "Cancelled: 3 residents will not get it."
    report = await bot.emu.next_bot_message(OFFICER, timeout=10)
    assert "cancelled" in report["text"] and "Not sent, cancelled: 3" in report["text"]
    for resident in (NORTH, SOUTH):
        assert bot.emu.bot_messages(resident) == []


async def test_bad_input_gets_a_clear_message_and_nothing_is_sent(bot: LiveBot) -> None:
    await bot.ask(OFFICER, "/announce")
    reply = await bot.ask(OFFICER, "<b>Street briefing tonight")
    assert reply["text"].startswith("The announcement cannot be sent as written: <b> is never")
    assert reply["text"].endswith("Nothing has been sent.")
    reply = await bot.ask(OFFICER, "x" * 4097)
    assert "4097 characters; a message can hold at most 4096" in reply["text"]
    reply = await bot.ask(OFFICER, "<script>alert(1)</script>")
    assert "<script> is not a formatting Telegram allows" in reply["text"]
    choose = await bot.ask(OFFICER, "Scam calls pretending to be the bank")
    _press(bot, OFFICER, choose, "Chosen wards")
    await bot.emu.next_bot_message(OFFICER)
    reply = await bot.ask(OFFICER, "Narnia")
    assert reply["text"].startswith("“Narnia” is not a ward of the borough.")
    await bot.ask(OFFICER, "Pinner")
    reply = await bot.ask(OFFICER, "2020-01-01 10:00")
    assert reply["text"] == (
        "I read that as Wednesday 1 January 2020 at 10:00 (London time, GMT), which is in the "
        "past. Please give a time from now on.\nNothing has been sent."
    )
    reply = await bot.ask(OFFICER, "/cancel")
    assert reply["text"] == "Announcement discarded; nothing was sent."
    async with bot.data.services.db.sessions() as session:
        assert (await session.scalars(select(Delivery))).all() == []
    assert bot.emu.bot_messages(PINNER) == []


async def test_empty_audience_is_refused(bot: LiveBot) -> None:
    await bot.ask(OFFICER, "/announce")
    choose = await bot.ask(OFFICER, "Harrow Weald surgery moved")
    _press(bot, OFFICER, choose, "Chosen wards")
    await bot.emu.next_bot_message(OFFICER)
    await bot.ask(OFFICER, "Harrow Weald")
    reply = await bot.ask(OFFICER, "now")
    assert reply["text"].startswith("Nobody is subscribed to that audience")
    assert ("Everyone subscribed", "ann:aud:everyone") in buttons(reply)


async def test_resident_is_refused_announce_and_officer_buttons(bot: LiveBot) -> None:
    reply = await bot.ask(RESIDENT, "/announce")
    assert reply["text"] == "Sorry, that is only for officers of the policing team."
    note = await _compose(bot, "<b>Street briefing</b> tonight at 7pm, Wealdstone Centre")
    query = bot.emu.press_button(RESIDENT, note, "ann:go", force=True)
    answer = await bot.emu.wait_for_answer(query)
    assert "only for officers" in answer.params["text"]
    query = bot.emu.press_button(RESIDENT, note, "ann:cancel:1", force=True)
    assert "only for officers" in (await bot.emu.wait_for_answer(query)).params["text"]
    async with bot.data.services.db.sessions() as session:
        rows = (await session.scalars(select(AuditEntry).where(
            AuditEntry.actor_id == RESIDENT))).all()  # fmt: skip
    assert [(r.action, r.outcome) for r in rows] == [
        ("announce", "refused"), ("announce", "refused"), ("announcement-action", "refused"),
    ]  # fmt: skip
    assert bot.emu.bot_messages(NORTH) == []


async def test_borough_wide_needs_a_second_officer(sqlite_db_url: str) -> None:
    async with live_bot(
        sqlite_db_url,
        announcements={"require_second_approval_for_borough_wide": True,
                       "progress_every_seconds": 1},
        roles={"officers": [OFFICER, OTHER_OFFICER]},
    ) as bot:  # fmt: skip
        bot.emu.add_user(NORTH)
        await bot.data.services.engagement.subscriptions.subscribe(NORTH, "announcements")
        await bot.ask(OFFICER, "/announce")
        choose = await bot.ask(OFFICER, "Scam wave: never give your PIN to callers")
        _press(bot, OFFICER, choose, "Everyone subscribed")
        await bot.emu.next_bot_message(OFFICER)
        await bot.ask(OFFICER, "now")
        note = await bot.emu.next_bot_message(OFFICER)
        assert "A second officer must approve it" in note["text"]
        _press(bot, OFFICER, note, "Confirm and send")
        await bot.emu.expect_no_bot_message(NORTH, within=0.5)
        mine = await bot.ask(OFFICER, "/announcements")
        assert ("Approve #1", "ann:approve:1") not in buttons(mine)
        listing = await bot.ask(OTHER_OFFICER, "/announcements")
        assert "waiting for a second officer’s approval" in listing["text"]
        query = _press(bot, OTHER_OFFICER, listing, "Approve #1")
        assert (await bot.emu.wait_for_answer(query)).params["text"].startswith("Approved")
        got = await bot.emu.next_bot_message(NORTH, timeout=10)
        assert got["text"] == "Scam wave: never give your PIN to callers"
