"""Short-lived conversation state in the database: one typed store for every feature.

A conversation that takes several messages (an officer's announcement draft, ``/addevent``, the
crime menu waiting for a shared location, the text offered as feedback, a knowledge-base change
waiting for its Apply button) keeps what it has gathered here, so the next message may land on
any process. A row is ``(kind, owner)`` with a JSON body and an expiry; each feature declares a
``Slot`` naming its kind, its value's type (a dataclass or any type pydantic reads) and how long
it lives. An expired row, or one that no longer reads as its type (an older shape after an
upgrade), is treated as absent: the resident starts the step again instead of meeting an error.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Generic, TypeVar

from pydantic import TypeAdapter, ValidationError
from sqlalchemy import BigInteger, DateTime, String, Text, delete, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from bot.localtime import Clock, as_utc, system_clock
from bot.privacy import PrivacySection
from bot.storage.db import Database
from bot.storage.models import Base
from bot.storage.upsert import insert_for

T = TypeVar("T")


class ConversationState(Base):
    __tablename__ = "conversation_states"

    kind: Mapped[str] = mapped_column(String(32), primary_key=True)
    owner: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    body: Mapped[str] = mapped_column(Text)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


@dataclass(frozen=True)
class Slot(Generic[T]):
    """One kind of state: its name, its value's type and how long it is kept."""

    kind: str
    type: Any  # type[T]; ``Any`` so unions and generics may be named too
    ttl: timedelta
    _adapter: TypeAdapter[Any] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_adapter", TypeAdapter(self.type))

    def encode(self, value: T) -> str:
        return self._adapter.dump_json(value).decode("utf-8")

    def decode(self, body: str) -> T | None:
        try:
            value: T = self._adapter.validate_json(body)
        except (ValidationError, ValueError):
            return None
        return value


class StateStore:
    """``get``/``put``/``take``/``drop`` per slot and owner, and everything an owner has."""

    def __init__(self, db: Database, clock: Clock = system_clock) -> None:
        self._db = db
        self.clock = clock

    async def bodies(self, owner: int) -> dict[str, str]:
        """Every live state ``owner`` has, undecoded, by kind: one query per update."""
        now = self.clock()
        async with self._db.engine.connect() as conn:  # one read: no ORM session needed
            rows = await conn.execute(
                select(
                    ConversationState.kind, ConversationState.body, ConversationState.expires_at
                ).where(ConversationState.owner == owner)
            )
            return {kind: body for kind, body, expires in rows if as_utc(expires) > now}

    async def get(self, slot: Slot[T], owner: int) -> T | None:
        body = (await self.bodies(owner)).get(slot.kind)
        return None if body is None else slot.decode(body)

    async def put(self, slot: Slot[T], owner: int, value: T) -> None:
        now = self.clock()
        values = {"body": slot.encode(value), "expires_at": now + slot.ttl, "updated_at": now}
        async with self._db.sessions.begin() as session:
            stmt = insert_for(session, ConversationState).values(
                kind=slot.kind, owner=owner, **values
            )
            await session.execute(
                stmt.on_conflict_do_update(index_elements=["kind", "owner"], set_=values)
            )

    async def drop(self, slot: Slot[Any], owner: int) -> bool:
        return await self.drop_kinds(owner, [slot.kind]) > 0

    async def take(self, slot: Slot[T], owner: int) -> T | None:
        """The value, removed in the same transaction (so two processes never both take it)."""
        now = self.clock()
        async with self._db.sessions.begin() as session:
            row = await session.execute(
                delete(ConversationState)
                .where(ConversationState.kind == slot.kind, ConversationState.owner == owner)
                .returning(ConversationState.body, ConversationState.expires_at)
            )
            found = row.first()
        if found is None or as_utc(found.expires_at) <= now:
            return None
        return slot.decode(found.body)

    async def drop_kinds(self, owner: int, kinds: Iterable[str]) -> int:
        async with self._db.sessions.begin() as session:
            result = await session.execute(
                delete(ConversationState).where(
                    ConversationState.owner == owner, ConversationState.kind.in_(list(kinds))
                )
            )
        return int(result.rowcount)  # type: ignore[attr-defined]

    async def purge(self) -> int:
        """Drop what expired (it may hold residents' words)."""
        async with self._db.sessions.begin() as session:
            result = await session.execute(
                delete(ConversationState).where(ConversationState.expires_at <= self.clock())
            )
        return int(result.rowcount)  # type: ignore[attr-defined]


async def _export(session: AsyncSession, owner: int) -> Any:
    rows = await session.execute(
        select(ConversationState.kind, ConversationState.body).where(
            ConversationState.owner == owner
        )
    )
    return [{"kind": kind, "value": body} for kind, body in rows]


async def _forget(session: AsyncSession, owner: int) -> int:
    result = await session.execute(
        delete(ConversationState).where(ConversationState.owner == owner)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


PRIVACY_SECTION = PrivacySection("conversations_in_progress", _export, _forget)
