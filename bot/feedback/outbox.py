"""Persisted delivery to the team chat and between team and resident: nothing is lost.

Every send is a row first, written in the transaction of the change it announces. The shared
outbox (``bot.outbox``) claims each row with a lease, hands it to a ``Sender`` and records the
outcome: sent (with the Telegram messages that now belong to the item), retry later (backoff
doubling from ``backoff_base_s`` to ``backoff_max_s``, never sooner than Telegram's
``retry_after``), wait (another row must go first) or failed (the resident blocked the bot; or
Telegram refused for good to delete a message, which was then overwritten instead).

A send whose answer was lost (a timeout, a dropped connection, or a process killed mid-send)
may have reached the team chat: it goes at most once more, and the sender marks that copy
"(possible repeat of HW-2026-00042)", so a repeat is never silent. Telegram offers no
idempotency key that would close the window.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any, Protocol

from sqlalchemy import exists, func, insert, literal, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import FeedbackConfig
from bot.feedback import store
from bot.feedback.models import FeedbackItem, FeedbackOutbox
from bot.outbox import Attempt, Backoff, Claimed, OutboxHealth, Report, Table
from bot.outbox import Outbox as SharedOutbox
from bot.storage.db import Database

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]

PENDING, SENDING, DONE, FAILED, UNCERTAIN = "pending", "sending", "done", "failed", "uncertain"
MAX_PASSES = 10
TABLE = Table(
    FeedbackOutbox, due="next_attempt_at", error="last_error", error_len=300,
    created="created_at", claimed=SENDING, done=DONE, failed=FAILED,
)  # fmt: skip
COLUMNS = ("kind", "item_id", "payload")
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
    RECEIPT = "receipt"  # the resident's receipt, with the reference


# Team-chat messages (``feedback_messages.purpose``) that carry the resident's own words or photo,
# so /forget withdraws them; the post is re-rendered instead, officers' messages are theirs.
POST_LINK, PHOTO_LINK, ANSWER_LINK = "post", "photo", "relay_in"
RESIDENTS_OWN = (PHOTO_LINK, ANSWER_LINK)


class Outcome(StrEnum):
    SENT = "sent"
    RETRY = "retry"  # nothing was sent (no connection, 429, 5xx, a refusal worth retrying)
    AMBIGUOUS = "ambiguous"  # sent, answer lost: it may be in the chat already
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

    @classmethod
    def ambiguous(cls, error: str) -> Result:
        return cls(Outcome.AMBIGUOUS, error=error)


@dataclass(frozen=True, slots=True)
class Job:
    id: int
    kind: Kind
    item_id: int | None
    payload: dict[str, Any]
    attempts: int
    # An earlier send of this row may have arrived: this one says it may be a repeat.
    possible_repeat: bool = False


class Sender(Protocol):
    async def deliver(self, job: Job) -> Result: ...


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
    """The feedback outbox on the shared one: one pass at a time in this process, in row order,
    so an item's photo and answers follow its post."""

    def __init__(self, db: Database, config: FeedbackConfig, clock: Clock) -> None:
        backoff = Backoff(config.backoff_base_s, config.backoff_max_s)
        self.shared = SharedOutbox(
            db, TABLE, backoff, name="feedback", lease_s=config.claim_lease_s, clock=clock,
            alert_after_s=config.alert_after_s,
        )  # fmt: skip
        self._busy = False
        self._again = False

    @property
    def clock(self) -> Clock:
        return self.shared.clock

    @clock.setter
    def clock(self, value: Clock) -> None:
        self.shared.clock = value

    async def claim_due(self, limit: int = 50) -> list[Job]:
        """Claim up to ``limit`` due rows (as a sender that then stops would)."""
        jobs = []
        for _ in range(limit):
            claimed = await self.shared.claim(columns=COLUMNS)
            if claimed is None:
                break
            jobs.append(_job(claimed))
        return jobs

    async def settle(self, job: Job, result: Result) -> None:
        """Record what became of a claimed job (``drain`` does this for each row it sends)."""
        claimed = Claimed(job.id, job.attempts, int(job.possible_repeat), False)
        await self.shared.settle(claimed, _attempt(job, result, self.clock()))

    async def drain(self, sender: Sender, limit: int = 200) -> Report:
        """Deliver everything due; a call while a pass runs makes that pass look again."""
        report = Report()
        if self._busy:
            self._again = True
            return report
        self._busy = True

        async def deliver(claimed: Claimed) -> Attempt:
            job = _job(claimed)
            return _attempt(job, await sender.deliver(job), self.clock())

        try:
            for _ in range(MAX_PASSES):
                self._again = False
                report = await self.shared.drain(deliver, columns=COLUMNS, limit=limit)
                if not self._again:
                    break
        finally:
            self._busy = False
        return report

    async def release_stopped(self) -> int:
        return await self.shared.release_stopped()

    async def health(self) -> OutboxHealth:
        return await self.shared.health()


def _job(claimed: Claimed) -> Job:
    data = claimed.data
    payload = json.loads(data["payload"] or "{}")
    return Job(
        claimed.id, Kind(data["kind"]), data["item_id"], payload, claimed.attempts,
        claimed.possible_repeat,
    )  # fmt: skip


def _attempt(job: Job, result: Result, now: datetime) -> Attempt:
    """A sender's result in the shared outbox's words."""
    if result.outcome is Outcome.SENT:

        async def record(session: AsyncSession) -> None:
            await _record(session, job, result, now)

        return Attempt.sent(record, sent_at=now)
    if result.outcome is Outcome.WAIT:
        return Attempt.defer(error=result.error)
    if result.outcome is Outcome.FAILED:
        log.warning("feedback outbox row %s gave up: %s", job.id, result.error)
        return Attempt.rejected(result.error)
    if result.outcome is Outcome.AMBIGUOUS:
        return Attempt.ambiguous(result.error)
    log.info("feedback outbox row %s will be retried: %s", job.id, result.error)
    return Attempt.retry(result.error, result.retry_after)


async def _record(session: AsyncSession, job: Job, result: Result, now: datetime) -> None:
    """Keep the messages that now belong to the item; if its resident was forgotten while
    they were on their way, withdraw them at once.

    The resident is read only after the row's update (the shared outbox's settle): ``forget``
    locks the item's unsent rows before it changes the item, so on PostgreSQL this settle either
    finished first (and ``forget`` sees these messages) or waited and now sees the item
    forgotten. SQLite has one writer at a time.
    """
    if job.item_id is None:
        return
    resident = (
        await session.execute(
            select(FeedbackItem.resident_id).where(FeedbackItem.id == job.item_id)
        )
    ).first()
    forgotten = resident is not None and resident.resident_id is None
    if forgotten and job.kind in (Kind.TO_RESIDENT, Kind.RECEIPT):
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
