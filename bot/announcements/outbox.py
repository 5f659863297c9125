"""The announcement worker: sends every delivery at Telegram's pace, shared by processes.

Claims, outcomes and retries are the shared outbox's (``bot.outbox``): each delivery is claimed
with a lease immediately before its one Telegram call and its outcome recorded immediately
after. Before claiming, the worker waits for its turn in the global pace and for a free call
slot, so a claim is never held while waiting. A call whose answer was lost (a timeout, a dropped
connection) or whose process was killed mid-call may have reached the resident: it is sent at
most once more, starting "(possible repeat of announcement #12)", and the officer's report
counts it; a second loss leaves it uncertain and it is not sent again. Telegram offers no
idempotency key that would close that window.

One global rate across processes
--------------------------------
Workers register in ``broadcast_workers`` with a heartbeat. Each live worker sends at
``rate / live workers`` (live: heartbeat within ``lease``), re-read on every heartbeat. A worker
joining others waits one heartbeat interval before its first send, so the others have seen it and
lowered their share first; the total never exceeds ``rate``. A dead worker's share is unused
until it is recognised as dead (under-use, never overshoot). The heartbeat also renews the
worker's leases and takes over at once the claims of a stopped process on this host.

Each chat gets one message a second across processes too: on PostgreSQL a worker takes the
chat's turn in ``send_pace`` before its call, and defers the delivery if another process's
message to that chat is less than a second old.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement

from bot.announcements import store
from bot.announcements.audience import AudienceKind, AudiencePolicy
from bot.announcements.models import Delivery
from bot.announcements.pacing import Pacer, Timer
from bot.announcements.sending import (
    Content,
    LostAnswer,
    Messenger,
    RateLimited,
    Rejected,
    SendError,
    Unreachable,
    possible_repeat,
)
from bot.localtime import Clock, as_utc, system_clock
from bot.outbox import Attempt, Backoff, Claimed, Outbox, Table, Verdict
from bot.outbox.claimant import new_claimant, pid_alive
from bot.replicas.pace import SharedPace
from bot.storage.db import Database

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class OutboxSettings:
    rate: float = 25.0  # messages per second, all workers together
    per_chat_interval: float = 1.0  # seconds between two messages to one chat
    concurrency: int = 8  # Telegram calls in flight per worker
    max_attempts: int = 5  # for 5xx / timeouts / network errors
    backoff: float = 2.0  # seconds before the first retry, doubling each time
    max_backoff: float = 300.0
    heartbeat: float = 2.0
    lease: float = 15.0  # a worker silent this long is taken as stopped
    idle_poll: float = 1.0


TABLE = Table(
    Delivery, due="not_before", error="detail", error_len=200, claimed=store.CLAIMED,
    done=store.SENT, gone=store.BLOCKED, skipped=store.SKIPPED, finished="finished_at",
)  # fmt: skip
COLUMNS = ("announcement_id", "resident_id", "action", "message_id")


@dataclass
class _Sent:
    content: Content
    topic: str | None


@dataclass(frozen=True, slots=True)
class _Row:
    """A claimed delivery, as the worker needs it."""

    claim: Claimed
    announcement_id: int
    resident_id: int
    action: str
    message_id: int | None

    @property
    def id(self) -> int:
        return self.claim.id

    @classmethod
    def of(cls, claim: Claimed) -> _Row:
        return cls(claim, **claim.data)


@dataclass
class OutboxWorker:
    db: Database
    policy: AudiencePolicy
    messenger: Messenger
    settings: OutboxSettings = field(default_factory=OutboxSettings)
    timer: Timer = field(default_factory=Timer)
    wall: Clock = system_clock
    host: str = field(default_factory=socket.gethostname)
    pid: int = field(default_factory=os.getpid)

    def __post_init__(self) -> None:
        self.id = new_claimant(self.pid, self.host)
        self.pacer = Pacer(self.settings.rate, self.settings.per_chat_interval, self.timer)
        backoff = Backoff(
            self.settings.backoff, self.settings.max_backoff,
            max_attempts=self.settings.max_attempts, rate_limits_count=False,
        )  # fmt: skip
        self.outbox = Outbox(
            self.db, TABLE, backoff, name="announcements", lease_s=self.settings.lease,
            clock=self.wall, claimant=self.id,
        )  # fmt: skip
        # Several processes on PostgreSQL: one message a second per chat across all of them.
        shared = self.db.backend == "postgresql"
        self.pace = SharedPace(self.db, lambda: self.wall().timestamp()) if shared else None
        self._slots = asyncio.Semaphore(self.settings.concurrency)
        self._tasks: set[asyncio.Task[None]] = set()
        self._announcements: dict[int, _Sent] = {}
        self._wake = asyncio.Event()
        self._last_beat: float | None = None
        self._first_send_at = 0.0
        self._registered = False

    # ------------------------------------------------------------------------- lifecycle

    async def start(self) -> None:
        async with self.db.sessions.begin() as session:
            await store.register_worker(session, self.id, self.host, self.pid, self.wall())
        self._registered = True
        live = await self._beat()
        if live > 1:
            self._first_send_at = self.timer.now() + self.settings.heartbeat

    async def stop(self) -> None:
        """Finish the calls in flight (each is recorded) and leave the pool of workers."""
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)
        if self._registered:
            async with self.db.sessions.begin() as session:
                await store.remove_workers(session, [self.id])
            self._registered = False

    def wake(self) -> None:
        """Something new is due (an announcement was confirmed or approved)."""
        self._wake.set()

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                if await self._step():
                    continue
                await self._idle(stop)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("announcement outbox pass failed; retrying shortly")
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), self.settings.idle_poll)

    async def drain(self, max_wait: float = 0.0) -> None:
        """Send everything due; wait (on the injected timer) for what falls due within
        ``max_wait`` seconds. For tests and the benchmark's bookkeeping."""
        deadline = self.timer.now() + max_wait
        while True:
            if await self._step():
                continue
            if self._tasks:
                await asyncio.gather(*self._tasks, return_exceptions=True)
                continue
            delay = await self._seconds_until_due()
            busy = delay is not None and delay <= 0  # due, but its chat must wait a moment
            if delay is None or (not busy and self.timer.now() + delay > deadline):
                await self._finish_idle()
                return
            await self.timer.sleep(self.settings.per_chat_interval / 4 if busy else delay)

    # -------------------------------------------------------------------------- one step

    async def _step(self) -> bool:
        """Claim, check and hand over one delivery; False when nothing can go now.

        The turn in the pace and a call slot come first, the claim last: a claim is held only
        for its one call, well inside its lease.
        """
        await self._beat_if_due()
        if self.timer.now() < self._first_send_at:
            await self.timer.sleep(self._first_send_at - self.timer.now())
        await self._slots.acquire()
        slot = await self.pacer.wait_turn()
        row = await self._claim()
        if row is None or (
            row.action == store.SEND
            and not (await self._may_send(row) and await self._chat_free(row))
        ):
            self.pacer.give_back(slot)
            self._slots.release()
            return row is not None
        self.pacer.sent_to(row.resident_id)
        task = asyncio.create_task(self._call(row))
        self._tasks.add(task)
        task.add_done_callback(self._done)
        await asyncio.sleep(0)  # the call starts in its turn, not after the next one's wait
        return True

    async def _claim(self) -> _Row | None:
        live = store.live_announcements()
        busy = self.pacer.busy_chats()

        def where(c: Any) -> list[ColumnElement[bool]]:
            conditions = [c.announcement_id.in_(live)]
            if busy:
                conditions.append(c.resident_id.not_in(busy))
            return conditions

        claimed = await self.outbox.claim(where, columns=COLUMNS)
        return None if claimed is None else _Row.of(claimed)

    def _done(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        self._slots.release()

    async def _may_send(self, row: _Row) -> bool:
        """Pause, unsubscribe and quiet hours, asked just before the message would go."""
        sent = await self._announcement(row.announcement_id)
        if not await self.policy.may_receive(row.resident_id, sent.topic):
            await self.outbox.settle(row.claim, Attempt.skip("paused or unsubscribed"))
            return False
        now = self.wall()
        later = await self.policy.deferral(row.resident_id, now)
        if later is not None and as_utc(later) > now:
            await self.outbox.settle(row.claim, Attempt.defer(as_utc(later), store.QUIET_HOURS))
            return False
        return True

    async def _chat_free(self, row: _Row) -> bool:
        """The chat's turn across processes; if another process just sent to it, later."""
        if self.pace is None:
            return True
        wait = await self.pace.reserve(row.resident_id, self.settings.per_chat_interval)
        if wait <= 0:
            return True
        until = self.wall() + timedelta(seconds=wait)
        busy = Attempt.defer(until, "another process sent to the chat")
        await self.outbox.settle(row.claim, busy)
        return False

    async def _call(self, row: _Row) -> None:
        async def deliver(claim: Claimed) -> Attempt:
            return await self._deliver(row)

        attempt = await self.outbox.attempt(row.claim, deliver)
        if attempt.verdict is Verdict.RATE_LIMITED and attempt.retry_after is not None:
            self.pacer.refused(row.resident_id, attempt.retry_after)
        status = await self.outbox.settle(row.claim, attempt)
        if status == store.BLOCKED:
            await self.policy.mark_unreachable(row.resident_id)

    async def _deliver(self, row: _Row) -> Attempt:
        try:
            if row.action == store.SEND:
                sent = await self._announcement(row.announcement_id)
                content = sent.content
                if row.claim.possible_repeat:
                    content = possible_repeat(content, row.announcement_id)
                message_id = await self.messenger.send(row.resident_id, content)
                return Attempt.sent(message_id=message_id)
            assert row.message_id is not None
            await self.messenger.delete(row.resident_id, row.message_id)
            return Attempt.sent(detail="deleted")
        except SendError as exc:
            return _attempt(exc, row.action)

    async def _announcement(self, announcement_id: int) -> _Sent:
        cached = self._announcements.get(announcement_id)
        if cached is None:
            async with self.db.sessions() as session:
                record = await store.get(session, announcement_id)
            assert record is not None
            topic = record.audience.topic if record.audience.kind is AudienceKind.TOPIC else None
            cached = _Sent(Content(record.text, record.photo), topic)
            self._announcements[announcement_id] = cached
        return cached

    # -------------------------------------------------------------------------- idling

    async def _seconds_until_due(self) -> float | None:
        async with self.db.sessions() as session:
            due = await store.next_due(session)
        if due is None:
            return None
        return (as_utc(due) - self.wall()).total_seconds()

    async def _finish_idle(self) -> None:
        async with self.db.sessions.begin() as session:
            finished = await store.finish_idle(session, self.wall())
        for announcement_id in finished:
            log.info("announcement %d: nothing left to send", announcement_id)

    async def _idle(self, stop: asyncio.Event) -> None:
        await self._finish_idle()
        delay = await self._seconds_until_due()
        timeout = self.settings.idle_poll
        if delay is not None:
            timeout = min(max(delay, self.settings.per_chat_interval / 4), timeout)
        self._wake.clear()
        waits = [asyncio.ensure_future(self._wake.wait()), asyncio.ensure_future(stop.wait())]
        try:
            await asyncio.wait(waits, timeout=max(timeout, 0.01), return_when="FIRST_COMPLETED")
        finally:
            for waiter in waits:
                waiter.cancel()

    # ---------------------------------------------------------------------- heartbeats

    async def _beat_if_due(self) -> None:
        now = self.timer.now()
        if self._last_beat is None or now - self._last_beat >= self.settings.heartbeat:
            await self._beat()

    async def _beat(self) -> int:
        """Refresh our heartbeat and leases, take over stopped workers' claims, take our share
        of the rate."""
        self._last_beat = self.timer.now()
        now = self.wall()
        stale = now - timedelta(seconds=self.settings.lease)
        async with self.db.sessions.begin() as session:
            await store.heartbeat(session, self.id, now)
            rows = await store.workers(session)
            if self.id not in {w for w, *_ in rows}:
                await store.register_worker(session, self.id, self.host, self.pid, now)
                rows.append((self.id, self.host, self.pid, now))
            dead = [
                w for w, host, pid, beat in rows
                if w != self.id and self._stopped(host, pid, beat, stale)
            ]  # fmt: skip
            await store.remove_workers(session, dead)
        live = len(rows) - len(dead)
        await self.outbox.renew()
        await self.outbox.release_stopped()
        self.pacer.set_rate(self.settings.rate / max(live, 1))
        return live

    def _stopped(self, host: str, pid: int, beat: datetime, stale: datetime) -> bool:
        if as_utc(beat) < stale:
            return True
        return host == self.host and pid != self.pid and not pid_alive(pid)


def _attempt(exc: SendError, action: str) -> Attempt:
    """A messenger's error in the shared outbox's words."""
    if isinstance(exc, RateLimited):
        return Attempt.rate_limited(exc.retry_after, exc.reason)
    if isinstance(exc, Unreachable):
        return Attempt.gone(exc.reason) if action == store.SEND else Attempt.rejected(exc.reason)
    if isinstance(exc, Rejected):
        return Attempt.rejected(exc.reason)
    if isinstance(exc, LostAnswer) and action == store.SEND:
        return Attempt.ambiguous(exc.reason)
    return Attempt.retry(exc.reason)  # a deletion can simply be repeated
