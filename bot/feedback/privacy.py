"""Feedback in ``/mydata`` and ``/forget``.

Forgetting keeps each item's priority, ward, date and status (the team's tallies stay true) but
erases who sent it, their words, photo and location, every pending message to them and every
answer or photo of theirs not yet posted to the team; what was sent keeps its delivery record but
not the words or photo it carried. A block an officer placed stays: it protects the team from
abuse and holds no more than the Telegram id.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.feedback.models import FeedbackBlock, FeedbackItem, FeedbackMessage, FeedbackOutbox
from bot.feedback.outbox import DONE, Kind
from bot.privacy import PrivacySection


def _iso(value: Any) -> Any:
    return value.isoformat() if value is not None else None


async def export(session: AsyncSession, user_id: int) -> Any:
    rows = await session.scalars(
        select(FeedbackItem).where(FeedbackItem.resident_id == user_id).order_by(FeedbackItem.id)
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
    block = await session.get(FeedbackBlock, user_id)
    blocked = None if block is None else {"since": _iso(block.blocked_at), "reason": block.reason}
    return {"items": items, "blocked": blocked}


async def forget(session: AsyncSession, user_id: int) -> int:
    mine = select(FeedbackItem.id).where(FeedbackItem.resident_id == user_id)
    personal = (str(Kind.TO_RESIDENT), str(Kind.TO_TEAM), str(Kind.TEAM_PHOTO))
    outbox = await session.execute(
        delete(FeedbackOutbox).where(
            FeedbackOutbox.item_id.in_(mine),
            FeedbackOutbox.kind.in_(personal),
            FeedbackOutbox.status != DONE,
        )
    )
    sent = await session.execute(
        update(FeedbackOutbox)
        .where(FeedbackOutbox.item_id.in_(mine), FeedbackOutbox.payload != "{}")
        .values(payload="{}")
    )
    links = await session.execute(delete(FeedbackMessage).where(FeedbackMessage.chat_id == user_id))
    items = await session.execute(
        update(FeedbackItem)
        .where(FeedbackItem.resident_id == user_id)
        .values(
            resident_id=None, text="", photo_file_id=None, latitude=None, longitude=None,
            may_reply=False, close_note=None,
        )
    )  # fmt: skip
    results = (outbox, sent, links, items)
    counts: list[int] = [r.rowcount for r in results]  # type: ignore[attr-defined]
    return sum(counts)


SECTION = PrivacySection("feedback", export, forget)
