"""Once a day across processes: the first process to claim a London day runs the job.

A claim is a row keyed by the day, inserted if absent, so two processes racing for it cannot
both win on either engine. A run that never finished (its process was killed) is taken over
when its process is gone from this host, or when it is older than ``stale``; the job removes
only what is past its date, so running it twice does no harm. This is deliberately one small
function pair: a general job lease can wrap ``run`` instead.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, select, update

from bot.localtime import as_utc
from bot.outbox.claimant import stopped_here
from bot.retention.models import RetentionRun
from bot.storage.db import Database
from bot.storage.upsert import insert_for

STALE = timedelta(hours=1)


async def claim_day(
    db: Database, day: str, holder: str, now: datetime, stale: timedelta = STALE
) -> bool:
    """True when this process should run today's job (and now holds the day)."""
    async with db.sessions.begin() as session:
        stmt = insert_for(session, RetentionRun).values(
            day=day, holder=holder, started_at=now, finished_at=None, detail=""
        )
        inserted = await session.execute(stmt.on_conflict_do_nothing(index_elements=["day"]))
        if inserted.rowcount:  # type: ignore[attr-defined]
            return True
        row = await session.scalar(select(RetentionRun).where(RetentionRun.day == day))
        if row is None or row.finished_at is not None:
            return False
        started = as_utc(row.started_at)
        if not stopped_here(row.holder, holder) and started > now - stale:
            return False
        taken = await session.execute(
            update(RetentionRun)
            .where(RetentionRun.day == day, RetentionRun.holder == row.holder,
                   RetentionRun.finished_at.is_(None))
            .values(holder=holder, started_at=now)
        )  # fmt: skip
        return bool(taken.rowcount)  # type: ignore[attr-defined]


async def finish_day(db: Database, day: str, holder: str, now: datetime, detail: str) -> None:
    async with db.sessions.begin() as session:
        await session.execute(
            update(RetentionRun)
            .where(RetentionRun.day == day, RetentionRun.holder == holder)
            .values(finished_at=now, detail=detail[:300])
        )


async def release_day(db: Database, day: str, holder: str) -> None:
    """A run that failed gives the day back, so the next check (here or elsewhere) tries again."""
    async with db.sessions.begin() as session:
        await session.execute(
            delete(RetentionRun).where(
                RetentionRun.day == day, RetentionRun.holder == holder,
                RetentionRun.finished_at.is_(None),
            )
        )  # fmt: skip
