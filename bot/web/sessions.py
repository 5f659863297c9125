"""Web chat sessions in the database: issued at random, found by the hash of their id, expiring.

A session lives ``idle`` after its last use and never longer than ``max_age`` after it began. Its
expiry is pushed back only when that gains a tenth of ``idle`` or more, so a resident asking
questions costs one read per message, not a write.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import bindparam, delete, select, update

from bot.storage.db import Database
from bot.storage.models import utcnow
from bot.web.models import WebSession

TOKEN = re.compile(r"^[A-Za-z0-9_-]{43}$")  # secrets.token_urlsafe(32)
FIND = select(
    WebSession.id, WebSession.csrf, WebSession.state, WebSession.created_at, WebSession.expires_at
).where(WebSession.token_hash == bindparam("hash"))


@dataclass(frozen=True, slots=True)
class SessionView:
    id: int
    csrf: str
    state: str
    expires_at: datetime


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def _aware(value: datetime) -> datetime:
    """SQLite hands back naive datetimes for what was stored as UTC."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)


class SessionStore:
    def __init__(
        self,
        db: Database,
        idle: timedelta,
        max_age: timedelta,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._db = db
        self._idle = idle
        self._max_age = max_age
        self.clock = clock

    async def create(self) -> tuple[str, SessionView]:
        """A new session: its id (given to the page, never stored) and its row."""
        token = secrets.token_urlsafe(32)
        now = self.clock()
        row = WebSession(
            token_hash=token_hash(token), csrf=secrets.token_urlsafe(32), state="{}",
            created_at=now, seen_at=now, expires_at=now + min(self._idle, self._max_age),
        )  # fmt: skip
        async with self._db.sessions.begin() as session:
            session.add(row)
            await session.flush()
            return token, SessionView(row.id, row.csrf, row.state, row.expires_at)

    async def find(self, token: str) -> SessionView | None:
        """The live session ``token`` opens, its expiry pushed back; None if none (any more)."""
        if not TOKEN.match(token):
            return None
        now = self.clock()
        async with self._db.engine.connect() as conn:  # one read: no ORM session needed
            row = (await conn.execute(FIND, {"hash": token_hash(token)})).first()
        if row is None or _aware(row.expires_at) <= now:
            return None
        expires = min(now + self._idle, _aware(row.created_at) + self._max_age)
        if expires - _aware(row.expires_at) >= self._idle / 10:
            await self._update(row.id, expires_at=expires, seen_at=now)
        else:
            expires = _aware(row.expires_at)
        return SessionView(row.id, row.csrf, row.state, expires)

    async def save_state(self, session_id: int, state: str) -> None:
        await self._update(session_id, state=state)

    async def _update(self, session_id: int, **values: object) -> None:
        async with self._db.sessions.begin() as session:
            await session.execute(
                update(WebSession).where(WebSession.id == session_id).values(**values)
            )

    async def purge(self) -> int:
        """Delete expired sessions (their feedback stays, readable with reference and key)."""
        async with self._db.sessions.begin() as session:
            result = await session.execute(
                delete(WebSession).where(WebSession.expires_at <= self.clock())
            )
        return int(result.rowcount)  # type: ignore[attr-defined]
