"""Job leases: one holder per named job across every process sharing the database.

A lease is a row ``(name, holder, expires_at)``. It is taken when it is free, expired or held by a
process on this host that no longer exists, and renewed by its holder well before it expires
(``Leases.renew``, from the keeper's heartbeat). A holder that cannot renew stops acting on a
lease a margin before it expires, so two processes never both believe they hold one. The same
statement works on PostgreSQL and SQLite (``INSERT ... ON CONFLICT DO UPDATE ... WHERE``).

Calendar jobs (a weekly digest) also record their run per period in ``job_runs``: a lease
changing hands at the wrong moment never runs one twice.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import case, delete, or_, select, update
from sqlalchemy.exc import IntegrityError

from bot.localtime import Clock, as_utc, system_clock
from bot.outbox.claimant import stopped_here
from bot.replicas.models import JobLease, JobRun
from bot.storage.db import Database
from bot.storage.upsert import insert_for

log = logging.getLogger(__name__)

MARGIN = 0.25  # a holder stops acting when this share of the lease is left unrenewed
ALIVE = "alive:"  # each process's own lease: held while it lives (``pid@host``)


@dataclass(frozen=True, slots=True)
class LeaseView:
    name: str
    holder: str
    expires_at: datetime


@dataclass
class Leases:
    """This process's leases; ``claim`` is asked before each run of an exclusive job."""

    db: Database
    holder: str
    ttl_s: float = 10.0
    clock: Clock = system_clock
    monotonic: Callable[[], float] = time.monotonic
    _held: dict[str, float] = field(default_factory=dict)  # name → monotonic time to stop acting

    def holds(self, name: str) -> bool:
        until = self._held.get(name)
        return until is not None and self.monotonic() < until

    @property
    def held(self) -> list[str]:
        return sorted(n for n in self._held if self.holds(n))

    async def claim(self, name: str) -> bool:
        """True if this process holds ``name`` now (taking it if it is free)."""
        if self.holds(name):
            return True
        return await self._take(name)

    async def _take(self, name: str) -> bool:
        started = self.monotonic()
        now = self.clock()
        async with self.db.sessions.begin() as session:
            current = await session.scalar(select(JobLease.holder).where(JobLease.name == name))
            stopped = current is not None and stopped_here(current, self.holder)
            values = {"holder": self.holder, "acquired_at": now,
                      "expires_at": now + timedelta(seconds=self.ttl_s)}  # fmt: skip
            stmt = insert_for(session, JobLease).values(name=name, **values)
            ours = JobLease.holder == self.holder
            free = or_(ours, JobLease.expires_at <= now)
            if stopped:
                free = or_(free, JobLease.holder == current)
            first = case((JobLease.holder == self.holder, JobLease.acquired_at), else_=now)
            stmt = stmt.on_conflict_do_update(
                index_elements=["name"],
                set_={**values, "acquired_at": first},
                where=free,
            ).returning(JobLease.holder)
            got = (await session.execute(stmt)).scalar()
        if got != self.holder:
            self._held.pop(name, None)
            return False
        if name not in self._held:
            log.info("this process now runs %s", name)
        self._held[name] = started + self.ttl_s * (1 - MARGIN)
        return True

    async def renew(self) -> None:
        """Renew every lease held (the heartbeat), in one statement; a lease that went to
        another process (this one was too slow) stops being acted on at once."""
        names = list(self._held)
        if not names:
            return
        started, now = self.monotonic(), self.clock()
        async with self.db.sessions.begin() as session:
            result = await session.execute(
                update(JobLease)
                .where(JobLease.name.in_(names), JobLease.holder == self.holder)
                .values(expires_at=now + timedelta(seconds=self.ttl_s))
                .returning(JobLease.name)
            )
            kept = set(result.scalars())
        for name in names:
            if name in kept:
                self._held[name] = started + self.ttl_s * (1 - MARGIN)
            else:
                self._held.pop(name, None)
                log.warning("the lease of %s went to another process", name)

    async def release(self) -> None:
        """On a clean stop: free every lease at once, so another process takes over now."""
        names = list(self._held)
        self._held.clear()
        if not names:
            return
        async with self.db.sessions.begin() as session:
            await session.execute(
                delete(JobLease).where(JobLease.name.in_(names), JobLease.holder == self.holder)
            )

    async def all(self) -> list[LeaseView]:
        async with self.db.sessions() as session:
            found = select(JobLease.name, JobLease.holder, JobLease.expires_at)
            rows = await session.execute(found)
            return [LeaseView(n, h, as_utc(e)) for n, h, e in rows]

    async def has_run(self, name: str, period: str) -> bool:
        """Whether calendar job ``name`` was recorded for ``period``: asked every minute, so a
        read, not the insert :meth:`once` would refuse."""
        async with self.db.sessions() as session:
            found = select(JobRun.name).where(JobRun.name == name, JobRun.period == period)
            return await session.scalar(found) is not None

    async def once(self, name: str, period: str) -> bool:
        """Record the run of calendar job ``name`` for ``period``; False if it already ran."""
        try:
            async with self.db.sessions.begin() as session:
                session.add(JobRun(name=name, period=period, holder=self.holder,
                                   started_at=self.clock()))  # fmt: skip
        except IntegrityError:
            return False
        return True


def expired(leases: Iterable[LeaseView], now: datetime) -> list[LeaseView]:
    return [lease for lease in leases if lease.expires_at <= now]
