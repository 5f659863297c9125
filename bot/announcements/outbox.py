"""The outbox worker: sends every delivery once, at Telegram's pace, surviving crashes.

Exactly once, and the one window that cannot be closed
------------------------------------------------------
Each delivery is claimed (``pending`` → ``sending``, with this worker's id) in its own short
transaction immediately before its one Telegram call, and its outcome is recorded in another
short transaction immediately after. Nothing else happens between the two: no batching of
records, no waiting on other rows. A claim never outlives its worker unnoticed: workers write a
heartbeat, and the claims of a worker that stopped are released back to ``pending``.

The window that cannot be closed is "Telegram accepted the message, the process died before the
record committed": the Bot API has no idempotency key and no way to ask whether a message
arrived. A released claim is therefore **sent again** (at-least-once inside that window): for a
police warning a rare repeat is better than a resident silently missing it, and a timed-out call
is retried for the same reason. The window is one HTTP response plus one single-row UPDATE per
in-flight delivery (at most ``concurrency`` rows, typically one or two), and every row released
this way is counted (``resends``) and shown in the officer's report as "may have received it
twice", so the repeat is never silent.

A stopped worker is recognised at once when it ran on this host (its pid is gone: the usual
crash-and-restart), otherwise when its heartbeat is older than ``lease``.

One global rate across processes
--------------------------------
Each live worker sends at ``rate / live workers`` (live: heartbeat within ``lease``), re-read on
every heartbeat. A worker joining others waits one heartbeat interval before its first send, so
the others have seen it and lowered their share first; the total never exceeds ``rate``. A dead
worker's share is unused until it is recognised as dead (under-use, never overshoot).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bot.announcements import store
from bot.announcements.audience import AudienceKind, AudiencePolicy
from bot.announcements.pacing import Pacer, Timer
from bot.announcements.sending import (
    Content,
    Messenger,
    RateLimited,
    Rejected,
    SendError,
    Temporary,
    Unreachable,
)
from bot.localtime import Clock, as_utc, system_clock
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


@dataclass
class _Sent:
    content: Content
    topic: str | None


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


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
        self.id = uuid.uuid4().hex
        self.pacer = Pacer(self.settings.rate, self.settings.per_chat_interval, self.timer)
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
        """Claim, check and hand over one delivery; False when nothing can go now."""
        await self._beat_if_due()
        if self.timer.now() < self._first_send_at:
            await self.timer.sleep(self._first_send_at - self.timer.now())
        async with self.db.sessions.begin() as session:
            row = await store.claim_next(session, self.id, self.wall(), self.pacer.busy_chats())
        if row is None:
            return False
        if row.action == store.SEND and not await self._may_send(row):
            return True
        await self.pacer.wait_turn()
        self.pacer.sent_to(row.resident_id)
        await self._slots.acquire()
        task = asyncio.create_task(self._call(row))
        self._tasks.add(task)
        task.add_done_callback(self._done)
        return True

    def _done(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        self._slots.release()

    async def _may_send(self, row: store.Claimed) -> bool:
        """Pause, unsubscribe and quiet hours, asked just before the message would go."""
        sent = await self._announcement(row.announcement_id)
        if not await self.policy.may_receive(row.resident_id, sent.topic):
            await self._settle(row, store.SKIPPED, detail="paused or unsubscribed")
            return False
        now = self.wall()
        later = await self.policy.deferral(row.resident_id, now)
        if later is not None and as_utc(later) > now:
            await self._settle(row, store.PENDING, not_before=as_utc(later), detail="quiet hours")
            return False
        return True

    async def _call(self, row: store.Claimed) -> None:
        try:
            if row.action == store.SEND:
                sent = await self._announcement(row.announcement_id)
                message_id = await self.messenger.send(row.resident_id, sent.content)
                await self._settle(row, store.SENT, message_id=message_id, detail="")
            else:
                assert row.message_id is not None
                await self.messenger.delete(row.resident_id, row.message_id)
                await self._settle(row, store.SENT, detail="deleted")
        except SendError as exc:
            await self._failed(row, exc)
        except Exception as exc:
            log.exception("delivery %d: unexpected error, will retry", row.id)
            await self._failed(row, Temporary(type(exc).__name__))

    async def _failed(self, row: store.Claimed, exc: SendError) -> None:
        now = self.wall()
        if isinstance(exc, RateLimited):
            self.pacer.refused(row.resident_id, exc.retry_after)
            wait = timedelta(seconds=exc.retry_after)
            await self._settle(row, store.PENDING, not_before=now + wait, detail=exc.reason)
        elif isinstance(exc, Unreachable) and row.action == store.SEND:
            await self._settle(row, store.BLOCKED, detail=exc.reason)
            await self.policy.mark_unreachable(row.resident_id)
        elif isinstance(exc, Temporary) and row.attempts + 1 < self.settings.max_attempts:
            delay = min(self.settings.backoff * 2**row.attempts, self.settings.max_backoff)
            await self._settle(
                row, store.PENDING, attempts=row.attempts + 1, detail=exc.reason,
                not_before=now + timedelta(seconds=delay),
            )  # fmt: skip
        else:
            attempts = row.attempts + (0 if isinstance(exc, Rejected | Unreachable) else 1)
            await self._settle(row, store.FAILED, attempts=attempts, detail=exc.reason)

    async def _settle(self, row: store.Claimed, status: str, **values: object) -> None:
        if status != store.PENDING:
            values["finished_at"] = self.wall()
        async with self.db.sessions.begin() as session:
            if not await store.settle(session, row.id, self.id, status, **values):
                log.warning("delivery %d was released before its outcome was recorded", row.id)

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
        """Refresh our heartbeat, release stopped workers' claims, take our share of the rate."""
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
            live = len(rows) - len(dead)
            dead += await store.orphan_claims(session, [w for w, *_ in rows])
            released = await store.release_claims(session, dead)
            await store.remove_workers(session, dead)
        if released:
            log.warning("%d deliveries of a stopped announcement worker go out again", released)
        self.pacer.set_rate(self.settings.rate / max(live, 1))
        return live

    def _stopped(self, host: str, pid: int, beat: datetime, stale: datetime) -> bool:
        if as_utc(beat) < stale:
            return True
        return host == self.host and pid != self.pid and not _pid_alive(pid)
