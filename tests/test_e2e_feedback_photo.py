"""A photo with a resident's feedback, end to end: it reaches the team chat under the post without
who sent it, officers' replies to the post or to the photo reach the resident, and after /forget
the bot holds no reference to the photo and never posts one that was still waiting."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import pytest
from sqlalchemy import select

from bot.feedback.models import FeedbackItem, FeedbackOutbox
from tests.emulator import BotApiEmulator
from tests.live import OFFICER, RESIDENT, TOKEN, LiveBot
from tests.test_e2e_feedback import (
    NAME,
    TEAM,
    USERNAME,
    _text,
    delivered,
    feedback_bot,
    press,
    team_post,
)

PHOTO = b"\xff\xd8\xff\xe0 a streetlight that has been out for weeks"
FORGOTTEN = "Done: everything we held about you has been deleted"


@pytest.fixture
async def bot(sqlite_db_url: str) -> AsyncIterator[LiveBot]:
    async with feedback_bot(sqlite_db_url) as live:
        yield live


async def file_with_photo(bot: LiveBot, caption: str) -> tuple[str, str]:
    """File an item whose message is a captioned photo; returns the reference and the file_id
    of the photo as the resident sent it (its largest size)."""
    intro = await bot.ask(RESIDENT, "/feedback")
    ward_q = await press(bot, RESIDENT, intro, "Police on the high street and at night")
    ask_text = await press(bot, RESIDENT, ward_q, "Wealdstone South")
    assert "You can add one photo" in ask_text["text"]
    sent = bot.emu.send_photo(RESIDENT, PHOTO, caption=caption)
    ask_reply = await bot.emu.next_bot_message(RESIDENT)
    summary = await press(bot, RESIDENT, ask_reply, "Yes, the team may reply")
    assert "Photo: attached" in summary["text"] and f"“{caption}”" in summary["text"]
    bot.emu.press_button(RESIDENT, summary, text="Send to the team")
    await bot.emu.wait_until(
        lambda: "Your reference" in _text(bot.emu.message(RESIDENT, summary["message_id"]))
    )
    receipt = _text(bot.emu.message(RESIDENT, summary["message_id"]))
    reference = next(w for w in receipt.split() if w.startswith("HW-"))
    return reference, str(sent["photo"][-1]["file_id"])


async def forget_me(bot: LiveBot) -> None:
    ask = await bot.ask(RESIDENT, "/forget")
    bot.emu.press_button(RESIDENT, ask, text="Yes, delete my data")
    await bot.emu.wait_until(
        lambda: _text(bot.emu.message(RESIDENT, ask["message_id"])).startswith(FORGOTTEN)
    )


def team_photos(bot: LiveBot) -> list[dict[str, Any]]:
    return [m for m in bot.emu.chat(TEAM) if "photo" in m]


async def test_photo_reaches_the_team_under_the_post_and_replies_reach_the_resident(
    bot: LiveBot,
) -> None:
    reference, file_id = await file_with_photo(bot, "The streetlight by the station is out.")
    post = await team_post(bot, reference)
    await bot.emu.wait_until(lambda: len(team_photos(bot)) == 1)
    await delivered(bot)
    [photo] = team_photos(bot)
    assert photo["photo"][-1]["file_id"] == file_id  # the resident's own photo, not a re-upload
    assert photo["caption"] == f"Photo sent with {reference}"
    assert photo["reply_to_message"]["message_id"] == post["message_id"]
    [call] = bot.emu.calls_to("sendPhoto")
    assert str(call.params["chat_id"]) == str(TEAM)
    assert call.params["photo"] == file_id and not call.files
    assert "The streetlight by the station is out." in post["text"]  # the caption is the message
    for personal in (NAME, USERNAME, str(RESIDENT)):
        assert personal not in photo["caption"] and personal not in str(call.params)
        assert personal not in post["text"]

    bot.emu.skip_bot_messages(RESIDENT)
    bot.emu.send_text(OFFICER, "We have reported it to the council.", chat_id=TEAM, reply_to=post)
    relayed = await bot.emu.next_bot_message(RESIDENT)
    assert relayed["text"] == (
        f"Reply from the Harrow team about {reference}:\n\n"
        "We have reported it to the council.\n\nReply to this message to answer the team."
    )
    bot.emu.send_text(OFFICER, "Is it the one at the bus stop?", chat_id=TEAM, reply_to=photo)
    relayed = await bot.emu.next_bot_message(RESIDENT)
    assert relayed["text"].startswith(f"Reply from the Harrow team about {reference}:\n\n")
    assert "Is it the one at the bus stop?" in relayed["text"]
    await bot.emu.wait_until(
        lambda: (
            [_text(m) for m in bot.emu.chat(TEAM)].count(f"Sent to the resident ({reference}).")
            == 2
        )
    )
    await delivered(bot)

    await forget_me(bot)
    async with bot.data.services.db.sessions() as session:
        item = await session.scalar(select(FeedbackItem))
        payloads = (await session.scalars(select(FeedbackOutbox.payload))).all()
    assert item is not None and item.reference == reference
    assert item.photo_file_id is None and item.resident_id is None and item.text == ""
    assert [p for p in payloads if file_id in p or "council" in p] == []
    mydata = await bot.ask(RESIDENT, "/mydata")
    assert mydata["document"]["file_name"].endswith(".json")
    held = json.loads(next(iter(bot.emu.calls_to("sendDocument")[-1].files.values())).data)
    assert held["feedback"] == {"items": [], "blocked": None}

    # The photo is withdrawn from the team chat; the post stays, without the resident's words.
    await bot.emu.wait_until(lambda: bot.emu.message(TEAM, photo["message_id"]) is None)
    assert "(withdrawn by the resident)" in _text(bot.emu.message(TEAM, post["message_id"]))
    bot.emu.send_text(OFFICER, "Could you send a closer photo?", chat_id=TEAM, reply_to=post)
    await bot.emu.wait_until(
        lambda: any(
            _text(m)
            == f"The resident behind {reference} asked us to delete their data: they can’t be "
            "reached."
            for m in bot.emu.chat(TEAM)
        )
    )
    await bot.emu.expect_no_bot_message(RESIDENT, within=0.3)
    assert len(bot.emu.calls_to("sendPhoto")) == 1


async def test_a_photo_still_waiting_for_the_team_is_never_posted_after_forget(
    sqlite_db_url: str,
) -> None:
    async with BotApiEmulator(token=TOKEN) as emu:
        # No team chat configured yet: the item and its photo wait in the outbox.
        async with feedback_bot(sqlite_db_url, emu=emu, telegram={"team_chat_id": None}) as bot:
            reference, file_id = await file_with_photo(bot, "Graffiti on the bridge again.")
            await forget_me(bot)
        async with feedback_bot(sqlite_db_url, emu=emu) as bot:
            post = await team_post(bot, reference)
            await bot.emu.settle(quiet=0.3)
            assert "(withdrawn by the resident)" in post["text"]
            assert "Graffiti" not in post["text"]
            assert team_photos(bot) == [] and bot.emu.calls_to("sendPhoto") == []
            async with bot.data.services.db.sessions() as session:
                payloads = (await session.scalars(select(FeedbackOutbox.payload))).all()
            assert [p for p in payloads if file_id in p] == []
