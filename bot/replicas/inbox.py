"""Updates accepted by a webhook, kept until handled: in order per chat, and never lost.

With several processes behind a load balancer, a resident's second message may reach another
process than their first (Telegram posts several updates at once), and a process killed after
answering Telegram "200" would lose the updates it had accepted. So:

* the webhook writes each update here before it answers; a repeated delivery (same
  ``update_id``) is recognised and dropped;
* before an update is handled (``turn``), every earlier update of its chat must be handled,
  wherever it was received. Telegram numbers updates one after another, so an earlier number
  not received yet (``GAP_WAIT_S``) may be this chat's earlier message still on its way: it is
  waited for briefly, then given up (Telegram skips numbers too, and a refused delivery comes
  back seconds later);
* a handled update stays as a number (``RETAIN_S``; the newest always), so a late repeat is
  still recognised, a handled number is not mistaken for a gap, and after a quiet spell the next
  number is known; in a new inbox, the number just before the first is waited for briefly;
* rows carry a lease renewed by the holder's heartbeat; those of a process that stopped are
  taken over by another, which handles them in order, its replies marked as a possible repeat
  (the first try may have answered before the process died).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, delete, func, or_, select, update

from bot.localtime import Clock, system_clock
from bot.replicas.models import InboxUpdate
from bot.storage.db import Database
from bot.storage.upsert import insert_for_dialect

log = logging.getLogger(__name__)

POLL_S = 0.05  # how often a waiting update looks again at what other processes hold
WINDOW = 128  # earlier numbers looked at: more than Telegram's updates in flight at once
GAP_WAIT_S = 0.5  # how long a missing earlier number is waited for
RETAIN_S = 120.0  # how long a handled update's number is kept


class InboxClosed(Exception):
    """This process is stopping: an update still waiting for its turn is left to the others."""


@dataclass(frozen=True, slots=True)
class Turn:
    update_id: int
    repeat: bool  # taken over from a process that stopped: it may have been answered already


class UpdateInbox:
    def __init__(
        self,
        db: Database,
        holder: str,
        lease_s: float,
        clock: Clock = system_clock,
        max_wait_s: float | None = None,
        gap_wait_s: float = GAP_WAIT_S,
    ) -> None:
        self.db = db
        self.holder = holder
        self.lease_s = lease_s
        self.clock = clock
        self.max_wait_s = max_wait_s if max_wait_s is not None else lease_s * 4 + 30
        self.gap_wait_s = gap_wait_s
        self._done: dict[int, asyncio.Event] = {}  # chat → set when an update of it finishes
        self._arrived = asyncio.Event()  # set (and replaced) when an update arrives here
        self._given_up: set[int] = set()  # missing numbers already waited for here
        self.closed = False

    def _lease(self) -> datetime:
        return self.clock() + timedelta(seconds=self.lease_s)

    async def receive(self, update_id: int, chat_id: int | None, body: dict[str, object]) -> bool:
        """Keep an update before Telegram is told it arrived; False: it was already here."""
        now = self.clock()
        async with self.db.engine.begin() as conn:
            stmt = insert_for_dialect(conn.dialect.name, InboxUpdate).values(
                update_id=update_id, chat_id=chat_id, body=json.dumps(body), holder=self.holder,
                lease_until=self._lease(), received_at=now, takeovers=0,
            )  # fmt: skip
            stmt = stmt.on_conflict_do_nothing(index_elements=["update_id"])
            kept = (await conn.execute(stmt)).rowcount
        if not kept:
            log.info("update %d was delivered twice; handled once", update_id)
        self._arrived.set()
        self._arrived = asyncio.Event()
        return bool(kept)

    @asynccontextmanager
    async def turn(self, update_id: int, chat_id: int | None) -> AsyncIterator[Turn]:
        """Wait until the chat's earlier updates are handled; mark this one handled after."""
        repeat = await self._wait(update_id, chat_id)
        try:
            yield Turn(update_id, repeat)
        finally:
            try:
                async with self.db.engine.begin() as conn:
                    await conn.execute(
                        update(InboxUpdate)
                        .where(InboxUpdate.update_id == update_id)
                        .values(handled_at=self.clock(), body="")
                    )
            except Exception:  # the lease runs out and another process handles it again
                log.warning("update %d handled but not marked so in the inbox", update_id)
            self._finished(chat_id)

    def close(self) -> None:
        """The process is stopping: updates waiting for their turn give up at once (they stay
        in the inbox, handed back to the others by ``hand_back``)."""
        self.closed = True
        for event in [self._arrived, *self._done.values()]:
            event.set()

    def _finished(self, chat_id: int | None) -> None:
        """Wake this process's updates of the chat waiting for an earlier one to finish."""
        event = self._done.pop(chat_id, None) if chat_id is not None else None
        if event is not None:
            event.set()

    async def _look(self, update_id: int, chat_id: int | None, gaps: bool) -> Any:
        """This update's row and the chat's earlier unhandled ones; with ``gaps``, the earlier
        numbers not received yet (a count first: the numbers only if some are missing)."""
        m = InboxUpdate
        mine_or_earlier = m.update_id == update_id
        if chat_id is not None:
            mine_or_earlier = or_(
                mine_or_earlier,
                and_(m.chat_id == chat_id, m.update_id < update_id, m.handled_at.is_(None)),
            )
        recent = (m.update_id > update_id - WINDOW, m.update_id < update_id)
        missing: list[int] = []
        # The numbers first, then the rows: a later statement sees all an earlier one saw (read
        # committed), so an earlier update received elsewhere between the two is either still
        # missing here or among the chat's rows. Rows first, it could be in neither.
        async with self.db.engine.connect() as conn:
            if gaps:
                lowest, count = (
                    await conn.execute(select(func.min(m.update_id), func.count()).where(*recent))
                ).one()
                if lowest is None:
                    # Nothing earlier is known (a new inbox): the number just before may be this
                    # chat's first message, still on its way to another process.
                    before = update_id - 1
                    missing = [] if before in self._given_up else [before]
                elif count < update_id - lowest:
                    have = set(await conn.scalars(select(m.update_id).where(*recent)))
                    missing = [n for n in range(lowest + 1, update_id)
                               if n not in have and n not in self._given_up]  # fmt: skip
            found = select(m.update_id, m.holder, m.takeovers).where(mine_or_earlier)
            rows = (await conn.execute(found)).all()
        return rows, missing

    async def _wait(self, update_id: int, chat_id: int | None) -> bool:
        """Wait without asking the database again until something changes here (an earlier
        update of the chat finished, an update arrived), or ``POLL_S`` for what other processes
        hold."""
        loop = asyncio.get_running_loop()
        started = loop.time()
        while True:
            if self.closed:
                raise InboxClosed(update_id)
            rows, missing = await self._look(update_id, chat_id, chat_id is not None)
            mine = next((r for r in rows if r.update_id == update_id), None)
            repeat = bool(mine is not None and mine.takeovers)
            earlier = [r for r in rows if r.update_id != update_id]
            waited = loop.time() - started
            if missing and waited >= self.gap_wait_s:  # not coming soon: not waited for again
                self._given_up.update(missing)
                missing = []
            if not earlier and not missing:
                return repeat
            if waited > self.max_wait_s:
                log.warning("update %d of chat %s: earlier updates still waiting after %.0f s; "
                            "handled now", update_id, chat_id, self.max_wait_s)  # fmt: skip
                return repeat
            elsewhere = any(r.holder != self.holder for r in earlier)
            if missing:  # it may arrive here, or at another process
                event, timeout = self._arrived, POLL_S
            elif elsewhere or chat_id is None:
                event, timeout = None, POLL_S
            else:
                event, timeout = self._done.setdefault(chat_id, asyncio.Event()), 1.0
            if event is None or self.closed:
                await asyncio.sleep(0 if self.closed else timeout)
                continue
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(event.wait(), timeout)

    async def renew(self) -> int:
        """The heartbeat: keep the leases of updates this process has not finished, and
        forget the numbers of updates handled long enough ago."""
        now = self.clock()
        async with self.db.engine.begin() as conn:
            result = await conn.execute(
                update(InboxUpdate)
                .where(InboxUpdate.holder == self.holder, InboxUpdate.handled_at.is_(None))
                .values(lease_until=self._lease())
            )
            # The newest number stays however old: after a quiet spell, the next update still
            # knows where the numbers stood, so an earlier one still on its way is waited for.
            newest = select(func.max(InboxUpdate.update_id)).scalar_subquery()
            await conn.execute(
                delete(InboxUpdate).where(
                    InboxUpdate.handled_at < now - timedelta(seconds=RETAIN_S),
                    InboxUpdate.update_id < newest,
                )
            )
        if len(self._given_up) > 10 * WINDOW:
            self._given_up = set(sorted(self._given_up)[-WINDOW:])
        return int(result.rowcount)

    async def expire(self, processes: Sequence[str]) -> int:
        """Processes (``pid@host``) known to have stopped: their updates may be taken now."""
        if not processes:
            return 0
        held = or_(*(InboxUpdate.holder.startswith(p + "#") for p in processes))
        async with self.db.engine.begin() as conn:
            result = await conn.execute(
                update(InboxUpdate)
                .where(held, InboxUpdate.handled_at.is_(None))
                .values(lease_until=self.clock())
            )
        return int(result.rowcount)

    async def expire_ids(self, update_ids: Sequence[int]) -> None:
        """Give back updates just taken, for another process to take."""
        async with self.db.engine.begin() as conn:
            await conn.execute(
                update(InboxUpdate)
                .where(InboxUpdate.update_id.in_(list(update_ids)))
                .values(lease_until=self.clock())
            )

    async def hand_back(self) -> int:
        """On a clean stop: what this process did not handle goes to the others at once."""
        async with self.db.engine.begin() as conn:
            result = await conn.execute(
                update(InboxUpdate)
                .where(InboxUpdate.holder == self.holder, InboxUpdate.handled_at.is_(None))
                .values(lease_until=self.clock())
            )
        return int(result.rowcount)

    async def take_expired(self, limit: int = 100) -> list[dict[str, object]]:
        """Updates whose holder stopped renewing them, now this process's, oldest first."""
        now = self.clock()
        waiting = (InboxUpdate.lease_until <= now, InboxUpdate.handled_at.is_(None))
        async with self.db.engine.begin() as conn:
            ids = list(
                await conn.scalars(
                    select(InboxUpdate.update_id)
                    .where(*waiting)
                    .order_by(InboxUpdate.update_id)
                    .limit(limit)
                )
            )
            if not ids:
                return []
            result = await conn.execute(
                update(InboxUpdate)
                .where(InboxUpdate.update_id.in_(ids), *waiting)
                .values(
                    holder=self.holder,
                    lease_until=self._lease(),
                    takeovers=InboxUpdate.takeovers + 1,
                )
                .returning(InboxUpdate.update_id, InboxUpdate.body)
            )
            taken = sorted(result.all())
        if taken:
            log.warning("%d updates of a stopped process are handled here", len(taken))
        return [json.loads(body) for _id, body in taken]

    async def backlog(self) -> int:
        """Updates accepted by any process and not handled yet."""
        async with self.db.engine.connect() as conn:
            found = await conn.scalar(
                select(func.count())
                .select_from(InboxUpdate)
                .where(InboxUpdate.handled_at.is_(None))
            )
        return int(found or 0)
