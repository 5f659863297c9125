"""/forget and the team chat, end to end: the copies the team already has lose the resident's
words. The post is re-rendered as withdrawn (reference, priority, ward, date and status stay), the
answers and photo relayed for the resident are deleted, and where Telegram refuses to delete them
they are overwritten once and given up on, not retried."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import select

from bot.feedback.models import FeedbackOutbox
from tests.live import OFFICER, RESIDENT, LiveBot, buttons
from tests.test_e2e_feedback import TEAM, FastClock, _text, delivered, feedback_bot, team_post
from tests.test_e2e_feedback_photo import PHOTO, file_with_photo, forget_me

WORDS = "The streetlight by the station is out."
ANSWER = "It has been dark there since March."
ANSWER_PHOTO = "This is how it looks at night."
WITHDRAWN = "(withdrawn by the resident)"
TEAM_COPIES = (
    "In the team’s chat, your feedback is being changed to read “(withdrawn by the resident)”: "
    "the team keeps only its reference, topic, area, date and status. Answers and photos the "
    "bot passed on for you are being deleted. Where Telegram no longer allows that (usually "
    "after 48 hours), the words are replaced with the same note, but a photo stays visible to "
    "the team."
)
CANNOT_DELETE = "Bad Request: message can't be deleted"


@dataclass
class Shared:
    """What the team chat holds for one item before /forget."""

    reference: str
    post: dict[str, Any]
    photo: dict[str, Any]  # the item's photo under the post
    answer: dict[str, Any]  # the resident's answer in words
    answer_photo: dict[str, Any]  # the resident's answer with a photo
    officer_reply: dict[str, Any]

    @property
    def relayed(self) -> list[dict[str, Any]]:
        return [self.photo, self.answer, self.answer_photo]


@pytest.fixture
async def bot(sqlite_db_url: str) -> AsyncIterator[LiveBot]:
    # Backoff passes in milliseconds, so a retry of a refused deletion would show at once.
    async with feedback_bot(sqlite_db_url, clock=FastClock()) as live:
        yield live


def _in_team(bot: LiveBot, needle: str) -> dict[str, Any] | None:
    return next((m for m in bot.emu.chat(TEAM) if needle in _text(m)), None)


async def _found(bot: LiveBot, needle: str) -> dict[str, Any]:
    await bot.emu.wait_until(lambda: _in_team(bot, needle) is not None)
    found = _in_team(bot, needle)
    assert found is not None
    return found


async def share_with_the_team(bot: LiveBot) -> Shared:
    """An item with a photo, an officer's reply and two answers from the resident under it."""
    reference, _ = await file_with_photo(bot, WORDS)
    post = await team_post(bot, reference)
    photo = await _found(bot, f"Photo sent with {reference}")
    bot.emu.skip_bot_messages(RESIDENT)
    officer_reply = bot.emu.send_text(
        OFFICER, "Thanks, we have told the council.", chat_id=TEAM, reply_to=post
    )
    relayed = await bot.emu.next_bot_message(RESIDENT)
    await delivered(bot)
    bot.emu.send_text(RESIDENT, ANSWER, reply_to=relayed)
    answer = await _found(bot, ANSWER)
    bot.emu.send_photo(RESIDENT, PHOTO, caption=ANSWER_PHOTO, reply_to=relayed)
    answer_photo = await _found(bot, ANSWER_PHOTO)
    await delivered(bot)
    assert "photo" in answer_photo and "photo" in photo and "text" in answer
    for message in (answer, answer_photo):
        assert _text(message).startswith(f"Resident’s answer about {reference}:")
        assert message["reply_to_message"]["message_id"] == post["message_id"]
    return Shared(reference, post, photo, answer, answer_photo, officer_reply)


async def forget_and_read_the_confirmation(bot: LiveBot) -> str:
    bot.emu.skip_bot_messages(RESIDENT)
    await forget_me(bot)
    done = next(m for m in reversed(bot.emu.chat(RESIDENT)) if "Done:" in _text(m))
    return _text(done)


async def assert_post_withdrawn(bot: LiveBot, shared: Shared) -> None:
    post_id = shared.post["message_id"]
    await bot.emu.wait_until(lambda: WITHDRAWN in _text(bot.emu.message(TEAM, post_id)))
    post = bot.emu.message(TEAM, post_id)
    assert post is not None
    lines = _text(post).split("\n")
    assert lines[:3] == [
        f"Feedback {shared.reference}",
        "Priority: Police on the high street and at night",
        "Where: Wealdstone South",
    ]
    assert lines[3].startswith("Received: ") and "Status: new" in lines
    assert "Replies: not possible: the resident withdrew this feedback" in lines
    assert WITHDRAWN in lines and WORDS not in _text(post)
    assert buttons(post) == []  # nothing left for the team to act on or to tell anyone
    [edit] = [
        c
        for c in bot.emu.calls_to("editMessageText")
        if str(c.params.get("message_id")) == str(post_id)
    ]
    assert edit.status == 200 and WITHDRAWN in str(edit.params["text"])


async def _rows(bot: LiveBot, kind: str) -> list[FeedbackOutbox]:
    async with bot.data.services.db.sessions() as session:
        rows = await session.scalars(select(FeedbackOutbox).where(FeedbackOutbox.kind == kind))
        return list(rows)


def _deletes(bot: LiveBot) -> list[tuple[int, int]]:
    return [
        (int(c.params["message_id"]), c.status)
        for c in bot.emu.calls_to("deleteMessage")
        if str(c.params.get("chat_id")) == str(TEAM)
    ]


async def test_forget_withdraws_the_post_and_deletes_what_was_relayed(bot: LiveBot) -> None:
    shared = await share_with_the_team(bot)
    confirmation = await forget_and_read_the_confirmation(bot)
    assert confirmation.startswith("Done: everything we held about you has been deleted (")
    assert confirmation.endswith(").\n\n" + TEAM_COPIES)

    await assert_post_withdrawn(bot, shared)
    ids = [m["message_id"] for m in shared.relayed]
    await bot.emu.wait_until(lambda: len(_deletes(bot)) == 3)
    assert sorted(_deletes(bot)) == sorted((i, 200) for i in ids)
    assert [bot.emu.message(TEAM, i) for i in ids] == [None, None, None]
    for needle in (WORDS, ANSWER, ANSWER_PHOTO):
        assert _in_team(bot, needle) is None
    # The officer's own words are theirs; the bot leaves them.
    assert bot.emu.message(TEAM, shared.officer_reply["message_id"]) is not None
    await delivered(bot)
    assert [r.status for r in await _rows(bot, "delete_relayed")] == ["done"] * 3
    assert (await bot.data.services.feedback.outbox.health()).failed == 0


async def test_a_refused_deletion_overwrites_the_message_once_and_gives_up(bot: LiveBot) -> None:
    shared = await share_with_the_team(bot)
    bot.emu.fail_next("deleteMessage", 400, times=3, description=CANNOT_DELETE)
    await forget_and_read_the_confirmation(bot)

    await assert_post_withdrawn(bot, shared)
    ids = [m["message_id"] for m in shared.relayed]

    def overwritten() -> bool:
        return all(_text(bot.emu.message(TEAM, i)) == WITHDRAWN for i in ids)

    await bot.emu.wait_until(overwritten)
    photo, answer, answer_photo = (bot.emu.message(TEAM, i) for i in ids)
    assert photo is not None and answer is not None and answer_photo is not None
    # Telegram keeps a photo's image; only its caption could be replaced.
    assert photo["caption"] == WITHDRAWN and "photo" in photo
    assert answer["text"] == WITHDRAWN
    assert answer_photo["caption"] == WITHDRAWN and "photo" in answer_photo
    for needle in (WORDS, ANSWER, ANSWER_PHOTO):
        assert _in_team(bot, needle) is None

    await delivered(bot)
    await asyncio.sleep(0.3)  # minutes of backoff on the bot's fast clock: room for retries
    assert sorted(_deletes(bot)) == sorted((i, 400) for i in ids)  # each tried once, no more
    rows = await _rows(bot, "delete_relayed")
    assert [(r.status, r.attempts) for r in rows] == [("failed", 1)] * 3
    for row in rows:
        assert row.last_error == "400 Message can't be deleted; overwritten instead"
    health = await bot.data.services.feedback.outbox.health()
    assert health.pending == 0 and health.failed == 3

    # The overwritten photo still leads to the item, whose resident can no longer be reached.
    bot.emu.send_text(OFFICER, "Is this still a problem?", chat_id=TEAM, reply_to=photo)
    await _found(bot, f"The resident behind {shared.reference} asked us to delete their data")
    await bot.emu.expect_no_bot_message(RESIDENT, within=0.3)


async def test_forgetting_without_feedback_says_nothing_about_the_team_chat(
    bot: LiveBot,
) -> None:
    await bot.ask(RESIDENT, "hello")
    confirmation = await forget_and_read_the_confirmation(bot)
    assert confirmation.startswith("Done: everything we held about you has been deleted (")
    assert confirmation.endswith(" records).")
    await bot.emu.settle(quiet=0.2)
    team_calls = [
        c
        for method in ("deleteMessage", "editMessageText", "editMessageCaption")
        for c in bot.emu.calls_to(method)
        if str(c.params.get("chat_id")) == str(TEAM)
    ]
    assert team_calls == []
