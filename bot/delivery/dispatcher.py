"""The due-work pass: send what is due, once, respecting quiet hours and pauses.

Each row is claimed (a conditional update) before it is sent and marked sent after, so a pass that
overlaps another, or a second process, never sends it twice; rows due while the bot was down are
simply overdue and go out on the first pass after start-up. A claim older than
``claim_timeout`` was left by a process that died mid-pass and is released on start-up: the one
case that can repeat a message is a crash between Telegram accepting it and the row being marked,
which we prefer to losing a reminder.

A resident's quiet hours or pause defer a message to the end of the window; nothing is dropped.
What a message says is decided when it is sent: ``renderers`` build the text of kinds that depend
on live data (an event reminder checks the event is still on) and may return None to skip it.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Protocol

from bot.answers import Reply, ReplyKind
from bot.delivery import store
from bot.delivery.store import Due
from bot.localtime import Clock
from bot.storage.db import Database

log = logging.getLogger(__name__)

RETRY_AFTER = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30))
MAX_ATTEMPTS = len(RETRY_AFTER) + 1


class Outcome(StrEnum):
    SENT = "sent"
    RETRY = "retry"  # a temporary failure (network, rate limit): try again later
    GONE = "gone"  # the resident blocked the bot or the chat no longer exists


class Sender(Protocol):
    async def send(self, resident_id: int, reply: Reply) -> Outcome: ...


Renderer = Callable[[Due, datetime], Awaitable[Reply | None]]
Gate = Callable[[int, datetime], Awaitable[datetime | None]]


@dataclass
class PassReport:
    sent: int = 0
    deferred: int = 0
    skipped: int = 0
    retried: int = 0
    failed: int = 0


class Dispatcher:
    def __init__(
        self,
        db: Database,
        clock: Clock,
        gate: Gate,
        renderers: Mapping[str, Renderer] | None = None,
        claim_timeout: timedelta = timedelta(minutes=5),
    ) -> None:
        self._db = db
        self._clock = clock
        self._gate = gate
        self._renderers = dict(renderers or {})
        self._claim_timeout = claim_timeout

    def add_renderer(self, kind: str, renderer: Renderer) -> None:
        self._renderers[kind] = renderer

    async def schedule(
        self,
        resident_id: int,
        kind: str,
        due_at: datetime,
        *,
        text: str = "",
        ref: str = "",
        dedupe_key: str | None = None,
    ) -> bool:
        """Queue a message for one resident; for many, use ``store.schedule`` in one session."""
        async with self._db.sessions.begin() as session:
            return await store.schedule(
                session, resident_id, kind, due_at, text=text, ref=ref, dedupe_key=dedupe_key
            )

    async def recover(self) -> int:
        """At start-up: release claims left by a process that stopped mid-pass."""
        async with self._db.sessions.begin() as session:
            released = await store.release_stale(session, self._clock() - self._claim_timeout)
        if released:
            log.warning("released %d scheduled messages claimed by a stopped process", released)
        return released

    async def run_due(self, sender: Sender, limit: int = 500) -> PassReport:
        report = PassReport()
        now = self._clock()
        async with self._db.sessions() as session:
            rows = await store.due(session, now, limit)
        for row in rows:
            await self._one(row, sender, report)
        return report

    async def _settle(self, row: Due, status: str, **values: object) -> None:
        async with self._db.sessions.begin() as session:
            await store.settle(session, row.id, status, **values)  # type: ignore[arg-type]

    async def _one(self, row: Due, sender: Sender, report: PassReport) -> None:
        now = self._clock()
        async with self._db.sessions.begin() as session:
            if not await store.claim(session, row.id, now):
                return
        later = await self._gate(row.resident_id, now)
        if later is not None:
            await self._settle(row, store.PENDING, due_at=later, detail="quiet hours or paused")
            report.deferred += 1
            return
        reply = await self._render(row, now)
        if reply is None:
            await self._settle(row, store.SKIPPED, detail="no longer relevant")
            report.skipped += 1
            return
        try:
            outcome = await sender.send(row.resident_id, reply)
        except Exception:
            log.exception("sending scheduled message %d failed", row.id)
            outcome = Outcome.RETRY
        await self._after_send(row, outcome, report)

    async def _render(self, row: Due, now: datetime) -> Reply | None:
        renderer = self._renderers.get(row.kind)
        if renderer is not None:
            return await renderer(row, now)
        return Reply(ReplyKind.ANSWER, row.text) if row.text else None

    async def _after_send(self, row: Due, outcome: Outcome, report: PassReport) -> None:
        now = self._clock()
        if outcome is Outcome.SENT:
            await self._settle(row, store.SENT, at=now)
            report.sent += 1
        elif outcome is Outcome.GONE:
            await self._settle(row, store.FAILED, detail="resident unreachable")
            report.failed += 1
        elif row.attempts + 1 >= MAX_ATTEMPTS:
            await self._settle(row, store.FAILED, attempts=row.attempts + 1, detail="gave up")
            report.failed += 1
        else:
            retry_at = now + RETRY_AFTER[row.attempts]
            await self._settle(row, store.PENDING, due_at=retry_at, attempts=row.attempts + 1)
            report.retried += 1
