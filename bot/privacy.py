"""What the bot holds about one resident, and forgetting it on request.

Each aggregate that stores personal data contributes a ``PrivacySection``; the service exports or
deletes all of them in one transaction, so a later feature cannot be forgotten by ``/forget``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage import residents
from bot.storage.db import Database
from bot.storage.models import AuditEntry, Resident

Exporter = Callable[[AsyncSession, int], Awaitable[Any]]
Forgetter = Callable[[AsyncSession, int], Awaitable[int]]


@dataclass(frozen=True)
class PrivacySection:
    name: str
    export: Exporter
    forget: Forgetter


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


async def _export_resident(session: AsyncSession, user_id: int) -> Any:
    row = await session.get(Resident, user_id)
    if row is None:
        return None
    return {
        "telegram_id": row.telegram_id,
        "language": row.language,
        "created_at": _plain(row.created_at),
        "last_seen_at": _plain(row.last_seen_at),
    }


async def _forget_resident(session: AsyncSession, user_id: int) -> int:
    return int(await residents.forget(session, user_id))


async def _export_audit(session: AsyncSession, user_id: int) -> Any:
    rows = await session.scalars(select(AuditEntry).where(AuditEntry.actor_id == user_id))
    return [
        {"at": _plain(r.at), "action": r.action, "outcome": r.outcome, "detail": r.detail}
        for r in rows
    ]


async def _forget_audit(session: AsyncSession, user_id: int) -> int:
    # Refused attempts by a resident are theirs to erase; staff actions stay for accountability.
    result = await session.execute(
        delete(AuditEntry).where(AuditEntry.actor_id == user_id, AuditEntry.outcome == "refused")
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


CORE_SECTIONS: tuple[PrivacySection, ...] = (
    PrivacySection("resident", _export_resident, _forget_resident),
    PrivacySection("audit_log", _export_audit, _forget_audit),
)


class PrivacyService:
    def __init__(self, db: Database, sections: Sequence[PrivacySection] = CORE_SECTIONS) -> None:
        self._db = db
        self._sections = tuple(sections)

    async def export(self, user_id: int) -> dict[str, Any]:
        async with self._db.sessions() as session:
            data = {s.name: await s.export(session, user_id) for s in self._sections}
        return {"telegram_id": user_id, **data}

    async def forget(self, user_id: int) -> int:
        """Delete everything held about ``user_id``; returns the number of rows removed."""
        removed = 0
        async with self._db.sessions.begin() as session:
            for section in self._sections:
                removed += await section.forget(session, user_id)
        return removed
