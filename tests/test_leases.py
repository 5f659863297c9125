"""Job leases, the heartbeat's takeovers and the conversation store, on each database engine.

Processes are simulated by claimants: another host's process is judged by its lease alone,
a process on this host that no longer exists is taken over at once.
"""

from __future__ import annotations

import asyncio
import subprocess
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from types import SimpleNamespace
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from bot.delivery import store as delivery_store
from bot.delivery.dispatcher import Dispatcher
from bot.delivery.models import ScheduledMessage
from bot.feedback.drafts import FlowDraft
from bot.outbox.claimant import host_tag
from bot.replicas.identity import Replica
from bot.replicas.inbox import InboxClosed, UpdateInbox
from bot.replicas.keeper import Keeper
from bot.replicas.leases import Leases
from bot.replicas.models import InboxUpdate, JobLease
from bot.replicas.pace import SharedPace
from bot.storage.db import Database
from bot.storage.states import Slot, StateStore

NOW = datetime(2026, 12, 4, 12, 0, tzinfo=UTC)
ELSEWHERE = "4242@0000000000#aaaaaaaa"  # a process on another host


def gone_here() -> str:
    """The claimant of a process that ran on this host and has ended."""
    proc = subprocess.Popen(["true"])
    proc.wait()
    return f"{proc.pid}@{host_tag()}#cccccccc"


@dataclass
class Clock:
    now: datetime = NOW
    mono: float = 1000.0
    steps: list[float] = field(default_factory=list)

    def __call__(self) -> datetime:
        return self.now

    def monotonic(self) -> float:
        return self.mono

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)
        self.mono += seconds


def leases(db: Database, holder: str, clock: Clock, ttl: float = 6.0) -> Leases:
    return Leases(db, holder, ttl, clock, clock.monotonic)


async def test_one_holder_until_its_lease_runs_out(db: Database) -> None:
    clock = Clock()
    here, there = leases(db, Replica.here().claimant, clock), leases(db, ELSEWHERE, clock)
    assert await there.claim("feedback-outbox")
    assert not await here.claim("feedback-outbox")  # held by a live process elsewhere
    clock.advance(3)
    await there.renew()  # its heartbeat
    clock.advance(4)
    assert not await here.claim("feedback-outbox")  # renewed: still not expired
    assert there.holds("feedback-outbox")
    clock.advance(6.1)  # it stopped renewing: expired
    assert not there.holds("feedback-outbox")  # it stopped acting before anyone took over
    assert await here.claim("feedback-outbox")
    await there.renew()
    assert not there.holds("feedback-outbox")  # a late renewal does not win it back


async def test_a_stopped_process_on_this_host_is_taken_over_at_once(db: Database) -> None:
    clock = Clock()
    assert await leases(db, gone_here(), clock).claim("kb-watch")
    here = leases(db, Replica.here().claimant, clock)
    assert await here.claim("kb-watch")  # no waiting for the lease: the pid is gone
    await here.release()  # a clean stop frees it for the others at once
    async with db.sessions() as session:
        assert await session.scalar(select(JobLease).where(JobLease.name == "kb-watch")) is None


async def test_a_calendar_job_runs_once_per_period(db: Database) -> None:
    clock = Clock()
    first, second = leases(db, Replica.here().claimant, clock), leases(db, ELSEWHERE, clock)
    assert await first.once("comms-digest", "2026-W49")
    assert not await second.once("comms-digest", "2026-W49")
    assert await second.once("comms-digest", "2026-W50")


async def test_a_weekly_digest_missed_at_its_hour_is_sent_once_when_a_process_can(
    db: Database,
) -> None:
    """The holder of the digest's lease dies seconds before Monday 09:00 (London): at nine its
    lease has not run out, so the survivor may not run it. It sends the digest a minute later,
    once, and another process never sends it again; the next Monday's goes at its hour."""
    from handlers.replica import CalendarJob, iso_week, weekly

    clock = Clock(now=datetime(2026, 12, 7, 8, 59, 57, tzinfo=UTC))  # Monday, GMT = London
    dead = leases(db, ELSEWHERE, clock)
    assert await dead.claim("comms-digest")
    sent: list[datetime] = []

    async def digest(context: object) -> None:
        sent.append(clock.now)

    due = weekly(0, time(9, tzinfo=ZoneInfo("Europe/London")))

    def process(lease: Leases) -> Callable[[], Awaitable[None]]:
        job = CalendarJob("comms-digest", due, iso_week, digest, clock)
        context = SimpleNamespace(bot_data=SimpleNamespace(replica=SimpleNamespace(leases=lease)))
        return lambda: job(context)  # type: ignore[arg-type]

    survivor = process(leases(db, Replica.here().claimant, clock))
    late_joiner = process(leases(db, "4343@0000000000#bbbbbbbb", clock))
    await survivor()
    assert sent == []  # before nine: last week's was not this process's to catch up
    clock.advance(4)  # 09:00:01: the dead holder's lease still has two seconds to run
    await survivor()
    assert sent == []
    clock.advance(60)
    await survivor()
    assert sent == [datetime(2026, 12, 7, 9, 1, 1, tzinfo=UTC)]
    clock.advance(60)
    await survivor()
    await late_joiner()  # holds no lease; and the week is recorded as done
    clock.advance(7 * 24 * 3600 - 130)  # the next Monday, 08:59:51, then nine
    await survivor()
    clock.advance(10)
    await survivor()
    assert sent[1:] == [datetime(2026, 12, 14, 9, 0, 1, tzinfo=UTC)]


async def test_a_digest_is_not_caught_up_days_late() -> None:
    """A bot first started on a Wednesday does not send Monday's digest: twelve hours' grace."""
    from handlers.replica import CalendarJob, iso_week, weekly

    clock = Clock(now=datetime(2026, 12, 9, 10, 0, tzinfo=UTC))
    sent: list[datetime] = []

    async def digest(context: object) -> None:
        sent.append(clock.now)

    job = CalendarJob("comms-digest", weekly(0, time(9, tzinfo=UTC)), iso_week, digest, clock)
    context = SimpleNamespace(bot_data=SimpleNamespace(replica=None))
    await job(context)  # type: ignore[arg-type]
    assert sent == []
    clock.now = datetime(2026, 12, 14, 20, 59, tzinfo=UTC)  # Monday, 11 h 59 after nine
    await job(context)  # type: ignore[arg-type]
    await job(context)  # type: ignore[arg-type]
    assert sent == [datetime(2026, 12, 14, 20, 59, tzinfo=UTC)]


async def test_the_heartbeat_hands_a_dead_replicas_claims_to_the_living(db: Database) -> None:
    """Another host's replica stops renewing: its claimed reminder goes again at once, marked."""
    clock = Clock()
    dead = leases(db, ELSEWHERE, clock, ttl=3)
    assert await dead.claim("alive:4242@0000000000")
    dispatcher = Dispatcher(db, clock, gate=_never_quiet, claim_timeout=timedelta(minutes=5))
    await dispatcher.schedule(5001, "notice", NOW, text="Street meeting tonight")
    dispatcher.outbox.claimant = ELSEWHERE
    claimed = await dispatcher.outbox.claim()
    assert claimed is not None  # then the process died, mid-send, with a 5-minute claim

    me = Replica.here()
    keeper = Keeper(me, leases(db, me.claimant, clock, ttl=3))
    keeper.on_dead(dispatcher.outbox.release_processes)
    await keeper.start()
    try:
        await keeper.beat()
        assert await keeper.dead_processes() == []  # alive: its lease has not run out
        clock.advance(3.5)
        await keeper.beat()
    finally:
        await keeper.stop()
    dispatcher.outbox.claimant = me.claimant
    again = await dispatcher.outbox.claim()
    assert again is not None and again.id == claimed.id and again.possible_repeat
    async with db.sessions() as session:
        row = await session.get(ScheduledMessage, claimed.id)
        assert row is not None and row.claimed_by == me.claimant


async def _never_quiet(resident_id: int, now: datetime) -> datetime | None:
    return None


async def test_the_inbox_keeps_order_per_chat_and_hands_back_a_dead_holders_updates(
    db: Database,
) -> None:
    clock = Clock()
    dead = UpdateInbox(db, ELSEWHERE, 3, clock, max_wait_s=5)
    assert await dead.receive(10, 5001, {"update_id": 10})
    assert not await dead.receive(10, 5001, {"update_id": 10})  # Telegram sent it twice
    live = UpdateInbox(db, Replica.here().claimant, 3, clock, max_wait_s=0.2)
    assert await live.receive(11, 5001, {"update_id": 11})
    assert await live.receive(12, 5002, {"update_id": 12})
    async with live.turn(12, 5002) as turn:  # another chat: not held up
        assert not turn.repeat
    assert await live.take_expired() == []  # update 10's holder is still within its lease
    await live.expire(["4242@0000000000"])  # the heartbeat saw it die
    assert await live.take_expired() == [{"update_id": 10}]
    async with live.turn(10, 5001) as turn:
        assert turn.repeat  # may have been answered before the process died
    async with live.turn(11, 5001) as turn:
        assert not turn.repeat
    assert await live.backlog() == 0


async def test_conversation_state_expires_and_is_taken_once(db: Database) -> None:
    clock = Clock()
    store = StateStore(db, clock)
    draft: Slot[FlowDraft] = Slot("test-draft", FlowDraft, timedelta(minutes=10))
    value = FlowDraft(5001, "abc123", "w", NOW, text="Speeding on Marsh Road", ward="Pinner")
    await store.put(draft, 5001, value)
    assert await store.get(draft, 5001) == value
    assert await store.take(draft, 5001) == value
    assert await store.take(draft, 5001) is None  # a second press finds nothing
    await store.put(draft, 5001, value)
    clock.advance(601)
    assert await store.get(draft, 5001) is None  # expired: as if never started
    assert await store.purge() == 1


async def test_a_state_of_an_older_shape_reads_as_absent(db: Database) -> None:
    clock = Clock()
    store = StateStore(db, clock)
    text: Slot[str] = Slot("test-offer", str, timedelta(hours=1))
    await store.put(text, 5001, "We need more patrols")
    wrong: Slot[FlowDraft] = Slot("test-offer", FlowDraft, timedelta(hours=1))
    assert await store.get(wrong, 5001) is None  # not an error for the resident
    assert await store.get(text, 5001) == "We need more patrols"


async def test_scheduled_rows_of_a_stopped_replica_are_only_its_own(db: Database) -> None:
    clock = Clock()
    dispatcher = Dispatcher(db, clock, gate=_never_quiet)
    async with db.sessions.begin() as session:
        for resident in (5001, 5002):
            await delivery_store.schedule(session, resident, "notice", NOW, text="hello")
    dispatcher.outbox.claimant = ELSEWHERE
    theirs = await dispatcher.outbox.claim()
    dispatcher.outbox.claimant = "777@1111111111#bbbbbbbb"
    other = await dispatcher.outbox.claim()
    assert theirs is not None and other is not None
    assert await dispatcher.outbox.release_processes(["4242@0000000000"]) == 1


async def test_one_message_a_second_per_chat_across_processes(db: Database) -> None:
    now = [1000.0]
    first, second = SharedPace(db, lambda: now[0]), SharedPace(db, lambda: now[0])
    assert await first.reserve(5001, 1.0) == 0.0
    assert await second.reserve(5001, 1.0) == 1.0  # the other process must wait a second
    assert await second.reserve(5002, 1.0) == 0.0  # another chat is free
    now[0] += 0.4
    assert abs(await second.reserve(5001, 1.0) - 0.6) < 1e-6  # waiting takes no turn...
    now[0] += 0.6
    assert await second.reserve(5001, 1.0) == 0.0  # ...so the turn comes when it said
    now[0] += 120
    assert await first.purge() == 2


async def test_an_earlier_number_still_on_its_way_is_waited_for_briefly(db: Database) -> None:
    """Telegram posts several updates at once: a chat's second message may arrive first."""
    earlier = UpdateInbox(db, Replica.here().claimant, 3, Clock(), gap_wait_s=0)
    assert await earlier.receive(20, 5001, {"update_id": 20})
    async with earlier.turn(20, 5001):  # the inbox's first: number 19 is not waited for here
        pass
    inbox = UpdateInbox(db, Replica.here().claimant, 3, Clock(), gap_wait_s=5)
    assert await inbox.receive(22, 5001, {"update_id": 22})
    order: list[int] = []

    async def second() -> None:
        async with inbox.turn(22, 5001):
            order.append(22)

    task = asyncio.create_task(second())
    await asyncio.sleep(0.2)
    assert order == []  # number 21 may be this chat's first message
    assert await inbox.receive(21, 5001, {"update_id": 21})
    async with inbox.turn(21, 5001):
        order.append(21)
    await task
    assert order == [21, 22]
    assert not await inbox.receive(21, 5001, {"update_id": 21})  # a late repeat is recognised

    hasty = UpdateInbox(db, Replica.here().claimant, 3, Clock(), gap_wait_s=0.2)
    assert await hasty.receive(24, 5001, {"update_id": 24})  # 23 never comes
    started = asyncio.get_running_loop().time()
    async with hasty.turn(24, 5001):
        pass
    assert 0.2 <= asyncio.get_running_loop().time() - started < 2


async def _in_order(inbox: UpdateInbox, first: int, second: int) -> list[int]:
    """The chat's second message reaches this process before its first: handled in order?"""
    order: list[int] = []

    async def later() -> None:
        async with inbox.turn(second, 5001):
            order.append(second)

    assert await inbox.receive(second, 5001, {"update_id": second})
    task = asyncio.create_task(later())
    await asyncio.sleep(0.2)
    assert await inbox.receive(first, 5001, {"update_id": first})
    async with inbox.turn(first, 5001):
        order.append(first)
    await task
    return order


class _Racing:
    """An engine whose first statement on a read is followed, before the next, by ``between``:
    another process receiving an update while this one looks."""

    def __init__(self, engine: Any, between: Callable[[], Awaitable[object]]) -> None:
        self._engine, self._between, self._fired = engine, between, False

    def begin(self) -> Any:
        return self._engine.begin()

    @asynccontextmanager
    async def connect(self) -> AsyncIterator[Any]:
        async with self._engine.connect() as conn:
            yield self._Conn(conn, self)

    class _Conn:
        def __init__(self, conn: Any, owner: _Racing) -> None:
            self._conn, self._owner = conn, owner

        async def execute(self, *args: Any) -> Any:
            result = await self._conn.execute(*args)
            if not self._owner._fired:
                self._owner._fired = True
                await self._owner._between()
            return result

        async def scalars(self, *args: Any) -> Any:
            return await self._conn.scalars(*args)


async def test_an_earlier_update_received_elsewhere_while_looking_is_waited_for(
    db: Database,
) -> None:
    """The chat's first message is kept by another process just as this one looks whether
    anything earlier is unhandled: the second still waits for it."""
    elsewhere = UpdateInbox(db, "9999@0000000000#cccccccc", 3, Clock())
    for n in (70, 71):  # numbers already known: nothing is missing before 72
        assert await elsewhere.receive(n, 5002, {"update_id": n})
        async with elsewhere.turn(n, 5002):
            pass
    here = UpdateInbox(db, Replica.here().claimant, 3, Clock(), gap_wait_s=5)
    assert await here.receive(73, 5001, {"update_id": 73})
    here.db = SimpleNamespace(  # type: ignore[assignment]
        engine=_Racing(db.engine, lambda: elsewhere.receive(72, 5001, {"update_id": 72}))
    )
    order: list[int] = []

    async def second() -> None:
        async with here.turn(73, 5001):
            order.append(73)

    task = asyncio.create_task(second())
    await asyncio.sleep(0.3)
    assert order == []  # 72 is the chat's first message, not yet handled
    async with elsewhere.turn(72, 5001):
        order.append(72)
    await asyncio.wait_for(task, 5)
    assert order == [72, 73]


async def test_a_new_inbox_waits_for_the_number_before_the_first(db: Database) -> None:
    """Nothing is known yet: the number just before may be the chat's first message."""
    inbox = UpdateInbox(db, Replica.here().claimant, 3, Clock(), gap_wait_s=1)
    assert await _in_order(inbox, 1, 2) == [1, 2]


async def test_after_a_quiet_spell_the_newest_number_is_still_known(db: Database) -> None:
    clock = Clock()
    inbox = UpdateInbox(db, Replica.here().claimant, 3, clock, gap_wait_s=1)
    for n in (60, 61):
        assert await inbox.receive(n, 5001, {"update_id": n})
        async with inbox.turn(n, 5001):
            pass
    clock.advance(600)  # handled numbers are forgotten after two minutes...
    await inbox.renew()
    async with db.sessions() as session:
        kept = list(await session.scalars(select(InboxUpdate.update_id)))
    assert kept == [61]  # ...but the newest, which the next message is counted from
    assert await _in_order(inbox, 62, 63) == [62, 63]


async def test_a_stopping_process_leaves_waiting_updates_to_the_others(db: Database) -> None:
    inbox = UpdateInbox(db, Replica.here().claimant, 3, Clock())
    assert await inbox.receive(40, 5001, {"update_id": 40})
    assert await inbox.receive(41, 5001, {"update_id": 41})

    async def later() -> None:
        async with inbox.turn(41, 5001):
            raise AssertionError("handled before its chat's earlier update")

    waiting = asyncio.create_task(later())
    await asyncio.sleep(0.1)
    inbox.close()
    with pytest.raises(InboxClosed):
        await waiting
    assert await inbox.hand_back() == 2  # neither was handled: another process takes both
    assert await inbox.backlog() == 2
