"""Feedback storage and delivery on both engines: references, limits, blocks, the outbox's
claims and backoff, forgetting, and the tallies."""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from bot.config import Config
from bot.feedback import tallies
from bot.feedback.answerer import FeedbackAnswerer, sounds_like_feedback
from bot.feedback.catalogue import Priority
from bot.feedback.models import FeedbackItem, FeedbackMessage, FeedbackOutbox
from bot.feedback.offers import OfferStore
from bot.feedback.outbox import Job, Kind, Link, Outbox, Outcome, PostPlace, Result
from bot.feedback.privacy import SECTION, section
from bot.feedback.service import (
    Action,
    BlockOutcome,
    Change,
    Draft,
    FeedbackService,
    Refusal,
    Refused,
    Relay,
)
from bot.privacy import PrivacyService
from bot.router import Query
from bot.storage.db import Database
from bot.storage.models import AuditEntry

RESIDENT, OFFICER = 5001, 7001
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


class Clock:
    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def draft(resident: int = RESIDENT, **kw: object) -> Draft:
    values: dict[str, object] = {
        "priority": Priority.HIGH_STREET, "text": "More police on Station Road at night",
        "may_reply": True, "ward": "Wealdstone South",
    }  # fmt: skip
    values.update(kw)
    return Draft(resident, **values)  # type: ignore[arg-type]


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def service(db: Database, clock: Clock) -> FeedbackService:
    return FeedbackService(db, Config(), clock)


@dataclass
class FakeSender:
    """Fails the first ``failures`` sends, then succeeds; records what it delivered."""

    failures: list[Result] = field(default_factory=list)
    delivered: list[int] = field(default_factory=list)
    next_id: int = 100

    async def deliver(self, job: Job) -> Result:
        if self.failures:
            return self.failures.pop(0)
        self.delivered.append(job.id)
        self.next_id += 1
        post = PostPlace(-100, self.next_id, None) if job.kind is Kind.POST else None
        return Result.sent(Link(-100, self.next_id, str(job.kind)), post=post)


async def test_references_are_sequential_per_year_and_unique_under_concurrency(
    service: FeedbackService, clock: Clock
) -> None:
    first = await service.submit(draft())
    assert first.reference == "HW-2026-00001"
    items = await asyncio.gather(*(service.submit(draft(resident=9000 + n)) for n in range(12)))
    numbers = sorted(int(i.reference.rsplit("-", 1)[1]) for i in items)
    assert numbers == list(range(2, 14))
    clock.now = datetime(2027, 1, 1, 0, 5, tzinfo=UTC)
    assert (await service.submit(draft(resident=42))).reference == "HW-2027-00001"


async def test_item_and_its_post_are_stored_together(
    service: FeedbackService, db: Database
) -> None:
    item = await service.submit(draft(photo_file_id="PHOTO1"))
    async with db.sessions() as session:
        kinds = (
            await session.scalars(
                select(FeedbackOutbox.kind).where(FeedbackOutbox.item_id == item.id)
            )
        ).all()
    assert sorted(kinds) == ["post", "team_photo"]
    assert item.status == "new" and item.photo_file_id == "PHOTO1"


async def test_daily_limit_then_block_by_reference(
    service: FeedbackService, clock: Clock, db: Database
) -> None:
    items = [await service.submit(draft()) for _ in range(5)]
    with pytest.raises(Refused) as refused:
        await service.submit(draft())
    assert refused.value.reason is Refusal.DAILY_LIMIT
    clock.advance(24 * 3600 + 1)
    assert await service.refusal(RESIDENT) is None
    outcome = await service.block(items[0].reference.lower(), OFFICER, "abusive")
    assert outcome is BlockOutcome.BLOCKED
    assert await service.block(items[0].reference, OFFICER, "again") is BlockOutcome.ALREADY
    assert await service.refusal(RESIDENT) is Refusal.BLOCKED
    assert await service.block("HW-2026-99999", OFFICER, "x") is BlockOutcome.NOT_FOUND
    assert await service.unblock(items[0].reference, OFFICER) is BlockOutcome.UNBLOCKED
    async with db.sessions() as session:
        audit = (await session.scalars(select(AuditEntry.detail))).all()
    assert f"{items[0].reference}: abusive" in audit


async def test_status_changes_queue_a_notice_and_a_post_update(service: FeedbackService) -> None:
    item = await service.submit(draft())
    ack = await service.change_status(item.id, Action.ACKNOWLEDGE, OFFICER, "Sam")
    assert ack.change is Change.CHANGED and ack.item is not None
    again = await service.change_status(item.id, Action.ACKNOWLEDGE, OFFICER, "Sam")
    assert again.change is Change.UNCHANGED
    mine = await service.change_status(item.id, Action.ASSIGN, OFFICER, "Sam")
    assert mine.item is not None and mine.item.status == "in_progress"
    closed = await service.change_status(item.id, Action.CLOSE, OFFICER, "Sam", "Done")
    assert closed.item is not None and closed.item.close_note == "Done"
    late = await service.change_status(item.id, Action.ACKNOWLEDGE, OFFICER, "Sam")
    assert late.change is Change.CLOSED
    sender = FakeSender()
    await service.outbox.drain(sender)
    # post, 3 edits, 3 notices
    assert len(sender.delivered) == 7
    assert await service.open_items(RESIDENT) == []


async def test_replies_respect_the_residents_choice(service: FeedbackService) -> None:
    quiet = await service.submit(draft(may_reply=False))
    assert await service.relay_to_resident(quiet.id, "Hello", None) is Relay.NOT_ALLOWED
    open_ = await service.submit(draft())
    assert await service.relay_to_resident(open_.id, "Hello", None) is Relay.QUEUED
    assert await service.relay_to_team(open_.id, 1234, "not mine", None) is Relay.UNREACHABLE
    assert await service.relay_to_team(open_.id, RESIDENT, "more", None) is Relay.QUEUED


async def test_outbox_retries_with_backoff_and_sends_once(
    service: FeedbackService, clock: Clock, db: Database
) -> None:
    await service.submit(draft())
    sender = FakeSender(
        failures=[
            Result.retry("429", retry_after=30),
            Result.retry("500"),
            Result.retry("timeout"),
        ]
    )
    await service.outbox.drain(sender)
    assert sender.delivered == []
    clock.advance(29)
    await service.outbox.drain(sender)
    assert len(sender.failures) == 2  # retry_after is honoured
    clock.advance(1)
    await service.outbox.drain(sender)  # 500
    clock.advance(9)
    await service.outbox.drain(sender)
    assert len(sender.failures) == 1  # second backoff is 10 s
    clock.advance(1)
    await service.outbox.drain(sender)  # timeout
    clock.advance(20)
    await service.outbox.drain(sender)
    await service.outbox.drain(sender)
    assert len(sender.delivered) == 1
    health = await service.outbox.health()
    assert health.pending == 0 and health.oldest_age_s is None
    async with db.sessions() as session:
        row = await session.scalar(select(FeedbackOutbox))
        item = await session.scalar(select(FeedbackItem))
        links = await session.scalar(select(func.count(FeedbackMessage.id)))
    assert row is not None and row.status == "done" and row.attempts == 3
    assert item is not None and item.team_message_id == 101 and links == 1


async def test_two_processes_never_send_the_same_row(db: Database, clock: Clock) -> None:
    service = FeedbackService(db, Config(), clock)
    for n in range(10):
        await service.submit(draft(resident=n + 1))
    other = Outbox(db, Config().feedback, clock)
    a, b = FakeSender(), FakeSender()
    await asyncio.gather(service.outbox.drain(a), other.drain(b))
    assert sorted(a.delivered + b.delivered) == sorted(set(a.delivered + b.delivered))
    assert len(a.delivered + b.delivered) == 10


async def test_a_claim_left_by_a_dead_process_is_retried_after_the_lease(
    service: FeedbackService, clock: Clock, db: Database
) -> None:
    await service.submit(draft())
    jobs = await service.outbox.claim_due()  # claimed, then the process "dies"
    assert len(jobs) == 1
    sender = FakeSender()
    await service.outbox.drain(sender)
    assert sender.delivered == []  # still within the lease
    clock.advance(Config().feedback.claim_lease_s + 1)
    await service.outbox.drain(sender)
    assert sender.delivered == [jobs[0].id]
    await service.outbox.drain(sender)
    assert sender.delivered == [jobs[0].id]


async def test_health_flags_what_waited_too_long(service: FeedbackService, clock: Clock) -> None:
    await service.submit(draft())
    await service.outbox.drain(FakeSender(failures=[Result.retry("403 Forbidden: kicked")]))
    clock.advance(Config().feedback.alert_after_s + 5)
    health = await service.outbox.health()
    assert health.pending == 1 and health.flagged and "403" in health.last_error
    assert health.oldest_age_s == pytest.approx(Config().feedback.alert_after_s + 5)


async def test_a_resident_who_blocked_the_bot_is_given_up_on(service: FeedbackService) -> None:
    item = await service.submit(draft())
    await service.outbox.drain(FakeSender())
    await service.relay_to_resident(item.id, "Hello", None)
    await service.outbox.drain(FakeSender(failures=[Result(Outcome.FAILED, error="403")]))
    health = await service.outbox.health()
    assert health.pending == 0 and health.failed == 1


async def test_forget_keeps_counts_but_not_the_person(
    service: FeedbackService, db: Database
) -> None:
    item = await service.submit(draft(photo_file_id="P", latitude=51.6, longitude=-0.3))
    await service.link(item.id, RESIDENT, 7, "receipt")
    async with db.sessions() as session:
        exported = await SECTION.export(session, RESIDENT)
    assert exported["items"][0]["reference"] == item.reference
    async with db.sessions.begin() as session:
        assert await SECTION.forget(session, RESIDENT) >= 2
    async with db.sessions() as session:
        row = await session.get(FeedbackItem, item.id)
        assert await SECTION.export(session, RESIDENT) == {"items": [], "blocked": None}
    assert row is not None and row.resident_id is None and row.text == "" and row.latitude is None
    assert row.priority == "street" and await service.find_link(RESIDENT, 7) is None


async def test_forget_erases_a_photo_not_yet_posted_and_what_sent_rows_carried(
    service: FeedbackService, db: Database
) -> None:
    posted = await service.submit(draft(photo_file_id="PHOTO-POSTED"))
    await service.relay_to_team(posted.id, RESIDENT, "Every Friday after 10pm", "PHOTO-ANSWER")
    await service.relay_to_resident(posted.id, "Thanks, we will look", None)
    await service.outbox.drain(FakeSender())
    waiting = await service.submit(draft(photo_file_id="PHOTO-WAITING"))  # team chat unreachable
    async with db.sessions.begin() as session:
        await SECTION.forget(session, RESIDENT)
    await service.outbox.drain(FakeSender())
    async with db.sessions() as session:
        rows = (
            await session.execute(
                select(FeedbackOutbox.item_id, FeedbackOutbox.kind, FeedbackOutbox.payload)
            )
        ).all()
    assert not [p for _, _, p in rows if "PHOTO" in p or "Friday" in p or "look" in p]
    # The post still reaches the team (without the resident's words); the photo never does.
    assert sorted(k for i, k, _ in rows if i == waiting.id) == ["post"]
    # The post already sent is re-rendered without them (this sender's links are not the team
    # chat's relayed messages, so nothing is deleted here).
    assert sorted(k for i, k, _ in rows if i == posted.id) == [
        "edit_post", "post", "team_photo", "to_resident", "to_team",
    ]  # fmt: skip


TEAM_CHAT = -100


@dataclass
class TeamSender:
    """Links what it sends the way the Telegram sender does, so /forget can find the team chat's
    copies: the post, the item's photo, an answer (a photo and its text: two messages)."""

    service: FeedbackService
    delivered: list[Kind] = field(default_factory=list)
    next_id: int = 100

    def _next(self) -> int:
        self.next_id += 1
        return self.next_id

    async def deliver(self, job: Job) -> Result:
        self.delivered.append(job.kind)
        item = await self.service.item(job.item_id) if job.item_id is not None else None
        assert item is not None
        if job.kind is Kind.POST:
            message = self._next()
            place = PostPlace(TEAM_CHAT, message, None, personal=item.resident_id is not None)
            return Result.sent(Link(TEAM_CHAT, message, "post"), post=place)
        if job.kind is Kind.TEAM_PHOTO:
            return Result.sent(Link(TEAM_CHAT, self._next(), "photo"))
        if job.kind is Kind.TO_TEAM:
            return Result.sent(*(Link(TEAM_CHAT, self._next(), "relay_in") for _ in range(2)))
        if job.kind is Kind.TO_RESIDENT:
            return Result.sent(Link(RESIDENT, self._next(), "relay"))
        return Result.sent()


async def queued(db: Database) -> list[tuple[int | None, str, dict[str, object]]]:
    async with db.sessions() as session:
        rows = await session.execute(
            select(FeedbackOutbox.item_id, FeedbackOutbox.kind, FeedbackOutbox.payload)
            .where(FeedbackOutbox.status == "pending")
            .order_by(FeedbackOutbox.id)
        )
        return [(item, kind, json.loads(payload)) for item, kind, payload in rows]


def deletion(message_id: int, purpose: str) -> dict[str, object]:
    return {"chat_id": TEAM_CHAT, "message_id": message_id, "purpose": purpose}


async def test_forget_queues_the_withdrawal_of_what_the_team_chat_shows(
    service: FeedbackService, db: Database, clock: Clock
) -> None:
    posted = await service.submit(draft(photo_file_id="P", latitude=51.6, longitude=-0.3))
    await service.relay_to_team(posted.id, RESIDENT, "Every Friday after 10pm", "ANSWER-PHOTO")
    await service.relay_to_resident(posted.id, "Thanks, we will look", None)
    neighbour = await service.submit(draft(resident=RESIDENT + 1))
    sender = TeamSender(service)
    await service.outbox.drain(sender)  # post 101, photo 102, answer 103 and 104, reply 105
    waiting = await service.submit(draft(text="Not posted yet"))
    async with db.sessions.begin() as session:
        await section(clock).forget(session, RESIDENT)

    assert await queued(db) == [
        (waiting.id, "post", {}),  # rendered from the forgotten item when it goes
        (posted.id, "edit_post", {}),
        (posted.id, "delete_relayed", deletion(102, "photo")),
        (posted.id, "delete_relayed", deletion(103, "relay_in")),
        (posted.id, "delete_relayed", deletion(104, "relay_in")),
    ]
    sender.delivered.clear()
    await service.outbox.drain(sender)
    assert sender.delivered == [Kind.POST, Kind.EDIT_POST] + [Kind.DELETE_RELAYED] * 3
    assert await queued(db) == []  # a post rendered after /forget needs no second edit
    async with db.sessions() as session:
        others = (
            await session.scalars(
                select(FeedbackOutbox.kind).where(FeedbackOutbox.item_id == neighbour.id)
            )
        ).all()
    assert others == ["post"]


async def test_a_send_on_its_way_during_forget_is_withdrawn_when_it_lands(
    service: FeedbackService, db: Database, clock: Clock
) -> None:
    item = await service.submit(draft(photo_file_id="P"))
    await service.relay_to_resident(item.id, "Hello", None)
    jobs = {job.kind: job for job in await service.outbox.claim_due()}
    assert set(jobs) == {Kind.POST, Kind.TEAM_PHOTO, Kind.TO_RESIDENT}
    async with db.sessions.begin() as session:
        await section(clock).forget(session, RESIDENT)
    assert await queued(db) == []  # nothing of theirs is known to be in the team chat yet

    post = PostPlace(TEAM_CHAT, 11, None, personal=True)  # rendered before /forget
    await service.outbox.settle(
        jobs[Kind.POST], Result.sent(Link(TEAM_CHAT, 11, "post"), post=post)
    )
    await service.outbox.settle(jobs[Kind.TEAM_PHOTO], Result.sent(Link(TEAM_CHAT, 12, "photo")))
    await service.outbox.settle(jobs[Kind.TO_RESIDENT], Result.sent(Link(RESIDENT, 13, "notice")))
    assert await queued(db) == [
        (item.id, "edit_post", {}),
        (item.id, "delete_relayed", deletion(12, "photo")),
    ]
    async with db.sessions() as session:
        chats = (await session.scalars(select(FeedbackMessage.chat_id))).all()
        row = await session.get(FeedbackItem, item.id)
    assert RESIDENT not in chats  # forgetting is not undone by a message that landed late
    assert row is not None and row.team_message_id == 11


async def test_forget_racing_sends_that_land_withdraws_each_copy_once(
    service: FeedbackService, db: Database, clock: Clock
) -> None:
    residents = range(RESIDENT, RESIDENT + 6)
    items = [await service.submit(draft(resident=r, photo_file_id="P")) for r in residents]
    jobs = await service.outbox.claim_due()
    privacy = PrivacyService(db, [section(clock)])

    async def land(job: Job) -> None:
        message = 1000 + job.id
        if job.kind is Kind.POST:
            post = PostPlace(TEAM_CHAT, message, None, personal=True)
            result = Result.sent(Link(TEAM_CHAT, message, "post"), post=post)
        else:
            result = Result.sent(Link(TEAM_CHAT, message, "photo"))
        await service.outbox.settle(job, result)

    await asyncio.gather(*(land(job) for job in jobs), *(privacy.forget(r) for r in residents))
    pending = await queued(db)
    for item in items:
        # Whichever came first, each copy is withdrawn once: by /forget or by the landing send.
        assert sorted(kind for i, kind, _ in pending if i == item.id) == [
            "delete_relayed", "edit_post",
        ]  # fmt: skip


async def test_the_weekly_digest_is_queued_once_a_week_however_often_it_runs(
    db: Database, clock: Clock
) -> None:
    service = FeedbackService(db, Config(), clock)
    other = FeedbackService(db, Config(), clock)  # a second process on the same database
    assert await service.queue_digest("week 10") is True
    clock.advance(3600)  # a restart, a re-run and a second process, all in the same week
    again = await asyncio.gather(service.queue_digest("x"), other.queue_digest("x"))
    assert again == [False, False]
    clock.advance(7 * 86400 - 3600 - 3600)  # next week's run, an hour early (clocks went forward)
    sent = await asyncio.gather(service.queue_digest("week 11"), other.queue_digest("week 11"))
    assert sorted(sent) == [False, True]
    sender = FakeSender()
    await service.outbox.drain(sender)
    async with db.sessions() as session:
        rows = (
            await session.execute(
                select(FeedbackOutbox.payload, FeedbackOutbox.status)
                .where(FeedbackOutbox.kind == "digest")
                .order_by(FeedbackOutbox.id)
            )
        ).all()
    assert rows == [('{"text": "week 10"}', "done"), ('{"text": "week 11"}', "done")]
    assert len(sender.delivered) == 2


async def test_tallies_compare_with_the_period_before(
    service: FeedbackService, clock: Clock, db: Database
) -> None:
    await service.submit(draft(resident=1))
    clock.advance(8 * 86400)
    await service.submit(draft(resident=2))
    await service.submit(draft(resident=3, priority=Priority.ROAD_SAFETY, ward=None))
    week = await tallies.period(db, clock(), 7)
    assert week.total == (2, 1)
    assert week.by_priority == {"street": (1, 1), "road": (1, 0)}
    assert week.by_ward["Wealdstone South"] == (1, 1)
    text = tallies.render([week], clock(), "Europe/London")
    assert "Last 7 days: 2 (previous 1, +1)" in text and "Road safety: 1 (previous 0, +1)" in text
    assert "Source: Local Beat feedback records" in text
    csv_text = tallies.to_csv(await service.all_items(), "Europe/London")
    assert csv_text.splitlines()[0].startswith("reference,received,priority")
    assert str(RESIDENT) not in csv_text and len(csv_text.splitlines()) == 4


async def test_answerer_offers_priorities_and_leaves_questions_alone(
    db: Database, clock: Clock
) -> None:
    answerer = FeedbackAnswerer("Harrow")
    said = "We need more police on Station Road at night"
    proposal = await answerer.propose(Query(said, RESIDENT))
    assert proposal is not None
    reply = await proposal.make()
    assert reply.kind == "feedback"
    assert "Harrow team" in reply.text and "call 101" in reply.text
    assert [b.action for b in reply.buttons] == ["fb:offer", "menu:main"]
    # The words are kept under the message that shows the button, once.
    offers = OfferStore(db, clock)
    await offers.put(RESIDENT, 7, said)
    assert await offers.take(RESIDENT, 7) == said
    assert await offers.take(RESIDENT, 7) is None  # taken once: a second press starts empty
    for question in (
        "how do I stop my phone being snatched?",
        "what are the police priorities",
        "more police?",
        "I need more information about police",
        "is there more police on station road",
    ):
        assert not sounds_like_feedback(question), question
    assert await answerer.propose(Query("what is the police plan?", RESIDENT)) is None


@pytest.mark.parametrize(
    "said",
    [
        "it would be nice if officers came to the school fair",
        "extra foot patrols round the station after 10pm please",
        "suggestion - a pcso at the market on saturdays",
        "nobody called me back for a week after the break-in, not good enough",
        "our biggest concern would be the speeding on the high road",
        "why is there never any police in the park at night",
        "thanks to the officers who sorted out the parking outside the school",
        "the pcsos at the fun day were so helpful with the kids",
        "took 50 minutes for anyone to turn up, not acceptable",
        "idea - officers doing a stall at the car boot sale",
        "would be great if the ward panel meetings were online as well",
        "why did no one ring me back after my shed was done, really let down",
        "massive thanks to whoever found my nan's stolen purse",
        "the ward panel was well run, thanks to the officers who came",
        "no one ever walks round the back of the flats, not once this year",
        "rang 101 twice and was on hold 35 minutes both times, appalling",
        "your bot is no help at all",
        "could you thank the pcso who helped my son find his way home",
        "the man on the front counter at the station was so helpful with my form",
        "great work on catching the lads who did the shop windows",
        "huge thanks to the sergeant who gave the talk at the mosque",
        "the police should post on the estate whatsapp when something happens",
        "we would like regular updates on the dealing by the station",
        "honestly you lot should concentrate on the burglaries instead of speed traps",
        "stop wasting money on adverts and put more bobbies on the beat",
        "emailed the local team three times, they never reply",
        "really enjoyed the coffee with a cop at the library, do it again soon",
        "the alley lights have been out for weeks and people are scared, you need to look at it",
        # priorities, praise, wishes and the service as it was, as residents put them
        "please make the car meets on the retail park a priority",
        "our biggest worry round here is the dealing behind the library",
        "the officers in rayners lane are doing a cracking job, keep it up",
        "good to see bobbies walking round north harrow again",
        "bring back the front counter at the station",
        "a monthly drop in with our pcso at the library would be lovely",
        "the council and police should sort the alley lighting together",
        "nobody has seen a pcso on our estate since the summer",
        "the ward panel meeting last week was a total waste of time",
        "it took two weeks for anyone to ring me back about the break in",
        "could you pass it on to the team that the speeding on our road is getting worse",
        "can the local team do something about the cars on the pavement by the school",
        # praise in the present, said last or passed on; a bot that did not understand
        "the sergeant at the kenton drop in is so kind to the older residents, please pass on",
        "the officers round pinner are way better than they used to be. well done",
        "the chatbot never understood my question about parking",
        "the tenants association would like a named pcso to go to with problems",
        # a priority for a place; where officers are wanted; a verdict on the service
        "the priority for wealdstone has to be the dealing behind the leisure centre",
        "please station some officers near the school gates at three o clock",
        "rang 101 about the van and waited 40 minutes, useless",
        "the front desk at the station is never open when i go, terrible",
        # thanks to one officer, praise to pass up, an event praised, the bot in other languages
        "wanted to say thank you to the sergeant who came when my car was broken into",
        "the pcso by the library is always so patient with my dad, please tell his boss",
        "the street briefing in pinner was really useful, we learned a lot",
        "could you put the bot in gujarati too, my nan would use it",
        # made a priority, or sorted, in so many words
        "the dealing behind the leisure centre gets worse every month, make it a priority",
        "the kids on scramblers round the rec every night needs sorting",
        "please more officers walking in rayners lane, we only see cars",
        # what the priority should be; a complaint said to be one
        "priority should be the burglaries in pinner not parking tickets",
        "complaint. officers blocked our road for an hour with their van while they had lunch",
        # a regular officer wanted (round 16's dev part)
        "the allotment society wants a proper bobby coming round on sunday mornings",
        # wishes and requests in other forms, praise by its verdict (round 17's dev part)
        "it would be great if one of your officers could visit our luncheon club",
        "could the team run a talk for shop owners about shoplifting, we'd all come",
        "please patrol the rec more on friday nights, the bins keep getting set alight",
        "you lot should actually tell us when a road is closed and why",
        "can this be passed to the superintendent, the 101 queue is hopeless",
        "the pcsos sorted the row at the market in minutes, really impressed",
        "our residents association would love to invite your officers to the summer fete",
        # labelled by the resident, an invitation, a request with please first (round 19's)
        "suggestion for the police: put your advice in easy read as well",
        "feedback about this bot: the buttons are too small on my phone",
        "our scout group would love the local officers to come and talk to the cubs",
        "please can the team patrol the alley behind the parade, bikes keep going missing",
        # the bot or a form found wanting, feedback labelled first, a sergeant to be told,
        # someone wanted on watch, a rhetorical "you lot", news of arrests wished for (round 20's)
        "this chatbot is far too slow, it needs a menu",
        "your report form kept crashing on my phone, please fix it",
        "feedback: the figures answers are brilliant but hard to read",
        "the pcso at the fun day was lovely with my son, i want her sergeant to know",
        "someone should be patrolling the footpath behind the school after dark",
        "why do you guys never come to rayners lane",
        "would be good to hear when the shoplifters get caught",
        "the bot gave me crime figures when i asked about lost property, please fix it",
    ],
)
def test_suggestions_complaints_and_rhetorical_questions_are_offered(said: str) -> None:
    assert sounds_like_feedback(said), said


@pytest.mark.parametrize(
    "asked",
    [
        "the music next door is unacceptable, who do i call",
        "suggestion for a bike lock that actually works?",
        "would it be better to ring 101 or report online",
        "more burglaries near me this year?",
        "why are there police cars on my road",
        "thanks for your help",
        "the officer who came round was rude to my son",  # a complaint: the IOPC entry's
        "idea for keeping my shed safe?",
        "thanks for the link",
        "why did the police close the road this morning",
        "would be good if you told me the number for the council",
        "i want more information about the police plan",
        "should i tell the police about the van",
        "you should lock your car at night, my neighbour said",
        "how do i stop people wasting my time with scam calls",
        "does the bot reply to messages at night",
        "can the police tell me who owns a car parked outside my house",
        "is it a good idea to have a meeting with my neighbours about the parking",
        "my neighbour is useless at parking, who do i tell",
        "can you tell the boss of the gym my locker was broken into",
        "how do i say call the police in polish",
        "the new bus timetable is terrible",
        "my shed was broken into last night and the lock needs sorting",
        "do i need a regular officer to countersign my passport photo",
        "can you send someone to look at my car, it was scratched",
        "would it be good if an officer checked my locks",
        # a courtesy, not thanks (round 17's dev part)
        "I would be grateful if you could advise whether the police licence air rifles",
        # asked for help, not for the team: an arrest wanted, a lock suggested
        "i would like the police to come and arrest the man who stole my bike",
        "suggestion for a padlock for my shed?",
        # questions about the bot, the form or feedback itself
        "is this bot in polish",
        "feedback form where is it",
        "does the online form need my crime number",
        "someone should tell me how to report a scam, where do i go?",
    ],
)
def test_questions_that_look_alike_are_left_to_the_knowledge_base(asked: str) -> None:
    assert not sounds_like_feedback(asked), asked


@pytest.mark.parametrize(
    "said",
    [
        "fed up with the h9 turning up late every morning",
        "sick of the chiltern trains being cancelled, every week its the same",
        "waited 40 minutes for the 140 and it never came, not good enough",
        "please sort out the h12, it skips our stop half the time",
        "sick and tired of engineering works on the jubilee line every weekend",
        "the bus driver was so rude to my nan, not acceptable",
    ],
)
async def test_how_buses_and_trains_run_is_not_offered_to_the_team(said: str) -> None:
    assert await FeedbackAnswerer("Harrow").propose(Query(said, RESIDENT)) is None


@pytest.mark.parametrize(
    "said",
    [
        "we need more officers at the bus station when the schools come out",
        "fed up with the dealing at the bus stop on station road every evening",
        "the bus was late and when a fight broke out on it nobody came, let down by the police",
    ],
)
async def test_policing_on_and_around_the_buses_is_still_offered(said: str) -> None:
    assert await FeedbackAnswerer("Harrow").propose(Query(said, RESIDENT)) is not None


async def test_stale_rows_only(db: Database, clock: Clock) -> None:
    """A row marked done is never claimed again, whatever its timestamps say."""
    service = FeedbackService(db, Config(), clock)
    await service.submit(draft())
    async with db.sessions.begin() as session:
        await session.execute(update(FeedbackOutbox).values(status="done"))
    clock.advance(10**6)
    assert await service.outbox.claim_due() == []


def test_cli_exports_csv_without_resident_ids(
    sqlite_db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.cli import main

    async def add_one() -> str:
        db = Database(sqlite_db_url)
        try:
            return (await FeedbackService(db, Config()).submit(draft())).reference
        finally:
            await db.close()

    reference = asyncio.run(add_one())
    monkeypatch.setenv("LOCALBEAT_DATABASE_URL", sqlite_db_url)
    monkeypatch.delenv("LOCALBEAT_CONFIG", raising=False)
    monkeypatch.chdir(Path(__file__).resolve().parents[1])
    out = tmp_path / "feedback.csv"
    assert main(["feedback", "export", "--csv", "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert reference in text and str(RESIDENT) not in text
