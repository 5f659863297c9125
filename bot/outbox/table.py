"""The outbox's SQL, for any table that has the outbox columns.

Every outbox table has ``id``, ``status``, ``attempts``, ``resends`` (sends that may repeat an
earlier one), ``claimed_by``, ``claimed_at`` and ``lease_until``; ``Table`` names the feature's
own columns for when a row is due and its last error, and its status words.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.db import Database

Columns = Any  # a table's or an alias's column collection (``table.c``)
Filter = Callable[[Columns], Sequence[ColumnElement[bool]]]  # conditions on the candidate row
Order = Callable[[Columns], Sequence[Any]]
CLAIM_RACES = 5  # SQLite: candidates taken by someone else before giving up for this pass


@dataclass(frozen=True)
class Table:
    model: Any  # a mapped class with the outbox columns
    due: str  # column: when the row may be sent (next)
    error: str  # column: the last error, for operators
    error_len: int
    created: str | None = None  # column: when it was queued (health's "oldest"), else ``due``
    pending: str = "pending"
    claimed: str = "sending"
    done: str = "done"
    failed: str = "failed"
    gone: str = "failed"  # the recipient cannot be reached
    skipped: str = "skipped"
    uncertain: str = "uncertain"  # may or may not have arrived; not sent again
    finished: str | None = None  # column: when the row reached a final status

    @property
    def t(self) -> Any:
        return self.model.__table__

    def ready(self, c: Columns, now: datetime) -> ColumnElement[bool]:
        """Due and pending, or claimed by someone whose lease has run out."""
        return or_(
            and_(c.status == self.pending, c[self.due] <= now),
            and_(c.status == self.claimed, c.lease_until <= now),
        )


@dataclass(frozen=True, slots=True)
class ClaimedRow:
    id: int
    attempts: int
    resends: int
    taken_over: bool
    data: dict[str, Any]


async def claim_one(
    db: Database,
    table: Table,
    claimant: str,
    now: datetime,
    lease_s: float,
    where: Filter | None = None,
    order: Order | None = None,
    columns: Sequence[str] = (),
) -> ClaimedRow | None:
    """Take the first ready row matching ``where``; a taken-over claim counts as a resend.

    PostgreSQL: the candidate is locked with ``FOR UPDATE SKIP LOCKED`` and claimed in the same
    transaction, so processes never wait on, or take, each other's rows. SQLite: the candidate
    is read, then claimed by an ``UPDATE`` guarded by its id, status and readiness (one writer
    at a time makes it atomic); if another process took it first, the next candidate is tried.
    """
    alias = table.t.alias("candidate")
    pick = (
        select(alias.c.id, alias.c.status)
        .where(table.ready(alias.c, now), *(where(alias.c) if where else ()))
        .order_by(*(order(alias.c) if order else (alias.c.id,)))
        .limit(1)
    )
    if db.backend == "postgresql":
        async with db.sessions.begin() as session:
            found = (await session.execute(pick.with_for_update(skip_locked=True))).first()
            if found is None:
                return None
            return await _take(session, table, found, claimant, now, lease_s, columns)
    for _ in range(CLAIM_RACES):
        async with db.sessions() as session:
            found = (await session.execute(pick)).first()
        if found is None:
            return None
        async with db.sessions.begin() as session:
            taken = await _take(session, table, found, claimant, now, lease_s, columns)
        if taken is not None:
            return taken
    return None


async def _take(
    session: AsyncSession,
    table: Table,
    found: Any,
    claimant: str,
    now: datetime,
    lease_s: float,
    columns: Sequence[str],
) -> ClaimedRow | None:
    t = table.t
    was = str(found.status)
    taken_over = was == table.claimed
    result = await session.execute(
        update(t)
        .where(t.c.id == found.id, t.c.status == was, table.ready(t.c, now))
        .values(
            status=table.claimed,
            claimed_by=claimant,
            claimed_at=now,
            lease_until=now + timedelta(seconds=lease_s),
            resends=t.c.resends + 1 if taken_over else t.c.resends,
        )
        .returning(t.c.id, t.c.attempts, t.c.resends, *(t.c[c] for c in columns))
    )
    row = result.first()
    if row is None:
        return None
    row_id, attempts, resends, *rest = row
    data = dict(zip(columns, rest, strict=True))
    return ClaimedRow(int(row_id), int(attempts), int(resends), taken_over, data)


async def settle(
    session: AsyncSession, table: Table, row_id: int, claimant: str, values: dict[str, Any]
) -> bool:
    """Record an outcome, only while the claim is still ``claimant``'s."""
    m = table.t.c
    result = await session.execute(
        update(table.t)
        .where(m.id == row_id, m.status == table.claimed, m.claimed_by == claimant)
        .values(claimed_by=None, lease_until=None, **values)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def extend(
    session: AsyncSession, table: Table, claimant: str, now: datetime, lease_s: float
) -> int:
    """Renew every lease ``claimant`` holds (a live process's heartbeat)."""
    m = table.t.c
    result = await session.execute(
        update(table.t)
        .where(m.status == table.claimed, m.claimed_by == claimant)
        .values(lease_until=now + timedelta(seconds=lease_s))
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


async def claimants(session: AsyncSession, table: Table) -> list[str]:
    m = table.t.c
    rows = await session.scalars(
        select(m.claimed_by).where(m.status == table.claimed, m.claimed_by.is_not(None)).distinct()
    )
    return [r for r in rows if r]


async def expire(session: AsyncSession, table: Table, stopped: Sequence[str], now: datetime) -> int:
    """End the leases of claimants known to have stopped, so their rows are taken over now."""
    if not stopped:
        return 0
    m = table.t.c
    result = await session.execute(
        update(table.t)
        .where(m.status == table.claimed, m.claimed_by.in_(stopped), m.lease_until > now)
        .values(lease_until=now)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


async def counts(session: AsyncSession, table: Table) -> dict[str, Any]:
    """Waiting rows and their oldest time, failed, uncertain and possibly repeated rows."""
    m = table.t.c
    oldest_col = m[table.created or table.due]
    waiting = m.status.in_((table.pending, table.claimed))
    pending, oldest = (
        await session.execute(select(func.count(m.id), func.min(oldest_col)).where(waiting))
    ).one()
    rows = await session.execute(
        select(m.status, func.count(m.id))
        .where(m.status.in_((table.failed, table.uncertain)))
        .group_by(m.status)
    )
    by_status: dict[str, int] = {str(s): int(n) for s, n in rows}
    resent = await session.scalar(
        select(func.count(m.id)).where(m.resends > 0, m.status == table.done)
    )
    error = await session.scalar(
        select(m[table.error]).where(waiting, m[table.error] != "").order_by(m.id).limit(1)
    )
    return {
        "pending": int(pending),
        "oldest": oldest,
        "failed": by_status.get(table.failed, 0),
        "uncertain": by_status.get(table.uncertain, 0),
        "resent": int(resent or 0),
        "last_error": error or "",
    }
