"""Every knowledge base that went live, with its files, so any of them can be restored.

A version keeps the files' full text (tens of kilobytes): rollback must not depend on what is still
on disk. Who applied it is a staff Telegram id, kept for accountability like the audit log.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, DateTime, Integer, String, Text, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from bot.privacy import PrivacySection
from bot.storage.models import Base, utcnow


class KnowledgeVersion(Base):
    __tablename__ = "kb_versions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, server_default=func.now(), index=True
    )
    actor_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    action: Mapped[str] = mapped_column(String(16))  # startup, reload, watch, upload, rollback
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    entry_count: Mapped[int] = mapped_column(Integer)
    summary: Mapped[str] = mapped_column(Text, default="")
    files: Mapped[dict[str, str]] = mapped_column(JSON)  # file name → UTF-8 text


@dataclass(frozen=True, slots=True)
class VersionRecord:
    id: int
    created_at: datetime
    actor_id: int | None
    action: str
    content_hash: str
    entry_count: int
    summary: str


def _record(row: KnowledgeVersion) -> VersionRecord:
    return VersionRecord(
        row.id, row.created_at, row.actor_id, row.action, row.content_hash, row.entry_count,
        row.summary,
    )  # fmt: skip


async def add(
    session: AsyncSession,
    *,
    files: Mapping[str, bytes],
    content_hash: str,
    entry_count: int,
    action: str,
    actor_id: int | None,
    summary: str,
    at: datetime | None = None,
) -> int:
    row = KnowledgeVersion(
        created_at=at or utcnow(),
        actor_id=actor_id,
        action=action,
        content_hash=content_hash,
        entry_count=entry_count,
        summary=summary,
        files={name: data.decode("utf-8") for name, data in files.items()},
    )
    session.add(row)
    await session.flush()
    return row.id


async def latest(session: AsyncSession) -> VersionRecord | None:
    row = await session.scalar(select(KnowledgeVersion).order_by(KnowledgeVersion.id.desc()))
    return _record(row) if row else None


async def latest_hash(session: AsyncSession) -> tuple[int, str] | None:
    """The last version's id and content hash, without its files (asked every few seconds)."""
    row = (
        await session.execute(
            select(KnowledgeVersion.id, KnowledgeVersion.content_hash)
            .order_by(KnowledgeVersion.id.desc())
            .limit(1)
        )
    ).first()
    return None if row is None else (int(row[0]), str(row[1]))


async def version_of(session: AsyncSession, content_hash: str) -> int | None:
    """The latest version with these contents, if any was recorded."""
    found = await session.scalar(
        select(KnowledgeVersion.id)
        .where(KnowledgeVersion.content_hash == content_hash)
        .order_by(KnowledgeVersion.id.desc())
        .limit(1)
    )
    return None if found is None else int(found)


async def has_hash(session: AsyncSession, content_hash: str) -> bool:
    return await version_of(session, content_hash) is not None


async def recent(session: AsyncSession, limit: int = 10) -> list[VersionRecord]:
    rows = await session.scalars(
        select(KnowledgeVersion).order_by(KnowledgeVersion.id.desc()).limit(limit)
    )
    return [_record(r) for r in rows]


async def files_of(session: AsyncSession, version_id: int) -> dict[str, bytes] | None:
    row = await session.get(KnowledgeVersion, version_id)
    if row is None:
        return None
    return {name: text.encode("utf-8") for name, text in row.files.items()}


async def _export(session: AsyncSession, user_id: int) -> Any:
    rows = await session.scalars(
        select(KnowledgeVersion).where(KnowledgeVersion.actor_id == user_id)
    )
    return [
        {"version": r.id, "at": r.created_at.isoformat(), "action": r.action, "summary": r.summary}
        for r in rows
    ]


async def _keep(session: AsyncSession, user_id: int) -> int:
    # Knowledge changes a staff member applied stay attributed, like their audit-log entries.
    return 0


PRIVACY_SECTION = PrivacySection("knowledge_versions", _export, _keep)
