"""Telegram's one-message-a-second-per-chat, shared by every process sending to residents.

Each chat has a row holding the next moment a message may go to it; taking a turn moves it on by
the interval in one statement, so two processes never both get the same moment. Used by the
announcement workers on PostgreSQL (on SQLite one process's own pacer is enough).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from sqlalchemy import delete, select

from bot.replicas.models import SendPace
from bot.storage.db import Database
from bot.storage.upsert import insert_for


class SharedPace:
    def __init__(self, db: Database, clock: Callable[[], float] = time.time) -> None:
        self.db = db
        self.clock = clock

    async def reserve(self, chat_id: int, interval_s: float) -> float:
        """Take the chat's turn if it is free now (0.0); else the seconds until it is, taking
        nothing, so a delivery that waits never pushes the next turn further away."""
        now, key = self.clock(), f"chat:{chat_id}"
        async with self.db.sessions.begin() as session:
            stmt = insert_for(session, SendPace).values(key=key, next_at=now + interval_s)
            stmt = stmt.on_conflict_do_update(
                index_elements=["key"],
                set_={"next_at": now + interval_s},
                where=SendPace.next_at <= now,
            ).returning(SendPace.next_at)
            if (await session.execute(stmt)).first() is not None:
                return 0.0
            busy_until = await session.scalar(select(SendPace.next_at).where(SendPace.key == key))
        return max(0.0, float(busy_until or now) - now)

    async def purge(self, older_than_s: float = 60.0) -> int:
        async with self.db.sessions.begin() as session:
            result = await session.execute(
                delete(SendPace).where(SendPace.next_at < self.clock() - older_than_s)
            )
        return int(result.rowcount)  # type: ignore[attr-defined]
