"""The web chat beside the Telegram bot (``localbeat run`` with ``web.enabled``): feedback sent
from the page reaches the team chat at once, anonymously; an officer's reply and status changes
made in Telegram reach the page, and the page's answer goes back under the post."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest

from tests.live import OFFICER, LiveBot
from tests.test_e2e_feedback import TEAM, _text, feedback_bot, team_post
from tests.web_live import LiveWeb, action_of


@pytest.fixture
async def both(sqlite_db_url: str) -> AsyncIterator[tuple[LiveBot, LiveWeb]]:
    # The outbox timer is an hour: only the web chat's "post it now" can deliver in time.
    overrides: dict[str, Any] = {"web": {"enabled": True}, "feedback": {"outbox_poll_s": 3600}}
    async with feedback_bot(sqlite_db_url, **overrides) as bot, aiohttp.ClientSession() as http:
        health = bot.data.health
        assert health is not None and health.port
        yield bot, LiveWeb(f"http://127.0.0.1:{health.port}", bot.data.services, None, http)


async def _feedback(web: LiveWeb, session: str) -> str:
    intro = await web.say(session, "/feedback")
    ward = await web.press(session, action_of(intro, "Safety of women and girls"))
    await web.press(session, action_of(ward, "Wealdstone South"))
    ask = await web.say(session, "The underpass by the station needs better lighting at night.")
    summary = await web.press(session, action_of(ask, "Yes, the team may reply"))
    receipt = await web.press(session, action_of(summary, "Send to the team"))
    return str(receipt[0]["text"].split("Your reference: ")[1].split()[0])


async def test_web_feedback_and_the_teams_answers_travel_both_ways(
    both: tuple[LiveBot, LiveWeb],
) -> None:
    bot, web = both
    async with web.http.get(web.url + "/healthz") as response:  # one port for both
        assert response.status == 200
    session = await web.session()
    reference = await _feedback(web, session)
    post = await team_post(bot, reference)
    assert "underpass by the station" in post["text"] and "Wealdstone South" in post["text"]

    bot.emu.send_text(OFFICER, "We have asked the council to fix it.", chat_id=TEAM, reply_to=post)
    await bot.emu.wait_until(
        lambda: any("Sent to the resident" in _text(m) for m in bot.emu.chat(TEAM))
    )
    query = bot.emu.press_button(OFFICER, post, text="Acknowledge")
    await bot.emu.wait_for_answer(query)
    status, body = await web.post("/api/chat/updates", {"session": session, "after": 0})
    assert status == 200
    texts = [r["text"] for r in body["replies"]]
    assert texts[0] == (
        f"Reply from the Harrow team about {reference}:\n\nWe have asked the council to fix it."
    )
    assert texts[1] == f"Update on {reference}: the Harrow team has read your feedback."

    answer = action_of(body["replies"][:1], "Answer the team")
    prompt = await web.press(session, answer)
    assert "Type your answer" in prompt[0]["text"]
    sent = await web.say(session, "Thank you, it is worst after 9pm.")
    assert sent[0]["text"] == f"Sent to the team with your reference {reference}."

    def relayed() -> dict[str, Any] | None:
        return next((m for m in bot.emu.chat(TEAM) if "Resident’s answer" in _text(m)), None)

    await bot.emu.wait_until(lambda: relayed() is not None)
    found = relayed()
    assert found is not None and "worst after 9pm" in found["text"]
    assert found["reply_to_message"]["message_id"] == post["message_id"]
