"""Events, reminders, the outbox and subscriptions as services, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import UTC, datetime, time
from pathlib import Path

import icalendar
import pytest
from sqlalchemy import func, select

from bot.answers import Reply
from bot.config import Config
from bot.delivery.dispatcher import Outcome
from bot.delivery.models import ScheduledMessage
from bot.engagement import Engagement, open_engagement
from bot.events.models import Event
from bot.events.questions import EventQuery, parse_events_question
from bot.events.schema import EventInputError, build_event
from bot.outbox import Attempt
from bot.storage.db import Database
from tests.fake_clock import FakeClock, london

EVENT = """\
  - id: {id}
    title: "{title}"
    type: {type}
    wards: [{ward}]
    start: "{start}"
    end: "{end}"
    address: "Pinner library, Marsh Road"
"""


def yaml_file(tmp_path: Path, *events: dict[str, str], name: str = "events.yaml") -> Path:
    body = "timezone: Europe/London\nevents:\n"
    for event in events:
        values = {"type": "street-briefing", "ward": "Pinner", "end": "11:00", **event}
        values.setdefault("title", f"Briefing {values['id']}")
        body += EVENT.format(**values)
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


class Recorder:
    """A sender that records what it was asked to send."""

    def __init__(self, outcome: Outcome = Outcome.SENT) -> None:
        self.sent: list[tuple[int, str]] = []
        self.outcome = outcome

    async def send(self, resident_id: int, reply: Reply) -> Attempt:
        self.sent.append((resident_id, reply.text))
        return Attempt(self.outcome)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2027, 3, 20, 12, 0, tzinfo=UTC))


@pytest.fixture
def eng(db: Database, clock: FakeClock) -> Engagement:
    return open_engagement(db, Config(), clock)


async def test_yaml_times_are_london_time_across_the_clock_change(
    eng: Engagement, tmp_path: Path, db: Database
) -> None:
    path = yaml_file(
        tmp_path,
        {"id": "spring", "start": "2027-03-28 10:00"},
        {"id": "autumn", "start": "2027-10-31 10:00"},
    )
    report = await eng.events.import_file(path)
    assert (report.added, report.problems) == (2, [])
    async with db.sessions() as session:
        rows = {e.source_key: e for e in await session.scalars(select(Event))}
    spring, autumn = rows["yaml:spring"], rows["yaml:autumn"]
    assert spring.starts_at.replace(tzinfo=UTC) == datetime(2027, 3, 28, 9, 0, tzinfo=UTC)
    assert autumn.starts_at.replace(tzinfo=UTC) == datetime(2027, 10, 31, 10, 0, tzinfo=UTC)
    again = await eng.events.import_file(path)
    assert (again.added, again.unchanged) == (0, 2)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"type": "party"}, "event 1 (bad): type: “party” is not one of"),
        ({"ward": "Narnia"}, "event 1 (bad): ward: “Narnia” is not one of the borough's wards"),
        ({"end": "09:00"}, "event 1 (bad): end: must be after the start"),
        ({"start": "2027-03-28T10:00:00+00:00"}, "start: 2027-03-28T10:00:00+00:00 is not London"),
        ({"start": "2027-03-28 01:30"}, "start: 28 March 2027 01:30 does not exist in London"),
    ],
)
async def test_a_bad_event_names_its_field_and_nothing_is_imported(
    eng: Engagement, tmp_path: Path, db: Database, change: dict[str, str], expected: str
) -> None:
    path = yaml_file(
        tmp_path,
        {"id": "good", "start": "2027-03-28 10:00"},
        {"id": "bad", "start": "2027-03-28 10:00", **change},
    )
    text = path.read_text().replace("events:\n", "events:\n", 1)
    # the bad event is listed first so that "event 1" names it
    good, bad = text.split("  - id: ")[1:]
    path.write_text(f"timezone: Europe/London\nevents:\n  - id: {bad}  - id: {good}")
    report = await eng.events.import_file(path)
    assert any(expected in p for p in report.problems), report.problems
    async with db.sessions() as session:
        assert await session.scalar(select(func.count()).select_from(Event)) == 0


async def test_a_file_in_another_time_zone_is_refused(eng: Engagement, tmp_path: Path) -> None:
    path = tmp_path / "events.yaml"
    path.write_text("timezone: Europe/Paris\nevents: []\n")
    report = await eng.events.import_file(path)
    assert report.problems == [
        f"{path}: timezone: “Europe/Paris” is not supported; use Europe/London"
    ]


async def test_police_uk_events_import_once(eng: Engagement, tmp_path: Path, db: Database) -> None:
    items = [
        {
            "title": "Ward panel meeting",
            "description": "Quarterly panel",
            "address": "Stanmore Library, 8 Stanmore Hill, Stanmore",
            "type": "meeting",
            "start_date": "2027-04-02T19:00:00",
            "end_date": "2027-04-02T20:30:00",
            "contact_details": {"email": "stanmore.snt@met.police.uk"},
        }
    ]
    path = tmp_path / "events.json"
    path.write_text(json.dumps(items))
    first = await eng.events.import_file(path)
    second = await eng.events.import_file(path)
    assert (first.added, second.added, second.unchanged) == (1, 0, 1)
    page = await eng.events.page(EventQuery(ward="Stanmore"))
    [event] = page.events
    assert (event.type, event.wards, event.contact) == (
        "community-meeting",
        ("Stanmore",),
        "email: stanmore.snt@met.police.uk",
    )
    assert event.starts_at == london(2027, 4, 2, 19, 0)


async def test_reminders_fall_at_the_same_london_time_the_day_before(
    eng: Engagement, tmp_path: Path, db: Database, clock: FakeClock
) -> None:
    await eng.events.import_file(yaml_file(tmp_path, {"id": "spring", "start": "2027-03-28 10:00"}))
    [event] = (await eng.events.page(EventQuery())).events
    result = await eng.events.remind(5001, event.id)
    # Saturday 10:00 GMT, then 09:00 BST on Sunday: 22 hours apart, not 23
    assert result.times == (london(2027, 3, 27, 10, 0), london(2027, 3, 28, 9, 0))
    sender = Recorder()
    clock.now = london(2027, 3, 27, 9, 59)
    assert (await eng.delivery.run_due(sender)).sent == 0
    clock.now = london(2027, 3, 27, 10, 0)
    assert (await eng.delivery.run_due(sender)).sent == 1
    assert (await eng.delivery.run_due(sender)).sent == 0
    clock.now = london(2027, 3, 28, 9, 0)
    await eng.delivery.run_due(sender)
    assert [t.splitlines()[0] for _, t in sender.sent] == [
        "Reminder: this is tomorrow at 10:00.",
        "Reminder: this is today at 10:00.",
    ]


async def test_autumn_change_reminder_and_calendar(db: Database, tmp_path: Path) -> None:
    clock = FakeClock(datetime(2026, 10, 20, 12, 0, tzinfo=UTC))
    eng = open_engagement(db, Config(), clock)
    await eng.events.import_file(yaml_file(tmp_path, {"id": "autumn", "start": "2026-10-25 10:00"}))
    [event] = (await eng.events.page(EventQuery())).events
    result = await eng.events.remind(5001, event.id)
    assert result.times == (london(2026, 10, 24, 10, 0), london(2026, 10, 25, 9, 0))
    assert [t.astimezone(UTC).hour for t in result.times] == [9, 9]
    body = await eng.events.calendar(event.id)
    assert body is not None
    assert b"DTSTART;TZID=Europe/London:20261025T100000" in body
    assert b"BEGIN:VTIMEZONE" in body
    parsed = icalendar.Calendar.from_ical(body).events[0]
    assert parsed.start == london(2026, 10, 25, 10, 0)
    assert parsed.end == london(2026, 10, 25, 11, 0)
    assert str(parsed["summary"]) == event.title


async def test_cancelled_event_sends_the_notice_not_the_reminder(
    eng: Engagement, tmp_path: Path, clock: FakeClock
) -> None:
    await eng.events.import_file(yaml_file(tmp_path, {"id": "spring", "start": "2027-03-28 10:00"}))
    [event] = (await eng.events.page(EventQuery())).events
    await eng.events.remind(5001, event.id)
    _, told = await eng.events.cancel(event.id)
    assert told == 1
    sender = Recorder()
    await eng.delivery.run_due(sender)
    clock.now = london(2027, 3, 28, 9, 30)
    await eng.delivery.run_due(sender)
    assert len(sender.sent) == 1
    assert sender.sent[0][1].startswith(f"Cancelled: {event.title} on Sun 28 Mar 2027, 10:00")


async def test_removing_an_event_from_the_file_cancels_it_and_a_move_is_announced(
    eng: Engagement, tmp_path: Path
) -> None:
    path = yaml_file(
        tmp_path, {"id": "a", "start": "2027-03-28 10:00"}, {"id": "b", "start": "2027-03-29 10:00"}
    )
    await eng.events.import_file(path)
    first, second = (await eng.events.page(EventQuery())).events
    await eng.events.remind(5001, first.id)
    await eng.events.remind(5002, second.id)
    path = yaml_file(tmp_path, {"id": "a", "start": "2027-03-28 14:00", "end": "15:00"})
    report = await eng.events.import_file(path)
    assert (report.changed, report.cancelled, report.notices) == (1, 1, 2)
    sender = Recorder()
    await eng.delivery.run_due(sender)
    texts = dict(sender.sent)
    assert texts[5001].startswith("Changed: Briefing a has moved.")
    assert "Sun 28 Mar 2027, 14:00–15:00" in texts[5001]
    assert texts[5002].startswith("Cancelled: Briefing b")


async def test_a_claimed_row_is_sent_once_and_failures_retry(
    eng: Engagement, db: Database, clock: FakeClock
) -> None:
    await eng.delivery.schedule(5001, "note", clock(), text="hello", dedupe_key="k")
    assert not await eng.delivery.schedule(5001, "note", clock(), text="hello", dedupe_key="k")
    failing = Recorder(Outcome.RETRY)
    report = await eng.delivery.run_due(failing)
    assert report.retried == 1
    assert (await eng.delivery.run_due(failing)).retried == 0  # not due again yet
    clock.advance(minutes=1)
    ok = Recorder()
    assert (await eng.delivery.run_due(ok)).sent == 1
    assert (await eng.delivery.run_due(ok)).sent == 0
    async with db.sessions() as session:
        row = await session.scalar(select(ScheduledMessage))
    assert row is not None and (row.status, row.attempts) == ("sent", 1)


async def test_quiet_hours_and_pause_defer_and_never_drop(
    eng: Engagement, clock: FakeClock
) -> None:
    subs = eng.subscriptions
    await subs.set_quiet(5001, time(22, 0), time(7, 0))
    clock.now = london(2027, 3, 27, 23, 30)
    await eng.delivery.schedule(5001, "note", clock(), text="late news")
    sender = Recorder()
    assert (await eng.delivery.run_due(sender)).deferred == 1
    # the night the clocks go forward: 07:00 BST is 06:00 UTC
    clock.now = london(2027, 3, 28, 6, 59)
    assert (await eng.delivery.run_due(sender)).sent == 0
    clock.now = london(2027, 3, 28, 7, 0)
    assert (await eng.delivery.run_due(sender)).sent == 1
    await subs.pause(5001)
    assert await subs.is_paused(5001, clock()) == london(2027, 4, 4, 7, 0)
    await eng.delivery.schedule(5001, "note", clock(), text="during pause")
    await eng.delivery.run_due(sender)
    clock.now = london(2027, 4, 4, 7, 0)
    await eng.delivery.run_due(sender)
    assert [t for _, t in sender.sent] == ["late news", "during pause"]


async def test_audience_follows_topics_and_wards(eng: Engagement) -> None:
    subs = eng.subscriptions
    await subs.toggle_topic(1, "announcements")
    await subs.toggle_ward(1, "pinner")
    await subs.toggle_topic(2, "announcements")
    await subs.toggle_ward(2, "Stanmore")
    await subs.toggle_topic(3, "announcements")  # no ward: the whole borough
    await subs.toggle_topic(4, "events")
    assert await subs.audience(topic="announcements") == [1, 2, 3]
    assert await subs.audience(topic="announcements", wards=["Pinner"]) == [1, 3]
    assert await subs.audience(topic="events", wards=["Pinner"]) == [4]
    removed = await subs.unsubscribe_all(1)
    assert removed == 2
    assert await subs.audience(topic="announcements", wards=["Pinner"]) == [3]


def test_officer_input_errors_name_the_field() -> None:
    def resolve(name: str) -> str:
        raise ValueError(f"ward: “{name}” is not one of the borough's wards")

    with pytest.raises(EventInputError) as caught:
        build_event(
            {
                "title": "x" * 3,
                "type": "ward-panel",
                "ward": "Atlantis",
                "start": "31/02/2027 10:00",
            },
            resolve,
        )
    assert caught.value.problems[0] == "ward: “Atlantis” is not one of the borough's wards"
    assert caught.value.problems[1].startswith("start: “31/02/2027 10:00” is not a date and time")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("any police events near me this week?", EventQuery(None, None, "week")),
        (
            "ward panel meetings in Stanmore next week",
            EventQuery("Stanmore", "ward-panel", "nextweek"),
        ),
        ("what's on in Pinner this weekend", EventQuery("Pinner", None, "weekend")),
        ("any coffee mornings with the police in Pinner?", EventQuery("Pinner", None, "all")),
        ("is there a cuppa with a copper near me tomorrow", EventQuery(None, None, "tomorrow")),
        ("where can i meet my local officers this week", EventQuery(None, None, "week")),
        (
            "when could my dad speak to an officer in person in Kenton East",
            EventQuery("Kenton East", None, "all"),
        ),
        ("is there anywhere to meet a pcso near me", EventQuery(None, None, "all")),
        ("what is a coffee morning", None),
        ("how many engagement events a month", None),
        ("what did residents ask for at the crime-fighting event?", None),
        ("how do I stop my phone being snatched", None),
        ("the street briefing in Pinner was really useful, please pass on my thanks", None),
        ("the walk and talk in Kenton last week was great, thanks to the PCSOs", None),
        # a doctor's surgery is no police surgery (round 17's dev part)
        (
            "found a wallet in the car park of the doctors surgery in Pinner, where do i take it",
            None,
        ),
        ("any police surgery in Pinner this month", EventQuery("Pinner", "contact-point", "month")),
        # nor an operation a resident is having (round 24's dev part)
        ("my court date is in march but i have surgery that week, who do i tell", None),
        ("mum is having surgery next week, can someone check on her house", None),
    ],
)
def test_event_questions(text: str, expected: EventQuery | None) -> None:
    from bot.config import HARROW_WARDS

    assert parse_events_question(text, HARROW_WARDS) == expected


async def test_mydata_and_forget_cover_subscriptions_reminders_and_messages(
    eng: Engagement, db: Database, tmp_path: Path
) -> None:
    from bot.engagement import PRIVACY_SECTIONS
    from bot.privacy import CORE_SECTIONS, PrivacyService

    await eng.events.import_file(yaml_file(tmp_path, {"id": "spring", "start": "2027-03-28 10:00"}))
    [event] = (await eng.events.page(EventQuery())).events
    await eng.subscriptions.toggle_topic(5001, "summary")
    await eng.subscriptions.toggle_ward(5001, "Pinner")
    await eng.events.remind(5001, event.id)
    privacy = PrivacyService(db, [*CORE_SECTIONS, *PRIVACY_SECTIONS])
    data = await privacy.export(5001)
    assert data["subscriptions"]["topics"] == ["summary"]
    assert data["subscriptions"]["wards"] == ["Pinner"]
    assert [r["event_id"] for r in data["event_reminders"]] == [event.id]
    assert len(data["scheduled_messages"]) == 2
    assert await privacy.forget(5001) == 2 + 1 + 2  # ward and topic, reminder, two messages
    again = await privacy.export(5001)
    assert again["subscriptions"]["topics"] == [] and again["scheduled_messages"] == []
