"""The conversation shared by the web chat and the terminal: what a resident reads and can press,
driven through the real services on a real database (no Telegram, no HTTP)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.config import Config
from bot.conversation import Conversation, FrontEnd, Said, State, Who
from bot.feedback.catalogue import Channel
from bot.feedback.models import FeedbackItem
from bot.services import Services, open_services

REPO_KB = Path(__file__).resolve().parents[1] / "knowledge"
WEB = FrontEnd(privacy="Web privacy notice.", shares_location=True, forgets=True)
ME = Who(Channel.WEB, 77)


@pytest.fixture
async def services(sqlite_db_url: str) -> AsyncIterator[Services]:
    config = Config.model_validate(
        {"database": {"url": sqlite_db_url}, "knowledge_dir": str(REPO_KB)}
    )
    opened = await open_services(config)
    yield opened
    await opened.close()


@pytest.fixture
def chat(services: Services) -> Conversation:
    return Conversation(services, WEB)


def labels(said: list[Said]) -> list[str]:
    return [b.label for s in said for b in s.reply.buttons]


def action(said: list[Said], label: str) -> str:
    return next(b.action for s in said for b in s.reply.buttons if b.label == label)


async def test_a_question_gets_its_answer_with_source_and_related_buttons(
    chat: Conversation,
) -> None:
    said = await chat.say("how do i stop my fone being nicked", State())
    assert said[0].reply.kind == "answer"
    assert "Source:" in said[0].reply.text and said[0].reply.sources
    related = await chat.press(said[0].reply.buttons[0].action, State())
    assert related[0].reply.kind == "answer" and related[0].reply.text


async def test_the_menu_offers_privacy_instead_of_telegram_settings(chat: Conversation) -> None:
    said = await chat.say("/start", State())
    assert "In an emergency call 999" in said[0].reply.text
    assert labels(said)[-1] == "Privacy" and "Settings" not in labels(said)
    privacy = await chat.press("menu:privacy", State())
    assert privacy[0].reply.text == "Web privacy notice."
    assert labels(privacy) == ["Delete my feedback", "Main menu"]
    stale = await chat.press("menu:settings", State())  # from an answer's topic buttons
    assert "need Telegram" in stale[0].reply.text


@pytest.mark.parametrize("forged", ["kb:no-such-entry", "crime:bogus", "evopen:x", "nope", "a:b c"])
async def test_stale_or_forged_buttons_get_the_menu(chat: Conversation, forged: str) -> None:
    said = await chat.press(forged, State())
    assert said[0].reply.text.startswith("Sorry, that option has expired")
    assert "Crime in my area" in labels(said)


async def test_an_emergency_ends_a_feedback_draft_and_stands_alone(chat: Conversation) -> None:
    state = State()
    intro = await chat.say("/feedback", state, ME)
    ward = await chat.press(action(intro, "Anti-social behaviour"), state, ME)
    await chat.press(action(ward, "Greenhill"), state, ME)
    assert state.draft is not None and state.draft.step == "m"
    said = await chat.say("someone is breaking into my house right now", state, ME)
    assert [s.reply.kind for s in said] == ["emergency"]
    assert said[0].reply.text.startswith("If you or someone else is in danger right now, call 999")
    assert state.draft is None
    # the draft's buttons are now stale
    again = await chat.press(action(ward, "Greenhill"), state, ME)
    assert "earlier message" in again[0].reply.text


async def test_feedback_from_the_web_reaches_the_store_with_a_reference_and_a_key(
    chat: Conversation, services: Services
) -> None:
    state = State()
    offer = await chat.say("we need more police on Station Road at night", state, ME)
    assert offer[0].reply.kind == "feedback"
    intro = await chat.press(action(offer, "Send this to the team"), state, ME)
    ward = await chat.press(action(intro, "Police on the high street and at night"), state, ME)
    ask_reply = await chat.press(action(ward, "Wealdstone South"), state, ME)  # the offer is used
    assert ask_reply[0].reply.text.startswith("May the team reply")
    summary = await chat.press(action(ask_reply, "Yes, the team may reply"), state, ME)
    assert "“we need more police on Station Road at night”" in summary[0].reply.text
    receipt = await chat.press(action(summary, "Send to the team"), state, ME)
    text = receipt[0].reply.text
    assert "Your reference: HW-" in text and "Your key: " in text and state.draft is None
    reference = text.split("Your reference: ")[1].split()[0]
    key = text.split("Your key: ")[1].split()[0]
    async with services.db.sessions() as session:
        item = await session.scalar(select(FeedbackItem))
    assert item is not None and (item.channel, item.resident_id) == ("web", 77)
    assert item.reference == reference and item.ward == "Wealdstone South"
    assert await services.feedback.unlock(reference, key) is not None
    mine = await chat.say("/myfeedback", state, ME)
    assert reference in mine[0].reply.text


async def test_an_overlong_message_is_kept_and_can_be_trimmed(chat: Conversation) -> None:
    state = State()
    intro = await chat.say("/feedback", state, ME)
    ward = await chat.press(action(intro, "Road safety"), state, ME)
    await chat.press(action(ward, "Not sure / the whole borough"), state, ME)
    long = await chat.say("speeding " * 300, state, ME)
    assert "characters long; the limit is 2,000" in long[0].reply.text
    trimmed = await chat.press(action(long, "Use the first 2,000 characters"), state, ME)
    assert trimmed[0].reply.text.startswith("May the team reply")
    assert state.draft is not None and len(state.draft.text) <= 2000


async def test_the_state_survives_a_round_trip_through_json(chat: Conversation) -> None:
    state = State()
    intro = await chat.say("/feedback", state, ME)
    restored = State.loads(state.dumps())
    ward = await chat.press(action(intro, "Road safety"), restored, ME)
    assert "Which ward" in ward[0].reply.text
    assert State.loads("not json") == State() and State.loads('{"draft": 3}') == State()


async def test_the_terminal_cannot_send_feedback_and_says_so(services: Services) -> None:
    terminal = Conversation(services, FrontEnd(privacy="Terminal."))
    said = await terminal.say("/feedback", State())
    assert "cannot send it" in said[0].reply.text


async def test_a_team_reply_can_be_answered_from_the_page(
    chat: Conversation, services: Services
) -> None:
    state = State()
    intro = await chat.say("/feedback", state, ME)
    ward = await chat.press(action(intro, "Something else"), state, ME)
    await chat.press(action(ward, "Pinner"), state, ME)
    ask = await chat.say("The alley lights are out", state, ME)
    summary = await chat.press(action(ask, "Yes, the team may reply"), state, ME)
    await chat.press(action(summary, "Send to the team"), state, ME)
    item = (await services.feedback.open_items(ME.id, ME.channel))[0]
    await services.feedback.relay_to_resident(item.id, "Which alley?", None)
    message = (await services.feedback.inbox_since(ME.id, 0))[0]
    shown = chat.feedback.team_reply(message, may_answer=True)
    assert shown.reply.text.startswith(f"Reply from the Harrow team about {item.reference}")
    prompt = await chat.press(shown.reply.buttons[0].action, state, ME)
    assert "Type your answer" in prompt[0].reply.text
    done = await chat.say("The one behind Bridge Street", state, ME)
    assert done[0].reply.text == f"Sent to the team with your reference {item.reference}."
    other = Who(Channel.WEB, 78)  # another session cannot answer under this item
    refused = await chat.press(shown.reply.buttons[0].action, State(), other)
    assert "expired" in refused[0].reply.text or "earlier" in refused[0].reply.text


async def test_near_me_asks_for_a_location_only_where_one_can_be_shared(
    chat: Conversation, services: Services
) -> None:
    ask = await chat.press("crime:all.here", State())
    assert labels(ask) == ["Share my location"]
    assert ask[0].reply.buttons[0].action == "location:crime:all.here"
    refused = await chat.press("location:crime:all.here", State())  # no location came back
    assert refused[0].reply.text.startswith("No location was shared")
    assert "Near me (share location)" not in labels(refused)
    terminal = Conversation(services, FrontEnd(privacy="Terminal."))
    areas = await terminal.press("crime:burglary", State())
    assert "Near me (share location)" not in labels(areas) and "Pinner" in labels(areas)


async def test_a_draft_on_the_web_answers_questions_beside_it_as_telegram_does(
    chat: Conversation,
) -> None:
    state = State()
    offer = await chat.say("we need more police on Station Road at night", state, ME)
    intro = await chat.press(action(offer, "Send this to the team"), state, ME)
    assert "I’ll send the team what you wrote:\n“we need more police on Station Road at night”" in (
        intro[0].reply.text
    )
    await chat.press("topic:prevention", state, ME)  # another menu: the draft waits
    answer = await chat.say("how do i stop my phone being snatched", state, ME)
    assert "Phone snatch" in answer[0].reply.text
    assert answer[0].reply.text.endswith("Tap “Back to my feedback” to carry on, or send /cancel.")
    back = await chat.press(action(answer, "Back to my feedback"), state, ME)
    assert back[0].reply.text.endswith("What is it about?")
    ward = await chat.press(action(back, "Road safety"), state, ME)
    plan = await chat.say("what is the new met for london plan?", state, ME)
    assert "know that ward" not in plan[0].reply.text and "Back to my feedback" in labels(plan)
    typo = await chat.say("Pinnner", state, ME)  # a short unknown name is a ward, misspelt
    assert "know that ward" in typo[0].reply.text
    ask_reply = await chat.press(action(ward, "Pinner"), state, ME)
    assert ask_reply[0].reply.text.startswith("May the team reply")


async def test_typed_coordinates_are_a_location_not_a_question(chat: Conversation) -> None:
    said = await chat.say("51.5806, -0.3420", State())
    assert said[0].reply.kind == "stats" and "Sorry, I don’t have an answer" not in (
        said[0].reply.text
    )
