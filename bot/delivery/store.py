"""Queue, withdraw, export and forget scheduled messages; SQLAlchemy expressions only.

Claiming and settling are the shared outbox's (``bot.delivery.dispatcher``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.delivery.models import ScheduledMessage
from bot.storage.upsert import insert_for

PENDING, CLAIMED, SENT, SKIPPED, FAILED, UNCERTAIN = (
    "pending", "claimed", "sent", "skipped", "failed", "uncertain",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Due:
    id: int
    resident_id: int
    kind: str
    ref: str
    text: str
    due_at: datetime
    attempts: int


async def schedule(
    session: AsyncSession,
    resident_id: int,
    kind: str,
    due_at: datetime,
    *,
    text: str = "",
    ref: str = "",
    dedupe_key: str | None = None,
) -> bool:
    """Queue one message; a repeated ``dedupe_key`` is ignored (returns False)."""
    stmt = insert_for(session, ScheduledMessage).values(
        resident_id=resident_id, kind=kind, ref=ref, text=text, dedupe_key=dedupe_key,
        due_at=due_at, status=PENDING, attempts=0, detail="",
    )  # fmt: skip
    result = await session.execute(stmt.on_conflict_do_nothing(index_elements=["dedupe_key"]))
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def cancel(
    session: AsyncSession, *, ref: str, kind: str, resident_id: int | None = None
) -> int:
    """Withdraw pending messages about ``ref`` (e.g. reminders for a cancelled event)."""
    cond = [
        ScheduledMessage.ref == ref,
        ScheduledMessage.kind == kind,
        ScheduledMessage.status == PENDING,
    ]
    if resident_id is not None:
        cond.append(ScheduledMessage.resident_id == resident_id)
    result = await session.execute(
        update(ScheduledMessage).where(*cond).values(status=SKIPPED, detail="withdrawn")
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


async def pending_for(session: AsyncSession, resident_id: int) -> list[Due]:
    rows = await session.scalars(
        select(ScheduledMessage)
        .where(ScheduledMessage.resident_id == resident_id, ScheduledMessage.status == PENDING)
        .order_by(ScheduledMessage.due_at)
    )
    return [Due(r.id, r.resident_id, r.kind, r.ref, r.text, r.due_at, r.attempts) for r in rows]


async def export(session: AsyncSession, resident_id: int) -> list[dict[str, object]]:
    rows = await session.scalars(
        select(ScheduledMessage).where(ScheduledMessage.resident_id == resident_id)
    )
    return [
        {
            "kind": r.kind,
            "about": r.ref,
            "text": r.text,
            "due_at": r.due_at.isoformat(),
            "status": r.status,
            "sent_at": r.sent_at.isoformat() if r.sent_at else None,
        }
        for r in rows
    ]


async def forget(session: AsyncSession, resident_id: int) -> int:
    result = await session.execute(
        delete(ScheduledMessage).where(ScheduledMessage.resident_id == resident_id)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


async def pause_pending(session: AsyncSession, resident_id: int) -> int:
    """Unsubscribing from everything withdraws what was still waiting to be sent."""
    result = await session.execute(
        update(ScheduledMessage)
        .where(ScheduledMessage.resident_id == resident_id, ScheduledMessage.status == PENDING)
        .values(status=SKIPPED, detail="unsubscribed")
    )
    return int(result.rowcount)  # type: ignore[attr-defined]
