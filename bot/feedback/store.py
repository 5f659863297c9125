"""Feedback rows in and out; SQLAlchemy expressions only, one session per call from the service."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.feedback.catalogue import Channel, Status
from bot.feedback.models import (
    FeedbackBlock,
    FeedbackItem,
    FeedbackMessage,
    FeedbackSequence,
    FeedbackTopic,
)
from bot.storage.upsert import insert_for


async def next_number(session: AsyncSession, year: int) -> int:
    """The next reference number for ``year``: one atomic upsert, safe with concurrent writers.

    PostgreSQL locks the year's row until the transaction ends; SQLite has one writer at a time.
    """
    stmt = (
        insert_for(session, FeedbackSequence)
        .values(year=year, last=1)
        .on_conflict_do_update(
            index_elements=[FeedbackSequence.year], set_={"last": FeedbackSequence.last + 1}
        )
        .returning(FeedbackSequence.last)
    )
    return int((await session.execute(stmt)).scalar_one())


async def count_since(
    session: AsyncSession, resident_id: int, since: datetime, channel: str = Channel.TELEGRAM
) -> int:
    found = await session.scalar(
        select(func.count(FeedbackItem.id)).where(
            FeedbackItem.channel == channel,
            FeedbackItem.resident_id == resident_id,
            FeedbackItem.created_at >= since,
        )
    )
    return int(found or 0)


async def by_reference(session: AsyncSession, reference: str) -> FeedbackItem | None:
    row: FeedbackItem | None = await session.scalar(
        select(FeedbackItem).where(FeedbackItem.reference == reference)
    )
    return row


async def open_items(
    session: AsyncSession, resident_id: int, channel: str = Channel.TELEGRAM
) -> list[FeedbackItem]:
    rows = await session.scalars(
        select(FeedbackItem)
        .where(
            FeedbackItem.channel == channel,
            FeedbackItem.resident_id == resident_id,
            FeedbackItem.status != Status.CLOSED,
        )
        .order_by(FeedbackItem.created_at.desc(), FeedbackItem.id.desc())
    )
    return list(rows)


async def link(
    session: AsyncSession, item_id: int, chat_id: int, message_id: int, purpose: str
) -> None:
    stmt = insert_for(session, FeedbackMessage).values(
        item_id=item_id, chat_id=chat_id, message_id=message_id, purpose=purpose
    )
    await session.execute(stmt.on_conflict_do_nothing())


async def find_link(
    session: AsyncSession, chat_id: int, message_id: int
) -> tuple[FeedbackItem, str] | None:
    row = (
        await session.execute(
            select(FeedbackItem, FeedbackMessage.purpose)
            .join(FeedbackMessage, FeedbackMessage.item_id == FeedbackItem.id)
            .where(FeedbackMessage.chat_id == chat_id, FeedbackMessage.message_id == message_id)
        )
    ).first()
    return None if row is None else (row[0], str(row[1]))


async def block_of(
    session: AsyncSession, resident_id: int, channel: str = Channel.TELEGRAM
) -> FeedbackBlock | None:
    return await session.get(FeedbackBlock, (channel, resident_id))


async def block(
    session: AsyncSession,
    resident_id: int,
    reference: str,
    reason: str,
    officer_id: int,
    channel: str = Channel.TELEGRAM,
) -> bool:
    """Block ``resident_id``; False if they already were (the first reason stands)."""
    stmt = insert_for(session, FeedbackBlock).values(
        channel=channel, resident_id=resident_id, reference=reference, reason=reason,
        blocked_by=officer_id,
    )  # fmt: skip
    result = await session.execute(stmt.on_conflict_do_nothing())
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def unblock(session: AsyncSession, resident_id: int, channel: str = Channel.TELEGRAM) -> bool:
    result = await session.execute(
        delete(FeedbackBlock).where(
            FeedbackBlock.channel == channel, FeedbackBlock.resident_id == resident_id
        )
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def topic(session: AsyncSession, chat_id: int, priority: str) -> int | None:
    row = await session.get(FeedbackTopic, (chat_id, priority))
    return None if row is None else int(row.thread_id)


async def save_topic(session: AsyncSession, chat_id: int, priority: str, thread_id: int) -> None:
    stmt = insert_for(session, FeedbackTopic).values(
        chat_id=chat_id, priority=priority, thread_id=thread_id
    )
    await session.execute(
        stmt.on_conflict_do_update(
            index_elements=[FeedbackTopic.chat_id, FeedbackTopic.priority],
            set_={"thread_id": thread_id},
        )
    )


async def forget_topic(session: AsyncSession, chat_id: int, priority: str) -> None:
    await session.execute(
        delete(FeedbackTopic).where(
            FeedbackTopic.chat_id == chat_id, FeedbackTopic.priority == priority
        )
    )
