"""Queue, claim and settle scheduled messages; SQLAlchemy expressions only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.delivery.models import ScheduledMessage
from bot.storage.upsert import insert_for

PENDING, CLAIMED, SENT, SKIPPED, FAILED = "pending", "claimed", "sent", "skipped", "failed"


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


async def due(session: AsyncSession, now: datetime, limit: int) -> list[Due]:
    rows = await session.scalars(
        select(ScheduledMessage)
        .where(ScheduledMessage.status == PENDING, ScheduledMessage.due_at <= now)
        .order_by(ScheduledMessage.due_at, ScheduledMessage.id)
        .limit(limit)
    )
    return [Due(r.id, r.resident_id, r.kind, r.ref, r.text, r.due_at, r.attempts) for r in rows]


async def claim(session: AsyncSession, message_id: int, now: datetime) -> bool:
    """Take a pending row for sending; False if another pass took it first."""
    result = await session.execute(
        update(ScheduledMessage)
        .where(ScheduledMessage.id == message_id, ScheduledMessage.status == PENDING)
        .values(status=CLAIMED, claimed_at=now)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def settle(
    session: AsyncSession,
    message_id: int,
    status: str,
    *,
    at: datetime | None = None,
    due_at: datetime | None = None,
    attempts: int | None = None,
    detail: str = "",
) -> None:
    values: dict[str, object] = {"status": status, "detail": detail[:200]}
    if status == SENT:
        values["sent_at"] = at
    if due_at is not None:
        values["due_at"] = due_at
    if attempts is not None:
        values["attempts"] = attempts
    await session.execute(
        update(ScheduledMessage)
        .where(ScheduledMessage.id == message_id, ScheduledMessage.status == CLAIMED)
        .values(**values)
    )


async def release_stale(session: AsyncSession, before: datetime) -> int:
    """Claims older than ``before`` belong to a pass that died: give them back."""
    result = await session.execute(
        update(ScheduledMessage)
        .where(ScheduledMessage.status == CLAIMED, ScheduledMessage.claimed_at < before)
        .values(status=PENDING, claimed_at=None)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


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
