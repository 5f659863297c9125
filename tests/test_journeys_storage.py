"""The storage under the residents' journeys, on every engine: the once-only updates line, the
offered words, the daily claim and what the retention job removes."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, insert, select

from bot.config import RetentionConfig
from bot.delivery import store as delivery
from bot.delivery.models import ScheduledMessage
from bot.feedback.models import FeedbackItem, FeedbackOffer
from bot.feedback.offers import OfferStore
from bot.retention.job import Retention
from bot.retention.lease import claim_day, finish_day
from bot.storage.db import Database
from bot.storage.models import Resident, UnansweredQuestion
from bot.subscriptions.onboarding import Onboarding
from bot.subscriptions.service import SubscriptionService
from tests.fake_clock import FakeClock

NOW = datetime(2027, 3, 20, 12, 0, tzinfo=UTC)


async def test_the_updates_line_is_offered_once_and_never_after_choosing(db: Database) -> None:
    clock = FakeClock(NOW)
    subs = SubscriptionService(db, ("Pinner", "Stanmore"), clock)
    onboarding = Onboarding(db, subs, ("announcements", "events"), clock)
    assert await onboarding.offer_once(1) is True
    assert await onboarding.offer_once(1) is False
    settings = await onboarding.choose_ward(2, "pinner")
    assert (settings.wards, settings.topics) == (("Pinner",), ("announcements", "events"))
    assert await onboarding.offer_once(2) is False
    await subs.toggle_topic(2, "tips")
    again = await onboarding.choose_ward(2, None)  # the whole borough; chosen topics stay
    assert (again.wards, again.topics) == ((), ("announcements", "events", "tips"))


async def test_offered_words_are_taken_once_per_message_and_expire(db: Database) -> None:
    clock = FakeClock(NOW)
    offers = OfferStore(db, clock)
    await offers.put(1, 10, "more patrols please")
    await offers.put(1, 11, "street lights out")
    assert await offers.take(1, 10) == "more patrols please"
    assert await offers.take(1, 10) is None
    clock.advance(hours=2)
    assert await offers.take(1, 11) is None  # older than a draft lives


async def test_only_one_claim_per_day_wins(db: Database) -> None:
    results = await asyncio.gather(
        *(claim_day(db, "2027-03-20", f"{n}@host#{n}", NOW) for n in range(5))
    )
    assert sum(results) == 1
    winner = f"{results.index(True)}@host#{results.index(True)}"
    await finish_day(db, "2027-03-20", winner, NOW, "done")
    assert await claim_day(db, "2027-03-20", "9@other#9", NOW + timedelta(hours=5)) is False


async def test_the_job_removes_what_has_outlived_its_period(db: Database) -> None:
    old, recent = NOW - timedelta(days=400), NOW - timedelta(days=10)
    async with db.sessions.begin() as session:
        await session.execute(insert(Resident), [
            {"telegram_id": 1, "language": "en", "created_at": old, "last_seen_at": old},
            {"telegram_id": 2, "language": "en", "created_at": old, "last_seen_at": recent},
        ])  # fmt: skip
        await session.execute(insert(UnansweredQuestion), [
            {"normalised_text": "old question", "first_seen_at": old, "last_seen_at": old},
            {"normalised_text": "new question", "first_seen_at": recent, "last_seen_at": recent},
        ])  # fmt: skip
        await session.execute(insert(FeedbackItem), [
            {"reference": "HW-2026-00001", "resident_id": 1, "priority": "asb", "ward": "Pinner",
             "text": "old words", "status": "closed", "closed_at": old, "created_at": old,
             "updated_at": old, "latitude": 51.6, "longitude": -0.3},
            {"reference": "HW-2026-00002", "resident_id": 1, "priority": "asb", "text": "open",
             "status": "new", "created_at": old, "updated_at": old},
        ])  # fmt: skip
        await session.execute(insert(FeedbackOffer).values(
            resident_id=2, message_id=5, text="offered", offered_at=recent))  # fmt: skip
        await delivery.schedule(session, 2, "summary", old, text="sent long ago")
        await session.execute(
            ScheduledMessage.__table__.update().values(status="sent", sent_at=old)
        )
    report = await Retention(db, RetentionConfig(), lambda: NOW).run(NOW)
    assert (report.residents, report.feedback, report.unanswered, report.messages) == (1, 1, 1, 1)
    assert report.drafts == 1
    async with db.sessions() as session:
        assert list(await session.scalars(select(Resident.telegram_id))) == [2]
        items = {r.reference: r for r in await session.scalars(select(FeedbackItem))}
        assert await session.scalar(select(func.count(FeedbackOffer.message_id))) == 0
    closed, still_open = items["HW-2026-00001"], items["HW-2026-00002"]
    assert (closed.resident_id, closed.text, closed.latitude, closed.ward) == (
        None, "", None, "Pinner"
    )  # fmt: skip
    assert (still_open.resident_id, still_open.text) == (1, "open")  # the team may still answer
    again = await Retention(db, RetentionConfig(), lambda: NOW).run(NOW)
    assert again.removed == 0
