"""The daily retention job: remove what /privacy says is kept no longer.

``Retention.run(now)`` removes, in one transaction per kind, what has outlived its period
(config ``retention``); ``run_today(holder)`` does that at most once per London day across all
processes (``bot.retention.lease``). Everything here works on dates already in the database, so
a run repeated, interrupted or late removes exactly what a punctual one would have.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, delete, exists, func, not_, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import RetentionConfig
from bot.delivery import store as delivery_store
from bot.delivery.models import ScheduledMessage
from bot.events.models import Event, EventReminder
from bot.feedback import inbox
from bot.feedback.catalogue import Status
from bot.feedback.drafts import DRAFT_TTL
from bot.feedback.models import (
    FeedbackDraft,
    FeedbackItem,
    FeedbackMessage,
    FeedbackOffer,
    FeedbackOutbox,
)
from bot.feedback.outbox import POST_LINK
from bot.localtime import Clock, london
from bot.retention.lease import claim_day, finish_day, release_day
from bot.storage.db import Database
from bot.storage.models import Resident, UnansweredQuestion
from bot.subscriptions.models import SubscriptionSettings, SubscriptionTopic, SubscriptionWard

log = logging.getLogger(__name__)

CHUNK = 5000
FINISHED = (delivery_store.SENT, delivery_store.SKIPPED, delivery_store.FAILED,
            delivery_store.UNCERTAIN)  # fmt: skip


@dataclass(frozen=True, slots=True)
class RetentionReport:
    residents: int = 0  # inactive, unsubscribed residents removed
    feedback: int = 0  # closed items whose words, photo and location were erased
    messages: int = 0  # scheduled messages sent (or given up) long enough ago
    unanswered: int = 0  # unanswered questions not asked again for the period
    drafts: int = 0  # unfinished feedback and offers nobody took up

    def render(self) -> str:
        return ", ".join(f"{k} {v}" for k, v in asdict(self).items())

    @property
    def removed(self) -> int:
        return sum(asdict(self).values())


class Retention:
    def __init__(self, db: Database, periods: RetentionConfig, clock: Clock) -> None:
        self._db = db
        self._periods = periods
        self._clock = clock

    async def run_today(self, holder: str) -> RetentionReport | None:
        """Today's run, if no process has done it yet; None when another has (or is)."""
        now = self._clock()
        day = london(now).date().isoformat()
        if not await claim_day(self._db, day, holder, now):
            return None
        try:
            report = await self.run(now)
        except BaseException:
            await release_day(self._db, day, holder)
            raise
        await finish_day(self._db, day, holder, self._clock(), report.render())
        return report

    async def run(self, now: datetime) -> RetentionReport:
        days = self._periods
        async with self._db.sessions.begin() as session:
            residents, theirs = await _inactive_residents(
                session, now - timedelta(days=days.inactive_resident_days), now
            )
        async with self._db.sessions.begin() as session:
            feedback = await _closed_feedback(
                session, now - timedelta(days=days.closed_feedback_days)
            )
        async with self._db.sessions.begin() as session:
            messages = await _sent_messages(session, now - timedelta(days=days.sent_message_days))
            unanswered = await _unanswered(
                session, now - timedelta(days=days.unanswered_question_days)
            )
            drafts = await _leftovers(session, now - DRAFT_TTL)
        return RetentionReport(residents, feedback, messages + theirs, unanswered, drafts)


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    """Ids a few thousand at a time: PostgreSQL takes at most 32,767 parameters a statement."""
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def _count(result: object) -> int:
    return int(result.rowcount)  # type: ignore[attr-defined]


async def _inactive_residents(
    session: AsyncSession, before: datetime, now: datetime
) -> tuple[int, int]:
    """Residents unseen since ``before`` who asked for nothing (no topic, no event reminder):
    their record, settings and leftovers go. Open feedback keeps its link to them, so the team
    can still answer; it is erased when closed (``_closed_feedback``). Returns how many
    residents, and how many messages sent to them, were removed."""
    subscribed = exists().where(SubscriptionTopic.resident_id == Resident.telegram_id)
    reminded = exists().where(
        EventReminder.resident_id == Resident.telegram_id,
        EventReminder.event_id == Event.id,
        Event.ends_at > now,
    )
    ids = list(
        await session.scalars(
            select(Resident.telegram_id).where(
                Resident.last_seen_at < before, not_(subscribed), not_(reminded)
            )
        )
    )
    gone = sent = 0
    for chunk in _chunks(ids):
        for column in (SubscriptionWard.resident_id, SubscriptionSettings.resident_id,
                       FeedbackDraft.resident_id, FeedbackOffer.resident_id):  # fmt: skip
            await session.execute(delete(column.class_).where(column.in_(chunk)))
        sent += _count(
            await session.execute(
                delete(ScheduledMessage).where(
                    ScheduledMessage.resident_id.in_(chunk), ScheduledMessage.status.in_(FINISHED)
                )
            )
        )
        gone += _count(
            await session.execute(delete(Resident).where(Resident.telegram_id.in_(chunk)))
        )
    return gone, sent


async def _closed_feedback(session: AsyncSession, before: datetime) -> int:
    """Items closed before ``before`` keep reference, priority, ward, dates and status; who sent
    them, their words, photo, location and closing note go, with the messages relayed for them."""
    ids = list(
        await session.scalars(
            select(FeedbackItem.id).where(
                FeedbackItem.status == Status.CLOSED,
                FeedbackItem.closed_at < before,
                or_(FeedbackItem.resident_id.is_not(None), FeedbackItem.text != "",
                    FeedbackItem.latitude.is_not(None), FeedbackItem.photo_file_id.is_not(None)),
            )
        )
    )  # fmt: skip
    for chunk in _chunks(ids):
        await session.execute(
            update(FeedbackItem)
            .where(FeedbackItem.id.in_(chunk))
            .values(resident_id=None, text="", photo_file_id=None, latitude=None,
                    longitude=None, may_reply=False, close_note=None)
        )  # fmt: skip
        await session.execute(
            delete(FeedbackMessage).where(
                FeedbackMessage.item_id.in_(chunk), FeedbackMessage.purpose != POST_LINK
            )
        )
        await session.execute(
            update(FeedbackOutbox)
            .where(FeedbackOutbox.item_id.in_(chunk), FeedbackOutbox.payload != "{}")
            .values(payload="{}")
        )
        await inbox.forget_items(session, chunk)
    return len(ids)


async def _sent_messages(session: AsyncSession, before: datetime) -> int:
    """Messages sent (or given up) before ``before``, and reminders asked for events that ended
    before then: nothing is left to send for either."""
    sent = func.coalesce(ScheduledMessage.sent_at, ScheduledMessage.due_at)
    messages = await session.execute(
        delete(ScheduledMessage).where(and_(ScheduledMessage.status.in_(FINISHED), sent < before))
    )
    ended = select(Event.id).where(Event.ends_at < before)
    reminders = await session.execute(
        delete(EventReminder).where(EventReminder.event_id.in_(ended))
    )
    return _count(messages) + _count(reminders)


async def _unanswered(session: AsyncSession, before: datetime) -> int:
    return _count(
        await session.execute(
            delete(UnansweredQuestion).where(UnansweredQuestion.last_seen_at < before)
        )
    )


async def _leftovers(session: AsyncSession, before: datetime) -> int:
    drafts = await session.execute(delete(FeedbackDraft).where(FeedbackDraft.started_at < before))
    offers = await session.execute(delete(FeedbackOffer).where(FeedbackOffer.offered_at < before))
    return _count(drafts) + _count(offers)
