"""Updates accepted by a webhook, kept until handled: in order per chat, and never lost.

With several processes behind a load balancer, a resident's second message may reach another
process than their first, and a process killed after answering Telegram "200" would lose the
updates it had accepted. So the webhook writes each update here before it answers (a duplicate
delivery, same ``update_id``, is recognised and dropped), the process that received it handles it
once every earlier update of the same chat has been handled (``turn``), and removes it when done.
Rows carry a lease renewed by the holder's heartbeat; the rows of a process that stopped are
taken over by another, which handles them in order, its replies marked as a possible repeat (the
first try may have answered before the process died).
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

from sqlalchemy import delete, func, or_, select, update

from bot.localtime import Clock, system_clock
from bot.replicas.models import InboxUpdate
from bot.storage.db import Database
from bot.storage.upsert import insert_for_dialect

log = logging.getLogger(__name__)

POLL_S = 0.02  # how often a waiting update looks whether the chat's earlier ones are done


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
    ) -> None:
        self.db = db
        self.holder = holder
        self.lease_s = lease_s
        self.clock = clock
        self.max_wait_s = max_wait_s if max_wait_s is not None else lease_s * 4 + 30
        self._done: dict[int, asyncio.Event] = {}  # chat → set when an update of it finishes

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
        return bool(kept)

    @asynccontextmanager
    async def turn(self, update_id: int, chat_id: int | None) -> AsyncIterator[Turn]:
        """Wait until the chat's earlier updates are handled; remove this one when done."""
        repeat = await self._wait(update_id, chat_id)
        try:
            yield Turn(update_id, repeat)
        finally:
            try:
                async with self.db.engine.begin() as conn:
                    gone = delete(InboxUpdate).where(InboxUpdate.update_id == update_id)
                    await conn.execute(gone)
            except Exception:  # the lease runs out and another process handles it again
                log.warning("update %d handled but not removed from the inbox", update_id)
            self._finished(chat_id)

    def _finished(self, chat_id: int | None) -> None:
        """Wake this process's updates of the chat waiting for an earlier one to finish."""
        event = self._done.pop(chat_id, None) if chat_id is not None else None
        if event is not None:
            event.set()

    async def _wait(self, update_id: int, chat_id: int | None) -> bool:
        """Earlier updates held here are waited for without asking the database again until
        one finishes; only one held by another process is looked for every ``POLL_S``."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.max_wait_s
        while True:
            query = select(InboxUpdate.update_id, InboxUpdate.holder, InboxUpdate.takeovers)
            if chat_id is None:
                query = query.where(InboxUpdate.update_id == update_id)
            else:
                query = query.where(
                    InboxUpdate.chat_id == chat_id, InboxUpdate.update_id <= update_id
                )
            async with self.db.engine.connect() as conn:
                rows = (await conn.execute(query)).all()
            mine = next((r for r in rows if r.update_id == update_id), None)
            earlier = [r for r in rows if r.update_id != update_id]
            repeat = bool(mine is not None and mine.takeovers)
            if not earlier:
                return repeat
            remaining = deadline - loop.time()
            if remaining <= 0:
                log.warning("update %d of chat %s: earlier updates still waiting after %.0f s; "
                            "handled now", update_id, chat_id, self.max_wait_s)  # fmt: skip
                return repeat
            if all(r.holder == self.holder for r in earlier) and chat_id is not None:
                event = self._done.setdefault(chat_id, asyncio.Event())
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(event.wait(), min(remaining, 1.0))
            else:
                await asyncio.sleep(POLL_S)

    async def renew(self) -> int:
        """The heartbeat: keep the leases of updates this process has not finished."""
        async with self.db.sessions.begin() as session:
            result = await session.execute(
                update(InboxUpdate)
                .where(InboxUpdate.holder == self.holder)
                .values(lease_until=self._lease())
            )
        return int(result.rowcount)  # type: ignore[attr-defined]

    async def expire(self, processes: Sequence[str]) -> int:
        """Processes (``pid@host``) known to have stopped: their updates may be taken now."""
        if not processes:
            return 0
        held = or_(*(InboxUpdate.holder.startswith(p + "#") for p in processes))
        async with self.db.sessions.begin() as session:
            result = await session.execute(
                update(InboxUpdate).where(held).values(lease_until=self.clock())
            )
        return int(result.rowcount)  # type: ignore[attr-defined]

    async def hand_back(self) -> int:
        """On a clean stop: what this process did not handle goes to the others at once."""
        async with self.db.sessions.begin() as session:
            result = await session.execute(
                update(InboxUpdate)
                .where(InboxUpdate.holder == self.holder)
                .values(lease_until=self.clock())
            )
        return int(result.rowcount)  # type: ignore[attr-defined]

    async def take_expired(self, limit: int = 100) -> list[dict[str, object]]:
        """Updates whose holder stopped renewing them, now this process's, oldest first."""
        now = self.clock()
        async with self.db.sessions.begin() as session:
            ids = list(
                await session.scalars(
                    select(InboxUpdate.update_id)
                    .where(InboxUpdate.lease_until <= now)
                    .order_by(InboxUpdate.update_id)
                    .limit(limit)
                )
            )
            if not ids:
                return []
            result = await session.execute(
                update(InboxUpdate)
                .where(InboxUpdate.update_id.in_(ids), InboxUpdate.lease_until <= now)
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
        async with self.db.sessions() as session:
            return int(await session.scalar(select(func.count()).select_from(InboxUpdate)) or 0)
