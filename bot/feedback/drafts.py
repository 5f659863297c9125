"""A resident's /feedback in progress, kept in the database.

A draft lives in ``feedback_drafts``, one per resident, so a restart (or the next message
landing on another process) continues where the resident was. It expires an hour after it was
started; an expired draft is dropped when read, and ``purge`` drops those nobody came back to.
Submitting an item removes the draft in the item's own transaction (``FeedbackService.submit``).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.feedback.models import FeedbackDraft
from bot.localtime import Clock
from bot.storage.db import Database
from bot.storage.upsert import insert_for

DRAFT_TTL = timedelta(hours=1)


@dataclass
class FlowDraft:
    resident_id: int
    token: str
    step: str
    started: datetime
    text: str = ""
    overlong: str = ""
    priority: str | None = None
    ward: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    photo: str | None = None
    may_reply: bool = False
    away: bool = False  # the resident went elsewhere: typed text is a question until they return


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _draft(row: FeedbackDraft) -> FlowDraft:
    return FlowDraft(
        row.resident_id, row.token, row.step, _aware(row.started_at), row.text, row.overlong,
        row.priority, row.ward, row.latitude, row.longitude, row.photo_file_id, row.may_reply,
        bool(row.away),
    )  # fmt: skip


def _columns(draft: FlowDraft) -> dict[str, object]:
    values = {f.name: getattr(draft, f.name) for f in fields(draft)}
    values["photo_file_id"] = values.pop("photo")
    values["started_at"] = values.pop("started")
    return values


async def discard_in(session: AsyncSession, resident_id: int) -> int:
    result = await session.execute(
        delete(FeedbackDraft).where(FeedbackDraft.resident_id == resident_id)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


class Drafts:
    def __init__(self, db: Database, clock: Clock, ttl: timedelta = DRAFT_TTL) -> None:
        self._db = db
        self.clock = clock
        self._ttl = ttl

    async def get(self, resident_id: int) -> FlowDraft | None:
        """The resident's draft, unless there is none or it has expired (then it is dropped)."""
        async with self._db.sessions() as session:
            row = await session.get(FeedbackDraft, resident_id)
            draft = None if row is None else _draft(row)
        if draft is not None and self.clock() - draft.started > self._ttl:
            await self.discard(resident_id)
            return None
        return draft

    async def save(self, draft: FlowDraft) -> None:
        values = {**_columns(draft), "updated_at": self.clock()}
        changed = {k: v for k, v in values.items() if k != "resident_id"}
        async with self._db.sessions.begin() as session:
            stmt = insert_for(session, FeedbackDraft).values(**values)
            await session.execute(
                stmt.on_conflict_do_update(index_elements=["resident_id"], set_=changed)
            )

    async def leave(self, resident_id: int) -> bool:
        """The resident went to another menu or command: their next words are not draft input
        unless they come back. One statement, as it runs on every such press."""
        async with self._db.sessions.begin() as session:
            result = await session.execute(
                update(FeedbackDraft)
                .where(FeedbackDraft.resident_id == resident_id, FeedbackDraft.away.is_(False))
                .values(away=True)
            )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def discard(self, resident_id: int) -> bool:
        async with self._db.sessions.begin() as session:
            return bool(await discard_in(session, resident_id))

    async def purge(self) -> int:
        """Drop drafts started longer ago than the expiry (nobody came back to them)."""
        async with self._db.sessions.begin() as session:
            result = await session.execute(
                delete(FeedbackDraft).where(FeedbackDraft.started_at < self.clock() - self._ttl)
            )
        return int(result.rowcount)  # type: ignore[attr-defined]
