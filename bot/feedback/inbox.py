"""The team's replies and status notices for residents on a channel without push (the web chat).

A Telegram resident is sent these through the feedback outbox. A web page cannot be sent to, so
the message is written here, in the same transaction as the reply or status change, and the page
reads it: by polling while its session lives, and afterwards with the item's reference and the
key the resident was given with their receipt. Only a hash of the key is kept, so the database
alone cannot be used to read someone's replies.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, delete, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from bot.feedback.models import FeedbackItem
from bot.storage.models import Base, utcnow

KEY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread
KEY_GROUPS, KEY_GROUP_LEN = 3, 4  # "K7QF-PX2M-9D3A": 60 bits


class FeedbackInboxMessage(Base):
    __tablename__ = "feedback_inbox"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(
        ForeignKey("feedback_items.id", ondelete="CASCADE"), index=True
    )
    purpose: Mapped[str] = mapped_column(String(16))  # "relay" (a reply) or "notice" (status)
    text: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class FeedbackKey(Base):
    """The hash of the key that opens an item's replies without its session."""

    __tablename__ = "feedback_keys"

    item_id: Mapped[int] = mapped_column(
        ForeignKey("feedback_items.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    key_hash: Mapped[str] = mapped_column(String(64))


@dataclass(frozen=True, slots=True)
class InboxMessage:
    id: int
    item_id: int
    reference: str
    purpose: str
    text: str
    created_at: datetime


def new_key() -> str:
    chars = [secrets.choice(KEY_ALPHABET) for _ in range(KEY_GROUPS * KEY_GROUP_LEN)]
    groups = ("".join(chars[i : i + KEY_GROUP_LEN]) for i in range(0, len(chars), KEY_GROUP_LEN))
    return "-".join(groups)


def hash_key(key: str) -> str:
    """The stored form of a key; spaces, dashes and case do not matter when it is typed back."""
    canonical = "".join(c for c in key.upper() if c.isalnum())
    return hashlib.sha256(canonical.encode("ascii", "replace")).hexdigest()


async def put(session: AsyncSession, item_id: int, purpose: str, text: str, now: datetime) -> None:
    session.add(FeedbackInboxMessage(item_id=item_id, purpose=purpose, text=text, created_at=now))


async def save_key(session: AsyncSession, item_id: int, key_hash: str) -> None:
    session.add(FeedbackKey(item_id=item_id, key_hash=key_hash))


def _view(row: FeedbackInboxMessage, reference: str) -> InboxMessage:
    at = row.created_at if row.created_at.tzinfo else row.created_at.replace(tzinfo=UTC)
    return InboxMessage(row.id, row.item_id, reference, row.purpose, row.text, at)


async def since(
    session: AsyncSession, channel: str, resident_id: int, after_id: int, limit: int = 50
) -> list[InboxMessage]:
    """Messages for one resident's items newer than ``after_id``, oldest first."""
    rows = await session.execute(
        select(FeedbackInboxMessage, FeedbackItem.reference)
        .join(FeedbackItem, FeedbackItem.id == FeedbackInboxMessage.item_id)
        .where(
            FeedbackItem.channel == channel,
            FeedbackItem.resident_id == resident_id,
            FeedbackInboxMessage.id > after_id,
        )
        .order_by(FeedbackInboxMessage.id)
        .limit(limit)
    )
    return [_view(row, reference) for row, reference in rows.all()]


async def for_item(session: AsyncSession, item_id: int, reference: str) -> list[InboxMessage]:
    rows = await session.scalars(
        select(FeedbackInboxMessage)
        .where(FeedbackInboxMessage.item_id == item_id)
        .order_by(FeedbackInboxMessage.id)
    )
    return [_view(row, reference) for row in rows]


async def unlocks(session: AsyncSession, item_id: int, key: str) -> bool:
    stored = await session.scalar(
        select(FeedbackKey.key_hash).where(FeedbackKey.item_id == item_id)
    )
    return stored is not None and hmac.compare_digest(stored, hash_key(key))


async def forget_items(session: AsyncSession, item_ids: list[int]) -> int:
    """Erase the messages and keys of items whose resident asked to be forgotten."""
    if not item_ids:
        return 0
    messages = await session.execute(
        delete(FeedbackInboxMessage).where(FeedbackInboxMessage.item_id.in_(item_ids))
    )
    keys = await session.execute(delete(FeedbackKey).where(FeedbackKey.item_id.in_(item_ids)))
    return int(messages.rowcount) + int(keys.rowcount)  # type: ignore[attr-defined]
