"""Text the bot offered to pass to the team ("Send this to the team"), kept per offering message
in the database until the resident presses the button, so the offer works on any process and
after a restart, and pressing an older offer sends that message's words, not the latest.

Offers live as long as a draft (an hour); the retention job removes those nobody took up.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.feedback.drafts import DRAFT_TTL
from bot.feedback.models import FeedbackOffer
from bot.localtime import Clock, as_utc
from bot.storage.db import Database
from bot.storage.upsert import insert_for


class OfferStore:
    def __init__(self, db: Database, clock: Clock, ttl: timedelta = DRAFT_TTL) -> None:
        self._db = db
        self.clock = clock
        self._ttl = ttl

    async def put(self, resident_id: int, message_id: int, text: str) -> None:
        async with self._db.sessions.begin() as session:
            stmt = insert_for(session, FeedbackOffer).values(
                resident_id=resident_id, message_id=message_id, text=text,
                offered_at=self.clock(),
            )  # fmt: skip
            await session.execute(
                stmt.on_conflict_do_update(
                    index_elements=["resident_id", "message_id"],
                    set_={"text": text, "offered_at": self.clock()},
                )
            )

    async def take(self, resident_id: int, message_id: int) -> str | None:
        """The words offered under that message, once; None if gone or older than an hour."""
        key = (FeedbackOffer.resident_id == resident_id) & (FeedbackOffer.message_id == message_id)
        async with self._db.sessions.begin() as session:
            row = await session.scalar(select(FeedbackOffer).where(key))
            if row is None:
                return None
            text, at = row.text, as_utc(row.offered_at)
            await session.execute(delete(FeedbackOffer).where(key))
        return text if self.clock() - at <= self._ttl else None


async def export(session: AsyncSession, resident_id: int) -> list[dict[str, str]]:
    rows = await session.scalars(
        select(FeedbackOffer).where(FeedbackOffer.resident_id == resident_id)
    )
    return [{"offered_at": as_utc(r.offered_at).isoformat(), "text": r.text} for r in rows]


async def forget(session: AsyncSession, resident_id: int) -> int:
    result = await session.execute(
        delete(FeedbackOffer).where(FeedbackOffer.resident_id == resident_id)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]
