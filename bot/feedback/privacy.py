"""Feedback in ``/mydata`` and ``/forget``.

Forgetting keeps each item's priority, ward, date and status (the team's tallies stay true) but
erases who sent it, their words, photo and location, a draft still being written, every pending
message to them and every answer or photo of theirs not yet posted to the team; what was sent
keeps its delivery record but not the words or photo it carried. A block an officer placed
stays: it protects the team from abuse and holds no more than the Telegram id.

Telegram residents and web chat residents are told apart by ``channel``: ``/mydata`` and
``/forget`` on Telegram never touch a web session's items, which the web chat forgets itself
(with the team's messages and the keys kept for them in ``bot.feedback.inbox``).

The team chat's copies are withdrawn through the outbox, as far as Telegram lets a bot: each post
already sent is re-rendered as "(withdrawn by the resident)" (the reference, priority, ward, date
and status stay, so the team's references and tallies still add up), and each answer or photo
relayed under it is deleted, or overwritten where Telegram refuses the deletion. A post not yet
sent needs nothing: it is rendered from the forgotten item when it goes.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.feedback import inbox, offers
from bot.feedback.catalogue import Channel
from bot.feedback.models import (
    FeedbackBlock,
    FeedbackDraft,
    FeedbackItem,
    FeedbackMessage,
    FeedbackOutbox,
)
from bot.feedback.outbox import DONE, RESIDENTS_OWN, Kind, withdraw
from bot.privacy import PrivacySection
from bot.storage.models import utcnow


def _iso(value: Any) -> Any:
    return value.isoformat() if value is not None else None


async def export(session: AsyncSession, user_id: int) -> Any:
    rows = await session.scalars(
        select(FeedbackItem).where(_theirs(user_id)).order_by(FeedbackItem.id)
    )
    items = [
        {
            "reference": r.reference, "received_at": _iso(r.created_at), "priority": r.priority,
            "ward": r.ward, "latitude": r.latitude, "longitude": r.longitude, "text": r.text,
            "photo": bool(r.photo_file_id), "team_may_reply": r.may_reply, "status": r.status,
            "closed_at": _iso(r.closed_at),
        }
        for r in rows
    ]  # fmt: skip
    block = await session.get(FeedbackBlock, (Channel.TELEGRAM, user_id))
    blocked = None if block is None else {"since": _iso(block.blocked_at), "reason": block.reason}
    found: dict[str, Any] = {"items": items, "blocked": blocked}
    draft = await session.get(FeedbackDraft, user_id)
    if draft is not None:  # only when there is one, so older exports read the same
        found["draft"] = {
            "started_at": _iso(draft.started_at), "priority": draft.priority, "ward": draft.ward,
            "latitude": draft.latitude, "longitude": draft.longitude,
            "text": draft.text or draft.overlong, "photo": bool(draft.photo_file_id),
        }  # fmt: skip
    offered = await offers.export(session, user_id)
    if offered:  # only when there are some, so older exports read the same
        found["offered_to_send"] = offered
    return found


def _theirs(user_id: int, channel: Channel = Channel.TELEGRAM) -> Any:
    return (FeedbackItem.channel == channel) & (FeedbackItem.resident_id == user_id)


async def forget(
    session: AsyncSession,
    user_id: int,
    now: datetime | None = None,
    channel: Channel = Channel.TELEGRAM,
) -> int:
    """Erase the resident from their items and queue the team chat's copies for withdrawal.

    The order matters on PostgreSQL. Each item's unsent rows are locked before the items change,
    the same order a settling send takes (its row, then the item), so a send already on its way
    either finished first, and its messages are found here, or waits and then finds the item
    forgotten (``Outbox._record``). Rows are deleted after the items change, so an answer queued
    meanwhile under the item's lock (``relay_to_team``) is caught too.
    """
    now = now or utcnow()
    known = select(FeedbackItem.id).where(_theirs(user_id, channel))
    unsent = FeedbackOutbox.item_id.in_(list(await session.scalars(known)))
    await session.execute(
        select(FeedbackOutbox.id).where(unsent, FeedbackOutbox.status != DONE).with_for_update()
    )
    ids = list(
        await session.scalars(
            update(FeedbackItem)
            .where(_theirs(user_id, channel))
            .values(
                resident_id=None, text="", photo_file_id=None, latitude=None, longitude=None,
                may_reply=False, close_note=None,
            )
            .returning(FeedbackItem.id)
        )
    )  # fmt: skip
    mine = FeedbackOutbox.item_id.in_(ids)
    personal = (str(k) for k in (Kind.TO_RESIDENT, Kind.TO_TEAM, Kind.TEAM_PHOTO, Kind.RECEIPT))
    outbox = await session.execute(
        delete(FeedbackOutbox).where(
            mine, FeedbackOutbox.kind.in_(personal), FeedbackOutbox.status != DONE
        )
    )
    sent = await session.execute(
        update(FeedbackOutbox).where(mine, FeedbackOutbox.payload != "{}").values(payload="{}")
    )
    counts: list[int] = [r.rowcount for r in (outbox, sent)]  # type: ignore[attr-defined]
    if channel == Channel.TELEGRAM:  # their Telegram chat's messages and their draft there
        links = await session.execute(
            delete(FeedbackMessage).where(FeedbackMessage.chat_id == user_id)
        )
        drafts = await session.execute(
            delete(FeedbackDraft).where(FeedbackDraft.resident_id == user_id)
        )
        counts += [links.rowcount, drafts.rowcount]  # type: ignore[attr-defined]
        counts.append(await offers.forget(session, user_id))
    counts.append(await inbox.forget_items(session, ids))
    await _withdraw_from_team_chat(session, ids, now)
    return len(ids) + sum(counts)


async def _withdraw_from_team_chat(session: AsyncSession, ids: list[int], now: datetime) -> None:
    posted = set(
        await session.scalars(
            select(FeedbackItem.id).where(
                FeedbackItem.id.in_(ids), FeedbackItem.team_message_id.is_not(None)
            )
        )
    )
    relayed = (
        await session.execute(
            select(
                FeedbackMessage.item_id, FeedbackMessage.chat_id, FeedbackMessage.message_id,
                FeedbackMessage.purpose,
            )
            .where(FeedbackMessage.item_id.in_(ids), FeedbackMessage.purpose.in_(RESIDENTS_OWN))
            .order_by(FeedbackMessage.id)
        )
    ).all()  # fmt: skip
    for item_id in ids:
        links = [(c, m, p) for i, c, m, p in relayed if i == item_id]
        if item_id in posted or links:
            withdraw(session, item_id, now, posted=item_id in posted, links=links)


def section(clock: Callable[[], datetime] = utcnow) -> PrivacySection:
    """The feedback section, queuing its withdrawals on the feedback outbox's clock."""

    async def forget_now(session: AsyncSession, user_id: int) -> int:
        return await forget(session, user_id, clock())

    return PrivacySection("feedback", export, forget_now)


SECTION = section()
