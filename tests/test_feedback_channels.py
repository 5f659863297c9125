"""Feedback from web chat residents: kept apart from Telegram residents with the same number,
the team's replies kept for the page (never sent to Telegram), readable later by reference and
key, blocks and forgetting per channel."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.config import Config
from bot.feedback import inbox
from bot.feedback.catalogue import Channel, Priority
from bot.feedback.models import FeedbackItem, FeedbackOutbox
from bot.feedback.privacy import SECTION, forget
from bot.feedback.service import Action, BlockOutcome, Draft, FeedbackService, Refusal, Relay
from bot.privacy import PrivacyService
from bot.storage.db import Database
from tests.test_feedback_service import START, Clock

SAME_NUMBER = 42  # a web session id and a Telegram user id that happen to be equal
OFFICER = 7001


def web_draft(resident: int = SAME_NUMBER, **kw: object) -> Draft:
    values: dict[str, object] = {
        "priority": Priority.ASB, "text": "Scooters on the pavement by the library",
        "may_reply": True, "ward": "Greenhill", "channel": Channel.WEB,
    }  # fmt: skip
    values.update(kw)
    return Draft(resident, **values)  # type: ignore[arg-type]


def service_for(db: Database) -> FeedbackService:
    return FeedbackService(db, Config(), Clock(START))


async def _outbox_kinds(db: Database) -> list[str]:
    async with db.sessions() as session:
        return sorted((await session.scalars(select(FeedbackOutbox.kind))).all())


async def test_team_reply_and_notices_wait_in_the_inbox_not_the_telegram_outbox(
    db: Database,
) -> None:
    service = service_for(db)
    key = inbox.new_key()
    item = await service.submit(web_draft(), key_hash=inbox.hash_key(key))
    assert item.channel == "web" and item.reference == "HW-2026-00001"
    assert await service.relay_to_resident(item.id, "Thanks, we will patrol there.", "PHOTO") is (
        Relay.QUEUED
    )
    await service.change_status(item.id, Action.ACKNOWLEDGE, OFFICER, "Sam")
    # the post and its edit go to the team chat; nothing is addressed to a Telegram chat
    assert await _outbox_kinds(db) == ["edit_post", "post"]
    messages = await service.inbox_since(SAME_NUMBER, 0)
    assert [(m.reference, m.purpose) for m in messages] == [
        ("HW-2026-00001", "relay"),
        ("HW-2026-00001", "notice"),
    ]
    assert messages[0].text.startswith("Thanks, we will patrol there.")
    assert "photo, which cannot be shown here" in messages[0].text
    assert "has read your feedback" in messages[1].text
    assert await service.inbox_since(SAME_NUMBER, messages[-1].id) == []
    # a Telegram user with the same number sees none of it
    assert await service.inbox_since(SAME_NUMBER, 0, Channel.TELEGRAM) == []
    assert await service.open_items(SAME_NUMBER) == []
    assert [i.reference for i in await service.open_items(SAME_NUMBER, Channel.WEB)] == [
        "HW-2026-00001"
    ]


async def test_replies_open_later_with_the_reference_and_key_only(db: Database) -> None:
    service = service_for(db)
    key = inbox.new_key()
    assert len(key) == 14 and key.count("-") == 2
    item = await service.submit(web_draft(), key_hash=inbox.hash_key(key))
    await service.relay_to_resident(item.id, "We have added a patrol.", None)
    typed = key.lower().replace("-", " ")  # case, spaces and dashes do not matter
    opened = await service.unlock(item.reference.lower(), typed)
    assert opened is not None
    found, messages = opened
    assert found.id == item.id and [m.text for m in messages] == ["We have added a patrol."]
    assert await service.unlock(item.reference, inbox.new_key()) is None
    assert await service.unlock("HW-2026-00002", key) is None
    assert await service.unlock("not a reference", key) is None
    telegram = await service.submit(web_draft(channel=Channel.TELEGRAM))
    assert await service.unlock(telegram.reference, key) is None  # Telegram items have no key


async def test_limits_blocks_and_answers_are_per_channel(db: Database) -> None:
    service = service_for(db)
    items = [await service.submit(web_draft()) for _ in range(5)]
    assert await service.refusal(SAME_NUMBER, Channel.WEB) is Refusal.DAILY_LIMIT
    assert await service.refusal(SAME_NUMBER) is None  # the Telegram user is not limited
    assert await service.block(items[0].reference, OFFICER, "abuse") is BlockOutcome.BLOCKED
    assert await service.refusal(SAME_NUMBER) is None
    telegram = await service.submit(web_draft(channel=Channel.TELEGRAM))
    assert await service.block(telegram.reference, OFFICER, "abuse") is BlockOutcome.BLOCKED
    assert await service.unblock(items[0].reference, OFFICER) is BlockOutcome.UNBLOCKED
    assert await service.refusal(SAME_NUMBER) is Refusal.BLOCKED  # the Telegram block stays
    # a Telegram user cannot answer under a web resident's item, nor the other way round
    web_item, tg_item = items[1], telegram
    assert await service.relay_to_team(web_item.id, SAME_NUMBER, "x", None) is Relay.UNREACHABLE
    answer = await service.relay_to_team(web_item.id, SAME_NUMBER, "More", None, Channel.WEB)
    assert answer is Relay.QUEUED
    assert await service.relay_to_team(tg_item.id, SAME_NUMBER, "x", None, Channel.WEB) is (
        Relay.UNREACHABLE
    )


async def test_forgetting_one_channel_leaves_the_other(db: Database) -> None:
    service = service_for(db)
    web = await service.submit(web_draft(), key_hash=inbox.hash_key("AAAA-BBBB-CCCC"))
    await service.relay_to_resident(web.id, "Reply", None)
    telegram = await service.submit(web_draft(channel=Channel.TELEGRAM))
    # Telegram's /forget (the privacy service, keyed by Telegram id) leaves the web item alone
    await PrivacyService(db, [SECTION]).forget(SAME_NUMBER)
    async with db.sessions() as session:
        residents = dict(
            (await session.execute(select(FeedbackItem.id, FeedbackItem.resident_id))).all()
        )
    assert residents == {web.id: SAME_NUMBER, telegram.id: None}
    assert len(await service.inbox_since(SAME_NUMBER, 0)) == 1
    async with db.sessions.begin() as session:
        removed = await forget(session, SAME_NUMBER, START, Channel.WEB)
    assert removed >= 3  # the item, its message and its key
    assert await service.unlock(web.reference, "AAAA-BBBB-CCCC") is None
    async with db.sessions() as session:
        left = await session.scalar(
            select(func.count()).select_from(FeedbackItem).where(FeedbackItem.text != "")
        )
    assert left == 0
