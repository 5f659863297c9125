"""The announcement outbox on both engines: pace, per-chat limits, 429s, blocked residents,
quiet hours, pauses, cancel, deletion and exactly-once over a simulated crash.

Time is virtual (``FakeTime``): a 200-message broadcast at 25/s "takes" 8 s and runs instantly.
"""

from __future__ import annotations

import asyncio
import itertools
import subprocess
import sys
from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.announcements import store
from bot.announcements.audience import Audience, AudienceKind
from bot.announcements.models import Delivery
from bot.announcements.outbox import OutboxSettings, OutboxWorker
from bot.announcements.sending import LostAnswer, RateLimited, Rejected, Temporary, Unreachable
from bot.announcements.service import AnnouncementService
from bot.config import AnnouncementsConfig
from bot.storage.db import Database
from tests.announce_fakes import FakeMessenger, FakePolicy, FakeTime, max_in_window

OFFICER = 7001
WARD = Audience(AudienceKind.WARDS, ("Pinner",))


class Rig:
    def __init__(self, db: Database, n: int = 0, **settings: float) -> None:
        self.db = db
        self.time = FakeTime()
        self.policy = FakePolicy()
        self.policy.subscribe(range(1, n + 1))
        self.messenger = FakeMessenger(self.time)
        self.settings = OutboxSettings(**settings)  # type: ignore[arg-type]
        config = AnnouncementsConfig(rate_per_second=self.settings.rate)
        self.service = AnnouncementService(
            db, self.policy, config, ("Pinner", "Stanmore"), clock=self.time.wall
        )

    def worker(
        self, messenger: FakeMessenger | None = None, pid: int | None = None
    ) -> OutboxWorker:
        return OutboxWorker(
            self.db, self.policy, messenger or self.messenger, self.settings,
            timer=self.time.timer, wall=self.time.wall, **({} if pid is None else {"pid": pid}),
        )  # fmt: skip

    async def announce(self, audience: Audience = WARD, delay: float = 0.0) -> int:
        draft = store.Draft(
            OFFICER, "<b>Street briefing</b> tonight", None, audience,
            self.time.wall() + timedelta(seconds=delay),
        )  # fmt: skip
        return (await self.service.confirm(draft)).id

    async def run(self, max_wait: float = 0.0) -> OutboxWorker:
        worker = self.worker()
        await worker.start()
        await worker.drain(max_wait)
        await worker.stop()
        return worker

    async def statuses(self) -> dict[int, str]:
        async with self.db.sessions() as session:
            rows = await session.execute(
                select(Delivery.resident_id, Delivery.status).where(Delivery.action == "send")
            )
        return {r: s for r, s in rows}


async def test_confirm_writes_one_delivery_per_recipient_in_one_go(db: Database) -> None:
    rig = Rig(db, 30)
    announcement_id = await rig.announce()
    record = await rig.service.get(announcement_id)
    assert record.recipients == 30 and record.status == "sending"
    assert set((await rig.statuses()).values()) == {"pending"}


async def test_global_rate_is_kept_and_everyone_gets_it_once(db: Database) -> None:
    rig = Rig(db, 200, rate=25)
    await rig.announce()
    await rig.run()
    times = [t for t, _, _ in rig.messenger.sent]
    assert rig.messenger.per_chat() == {r: 1 for r in range(1, 201)}
    assert max_in_window(times) <= 25
    achieved = len(times) / (times[-1] - times[0] + 1 / 25)
    assert 24 <= achieved <= 25.01
    progress = await rig.service.progress(1)
    assert (progress.sent, progress.remaining) == (200, 0)
    assert (await rig.service.get(1)).status == "done"


async def test_one_message_per_chat_per_second(db: Database) -> None:
    rig = Rig(db, 3, rate=25)
    for _ in range(3):
        await rig.announce()
    await rig.run()
    assert rig.messenger.per_chat() == {1: 3, 2: 3, 3: 3}
    for chat in (1, 2, 3):
        times = [t for t, c, _ in rig.messenger.sent if c == chat]
        assert all(b - a >= 1.0 for a, b in itertools.pairwise(times))


async def test_429_pauses_only_that_chat_and_honours_retry_after(db: Database) -> None:
    rig = Rig(db, 50, rate=25)
    rig.messenger.faults[1] = [RateLimited(3)]
    await rig.announce()
    await rig.run(max_wait=10)
    assert rig.messenger.per_chat() == {r: 1 for r in range(1, 51)}
    (first_try,) = (t for t, c in rig.messenger.attempts[:1] if c == 1)
    retried = next(t for t, c, _ in rig.messenger.sent if c == 1)
    assert retried - first_try >= 3
    # the others kept going meanwhile
    others = [t for t, c, _ in rig.messenger.sent if c != 1 and t < first_try + 3]
    assert len(others) >= 40


async def test_429_from_several_chats_at_once_pauses_everything(db: Database) -> None:
    rig = Rig(db, 20, rate=25)
    for chat in (1, 2, 3):
        rig.messenger.faults[chat] = [RateLimited(5)]
    await rig.announce()
    await rig.run(max_wait=10)
    third = rig.messenger.attempts[2][0]
    later = [t for t, _, _ in rig.messenger.sent]
    assert later and min(later) >= third + 5
    assert sorted(rig.messenger.per_chat()) == list(range(1, 21))


async def test_blocked_resident_is_marked_and_not_retried(db: Database) -> None:
    rig = Rig(db, 5)
    rig.messenger.faults[2] = [Unreachable("Forbidden: bot was blocked by the user")]
    await rig.announce()
    await rig.run(max_wait=60)
    statuses = await rig.statuses()
    assert statuses[2] == "blocked" and rig.policy.unreachable == [2]
    assert [c for _, c in rig.messenger.attempts].count(2) == 1
    assert (await rig.service.progress(1)).blocked == 1


async def test_server_errors_are_retried_with_backoff_then_given_up(db: Database) -> None:
    rig = Rig(db, 2, max_attempts=3, backoff=2)
    rig.messenger.faults[1] = [Temporary("Internal Server Error"), Temporary("Timed out")]
    rig.messenger.faults[2] = [Temporary("Bad Gateway")] * 3
    await rig.announce()
    await rig.run(max_wait=60)
    tries_1 = [t for t, c in rig.messenger.attempts if c == 1]
    assert len(tries_1) == 3 and tries_1[1] - tries_1[0] >= 2 and tries_1[2] - tries_1[1] >= 4
    statuses = await rig.statuses()
    assert statuses == {1: "sent", 2: "failed"}
    progress = await rig.service.progress(1)
    assert progress.failures == (("Bad Gateway", 1),)


async def test_rejected_message_fails_at_once(db: Database) -> None:
    rig = Rig(db, 1)
    rig.messenger.faults[1] = [Rejected("Bad Request: chat not found")]
    await rig.announce()
    await rig.run(max_wait=60)
    assert (await rig.statuses()) == {1: "failed"}
    assert len(rig.messenger.attempts) == 1


async def test_quiet_hours_defer_and_pause_is_honoured_at_sending(db: Database) -> None:
    rig = Rig(db, 3)
    await rig.announce()
    rig.policy.quiet_until[1] = rig.time.wall() + timedelta(hours=7)
    rig.policy.paused.add(2)  # paused after the officer confirmed
    await rig.run()
    assert (await rig.statuses()) == {1: "pending", 2: "skipped", 3: "sent"}
    progress = await rig.service.progress(1)
    assert (progress.remaining, progress.waiting, progress.skipped) == (1, 1, 1)
    await rig.run(max_wait=8 * 3600)
    assert (await rig.statuses())[1] == "sent"
    sent_at = next(t for t, c, _ in rig.messenger.sent if c == 1)
    assert sent_at >= 7 * 3600


async def test_scheduled_announcement_waits_for_its_time(db: Database) -> None:
    rig = Rig(db, 2)
    await rig.announce(delay=600)
    await rig.run()
    assert rig.messenger.sent == []
    await rig.run(max_wait=700)
    assert min(t for t, _, _ in rig.messenger.sent) >= 600


async def test_cancel_stops_the_remaining_deliveries(db: Database) -> None:
    rig = Rig(db, 100, rate=25, concurrency=4)
    announcement_id = await rig.announce()

    async def cancel_after_ten(chat_id: int, count: int) -> None:
        if count == 10:
            await rig.service.cancel(announcement_id, OFFICER)

    rig.messenger.before_send = cancel_after_ten
    await rig.run()
    progress = await rig.service.progress(announcement_id)
    assert 10 <= progress.sent <= 10 + 4
    assert progress.cancelled == 100 - progress.sent and progress.remaining == 0
    assert (await rig.service.get(announcement_id)).status == "cancelled"


async def test_delete_removes_every_sent_message_through_the_outbox(db: Database) -> None:
    rig = Rig(db, 5)
    rig.messenger.faults[3] = [Unreachable("Forbidden: user is deactivated")]
    announcement_id = await rig.announce()
    await rig.run()
    queued = await rig.service.delete(announcement_id, OFFICER)
    assert queued == 4
    await rig.run()
    assert sorted(rig.messenger.deleted) == sorted((c, m) for _, c, m in rig.messenger.sent)
    progress = await rig.service.progress(announcement_id)
    assert (progress.deleted, progress.delete_remaining) == (4, 0)
    assert (await rig.service.get(announcement_id)).status == "deleted"


async def test_two_workers_share_the_outbox_without_sending_twice(db: Database) -> None:
    rig = Rig(db, 120, rate=20, heartbeat=0.5)
    await rig.announce()
    first, second = rig.worker(), rig.worker()
    await first.start()
    await second.start()
    await asyncio.gather(first.drain(), second.drain())
    await first.stop()
    await second.stop()
    assert rig.messenger.per_chat() == {r: 1 for r in range(1, 121)}


async def test_live_workers_split_the_rate_and_a_newcomer_waits_its_turn(db: Database) -> None:
    rig = Rig(db, 0, rate=24, heartbeat=2, lease=15)
    first = rig.worker()
    await first.start()
    assert first.pacer.rate == 24 and first._first_send_at == 0
    second = rig.worker()
    await second.start()
    assert second.pacer.rate == 12
    assert second._first_send_at == rig.time.now() + 2  # the first sees it before it sends
    await rig.time.sleep(2)
    await first._beat_if_due()
    assert first.pacer.rate == 12
    await second.stop()  # a clean stop leaves the pool at once
    await rig.time.sleep(2)
    await first._beat_if_due()
    assert first.pacer.rate == 24
    third = rig.worker()
    await third.start()
    third._registered = False  # "killed": its row stays, its heartbeat stops
    await rig.time.sleep(16)
    await first._beat_if_due()
    assert first.pacer.rate == 24  # a silent worker's share returns after the lease
    await first.stop()


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


async def _claimed(db: Database) -> int:
    async with db.sessions() as session:
        rows = await session.scalars(select(Delivery.id).where(Delivery.status == "sending"))
        return len(rows.all())


async def _crash_mid_send(rig: Rig, pid: int | None) -> None:
    """Worker A (one call in flight): Telegram accepts the 11th message and the process dies
    before recording it. A's worker row and its claim stay behind, as after a SIGKILL. (No
    second row is claimed meanwhile: a worker claims a row only when it can send it.)"""
    hang = asyncio.Event()

    async def die_on_eleventh(chat_id: int, count: int) -> None:
        if count == 11:
            await hang.wait()

    crashing = FakeMessenger(rig.time, before_send=die_on_eleventh)
    a = rig.worker(crashing, pid=pid)
    await a.start()
    task = asyncio.create_task(a.drain())
    for _ in range(10_000):  # until the 11th hangs
        if len(crashing.sent) >= 11 and await _claimed(rig.db) == 1:
            break
        await asyncio.sleep(0.001)
    in_flight = [task, *a._tasks]
    for pending in in_flight:
        pending.cancel()
    await asyncio.gather(*in_flight, return_exceptions=True)
    rig.messenger.sent.extend(crashing.sent)
    rig.messenger.texts.extend(crashing.texts)


@pytest.mark.parametrize("same_host_dead_pid", [True, False])
async def test_at_most_one_marked_repeat_over_a_crash(
    db: Database, same_host_dead_pid: bool
) -> None:
    rig = Rig(db, 40, rate=25, lease=15, concurrency=1)
    announcement_id = await rig.announce()
    await _crash_mid_send(rig, _dead_pid() if same_host_dead_pid else None)
    assert await _claimed(db) == 1
    # restart: a new worker takes over the dead one's claim and finishes the job
    restarted = rig.worker()
    await restarted.start()
    if not same_host_dead_pid:  # another host (or the same pid): only the lease tells
        await restarted.drain()
        assert set((await rig.statuses()).values()) >= {"sending"}
        await rig.time.sleep(16)
    await restarted.drain(max_wait=20)
    await restarted.stop()
    counts = rig.messenger.per_chat()
    assert set(counts) == set(range(1, 41)), "nobody skipped"
    twice = [c for c, n in counts.items() if n > 1]
    assert len(twice) <= 1, "only the delivery in the crash window can repeat"
    for chat in twice:
        first, second = [text for c, text in rig.messenger.texts if c == chat]
        assert not first.startswith("<i>(possible repeat")
        assert second.startswith(f"<i>(possible repeat of announcement #{announcement_id})</i>")
    progress = await rig.service.progress(announcement_id)
    assert progress.sent == 40 and progress.remaining == 0
    assert progress.resent == 1  # the one in the window, marked


async def test_a_lost_answer_is_resent_once_marked_and_a_second_loss_is_not_resent(
    db: Database,
) -> None:
    rig = Rig(db, 3, max_attempts=5, backoff=2)
    rig.messenger.faults[1] = [LostAnswer("Timed out")]
    rig.messenger.faults[2] = [LostAnswer("Timed out"), LostAnswer("Timed out")]
    announcement_id = await rig.announce()
    await rig.run(max_wait=60)
    assert [t for c, t in rig.messenger.texts if c == 1] == [
        f"<i>(possible repeat of announcement #{announcement_id})</i>\n<b>Street briefing</b> "
        "tonight"
    ]
    assert [c for _, c in rig.messenger.attempts].count(2) == 2  # never a third time
    assert await rig.statuses() == {1: "sent", 2: "uncertain", 3: "sent"}
    progress = await rig.service.progress(announcement_id)
    assert (progress.resent, progress.uncertain, progress.remaining) == (2, 1, 0)
