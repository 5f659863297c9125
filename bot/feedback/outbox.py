"""Persisted delivery to the team chat and between team and resident: nothing is lost.

Every send is a row first. A pass claims due rows (a conditional update, so two passes or two
processes never send the same row at once), hands each to a ``Sender`` and records the outcome:
sent (with the Telegram messages that now belong to the item), retry later (backoff doubling
from ``backoff_base_s`` to ``backoff_max_s``, never sooner than Telegram's ``retry_after``), wait
(another row must go first) or failed (the resident blocked the bot: nobody can be reached; or
Telegram refused for good to delete a message, which was then overwritten instead).

The one window that can repeat a message: Telegram accepted a send and the process died before
the row was marked sent. The claim then expires after ``claim_lease_s`` and the row is sent
again. We prefer a visible duplicate (it carries the same reference) to a lost item; Telegram
offers no idempotency key that would close the window.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any, Protocol

from sqlalchemy import exists, func, insert, literal, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import FeedbackConfig
from bot.feedback import store
from bot.feedback.models import FeedbackItem, FeedbackOutbox
from bot.storage.db import Database

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]

PENDING, SENDING, DONE, FAILED = "pending", "sending", "done", "failed"
MAX_PASSES = 10
ONCE_LOCK = 0x4C42_4F4E  # PostgreSQL advisory lock taken by ``enqueue_unless_recent``


class Kind(StrEnum):
    POST = "post"  # the item itself, to the team chat
    TEAM_PHOTO = "team_photo"  # the item's photo, under the post
    TO_TEAM = "to_team"  # the resident's answer, under the post
    TO_RESIDENT = "to_resident"  # a team reply or a status notice, to the resident
    EDIT_POST = "edit_post"  # the post re-rendered after a status change
    TEAM_TEXT = "team_text"  # a notice to the team chat that belongs to no item
    DIGEST = "digest"  # the weekly digest to the team chat; its row records that it went
    DELETE_RELAYED = "delete_relayed"  # after /forget: a team-chat message carrying their words


# Team-chat messages (``feedback_messages.purpose``) that carry the resident's own words or photo,
# so /forget withdraws them; the post is re-rendered instead, officers' messages are theirs.
POST_LINK, PHOTO_LINK, ANSWER_LINK = "post", "photo", "relay_in"
RESIDENTS_OWN = (PHOTO_LINK, ANSWER_LINK)


class Outcome(StrEnum):
    SENT = "sent"
    RETRY = "retry"
    WAIT = "wait"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class Link:
    chat_id: int
    message_id: int
    purpose: str


@dataclass(frozen=True, slots=True)
class PostPlace:
    chat_id: int
    message_id: int
    thread_id: int | None
    # Rendered while the item still had its resident: if they were forgotten meanwhile, the
    # post shows their words and needs re-rendering. One rendered after /forget does not.
    personal: bool = False


@dataclass(frozen=True, slots=True)
class Result:
    outcome: Outcome
    links: tuple[Link, ...] = ()
    post: PostPlace | None = None
    error: str = ""
    retry_after: float | None = None

    @classmethod
    def sent(cls, *links: Link, post: PostPlace | None = None) -> Result:
        return cls(Outcome.SENT, links, post)

    @classmethod
    def retry(cls, error: str, retry_after: float | None = None) -> Result:
        return cls(Outcome.RETRY, error=error, retry_after=retry_after)


@dataclass(frozen=True, slots=True)
class Job:
    id: int
    kind: Kind
    item_id: int | None
    payload: dict[str, Any]
    attempts: int


class Sender(Protocol):
    async def deliver(self, job: Job) -> Result: ...


@dataclass(frozen=True, slots=True)
class OutboxHealth:
    pending: int
    oldest_age_s: float | None
    failed: int
    flagged: bool
    last_error: str = ""

    def as_dict(self) -> dict[str, Any]:
        age = None if self.oldest_age_s is None else round(self.oldest_age_s, 1)
        return {
            "pending": self.pending,
            "oldest_age_s": age,
            "failed": self.failed,
            "flagged": self.flagged,
            "last_error": self.last_error,
        }


@dataclass
class DrainReport:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)


def enqueue(
    session: AsyncSession,
    kind: Kind,
    item_id: int | None,
    now: datetime,
    **payload: Any,
) -> None:
    """Add a row in the caller's transaction, so it commits with the change it announces."""
    session.add(
        FeedbackOutbox(
            item_id=item_id,
            kind=str(kind),
            payload=json.dumps(payload, ensure_ascii=False),
            status=PENDING,
            attempts=0,
            next_attempt_at=now,
            created_at=now,
            last_error="",
        )
    )


def withdraw(
    session: AsyncSession,
    item_id: int,
    now: datetime,
    *,
    posted: bool,
    links: Iterable[tuple[int, int, str]] = (),
) -> None:
    """Queue what takes a forgotten resident's words out of the team chat.

    Rows rather than calls, so a Telegram outage or a restart cannot leave the words there, and
    the sends keep the outbox's pace and backoff.
    """
    if posted:
        enqueue(session, Kind.EDIT_POST, item_id, now)
    for chat_id, message_id, purpose in links:
        if purpose in RESIDENTS_OWN:
            enqueue(
                session, Kind.DELETE_RELAYED, item_id, now,
                chat_id=chat_id, message_id=message_id, purpose=purpose,
            )  # fmt: skip


async def enqueue_unless_recent(
    session: AsyncSession, kind: Kind, now: datetime, since: datetime, **payload: Any
) -> bool:
    """Add a row that belongs to no item unless one of ``kind`` was added at or after ``since``.

    One ``INSERT ... SELECT ... WHERE NOT EXISTS``, so two processes on SQLite (one writer at a
    time) cannot both add it. PostgreSQL would let two transactions each see no row, so there
    they first queue on an advisory lock held until commit.
    """
    if session.bind is not None and session.bind.dialect.name == "postgresql":
        await session.execute(select(func.pg_advisory_xact_lock(ONCE_LOCK)))
    recent = select(FeedbackOutbox.id).where(
        FeedbackOutbox.kind == str(kind), FeedbackOutbox.created_at >= since
    )
    row: dict[str, Any] = {
        "kind": str(kind), "payload": json.dumps(payload, ensure_ascii=False),
        "status": PENDING, "attempts": 0, "next_attempt_at": now, "created_at": now,
        "last_error": "",
    }  # fmt: skip
    columns = FeedbackOutbox.__table__.c
    values = select(*(literal(v, columns[k].type).label(k) for k, v in row.items()))
    result = await session.execute(
        insert(FeedbackOutbox).from_select(list(row), values.where(~exists(recent)))
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


class Outbox:
    def __init__(self, db: Database, config: FeedbackConfig, clock: Clock) -> None:
        self._db = db
        self._config = config
        self.clock = clock
        self._busy = False
        self._again = False

    def backoff(self, attempts: int, retry_after: float | None = None) -> float:
        base = self._config.backoff_base_s * 2 ** max(attempts - 1, 0)
        delay = min(base, self._config.backoff_max_s)
        return max(delay, retry_after or 0.0)

    def _due(self, now: datetime) -> Any:
        stale = now - timedelta(seconds=self._config.claim_lease_s)
        return or_(
            (FeedbackOutbox.status == PENDING) & (FeedbackOutbox.next_attempt_at <= now),
            (FeedbackOutbox.status == SENDING) & (FeedbackOutbox.claimed_at <= stale),
        )

    async def claim_due(self, limit: int = 50) -> list[Job]:
        now = self.clock()
        async with self._db.sessions.begin() as session:
            rows = (
                await session.scalars(
                    select(FeedbackOutbox)
                    .where(self._due(now))
                    .order_by(FeedbackOutbox.id)
                    .limit(limit)
                )
            ).all()
            candidates = [(r.id, r.kind, r.item_id, r.payload, r.attempts) for r in rows]
        jobs = []
        for row_id, kind, item_id, payload, attempts in candidates:
            if await self._claim(row_id, now):
                jobs.append(Job(row_id, Kind(kind), item_id, json.loads(payload), attempts))
        return jobs

    async def _claim(self, row_id: int, now: datetime) -> bool:
        async with self._db.sessions.begin() as session:
            result = await session.execute(
                update(FeedbackOutbox)
                .where(FeedbackOutbox.id == row_id, self._due(now))
                .values(status=SENDING, claimed_at=now)
            )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def settle(self, job: Job, result: Result) -> None:
        now = self.clock()
        async with self._db.sessions.begin() as session:
            mine = (FeedbackOutbox.id == job.id) & (FeedbackOutbox.status == SENDING)
            if result.outcome is Outcome.SENT:
                values: dict[str, Any] = {"status": DONE, "sent_at": now, "last_error": ""}
                await session.execute(update(FeedbackOutbox).where(mine).values(**values))
                await self._record(session, job, result, now)
                return
            if result.outcome is Outcome.FAILED:
                values = {"status": FAILED, "attempts": job.attempts + 1}
            elif result.outcome is Outcome.WAIT:
                delay = self._config.backoff_base_s
                values = {"status": PENDING, "next_attempt_at": now + timedelta(seconds=delay)}
            else:
                delay = self.backoff(job.attempts + 1, result.retry_after)
                values = {
                    "status": PENDING,
                    "attempts": job.attempts + 1,
                    "next_attempt_at": now + timedelta(seconds=delay),
                }
            values["last_error"] = result.error[:300]
            await session.execute(update(FeedbackOutbox).where(mine).values(**values))

    @staticmethod
    async def _record(session: AsyncSession, job: Job, result: Result, now: datetime) -> None:
        """Keep the messages that now belong to the item; if its resident was forgotten while
        they were on their way, withdraw them at once.

        The resident is read only after the row's update above: ``forget`` locks the item's
        unsent rows before it changes the item, so on PostgreSQL this settle either finished
        first (and ``forget`` sees these messages) or waited and now sees the item forgotten.
        SQLite has one writer at a time.
        """
        if job.item_id is None:
            return
        resident = (
            await session.execute(
                select(FeedbackItem.resident_id).where(FeedbackItem.id == job.item_id)
            )
        ).first()
        forgotten = resident is not None and resident.resident_id is None
        if forgotten and job.kind is Kind.TO_RESIDENT:
            return  # its links name the resident's chat, which forgetting erased
        for link in result.links:
            await store.link(session, job.item_id, link.chat_id, link.message_id, link.purpose)
        if result.post is not None:
            await session.execute(
                update(FeedbackItem)
                .where(FeedbackItem.id == job.item_id)
                .values(
                    team_chat_id=result.post.chat_id,
                    team_message_id=result.post.message_id,
                    team_thread_id=result.post.thread_id,
                )
            )
        if forgotten:
            sent = [(link.chat_id, link.message_id, link.purpose) for link in result.links]
            posted = result.post is not None and result.post.personal
            withdraw(session, job.item_id, now, posted=posted, links=sent)

    async def drain(self, sender: Sender, limit: int = 50) -> DrainReport:
        """Deliver everything due; a call while a pass runs makes that pass look again."""
        report = DrainReport()
        if self._busy:
            self._again = True
            return report
        self._busy = True
        try:
            for _ in range(MAX_PASSES):
                self._again = False
                jobs = await self.claim_due(limit)
                for job in jobs:
                    await self._deliver(sender, job, report)
                if not jobs and not self._again:
                    break
        finally:
            self._busy = False
        return report

    async def _deliver(self, sender: Sender, job: Job, report: DrainReport) -> None:
        try:
            result = await sender.deliver(job)
        except Exception as exc:  # a bug in one row must not stop the others
            log.exception("feedback outbox row %s (%s) raised", job.id, job.kind)
            result = Result.retry(f"{type(exc).__name__}")
        await self.settle(job, result)
        if result.outcome is Outcome.SENT:
            report.sent += 1
        elif result.outcome is Outcome.FAILED:
            report.failed += 1
            log.warning("feedback outbox row %s gave up: %s", job.id, result.error)
        elif result.outcome is Outcome.RETRY:
            report.retried += 1
            report.errors.append(result.error)
            log.info("feedback outbox row %s will be retried: %s", job.id, result.error)

    async def health(self) -> OutboxHealth:
        now = self.clock()
        async with self._db.sessions() as session:
            waiting = FeedbackOutbox.status.in_((PENDING, SENDING))
            pending, oldest = (
                await session.execute(
                    select(func.count(FeedbackOutbox.id), func.min(FeedbackOutbox.created_at))
                    .where(waiting)
                )
            ).one()  # fmt: skip
            failed = await session.scalar(
                select(func.count(FeedbackOutbox.id)).where(FeedbackOutbox.status == FAILED)
            )
            error = await session.scalar(
                select(FeedbackOutbox.last_error)
                .where(waiting, FeedbackOutbox.last_error != "")
                .order_by(FeedbackOutbox.id)
                .limit(1)
            )
        age = None if oldest is None else (now - _aware(oldest)).total_seconds()
        flagged = age is not None and age >= self._config.alert_after_s
        return OutboxHealth(int(pending), age, int(failed or 0), flagged, error or "")


def _aware(value: datetime) -> datetime:
    """SQLite hands back naive datetimes for what was stored as UTC."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)
