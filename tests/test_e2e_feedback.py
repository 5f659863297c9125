"""Feedback end to end: a resident files a priority, the team sees it without who sent it, the two
talk through the bot, statuses notify, and delivery to the team chat survives failures and
restarts without posting twice."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import aiohttp
import pytest
from sqlalchemy import func, select

from bot.app import build_application, running
from bot.config import Config
from bot.feedback.models import FeedbackItem, FeedbackOutbox
from bot.services import Services, open_services
from bot.storage.models import AuditEntry
from tests.emulator import BotApiEmulator
from tests.live import COMMS, OFFICER, RESIDENT, TOKEN, LiveBot, buttons, make_config

TEAM = -100_777
REF = r"HW-\d{4}-\d{5}"
NAME, USERNAME = "Priya", "priya_h"


class FastClock:
    """Wall-clock time running ``speed`` times faster, so backoff passes in milliseconds."""

    def __init__(self, speed: float = 1000.0) -> None:
        self.start = datetime.now(UTC)
        self.began = time.monotonic()
        self.speed = speed

    def __call__(self) -> datetime:
        elapsed = (time.monotonic() - self.began) * self.speed
        return self.start + timedelta(seconds=elapsed)


@dataclass
class Team:
    bot: LiveBot

    def posts(self) -> list[dict[str, Any]]:
        return [m for m in self.bot.emu.chat(TEAM) if "Feedback HW-" in (m.get("text") or "")]


@asynccontextmanager
async def feedback_bot(
    db_url: str,
    emu: BotApiEmulator | None = None,
    clock: Callable[[], datetime] | None = None,
    forum: bool = False,
    **overrides: Any,
) -> AsyncIterator[LiveBot]:
    own = emu is None
    emu = emu or BotApiEmulator(token=TOKEN)
    if own:
        await emu.start()
    emu.create_group(TEAM, "Harrow team", is_forum=forum)
    emu.add_user(RESIDENT, first_name=NAME, username=USERNAME)
    settings: dict[str, Any] = {
        "telegram": {"team_chat_id": TEAM},
        "feedback": {"outbox_poll_s": 0.05, "backoff_base_s": 5},
    }
    for key, value in overrides.items():
        settings[key] = {**settings.get(key, {}), **value}
    config = make_config(db_url, emu.url, **settings)

    async def services(cfg: Config) -> Services:
        opened = await open_services(cfg)
        opened.feedback.clock = clock or opened.feedback.clock
        return opened

    try:
        app = build_application(config, services_factory=services)
        async with running(app, poll_timeout=1):
            yield LiveBot(emu, app, config)
    finally:
        if own:
            await emu.stop()


@pytest.fixture
async def bot(sqlite_db_url: str) -> AsyncIterator[LiveBot]:
    async with feedback_bot(sqlite_db_url) as live:
        yield live


async def press(bot: LiveBot, user: int, message: dict[str, Any], label: str) -> dict[str, Any]:
    """Tap a button by its label and return the bot's next message to that user."""
    bot.emu.press_button(user, message, text=label)
    return await bot.emu.next_bot_message(user)


async def file_feedback(
    bot: LiveBot, text: str = "We need more police on Station Road at night.", replies: str = "yes"
) -> tuple[str, dict[str, Any]]:
    intro = await bot.ask(RESIDENT, "/feedback")
    ward_q = await press(bot, RESIDENT, intro, "Police on the high street and at night")
    ask_text = await press(bot, RESIDENT, ward_q, "Wealdstone South")
    assert "own words" in ask_text["text"]
    ask_reply = await bot.ask(RESIDENT, text)
    label = "Yes, the team may reply" if replies == "yes" else "No replies, please"
    summary = await press(bot, RESIDENT, ask_reply, label)
    assert "Send this to the team?" in summary["text"]
    bot.emu.press_button(RESIDENT, summary, text="Send to the team")
    await bot.emu.wait_until(
        lambda: "Your reference" in _text(bot.emu.message(RESIDENT, summary["message_id"]))
    )
    receipt = bot.emu.message(RESIDENT, summary["message_id"])
    assert receipt is not None
    reference = next(w for w in receipt["text"].split() if w.startswith("HW-"))
    return reference, receipt


async def delivered(bot: LiveBot, timeout: float = 5.0) -> None:
    """Wait until the outbox has nothing left to send (the emulator may show a message a moment
    before the bot has recorded it as sent)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while loop.time() < deadline:
        health = await bot.data.services.feedback.outbox.health()
        if health.pending == 0:
            return
        await asyncio.sleep(0.02)
    raise AssertionError("the feedback outbox did not empty")


async def failed_once(bot: LiveBot, timeout: float = 5.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while loop.time() < deadline:
        if (await bot.data.services.feedback.outbox.health()).last_error:
            return
        await asyncio.sleep(0.02)
    raise AssertionError("no delivery failure was recorded")


def _text(message: dict[str, Any] | None) -> str:
    return "" if message is None else str(message.get("text") or message.get("caption") or "")


async def team_post(bot: LiveBot, reference: str) -> dict[str, Any]:
    await bot.emu.wait_until(lambda: any(reference in _text(m) for m in Team(bot).posts()))
    await delivered(bot)  # Telegram shows the post a moment before the bot records it
    return next(m for m in Team(bot).posts() if reference in _text(m))


# ----------------------------------------------------------------------------- the flow


async def test_resident_files_feedback_and_team_sees_it_without_personal_details(
    bot: LiveBot,
) -> None:
    intro = await bot.ask(RESIDENT, "/feedback")
    assert "not for reporting crime" in intro["text"]
    assert "999" in intro["text"] and "101" in intro["text"] and "Crimestoppers" in intro["text"]
    labels = [label for label, _ in buttons(intro)]
    assert labels[:3] == [
        "Police on the high street and at night",
        "Safety of women and girls",
        "Communication with residents",
    ]
    assert {"Anti-social behaviour", "Road safety", "Something else", "Cancel"} <= set(labels)

    reference, receipt = await file_feedback(bot)
    assert reference.startswith(f"HW-{datetime.now(UTC).year}-000")
    assert "Thank you" in receipt["text"] and "reply_markup" not in receipt

    post = await team_post(bot, reference)
    text = post["text"]
    assert "We need more police on Station Road at night." in text
    assert "Wealdstone South" in text and "Police on the high street" in text
    assert "Status: new" in text
    for personal in (NAME, USERNAME, str(RESIDENT)):
        assert personal not in text
        assert personal not in str(post.get("reply_markup"))
    assert [label for label, _ in buttons(post)] == [
        "Acknowledge", "Assign to me", "Close with a note",
    ]  # fmt: skip
    await delivered(bot)
    async with bot.data.services.db.sessions() as session:
        item = await session.scalar(select(FeedbackItem))
    assert item is not None and item.reference == reference and item.may_reply
    assert item.team_message_id == post["message_id"]

    mine = await bot.ask(RESIDENT, "/myfeedback")
    assert reference in mine["text"] and "new" in mine["text"]


async def test_officer_reply_reaches_resident_and_answer_returns_to_thread(bot: LiveBot) -> None:
    reference, _ = await file_feedback(bot)
    post = await team_post(bot, reference)
    bot.emu.skip_bot_messages(RESIDENT)
    bot.emu.send_text(
        OFFICER, "Thanks, we will add patrols on Fridays.", chat_id=TEAM, reply_to=post
    )
    relayed = await bot.emu.next_bot_message(RESIDENT)
    assert relayed["text"].startswith(f"Reply from the Harrow team about {reference}")
    assert "add patrols on Fridays" in relayed["text"]
    await bot.emu.wait_until(
        lambda: any("Sent to the resident" in _text(m) for m in bot.emu.chat(TEAM))
    )

    await delivered(bot)
    bot.emu.send_text(RESIDENT, "Thank you, Fridays after 10pm are worst.", reply_to=relayed)
    ack = await bot.emu.next_bot_message(RESIDENT)
    assert ack["text"] == f"Sent to the team with your reference {reference}."

    def answer() -> dict[str, Any] | None:
        return next((m for m in bot.emu.chat(TEAM) if "Resident’s answer" in _text(m)), None)

    await bot.emu.wait_until(lambda: answer() is not None)
    found = answer()
    assert found is not None and "Fridays after 10pm" in found["text"]
    assert found["reply_to_message"]["message_id"] == post["message_id"]
    assert NAME not in found["text"] and USERNAME not in found["text"]


async def test_status_changes_notify_the_resident(bot: LiveBot) -> None:
    reference, _ = await file_feedback(bot)
    post = await team_post(bot, reference)
    bot.emu.skip_bot_messages(RESIDENT)

    query = bot.emu.press_button(OFFICER, post, text="Acknowledge")
    assert "Acknowledged" in (await bot.emu.wait_for_answer(query)).params["text"]
    notice = await bot.emu.next_bot_message(RESIDENT)
    assert notice["text"].startswith(f"Update on {reference}: the Harrow team has read")

    query = bot.emu.press_button(OFFICER, post, text="Assign to me")
    await bot.emu.wait_for_answer(query)
    notice = await bot.emu.next_bot_message(RESIDENT)
    assert "an officer from the Harrow team is looking into it" in notice["text"]
    await bot.emu.wait_until(
        lambda: "in progress" in _text(bot.emu.message(TEAM, post["message_id"]))
    )

    query = bot.emu.press_button(OFFICER, post, text="Close with a note")
    await bot.emu.wait_for_answer(query)
    prompt = next(m for m in reversed(bot.emu.chat(TEAM)) if "closing note" in _text(m))
    bot.emu.send_text(OFFICER, "Patrols added on Fridays.", chat_id=TEAM, reply_to=prompt)
    notice = await bot.emu.next_bot_message(RESIDENT)
    assert "has closed this item" in notice["text"]
    assert "Their note: Patrols added on Fridays." in notice["text"]
    await bot.emu.wait_until(
        lambda: "Status: closed" in _text(bot.emu.message(TEAM, post["message_id"]))
    )
    closed = bot.emu.message(TEAM, post["message_id"])
    assert closed is not None and "reply_markup" not in closed
    assert "no open feedback" in (await bot.ask(RESIDENT, "/myfeedback"))["text"]
    async with bot.data.services.db.sessions() as session:
        actions = (await session.scalars(select(AuditEntry.action))).all()
    assert {"feedback-ack", "feedback-mine", "feedback-close"} <= set(actions)


async def test_non_officer_press_and_reply_are_refused_and_audited(bot: LiveBot) -> None:
    reference, _ = await file_feedback(bot)
    post = await team_post(bot, reference)
    bot.emu.skip_bot_messages(RESIDENT)
    query = bot.emu.press_button(COMMS, post, text="Acknowledge")
    answer = await bot.emu.wait_for_answer(query)
    assert "only for officers" in answer.params["text"]
    bot.emu.send_text(COMMS, "hello from comms", chat_id=TEAM, reply_to=post)
    await bot.emu.wait_until(
        lambda: any("only for officers" in _text(m) for m in bot.emu.chat(TEAM))
    )
    await bot.emu.expect_no_bot_message(RESIDENT, within=0.3)
    async with bot.data.services.db.sessions() as session:
        refused = (
            await session.execute(
                select(AuditEntry.actor_id, AuditEntry.action).where(
                    AuditEntry.outcome == "refused"
                )
            )
        ).all()
        item = await session.scalar(select(FeedbackItem))
    assert (COMMS, "feedback-ack") in refused and (COMMS, "feedback-reply") in refused
    assert item is not None and item.status == "new"


async def test_emergency_inside_the_flow_gets_999_and_ends_it(bot: LiveBot) -> None:
    intro = await bot.ask(RESIDENT, "/feedback")
    ward_q = await press(bot, RESIDENT, intro, "Safety of women and girls")
    await press(bot, RESIDENT, ward_q, "Harrow Weald")
    reply = await bot.ask(RESIDENT, "someone is breaking into my house right now")
    assert reply["text"].startswith("If you or someone else is in danger right now, call 999")
    await bot.emu.expect_no_bot_message(RESIDENT, within=0.3)
    after = await bot.ask(RESIDENT, "burglary tips")
    assert "Reply" not in after["text"] and "May the team reply" not in after["text"]
    query = bot.emu.press_button(RESIDENT, intro, text="Road safety")
    assert "earlier message" in (await bot.emu.wait_for_answer(query)).params["text"]
    async with bot.data.services.db.sessions() as session:
        assert await session.scalar(select(func.count(FeedbackItem.id))) == 0


async def test_bad_input_is_explained_and_nothing_is_lost(bot: LiveBot) -> None:
    intro = await bot.ask(RESIDENT, "/feedback")
    ward_q = await press(bot, RESIDENT, intro, "Anti-social behaviour")
    typed = await bot.ask(RESIDENT, "Nowhere Town")
    assert "don’t know that ward" in typed["text"]
    bot.emu.send_location(RESIDENT, 51.5960, -0.3340)
    ask_text = await bot.emu.next_bot_message(RESIDENT)
    assert "own words" in ask_text["text"]
    bot.emu.send_sticker(RESIDENT)
    assert "text and one photo only" in (await bot.emu.next_bot_message(RESIDENT))["text"]
    long = await bot.ask(RESIDENT, "Noise every night. " * 270)
    assert "5,130 characters" in long["text"] and "limit is 2,000" in long["text"]
    ask_reply = await press(bot, RESIDENT, long, "Use the first 2,000 characters")
    summary = await press(bot, RESIDENT, ask_reply, "No replies, please")
    assert "a shared location" in summary["text"]
    query = bot.emu.press_button(RESIDENT, ward_q, text="Harrow Weald")  # an old button
    answer = await bot.emu.wait_for_answer(query)
    assert "already made" in answer.params["text"]
    bot.emu.press_button(RESIDENT, summary, text="Send to the team")
    await bot.emu.wait_until(lambda: len(Team(bot).posts()) == 1)
    post = Team(bot).posts()[0]
    assert "shared location" in post["text"] and "Replies: not allowed" in post["text"]
    async with bot.data.services.db.sessions() as session:
        item = await session.scalar(select(FeedbackItem))
    assert (
        item is not None and len(item.text) <= 2000 and item.text.startswith("Noise every night.")
    )
    assert item.latitude == pytest.approx(51.596)

    bot.emu.send_text(OFFICER, "Can we call you?", chat_id=TEAM, reply_to=post)
    await bot.emu.wait_until(
        lambda: any("asked not to be contacted about" in _text(m) for m in bot.emu.chat(TEAM))
    )
    digest = next(m for m in bot.emu.chat(TEAM) if "asked not to be contacted about" in _text(m))
    bot.emu.send_text(OFFICER, "what is this?", chat_id=TEAM, reply_to=digest)
    await bot.emu.wait_until(
        lambda: any(
            _text(m) == "That message is not a feedback item, so nothing was sent to anyone."
            for m in bot.emu.chat(TEAM)
        )
    )


async def test_a_priority_in_free_text_is_offered_to_the_team(bot: LiveBot) -> None:
    offer = await bot.ask(RESIDENT, "We need more police on Station Road at night")
    assert "pass it on as feedback" in offer["text"]
    assert ("Send this to the team", "fb:offer") in buttons(offer)
    question = await bot.ask(RESIDENT, "how do i stop my phone being snatched?")
    assert "pass it on" not in question["text"]
    intro = await press(bot, RESIDENT, offer, "Send this to the team")
    ward_q = await press(bot, RESIDENT, intro, "Police on the high street and at night")
    ask_reply = await press(bot, RESIDENT, ward_q, "Not sure / the whole borough")
    assert "May the team reply" in ask_reply["text"]
    summary = await press(bot, RESIDENT, ask_reply, "Yes, the team may reply")
    assert "“We need more police on Station Road at night”" in summary["text"]


async def test_daily_limit_and_block_by_reference(sqlite_db_url: str) -> None:
    async with feedback_bot(sqlite_db_url, feedback={"daily_limit": 1}) as bot:
        reference, _ = await file_feedback(bot)
        again = await bot.ask(RESIDENT, "/feedback")
        assert "most we accept in a day" in again["text"]

        refused = await bot.ask(RESIDENT, f"/blockfeedback {reference} spam")
        assert "only for officers" in refused["text"]
        done = await bot.ask(OFFICER, f"/blockfeedback {reference} abusive messages")
        assert (
            done["text"]
            == f"The sender of {reference} can no longer send feedback. Reason recorded."
        )
        assert str(RESIDENT) not in done["text"]
        usage = await bot.ask(OFFICER, f"/blockfeedback {reference}")
        assert usage["text"].startswith("Usage:")
    async with feedback_bot(sqlite_db_url) as bot:
        blocked = await bot.ask(RESIDENT, "/feedback")
        assert "can’t send feedback" in blocked["text"]
        async with bot.data.services.db.sessions() as session:
            audit = (await session.execute(select(AuditEntry.action, AuditEntry.outcome))).all()
        assert ("feedback-block", "blocked") in audit and ("feedback-block", "refused") in audit


async def test_priorities_tallies_and_csv_for_officers(bot: LiveBot) -> None:
    reference, _ = await file_feedback(bot)
    refused = await bot.ask(RESIDENT, "/priorities")
    assert "only for officers" in refused["text"]
    tally = await bot.ask(OFFICER, "/priorities")
    assert "Last 7 days: 1 (previous 0, +1)" in tally["text"]
    assert "Police on the high street and at night: 1" in tally["text"]
    assert "Wealdstone South: 1" in tally["text"] and "Source: Local Beat feedback" in tally["text"]
    bot.emu.send_text(OFFICER, "/priorities csv")
    doc = await bot.emu.next_bot_message(OFFICER)
    assert doc["document"]["file_name"].endswith(".csv")
    call = bot.emu.calls_to("sendDocument")[-1]
    data = next(iter(call.files.values())).data.decode()
    assert reference in data and str(RESIDENT) not in data and NAME not in data


async def test_forum_team_chat_gets_a_topic_per_priority_made_once(sqlite_db_url: str) -> None:
    async with feedback_bot(sqlite_db_url, forum=True) as bot:
        first, _ = await file_feedback(bot)
        second, _ = await file_feedback(bot, text="Still no patrols on Station Road.")
        one, two = await team_post(bot, first), await team_post(bot, second)
        assert one["message_thread_id"] == two["message_thread_id"]
        assert len(bot.emu.calls_to("createForumTopic")) == 1


# ------------------------------------------------------------------------------ delivery


async def test_failed_sends_are_retried_and_the_post_arrives_exactly_once(
    sqlite_db_url: str,
) -> None:
    clock = FastClock()
    async with feedback_bot(
        sqlite_db_url,
        clock=clock,
        telegram={"max_retries": 0},  # the outbox, not the rate limiter, handles the 429
        # A second's timeout: a loaded machine still answers in time, so only the injected
        # timeout times out.
        feedback={"send_timeout_s": 1.0},
    ) as bot:
        bot.emu.timeout_delay = 2.0
        intro = await bot.ask(RESIDENT, "/feedback")
        ward_q = await press(bot, RESIDENT, intro, "Road safety")
        await press(bot, RESIDENT, ward_q, "Pinner")
        ask_reply = await bot.ask(RESIDENT, "Cars speed past the school every morning.")
        summary = await press(bot, RESIDENT, ask_reply, "Yes, the team may reply")
        bot.emu.fail_next("sendMessage", "429", retry_after=1)
        bot.emu.fail_next("sendMessage", "500")
        bot.emu.fail_next("sendMessage", "timeout")
        bot.emu.press_button(RESIDENT, summary, text="Send to the team")
        await bot.emu.wait_until(lambda: len(Team(bot).posts()) == 1, timeout=10)
        await bot.emu.settle(quiet=0.3)
        team_sends = [
            c
            for c in bot.emu.calls_to("sendMessage")
            if c.params.get("chat_id") == str(TEAM) or c.params.get("chat_id") == TEAM
        ]
        assert [c.status for c in team_sends] == [429, 500, 0, 200]
        assert len(Team(bot).posts()) == 1
        receipt = bot.emu.message(RESIDENT, summary["message_id"])
        assert "Your reference" in _text(receipt)


async def test_unreachable_team_chat_keeps_items_and_a_restart_delivers_them_once(
    sqlite_db_url: str,
) -> None:
    clock = FastClock(speed=1)
    # A short backoff: the retry after the failure comes due while the bot restarts, so the test
    # does not hang on the default five seconds (which, under load, outlasted the wait below).
    feedback = {"alert_after_s": 0.01, "backoff_base_s": 0.5}
    async with feedback_bot(sqlite_db_url, clock=clock, feedback=feedback) as bot:
        bot.emu.remove_from_chat(TEAM, notify=False)
        reference, receipt = await file_feedback(bot)
        assert "Your reference" in receipt["text"]
        await bot.emu.wait_for_call(
            "sendMessage", lambda c: str(c.params.get("chat_id")) == str(TEAM)
        )
        await failed_once(bot)
        assert bot.data.health is not None
        url = f"http://127.0.0.1:{bot.data.health.port}/healthz"
        async with aiohttp.ClientSession() as http, http.get(url) as resp:
            assert resp.status == 200
            health = await resp.json()
        assert health["feedback_outbox"]["pending"] >= 1
        assert health["feedback_outbox"]["flagged"] is True and health["status"] == "degraded"
        assert "403" in health["feedback_outbox"]["last_error"]
    async with feedback_bot(sqlite_db_url) as bot:  # a fresh Telegram with the bot back in
        post = await team_post(bot, reference)
        await bot.emu.settle(quiet=0.3)
        assert len(Team(bot).posts()) == 1 and post["text"].count(reference) == 1
        async with bot.data.services.db.sessions() as session:
            left = await session.scalar(
                select(func.count(FeedbackOutbox.id)).where(FeedbackOutbox.status != "done")
            )
        assert left == 0
