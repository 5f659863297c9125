"""The shared outbox on both engines: exclusive claims across processes, clean failures retried
with backoff, an ambiguous failure resent at most once and marked, takeover after a crash.

The rows are scheduled messages; the outbox core does not care what a row says.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from bot.delivery import store
from bot.delivery.dispatcher import BACKOFF, TABLE
from bot.delivery.models import ScheduledMessage
from bot.outbox import Attempt, Backoff, Claimed, Outbox
from bot.outbox.claimant import new_claimant
from bot.storage.db import Database
from tests.fake_clock import FakeClock

START = datetime(2027, 1, 4, 12, 0, tzinfo=UTC)
LEASE = 60.0


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


def outbox(db: Database, clock: FakeClock, backoff: Backoff = BACKOFF, **kw: object) -> Outbox:
    return Outbox(db, TABLE, backoff, name="test", lease_s=LEASE, clock=clock, **kw)  # type: ignore[arg-type]


async def queue(db: Database, clock: FakeClock, n: int = 1) -> None:
    async with db.sessions.begin() as session:
        for i in range(n):
            await store.schedule(session, 1000 + i, "note", clock(), text=f"message {i}")


class Telegram:
    """Delivers (or fails with queued attempts) and keeps what residents saw."""

    def __init__(self, *failures: Attempt) -> None:
        self.failures = list(failures)
        self.seen: list[tuple[int, bool]] = []  # (row id, marked as a possible repeat)
        self.calls = 0

    async def deliver(self, claimed: Claimed) -> Attempt:
        self.calls += 1
        if self.failures:
            failure = self.failures.pop(0)
            if failure.error == "applied":  # Telegram took it; the answer was lost
                self.seen.append((claimed.id, claimed.possible_repeat))
                return Attempt.ambiguous("answer lost")
            return failure
        self.seen.append((claimed.id, claimed.possible_repeat))
        return Attempt.sent()


async def rows(db: Database) -> list[ScheduledMessage]:
    async with db.sessions() as session:
        return list((await session.scalars(select(ScheduledMessage))).all())


async def test_concurrent_outboxes_send_every_row_once(db: Database, clock: FakeClock) -> None:
    await queue(db, clock, 40)
    shared = Telegram()
    workers = [outbox(db, clock) for _ in range(4)]
    await asyncio.gather(*(w.drain(shared.deliver) for w in workers))
    ids = [row_id for row_id, _ in shared.seen]
    assert sorted(ids) == sorted(set(ids)) and len(ids) == 40
    assert {r.status for r in await rows(db)} == {"sent"}
    assert len({w.claimant for w in workers}) == 4


async def test_clean_failures_back_off_then_give_up(db: Database, clock: FakeClock) -> None:
    await queue(db, clock)
    box = outbox(db, clock, Backoff(base_s=10, max_s=100, max_attempts=3))
    telegram = Telegram(Attempt.rate_limited(30), Attempt.retry("500"), Attempt.retry("502"))
    await box.drain(telegram.deliver)
    clock.advance(seconds=29)
    assert (await box.drain(telegram.deliver)).total == 0  # retry_after is honoured
    clock.advance(seconds=1)
    await box.drain(telegram.deliver)  # 500: the second failed try
    clock.advance(seconds=19)
    assert (await box.drain(telegram.deliver)).total == 0  # backoff doubled to 20 s
    clock.advance(seconds=1)
    report = await box.drain(telegram.deliver)
    assert report.failed == 1 and telegram.seen == []
    [row] = await rows(db)
    assert (row.status, row.attempts, row.detail, row.resends) == ("failed", 3, "502", 0)


async def test_an_ambiguous_failure_is_resent_once_marked(db: Database, clock: FakeClock) -> None:
    await queue(db, clock)
    box = outbox(db, clock)
    telegram = Telegram(Attempt.ambiguous("applied"))
    report = await box.drain(telegram.deliver)
    assert report.ambiguous == 1 and report.retried == 1
    clock.advance(seconds=60)
    await box.drain(telegram.deliver)
    assert telegram.seen == [(1, False), (1, True)]  # the resend says it may be a repeat
    [row] = await rows(db)
    assert (row.status, row.resends) == ("sent", 1)
    health = await box.health()
    assert (health.resent, health.uncertain) == (1, 0)


async def test_a_second_ambiguous_failure_leaves_the_row_uncertain(
    db: Database, clock: FakeClock
) -> None:
    await queue(db, clock)
    box = outbox(db, clock)
    events: list[tuple[str, str]] = []
    box.observer = lambda name, event: events.append((name, event))
    telegram = Telegram(Attempt.ambiguous("applied"), Attempt.ambiguous("applied"))
    await box.drain(telegram.deliver)
    clock.advance(seconds=60)
    await box.drain(telegram.deliver)
    clock.advance(hours=5)
    assert (await box.drain(telegram.deliver)).total == 0
    assert telegram.calls == 2  # never a third send
    [row] = await rows(db)
    assert row.status == "uncertain" and "may or may not have arrived" in row.detail
    assert (await box.health()).uncertain == 1
    assert events == [("test", "ambiguous"), ("test", "ambiguous"), ("test", "uncertain")]


async def test_a_clean_failure_after_the_marked_resend_keeps_the_mark(
    db: Database, clock: FakeClock
) -> None:
    await queue(db, clock)
    box = outbox(db, clock)
    telegram = Telegram(Attempt.ambiguous("not applied"), Attempt.retry("500"))
    for _ in range(4):
        await box.drain(telegram.deliver)
        clock.advance(minutes=10)
    assert telegram.seen == [(1, True)]


async def test_a_crashed_claim_is_taken_over_after_its_lease_and_marked(
    db: Database, clock: FakeClock
) -> None:
    await queue(db, clock)
    crashed = outbox(db, clock)
    assert await crashed.claim() is not None  # claimed, then the process "died"
    survivor = outbox(db, clock)
    telegram = Telegram()
    assert (await survivor.drain(telegram.deliver)).total == 0  # the lease still runs
    clock.advance(seconds=LEASE)
    await survivor.drain(telegram.deliver)
    assert telegram.seen == [(1, True)]
    late = await crashed.settle(
        Claimed(1, 0, 0, False), Attempt.sent()
    )  # the "dead" process cannot overwrite it
    assert late is None


async def test_a_takeover_of_a_resent_row_does_not_send_a_third_time(
    db: Database, clock: FakeClock
) -> None:
    await queue(db, clock)
    box = outbox(db, clock)
    await box.drain(Telegram(Attempt.ambiguous("applied")).deliver)
    clock.advance(seconds=60)
    assert await outbox(db, clock).claim() is not None  # the marked resend's process dies
    clock.advance(seconds=LEASE)
    telegram = Telegram()
    report = await box.drain(telegram.deliver)
    assert telegram.calls == 0 and report.uncertain == 1


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


async def test_claims_of_a_stopped_process_on_this_host_are_taken_over_at_once(
    db: Database, clock: FakeClock
) -> None:
    await queue(db, clock, 2)
    dead = outbox(db, clock, claimant=new_claimant(pid=_dead_pid()))
    elsewhere = outbox(db, clock, claimant=new_claimant(pid=_dead_pid(), host="another-host"))
    assert await dead.claim() is not None and await elsewhere.claim() is not None
    restarted = outbox(db, clock)
    assert await restarted.release_stopped() == 1  # another host's claim waits for its lease
    telegram = Telegram()
    await restarted.drain(telegram.deliver)
    assert telegram.seen == [(1, True)]


async def test_a_send_that_outlives_its_lease_is_cut_off_as_ambiguous(
    db: Database, clock: FakeClock
) -> None:
    await queue(db, clock)
    box = Outbox(db, TABLE, BACKOFF, name="test", lease_s=0.2, clock=clock)

    async def hangs(claimed: Claimed) -> Attempt:
        await asyncio.sleep(5)
        return Attempt.sent()

    report = await box.drain(hangs)
    assert report.ambiguous == 1
    [row] = await rows(db)
    assert (row.status, row.resends) == ("pending", 1)


async def test_quiet_hours_defer_without_spending_a_try(db: Database, clock: FakeClock) -> None:
    await queue(db, clock)
    box = outbox(db, clock)
    later = clock() + timedelta(hours=8)

    async def quiet(claimed: Claimed) -> Attempt:
        return Attempt.defer(later, "quiet hours")

    assert (await box.drain(quiet)).deferred == 1
    [row] = await rows(db)
    assert row.attempts == 0 and row.status == "pending"
    assert row.due_at.replace(tzinfo=UTC) == later
