"""Feedback as residents actually use it, end to end: an open draft never swallows a question,
photos go before or after the words, "Send this to the team" fills in /feedback even after a
restart, a shared location reaches the team as a ward and a rounded point, residents who chose
no replies are not invited to reply, and a withdrawn post loses its buttons."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date
from typing import Any

import pytest
from sqlalchemy import insert, select

from bot.feedback.models import FeedbackItem
from bot.feedback.wording import DRAFT_OPEN
from bot.stats.models import CRIMES, LSOA_WARDS, SOURCES, WARDS
from tests.emulator import BotApiEmulator
from tests.live import OFFICER, RESIDENT, TOKEN, LiveBot, buttons
from tests.test_e2e_feedback import TEAM, Team, _text, delivered, feedback_bot, press, team_post
from tests.test_e2e_feedback_photo import PHOTO, forget_me, team_photos

INVITE = "Reply to this message to answer the team."


@pytest.fixture
async def bot(sqlite_db_url: str) -> AsyncIterator[LiveBot]:
    async with feedback_bot(sqlite_db_url) as live:
        yield live


def labels(message: dict[str, Any]) -> list[str]:
    return [label for label, _ in buttons(message)]


async def send(bot: LiveBot, summary: dict[str, Any]) -> str:
    """Press "Send to the team" and return the reference of the receipt."""
    bot.emu.press_button(RESIDENT, summary, text="Send to the team")
    await bot.emu.wait_until(
        lambda: "Your reference" in _text(bot.emu.message(RESIDENT, summary["message_id"]))
    )
    receipt = _text(bot.emu.message(RESIDENT, summary["message_id"]))
    return next(w for w in receipt.split() if w.startswith("HW-"))


async def item(bot: LiveBot, reference: str) -> FeedbackItem:
    async with bot.data.services.db.sessions() as session:
        found = await session.scalar(
            select(FeedbackItem).where(FeedbackItem.reference == reference)
        )
    assert found is not None
    return found


# -- a draft never swallows a question ---------------------------------------------------------


async def test_questions_are_answered_beside_an_open_draft(bot: LiveBot) -> None:
    menu = await bot.ask(RESIDENT, "/start")
    intro = await press(bot, RESIDENT, menu, "Give feedback")
    assert "What is it about?" in intro["text"]
    await press(bot, RESIDENT, menu, "Safety tips")  # off to another menu
    answer = await bot.ask(RESIDENT, "how do i stop my phone being snatched")
    assert "Phone snatch" in answer["text"]
    assert answer["text"].endswith(DRAFT_OPEN)
    assert "Please choose one of the buttons" not in answer["text"]
    assert labels(answer)[-1] == "Back to my feedback"

    back = await press(bot, RESIDENT, answer, "Back to my feedback")
    assert "What is it about?" in back["text"]
    ward_q = await press(bot, RESIDENT, back, "Road safety")
    plan = await bot.ask(RESIDENT, "what is the new met for london plan?")  # at the ward step
    assert "know that ward" not in plan["text"] and plan["text"].endswith(DRAFT_OPEN)
    await press(bot, RESIDENT, menu, "Crime in my area")  # away, then straight back by a tap
    ask_text = await press(bot, RESIDENT, ward_q, "Pinner")
    assert "own words" in ask_text["text"]
    words = await bot.ask(RESIDENT, "Cars race down Bridge Street every night.")
    assert "May the team reply" in words["text"]  # taken as the message: the tap came back

    await press(bot, RESIDENT, menu, "Events near me")  # away again, before the last step
    events = await bot.ask(RESIDENT, "any police events this week?")
    assert "May the team reply" not in events["text"] and events["text"].endswith(DRAFT_OPEN)
    ask_reply = await press(bot, RESIDENT, events, "Back to my feedback")
    assert "May the team reply" in ask_reply["text"]
    summary = await press(bot, RESIDENT, ask_reply, "No replies, please")
    reference = await send(bot, summary)
    post = await team_post(bot, reference)
    assert "Cars race down Bridge Street every night." in post["text"]
    for question in ("phone being snatched", "new met for london", "police events"):
        assert question not in post["text"].lower()


async def test_a_command_at_the_message_step_leaves_the_draft_waiting(bot: LiveBot) -> None:
    intro = await bot.ask(RESIDENT, "/feedback")
    ward_q = await press(bot, RESIDENT, intro, "Anti-social behaviour")
    await press(bot, RESIDENT, ward_q, "Roxeth")
    await bot.ask(RESIDENT, "/events")  # another command while the message is awaited
    bike = await bot.ask(RESIDENT, "how do I stop my bike being stolen")
    assert "May the team reply" not in bike["text"] and bike["text"].endswith(DRAFT_OPEN)
    back = await press(bot, RESIDENT, bike, "Back to my feedback")
    assert "own words" in back["text"]
    words = await bot.ask(RESIDENT, "Motorbikes on the footpath by the rec.")
    assert "May the team reply" in words["text"]


# -- photos before or after the words -----------------------------------------------------------


async def test_a_photo_is_taken_before_or_after_the_words(bot: LiveBot) -> None:
    intro = await bot.ask(RESIDENT, "/feedback")
    ward_q = await press(bot, RESIDENT, intro, "Anti-social behaviour")
    bot.emu.send_photo(RESIDENT, PHOTO)  # before the words, at the ward step
    kept = await bot.emu.next_bot_message(RESIDENT)
    assert kept["text"] == "Thanks: the photo will go with your feedback."
    ward_again = await bot.emu.next_bot_message(RESIDENT)
    assert "Which ward" in ward_again["text"]
    await press(bot, RESIDENT, ward_again, "Wealdstone South")
    ask_reply = await bot.ask(RESIDENT, "Bikes on the pavement outside the library.")
    summary = await press(bot, RESIDENT, ask_reply, "Yes, the team may reply")
    assert "Photo: attached" in summary["text"]
    first = await send(bot, summary)
    await team_post(bot, first)
    await bot.emu.wait_until(lambda: len(team_photos(bot)) == 1)

    intro = await bot.ask(RESIDENT, "/feedback")
    ward_q = await press(bot, RESIDENT, intro, "Road safety")
    await press(bot, RESIDENT, ward_q, "Pinner")
    ask_reply = await bot.ask(RESIDENT, "The crossing by the school has no lights.")
    bot.emu.send_photo(RESIDENT, PHOTO, caption="This is the crossing.")  # after the words
    assert (await bot.emu.next_bot_message(RESIDENT))["text"].startswith("Thanks: the photo")
    asked_again = await bot.emu.next_bot_message(RESIDENT)
    assert "May the team reply" in asked_again["text"]
    summary = await press(bot, RESIDENT, asked_again, "Yes, the team may reply")
    assert "Photo: attached" in summary["text"]
    assert "The crossing by the school has no lights.\n\nThis is the crossing." in summary["text"]
    second = await send(bot, summary)
    await team_post(bot, second)
    await bot.emu.wait_until(lambda: len(team_photos(bot)) == 2)
    assert (await item(bot, second)).photo_file_id is not None
    del ask_reply, ward_q


# -- "Send this to the team" fills in /feedback, on any process -----------------------------------


async def test_offered_words_fill_in_feedback_even_after_a_restart(sqlite_db_url: str) -> None:
    emu = BotApiEmulator(token=TOKEN)
    await emu.start()
    try:
        async with feedback_bot(sqlite_db_url, emu=emu) as bot:
            first = await bot.ask(RESIDENT, "We need more police on Station Road at night")
            assert ("Send this to the team", "fb:offer") in buttons(first)
            later = await bot.ask(RESIDENT, "Not enough patrols in Wealdstone after dark")
            assert ("Send this to the team", "fb:offer") in buttons(later)
        async with feedback_bot(sqlite_db_url, emu=emu) as bot:  # a new process
            intro = await press(bot, RESIDENT, first, "Send this to the team")  # the older one
            assert (
                "I’ll send the team what you wrote:\n“We need more police on Station Road at night”"
                in intro["text"]
            )
            ward_q = await press(bot, RESIDENT, intro, "Police on the high street and at night")
            ask_reply = await press(bot, RESIDENT, ward_q, "Not sure / the whole borough")
            assert "May the team reply" in ask_reply["text"]  # no need to type it again
            summary = await press(bot, RESIDENT, ask_reply, "Yes, the team may reply")
            reference = await send(bot, summary)
            post = await team_post(bot, reference)
            assert "We need more police on Station Road at night" in post["text"]
            assert "Wealdstone after dark" not in post["text"]
            # Taken once: pressing it again starts /feedback without words to send.
            again = await press(bot, RESIDENT, first, "Send this to the team")
            assert "I’ll send the team what you wrote" not in again["text"]
    finally:
        await emu.stop()


# -- a shared location reaches the team as a ward and a rounded point -----------------------------


async def _seed_places(bot: LiveBot) -> None:
    """One street record whose LSOA lies in Stanmore (2022 wards), and Canons' centre nearer to
    the shared point: the LSOA lookup decides before the nearest centre."""
    async with bot.data.services.db.sessions.begin() as session:
        source = await session.execute(
            insert(SOURCES).values(key="seed", kind="street-csv", file_name="seed.csv",
                                   content_hash="0" * 64)
        )  # fmt: skip
        source_id = source.inserted_primary_key[0]  # type: ignore[index]
        await session.execute(
            insert(WARDS),
            [{"code": "E05013560", "name": "Stanmore", "borough": "Harrow"},
             {"code": "E05013543", "name": "Canons", "borough": "Harrow",
              "latitude": 51.6124, "longitude": -0.3057}],
        )  # fmt: skip
        await session.execute(
            insert(LSOA_WARDS).values(lsoa_code="E01002200", ward_code="E05013560",
                                      source_id=source_id)
        )  # fmt: skip
        await session.execute(
            insert(CRIMES).values(source_id=source_id, month=date(2026, 3, 1),
                                  category="burglary", latitude=51.6126, longitude=-0.3054,
                                  lsoa_code="E01002200")
        )  # fmt: skip


async def test_a_location_reaches_the_team_as_a_ward_and_a_rounded_point(bot: LiveBot) -> None:
    await _seed_places(bot)
    intro = await bot.ask(RESIDENT, "/feedback")
    await press(bot, RESIDENT, intro, "Anti-social behaviour")
    bot.emu.send_location(RESIDENT, 51.61234, -0.30567)
    ask_text = await bot.emu.next_bot_message(RESIDENT)
    assert "own words" in ask_text["text"]
    ask_reply = await bot.ask(RESIDENT, "Groups gather on the corner every evening.")
    summary = await press(bot, RESIDENT, ask_reply, "No replies, please")
    assert "Where: Stanmore (from a shared location, to about 100 m)" in summary["text"]
    reference = await send(bot, summary)
    post = await team_post(bot, reference)
    assert "Where: Stanmore (shared location near 51.612, -0.306, to about 100 m)" in post["text"]
    everything = " ".join(_text(m) + str(m.get("entities")) for m in bot.emu.chat(TEAM))
    assert "51.61234" not in everything and "-0.30567" not in everything
    stored = await item(bot, reference)
    assert (stored.ward, stored.latitude, stored.longitude) == ("Stanmore", 51.612, -0.306)

    # "No replies": the status notice does not invite a reply; the post says none are allowed.
    assert "Replies: not allowed" in post["text"]
    query = bot.emu.press_button(OFFICER, post, text="Acknowledge")
    assert "has been told" in (await bot.emu.wait_for_answer(query)).params["text"]
    notice = await bot.emu.next_bot_message(RESIDENT)
    assert notice["text"].startswith(f"Update on {reference}: the Harrow team has read")
    assert INVITE not in notice["text"]


async def test_residents_who_allow_replies_are_still_invited(bot: LiveBot) -> None:
    intro = await bot.ask(RESIDENT, "/feedback")
    ward_q = await press(bot, RESIDENT, intro, "Road safety")
    await press(bot, RESIDENT, ward_q, "Pinner")
    ask_reply = await bot.ask(RESIDENT, "Speeding on Marsh Road.")
    summary = await press(bot, RESIDENT, ask_reply, "Yes, the team may reply")
    reference = await send(bot, summary)
    post = await team_post(bot, reference)
    bot.emu.press_button(OFFICER, post, text="Acknowledge")
    bot.emu.skip_bot_messages(RESIDENT)
    await bot.emu.wait_until(
        lambda: any(f"Update on {reference}" in _text(m) for m in bot.emu.chat(RESIDENT))
    )
    notice = next(m for m in bot.emu.chat(RESIDENT) if f"Update on {reference}" in _text(m))
    assert notice["text"].endswith(INVITE)


# -- a withdrawn post loses its buttons, and nobody is said to be told ----------------------------


async def test_a_withdrawn_post_has_no_buttons_and_presses_tell_the_truth(bot: LiveBot) -> None:
    intro = await bot.ask(RESIDENT, "/feedback")
    ward_q = await press(bot, RESIDENT, intro, "Anti-social behaviour")
    await press(bot, RESIDENT, ward_q, "Harrow Weald")
    ask_reply = await bot.ask(RESIDENT, "Fireworks in the park at midnight.")
    summary = await press(bot, RESIDENT, ask_reply, "Yes, the team may reply")
    reference = await send(bot, summary)
    post = await team_post(bot, reference)
    assert labels(post) == ["Acknowledge", "Assign to me", "Close with a note"]
    stored = await item(bot, reference)

    await forget_me(bot)
    await bot.emu.wait_until(
        lambda: "withdrawn by the resident" in _text(bot.emu.message(TEAM, post["message_id"]))
    )
    await delivered(bot)
    withdrawn = bot.emu.message(TEAM, post["message_id"])
    assert withdrawn is not None and buttons(withdrawn) == []

    # A button pressed from a copy of the keyboard still there on someone's screen:
    query = bot.emu.press_button(OFFICER, post, f"fbt:ack.{stored.id}", force=True)
    said = (await bot.emu.wait_for_answer(query)).params["text"]
    assert said == "Acknowledged. The resident withdrew this feedback, so nobody was told."
    await delivered(bot)
    after = bot.emu.message(TEAM, post["message_id"])
    assert after is not None and buttons(after) == [] and "Status: acknowledged" in after["text"]
    query = bot.emu.press_button(OFFICER, post, f"fbt:close.{stored.id}", force=True)
    await bot.emu.wait_for_answer(query)
    prompt = next(m for m in reversed(bot.emu.chat(TEAM)) if "closing note" in _text(m))
    bot.emu.send_text(OFFICER, "Patrols added on bonfire night.", chat_id=TEAM, reply_to=prompt)
    await bot.emu.wait_until(lambda: any(f"Closed {reference}" in _text(m)
                                         for m in bot.emu.chat(TEAM)))  # fmt: skip
    closed = next(m for m in bot.emu.chat(TEAM) if f"Closed {reference}" in _text(m))
    assert closed["text"] == (
        f"Closed {reference}. The resident withdrew this feedback, so nobody was told."
    )
    assert len(Team(bot).posts()) == 1
