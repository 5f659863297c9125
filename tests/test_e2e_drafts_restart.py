"""Officers' drafts live in the database: a restart between two steps (or the next step landing
on another process) continues the draft where it was."""

from __future__ import annotations

from tests.live import OFFICER, live_bot


async def test_addevent_continues_after_a_restart(sqlite_db_url: str) -> None:
    async with live_bot(sqlite_db_url) as bot:
        ask = await bot.ask(OFFICER, "/addevent")
        assert ask["text"].startswith("New event. What is it called?")
    async with live_bot(sqlite_db_url) as bot:  # a new process, same database
        kinds = await bot.ask(OFFICER, "Crime prevention stall, Harrow Weald")
        assert kinds["text"] == "What kind of event is it?"
        stopped = await bot.ask(OFFICER, "/cancel")
        assert stopped["text"] == "Stopped: nothing was published."
    async with live_bot(sqlite_db_url) as bot:
        reply = await bot.ask(OFFICER, "Crime prevention stall, Harrow Weald")
        assert reply["text"] != "What kind of event is it?"  # the conversation ended


async def test_an_announcement_draft_continues_after_a_restart(sqlite_db_url: str) -> None:
    async with live_bot(sqlite_db_url) as bot:
        ask = await bot.ask(OFFICER, "/announce")
        assert ask["text"].startswith("Send the announcement as residents should see it")
    async with live_bot(sqlite_db_url) as bot:
        who = await bot.ask(OFFICER, "<b>Road closed</b> on Bridge Street tonight")
        assert who["text"] == "Who should receive it?"
        discarded = await bot.ask(OFFICER, "/cancel")
        assert discarded["text"] == "Announcement discarded; nothing was sent."
