"""Staff commands end to end: roles are checked, refusals audited, comms see the gaps."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy import select

from bot.storage.models import AuditEntry, UnansweredQuestion
from tests.live import COMMS, RESIDENT, LiveBot, buttons, live_bot


@pytest.fixture
async def bot(sqlite_db_url: str) -> AsyncIterator[LiveBot]:
    async with live_bot(sqlite_db_url) as live:
        yield live


async def test_resident_is_refused_staff_command_and_audited(bot: LiveBot) -> None:
    reply = await bot.ask(RESIDENT, "/gaps")
    assert reply["text"] == "Sorry, that is only for communications staff of the policing team."
    async with bot.data.services.db.sessions() as session:
        rows = (await session.scalars(select(AuditEntry))).all()
    assert [(r.actor_id, r.action, r.outcome) for r in rows] == [(RESIDENT, "gaps", "refused")]


async def test_comms_sees_fallback_questions_and_marks_one_handled(bot: LiveBot) -> None:
    for _ in range(2):
        await bot.ask(RESIDENT, "can you recommend a good pizza place")
    await bot.ask(RESIDENT, "tell me a joke")
    reply = await bot.ask(COMMS, "/gaps")
    assert "“can you recommend a good pizza place” – asked 2×" in reply["text"]
    assert "tell me a joke" in reply["text"]
    first = buttons(reply)[0]
    assert first[0] == "1 handled"
    query = bot.emu.press_button(COMMS, reply, first[1])
    answer = await bot.emu.wait_for_answer(query)
    assert answer.params["text"] == "Marked as handled."
    async with bot.data.services.db.sessions() as session:
        pizza = await session.scalar(
            select(UnansweredQuestion).where(
                UnansweredQuestion.normalised_text == "can you recommend a good pizza place"
            )
        )
    assert pizza is not None and pizza.handled_at is not None
    again = await bot.ask(COMMS, "/gaps")
    assert "pizza" not in again["text"]


async def test_resident_cannot_press_a_comms_button(bot: LiveBot) -> None:
    await bot.ask(RESIDENT, "can you recommend a good pizza place")
    reply = await bot.ask(COMMS, "/gaps")
    query = bot.emu.press_button(RESIDENT, reply, buttons(reply)[0][1], force=True)
    answer = await bot.emu.wait_for_answer(query)
    assert "only for communications staff" in answer.params["text"]
