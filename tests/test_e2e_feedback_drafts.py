"""A resident's feedback draft lives in the database: it survives a restart of the bot, is part
of /mydata and /forget, and a stored item always reaches its resident as a receipt."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from bot.feedback.models import FeedbackDraft, FeedbackItem
from tests.emulator import BotApiEmulator
from tests.live import RESIDENT, TOKEN
from tests.test_e2e_feedback import Team, _text, feedback_bot, press, team_post


async def test_a_draft_survives_a_restart_and_is_finished_afterwards(sqlite_db_url: str) -> None:
    emu = BotApiEmulator(token=TOKEN)
    await emu.start()
    try:
        async with feedback_bot(sqlite_db_url, emu=emu) as bot:
            intro = await bot.ask(RESIDENT, "/feedback")
            ward_q = await press(bot, RESIDENT, intro, "Road safety")
            ask_text = await press(bot, RESIDENT, ward_q, "Pinner")
            assert "own words" in ask_text["text"]
        async with feedback_bot(sqlite_db_url, emu=emu) as bot:  # a new process, same database
            ask_reply = await bot.ask(RESIDENT, "Cars race down Bridge Street after 11pm.")
            assert "May the team reply" in ask_reply["text"]
            summary = await press(bot, RESIDENT, ask_reply, "No replies, please")
            assert "Road safety" in summary["text"] and "Pinner" in summary["text"]
            bot.emu.press_button(RESIDENT, summary, text="Send to the team")
            await bot.emu.wait_until(
                lambda: "Your reference" in _text(bot.emu.message(RESIDENT, summary["message_id"]))
            )
            reference = next(
                w for w in _text(bot.emu.message(RESIDENT, summary["message_id"])).split()
                if w.startswith("HW-")
            )  # fmt: skip
            post = await team_post(bot, reference)
            assert "Cars race down Bridge Street after 11pm." in post["text"]
            assert len(Team(bot).posts()) == 1
            async with bot.data.services.db.sessions() as session:
                assert await session.scalar(select(func.count(FeedbackDraft.resident_id))) == 0
    finally:
        await emu.stop()


async def test_buttons_of_a_draft_from_before_a_restart_still_work(sqlite_db_url: str) -> None:
    emu = BotApiEmulator(token=TOKEN)
    await emu.start()
    try:
        async with feedback_bot(sqlite_db_url, emu=emu) as bot:
            intro = await bot.ask(RESIDENT, "/feedback")
        async with feedback_bot(sqlite_db_url, emu=emu) as bot:
            ward_q = await press(bot, RESIDENT, intro, "Anti-social behaviour")
            assert "Which ward" in ward_q["text"]
    finally:
        await emu.stop()


async def test_a_draft_is_in_mydata_and_goes_with_forget(sqlite_db_url: str) -> None:
    async with feedback_bot(sqlite_db_url) as bot:
        intro = await bot.ask(RESIDENT, "/feedback")
        ward_q = await press(bot, RESIDENT, intro, "Road safety")
        await press(bot, RESIDENT, ward_q, "Pinner")
        await bot.ask(RESIDENT, "Parking on the zigzags outside the school")
        exported = await bot.data.services.privacy.export(RESIDENT)
        assert "Parking on the zigzags" in str(exported)
        await bot.data.services.privacy.forget(RESIDENT)
        async with bot.data.services.db.sessions() as session:
            assert await session.scalar(select(func.count(FeedbackDraft.resident_id))) == 0
            assert await session.scalar(select(func.count(FeedbackItem.id))) == 0


async def test_a_draft_expires_after_an_hour_and_is_purged(sqlite_db_url: str) -> None:
    async with feedback_bot(sqlite_db_url) as bot:
        intro = await bot.ask(RESIDENT, "/feedback")
        drafts = bot.data.services.feedback.drafts
        real = drafts.clock
        drafts.clock = lambda: real() + timedelta(hours=1, seconds=1)
        assert await drafts.purge() == 1
        query = bot.emu.press_button(RESIDENT, intro, text="Road safety")
        assert "earlier message" in (await bot.emu.wait_for_answer(query)).params["text"]
