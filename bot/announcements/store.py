"""Announcements and their deliveries in SQL: write, withdraw, count, and the worker registry.

Claiming and settling deliveries are the shared outbox's (``bot.outbox``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, delete, func, insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.announcements.audience import Audience, AudienceKind
from bot.announcements.models import Announcement, BroadcastWorker, Delivery

# announcement statuses
AWAITING_APPROVAL, SENDING, DONE, CANCELLED, DELETING, DELETED = (
    "awaiting_approval", "sending", "done", "cancelled", "deleting", "deleted",
)  # fmt: skip
ACTIVE = (SENDING, DELETING)
# delivery statuses
PENDING, CLAIMED, SENT, BLOCKED, FAILED, SKIPPED, WITHDRAWN, UNCERTAIN = (
    "pending", "sending", "sent", "blocked", "failed", "skipped", "cancelled", "uncertain",
)  # fmt: skip
OPEN = (PENDING, CLAIMED)
SEND, DELETE = "send", "delete"
QUIET_HOURS = "quiet hours"  # the detail of a delivery held until quiet hours end


@dataclass(frozen=True, slots=True)
class Draft:
    author_id: int
    text: str
    photo: str | None
    audience: Audience
    send_at: datetime


@dataclass(frozen=True, slots=True)
class AnnouncementRecord:
    id: int
    author_id: int
    text: str
    photo: str | None
    audience: Audience
    recipients: int
    send_at: datetime
    status: str
    approved_by: int | None
    progress_chat_id: int | None
    progress_message_id: int | None
    created_at: datetime
    finished_at: datetime | None
    reported_at: datetime | None


def _record(row: Announcement) -> AnnouncementRecord:
    wards = tuple(w for w in row.audience_wards.split("\n") if w)
    audience = Audience(AudienceKind(row.audience_kind), wards, row.audience_topic)
    return AnnouncementRecord(
        row.id, row.author_id, row.text, row.photo, audience, row.recipients, row.send_at,
        row.status, row.approved_by, row.progress_chat_id, row.progress_message_id,
        row.created_at, row.finished_at, row.reported_at,
    )  # fmt: skip


async def create(
    session: AsyncSession, draft: Draft, recipients: Sequence[int], status: str, now: datetime
) -> int:
    """The announcement and one pending delivery per recipient, in the caller's transaction."""
    row = Announcement(
        author_id=draft.author_id, text=draft.text, photo=draft.photo,
        audience_kind=str(draft.audience.kind), audience_wards="\n".join(draft.audience.wards),
        audience_topic=draft.audience.topic, recipients=len(recipients), send_at=draft.send_at,
        status=status, created_at=now,
    )  # fmt: skip
    session.add(row)
    await session.flush()
    rows = [
        {"announcement_id": row.id, "resident_id": r, "action": SEND, "status": PENDING,
         "attempts": 0, "resends": 0, "not_before": draft.send_at, "detail": ""}
        for r in recipients
    ]  # fmt: skip
    for start in range(0, len(rows), 5000):
        await session.execute(insert(Delivery), rows[start : start + 5000])
    return row.id


async def get(session: AsyncSession, announcement_id: int) -> AnnouncementRecord | None:
    row = await session.get(Announcement, announcement_id)
    return _record(row) if row is not None else None


async def recent(session: AsyncSession, limit: int = 10) -> list[AnnouncementRecord]:
    rows = await session.scalars(select(Announcement).order_by(Announcement.id.desc()).limit(limit))
    return [_record(r) for r in rows]


async def active(session: AsyncSession) -> list[AnnouncementRecord]:
    rows = await session.scalars(
        select(Announcement).where(
            or_(Announcement.status.in_(ACTIVE), Announcement.reported_at.is_(None)),
            Announcement.progress_message_id.is_not(None),
            Announcement.status != AWAITING_APPROVAL,
        )
    )
    return [_record(r) for r in rows]


async def set_status(
    session: AsyncSession, announcement_id: int, to: str, *, when: Sequence[str], **values: object
) -> bool:
    """Move an announcement to ``to`` only from one of ``when`` (so two officers cannot race)."""
    result = await session.execute(
        update(Announcement)
        .where(Announcement.id == announcement_id, Announcement.status.in_(when))
        .values(status=to, **values)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def set_progress_message(
    session: AsyncSession, announcement_id: int, chat_id: int, message_id: int
) -> None:
    await session.execute(
        update(Announcement)
        .where(Announcement.id == announcement_id)
        .values(progress_chat_id=chat_id, progress_message_id=message_id)
    )


async def mark_reported(session: AsyncSession, announcement_id: int, now: datetime) -> bool:
    """True for the one caller that gets to send the final report."""
    result = await session.execute(
        update(Announcement)
        .where(Announcement.id == announcement_id, Announcement.reported_at.is_(None))
        .values(reported_at=now)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def withdraw(session: AsyncSession, announcement_id: int, now: datetime) -> int:
    """Stop what has not been sent yet; deliveries in flight finish and are recorded."""
    result = await session.execute(
        update(Delivery)
        .where(Delivery.announcement_id == announcement_id, Delivery.status == PENDING)
        .values(status=WITHDRAWN, detail="cancelled by an officer", finished_at=now)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


async def queue_deletions(session: AsyncSession, announcement_id: int, now: datetime) -> int:
    """One ``delete`` delivery per message residents received, through the same outbox."""
    sent = await session.execute(
        select(Delivery.resident_id, Delivery.message_id).where(
            Delivery.announcement_id == announcement_id,
            Delivery.action == SEND,
            Delivery.status == SENT,
            Delivery.message_id.is_not(None),
        )
    )
    rows = [
        {"announcement_id": announcement_id, "resident_id": r, "action": DELETE,
         "status": PENDING, "attempts": 0, "resends": 0, "not_before": now, "detail": "",
         "message_id": m}
        for r, m in sent
    ]  # fmt: skip
    for start in range(0, len(rows), 5000):
        await session.execute(insert(Delivery), rows[start : start + 5000])
    return len(rows)


def live_announcements() -> Select[int]:
    """Announcements whose deliveries may go now (sending, or deleting)."""
    return select(Announcement.id).where(Announcement.status.in_(ACTIVE))


async def next_due(session: AsyncSession) -> datetime | None:
    live = select(Announcement.id).where(Announcement.status.in_(ACTIVE))
    return await session.scalar(
        select(func.min(Delivery.not_before)).where(
            Delivery.status == PENDING, Delivery.announcement_id.in_(live)
        )
    )


async def counts(session: AsyncSession, announcement_id: int, action: str = SEND) -> dict[str, int]:
    rows = await session.execute(
        select(Delivery.status, func.count())
        .where(Delivery.announcement_id == announcement_id, Delivery.action == action)
        .group_by(Delivery.status)
    )
    return {status: int(n) for status, n in rows}


async def waiting_later(
    session: AsyncSession, announcement_id: int, now: datetime
) -> tuple[int, int]:
    """Pending deliveries held back rather than due now: (all of them, those for quiet hours)."""
    held = (Delivery.announcement_id == announcement_id, Delivery.status == PENDING,
            Delivery.not_before > now)  # fmt: skip
    n = await session.scalar(select(func.count()).where(*held))
    quiet = await session.scalar(select(func.count()).where(*held, Delivery.detail == QUIET_HOURS))
    return int(n or 0), int(quiet or 0)


async def failure_reasons(
    session: AsyncSession, announcement_id: int, action: str = SEND
) -> list[tuple[str, int]]:
    rows = await session.execute(
        select(Delivery.detail, func.count())
        .where(
            Delivery.announcement_id == announcement_id,
            Delivery.action == action,
            Delivery.status == FAILED,
        )
        .group_by(Delivery.detail)
        .order_by(func.count().desc())
    )
    return [(detail, int(n)) for detail, n in rows]


async def possibly_repeated(session: AsyncSession, announcement_id: int) -> int:
    """Deliveries sent again, marked as a possible repeat (a lost answer, a stopped sender)."""
    n = await session.scalar(
        select(func.count()).where(
            Delivery.announcement_id == announcement_id, Delivery.resends > 0
        )
    )
    return int(n or 0)


async def finish_idle(session: AsyncSession, now: datetime) -> list[int]:
    """Announcements with nothing left to send become done (or deleted); returns their ids."""
    open_rows = select(Delivery.announcement_id).where(Delivery.status.in_(OPEN))
    finished: list[int] = []
    for current, final in ((SENDING, DONE), (DELETING, DELETED)):
        result = await session.execute(
            update(Announcement)
            .where(Announcement.status == current, Announcement.id.not_in(open_rows))
            .values(status=final, finished_at=now)
            .returning(Announcement.id)
        )
        finished += [r[0] for r in result]
    return finished


# ---------------------------------------------------------------------------------- workers


async def register_worker(
    session: AsyncSession, worker_id: str, host: str, pid: int, now: datetime
) -> None:
    session.add(BroadcastWorker(id=worker_id, host=host, pid=pid, started_at=now, heartbeat_at=now))


async def heartbeat(session: AsyncSession, worker_id: str, now: datetime) -> None:
    await session.execute(
        update(BroadcastWorker).where(BroadcastWorker.id == worker_id).values(heartbeat_at=now)
    )


async def workers(session: AsyncSession) -> list[tuple[str, str, int, datetime]]:
    rows = await session.execute(
        select(BroadcastWorker.id, BroadcastWorker.host, BroadcastWorker.pid,
               BroadcastWorker.heartbeat_at)
    )  # fmt: skip
    return [(w, h, p, t) for w, h, p, t in rows]


async def remove_workers(session: AsyncSession, worker_ids: Sequence[str]) -> None:
    if worker_ids:
        await session.execute(delete(BroadcastWorker).where(BroadcastWorker.id.in_(worker_ids)))


# ---------------------------------------------------------------------------------- privacy


async def export_for(session: AsyncSession, resident_id: int) -> list[dict[str, object]]:
    rows = await session.scalars(select(Delivery).where(Delivery.resident_id == resident_id))
    return [
        {"announcement": r.announcement_id, "action": r.action, "status": r.status,
         "at": r.finished_at.isoformat() if r.finished_at else None}
        for r in rows
    ]  # fmt: skip


async def forget_for(session: AsyncSession, resident_id: int) -> int:
    result = await session.execute(delete(Delivery).where(Delivery.resident_id == resident_id))
    return int(result.rowcount)  # type: ignore[attr-defined]
