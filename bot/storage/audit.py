"""The audit log: privileged actions and refused attempts, for accountability."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.models import AuditEntry, utcnow


@dataclass(frozen=True, slots=True)
class AuditRecord:
    at: datetime
    actor_id: int | None
    action: str
    outcome: str
    detail: str


async def record(
    session: AsyncSession, actor_id: int | None, action: str, outcome: str, detail: str = ""
) -> None:
    session.add(
        AuditEntry(at=utcnow(), actor_id=actor_id, action=action, outcome=outcome, detail=detail)
    )


async def recent(session: AsyncSession, limit: int = 50) -> list[AuditRecord]:
    rows = await session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit))
    return [AuditRecord(r.at, r.actor_id, r.action, r.outcome, r.detail) for r in rows]
