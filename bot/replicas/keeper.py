"""The heartbeat of one process: keeps its leases, and takes over what dead processes held.

Every ``interval`` seconds the keeper renews this process's own ``alive:pid@host`` lease and every
job lease it holds. It then looks for processes whose ``alive:`` lease ran out (killed, frozen,
their machine gone) or that stopped on this host, and hands what they held to the living at
once: each outbox ends their claims' leases (the rows go again, marked as possible repeats) and
the update inbox gives their unhandled updates to this process. A clean stop releases
everything before the process exits, so nothing waits for a lease to run out.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Sequence

from sqlalchemy import delete

from bot.outbox.claimant import stopped_here
from bot.replicas.identity import Replica
from bot.replicas.leases import ALIVE, Leases
from bot.replicas.models import JobLease

log = logging.getLogger(__name__)

# Given the ``pid@host`` of dead processes, take over what they held; returns how many rows.
TakeOver = Callable[[Sequence[str]], Awaitable[int]]


class Keeper:
    def __init__(self, replica: Replica, leases: Leases, interval_s: float | None = None) -> None:
        self.replica = replica
        self.leases = leases
        self.interval_s = interval_s or max(leases.ttl_s / 4, 0.2)
        self.alive = ALIVE + replica.process
        self._takeovers: list[TakeOver] = []
        self._beats: list[Callable[[], Awaitable[object]]] = []
        self._stop = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self.beats = 0

    def on_dead(self, takeover: TakeOver) -> None:
        self._takeovers.append(takeover)

    def on_beat(self, step: Callable[[], Awaitable[object]]) -> None:
        """Run at every heartbeat, after the leases (renewing claims, taking expired ones)."""
        self._beats.append(step)

    async def start(self) -> None:
        await self.leases.claim(self.alive)
        await self.beat()
        self._task = asyncio.create_task(self._run(), name="replica-keeper")

    async def stop(self) -> None:
        self._stop.set()
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        with contextlib.suppress(Exception):
            await self.leases.release()

    async def _run(self) -> None:
        while not self._stop.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stop.wait(), self.interval_s)
            if self._stop.is_set():
                return
            try:
                await self.beat()
            except Exception:  # the database is away: try again at the next beat
                log.warning("replica heartbeat failed; trying again", exc_info=True)

    async def beat(self) -> None:
        self.beats += 1
        try:
            await self.leases.renew()
        except Exception:  # the database is away: nothing is acted on past its margin
            log.warning("could not renew this process's leases")
        if not self.leases.holds(self.alive):
            await self.leases.claim(self.alive)
        dead = await self.dead_processes()
        if dead:
            await self.take_over(dead)
        for step in self._beats:
            await step()

    async def dead_processes(self) -> list[str]:
        now = self.leases.clock()
        found = []
        for lease in await self.leases.all():
            if not lease.name.startswith(ALIVE) or lease.holder == self.leases.holder:
                continue
            if lease.expires_at <= now or stopped_here(lease.holder, self.leases.holder):
                found.append(lease.name.removeprefix(ALIVE))
        return found

    async def take_over(self, processes: Sequence[str]) -> None:
        moved = 0
        for takeover in self._takeovers:
            moved += await takeover(processes)
        async with self.leases.db.sessions.begin() as session:
            await session.execute(
                delete(JobLease).where(JobLease.name.in_([ALIVE + p for p in processes]))
            )
        log.warning("processes %s stopped; %d of their claims taken over", ", ".join(processes),
                    moved)  # fmt: skip
