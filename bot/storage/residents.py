"""Residents: the minimum needed to answer and reach someone, and to forget them on request."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.models import Resident, utcnow
from bot.storage.upsert import insert_for


@dataclass(frozen=True, slots=True)
class ResidentRecord:
    telegram_id: int
    language: str
    created_at: datetime
    last_seen_at: datetime


async def touch(session: AsyncSession, telegram_id: int, language: str | None = None) -> None:
    """Record that a resident was seen now, creating them on first contact."""
    now = utcnow()
    stmt = insert_for(session, Resident).values(
        telegram_id=telegram_id, language=language or "en", created_at=now, last_seen_at=now
    )
    updates: dict[str, Any] = {"last_seen_at": now}
    if language:
        updates["language"] = language
    await session.execute(
        stmt.on_conflict_do_update(index_elements=[Resident.telegram_id], set_=updates)
    )


async def get(session: AsyncSession, telegram_id: int) -> ResidentRecord | None:
    row = await session.scalar(select(Resident).where(Resident.telegram_id == telegram_id))
    if row is None:
        return None
    return ResidentRecord(row.telegram_id, row.language, row.created_at, row.last_seen_at)


async def forget(session: AsyncSession, telegram_id: int) -> bool:
    result = await session.execute(delete(Resident).where(Resident.telegram_id == telegram_id))
    return bool(result.rowcount)  # type: ignore[attr-defined]
