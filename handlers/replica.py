"""This process among the replicas: its leases, its heartbeat and the jobs only one may run.

``start`` (first of the background jobs) takes this process's own ``alive:`` lease and starts the
heartbeat (``bot.replicas.keeper``); every timer job is wrapped with ``exclusive`` so it runs on
the one process holding its lease, and weekly and daily ones with ``CalendarJob`` so they run once
per due time, late rather than never. Sends queued right after something happens (a reminder
cancelled, feedback sent) go at once from the process that queued them: each row is claimed with
a lease, so that is safe.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator, Callable, Coroutine
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from typing import Any

from telegram import Update
from telegram.ext import Application

from bot.replicas.identity import Replica
from bot.replicas.inbox import UpdateInbox
from bot.replicas.keeper import Keeper
from bot.replicas.leases import Leases
from bot.replicas.single import claim_polling
from bot.tg_bot import POSSIBLE_REPEAT
from bot.update_order import PerChatUpdateProcessor, chat_key
from bot.updates import read_update
from handlers.context import BotData, Context

log = logging.getLogger(__name__)

JobCallback = Callable[[Context], Coroutine[Any, Any, None]]


@dataclass
class ReplicaRuntime:
    replica: Replica
    leases: Leases
    keeper: Keeper
    inbox: UpdateInbox | None = None  # webhook on PostgreSQL: updates kept until handled

    @property
    def held(self) -> list[str]:
        """Job leases held now (without this process's own ``alive:`` lease)."""
        return [n for n in self.leases.held if n != self.keeper.alive]


def exclusive(name: str, callback: JobCallback) -> JobCallback:
    """Run ``callback`` only on the process that holds the lease ``name``."""

    async def run(context: Context) -> None:
        runtime = context.bot_data.replica
        if runtime is None or await runtime.leases.claim(name):
            await callback(context)

    run.__name__ = run.__qualname__ = f"{name}:{getattr(callback, '__name__', 'job')}"
    return run


# How often a calendar job looks for a run that is due: a weekly digest is at most this late.
CATCH_UP_S = 60.0
# How late a run may still be caught up: a bot down at nine on Monday sends the digest when it
# is back that day; one first started on a Wednesday does not send Monday's.
GRACE = timedelta(hours=12)


def every_minute(
    app: Application[Any, Any, Any, Any, Any, Any], job: CalendarJob, data: object = None
) -> None:
    """Schedule a calendar job's checks (the first a minute after start), named as its lease."""
    assert app.job_queue is not None
    app.job_queue.run_repeating(job, CATCH_UP_S, first=CATCH_UP_S, name=job.name, data=data)


@dataclass
class CalendarJob:
    """A calendar job that is never lost: run every ``CATCH_UP_S`` on every process, it runs
    ``callback`` once for the latest time ``due`` gives (e.g. Monday 09:00 London) on whichever
    process holds the lease ``name``. A job that fired only at its hour was lost for the week
    when no process held the lease then: the bot was restarting, or the holder had just died and
    its lease had not yet run out. The run is recorded per ``period`` of the due time (its ISO
    week, its day) before it starts, so a crash during it loses it rather than repeating it.

    Without the replicas' runtime (a single process in tests), runs are remembered in memory.
    """

    name: str
    due: Callable[[datetime], datetime]
    period: Callable[[datetime], str]
    callback: JobCallback
    clock: Callable[[], datetime] = lambda: datetime.now(UTC)
    _done: set[str] = field(default_factory=set)

    async def __call__(self, context: Context) -> None:
        runtime = context.bot_data.replica
        if runtime is not None and not await runtime.leases.claim(self.name):
            return
        now = self.clock()
        when = self.due(now)
        key = self.period(when)
        if key in self._done or now - when > GRACE:
            return
        leases = runtime.leases if runtime is not None else None
        elsewhere = leases is not None and (
            await leases.has_run(self.name, key) or not await leases.once(self.name, key)
        )
        self._done.add(key)  # only now: a database that could not be asked is asked next time
        if not elsewhere:
            await self.callback(context)


def weekly(weekday: int, at: time) -> Callable[[datetime], datetime]:
    """The latest ``weekday`` (Monday 0) at ``at`` (a time with its zone) not after a moment."""

    def due(now: datetime) -> datetime:
        zone = at.tzinfo
        local = now.astimezone(zone)
        day = local.date() - timedelta(days=(local.weekday() - weekday) % 7)
        when = datetime.combine(day, at.replace(tzinfo=None), zone)
        return when if when <= local else when - timedelta(days=7)

    return due


def daily(at: time) -> Callable[[datetime], datetime]:
    """The latest ``at`` (a time with its zone) not after a moment."""

    def due(now: datetime) -> datetime:
        local = now.astimezone(at.tzinfo)
        when = datetime.combine(local.date(), at.replace(tzinfo=None), at.tzinfo)
        return when if when <= local else when - timedelta(days=1)

    return due


def iso_week(now: datetime) -> str:
    year, week, _ = now.isocalendar()
    return f"{year}-W{week:02d}"


def iso_day(now: datetime) -> str:
    return now.date().isoformat()


async def start(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    data: BotData = app.bot_data
    services, config = data.services, data.config
    replica = Replica.here(config.replica_id)
    leases = Leases(services.db, replica.claimant, config.replicas.lease_seconds)
    keeper = Keeper(replica, leases)
    keeper.on_dead(services.feedback.outbox.shared.release_processes)
    keeper.on_dead(services.engagement.delivery.outbox.release_processes)
    keeper.on_dead(services.announcements.release_processes)
    data.replica = ReplicaRuntime(replica, leases, keeper)
    data.metrics.replica = replica.id
    await keeper.start()
    if data.polling:  # before any job runs: a second polling process is refused
        await claim_polling(leases)
    log.info("replica %s started", replica.id)


async def stop(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    data: BotData = app.bot_data
    if data.replica is None:
        return
    if data.replica.inbox is not None:
        with contextlib.suppress(Exception):  # else their leases run out as if it had died
            await data.replica.inbox.hand_back()
    await data.replica.keeper.stop()


def open_inbox(app: Application[Any, Any, Any, Any, Any, Any]) -> UpdateInbox | None:
    """For a webhook on PostgreSQL: keep updates until handled, in order per chat across
    processes (``bot.replicas.inbox``). One polling process, or SQLite, keeps order by itself."""
    data: BotData = app.bot_data
    runtime = data.replica
    if (
        runtime is None
        or not data.config.replicas.ordered_updates
        or data.services.db.backend != "postgresql"
    ):
        return None
    inbox = UpdateInbox(data.services.db, runtime.replica.claimant, runtime.leases.ttl_s)
    runtime.inbox = inbox
    processor = app.update_processor
    if isinstance(processor, PerChatUpdateProcessor):
        processor.turn = lambda update: _turn(inbox, update)
    runtime.keeper.on_dead(inbox.expire)
    runtime.keeper.on_beat(inbox.renew)

    async def requeue() -> None:
        """Updates of stopped processes, handled here; not once this process is stopping (its
        queue is no longer read: they would wait for ever)."""
        if not app.running:
            return
        taken = await inbox.take_expired()
        if not app.running:  # it began to stop meanwhile
            await inbox.expire_ids([int(str(body.get("update_id"))) for body in taken])
            return
        for body in taken:
            update = read_update(body, app.bot)
            if update is not None:
                await app.update_queue.put(update)

    runtime.keeper.on_beat(requeue)
    return inbox


@asynccontextmanager
async def _turn(inbox: UpdateInbox, update: object) -> AsyncIterator[None]:
    if not isinstance(update, Update):
        yield
        return
    async with inbox.turn(update.update_id, chat_key(update)) as turn:
        token = POSSIBLE_REPEAT.set(True) if turn.repeat else None
        try:
            yield
        finally:
            if token is not None:
                POSSIBLE_REPEAT.reset(token)
