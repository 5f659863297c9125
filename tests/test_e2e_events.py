"""Events end to end: residents list, filter, get reminded and download calendar files; officers
add and cancel events; a restart between setting and sending a reminder loses nothing."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import icalendar
import pytest
from sqlalchemy import select

from bot.delivery.models import ScheduledMessage
from bot.storage.models import AuditEntry
from tests.emulator import BotApiEmulator
from tests.events_live import clocked_bot, deliver, event_yaml
from tests.fake_clock import FakeClock, london
from tests.live import OFFICER, RESIDENT, TOKEN, LiveBot, buttons

OTHER = 5002
SPRING = {
    "id": "pinner-briefing",
    "title": "Street briefing: Pinner High Street",
    "wards": ["Pinner"],
    "start": "2027-03-28 10:00",
    "address": "Outside Pinner library, Marsh Road",
    "latitude": "51.5936",
    "longitude": "-0.3817",
}


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2027, 3, 20, 12, 0, tzinfo=UTC))  # Saturday


@pytest.fixture
def events_path(tmp_path: Path) -> Path:
    return tmp_path / "events.yaml"


async def loaded(bot: LiveBot, path: Path, events: list[dict[str, object]]) -> None:
    event_yaml(path, events)  # type: ignore[arg-type]
    report = await bot.data.services.engagement.events.sync_yaml(path)
    assert report is None or not report.problems


@pytest.fixture
async def bot(sqlite_db_url: str, clock: FakeClock, events_path: Path) -> AsyncIterator[LiveBot]:
    event_yaml(events_path, [])
    async with clocked_bot(sqlite_db_url, clock, events_path) as live:
        yield live


async def press(
    bot: LiveBot, user: int, message: dict[str, object], label: str
) -> dict[str, object]:
    """Tap a button by its label and return the bot's next message."""
    bot.emu.press_button(user, message, text=label)
    return await bot.emu.next_bot_message(user)


async def test_no_events_says_so_and_points_to_met_engage(bot: LiveBot) -> None:
    reply = await bot.ask(RESIDENT, "/events")
    assert reply["text"].startswith("There are no events listed right now.")
    assert "Met Engage" in reply["text"]


async def test_resident_lists_filters_and_pages(bot: LiveBot, events_path: Path) -> None:
    days = [
        {"id": f"day-{d}", "title": f"Contact point {d}", "type": "contact-point",
         "wards": ["Pinner"], "start": f"2027-03-{d} 14:00", "end": "15:00"}
        for d in range(22, 27)
    ]  # fmt: skip
    stanmore = {"id": "stanmore-panel", "title": "Stanmore ward panel", "type": "ward-panel",
                "wards": ["Stanmore"], "start": "2027-04-02 19:00", "end": "20:30"}  # fmt: skip
    await loaded(bot, events_path, [SPRING, *days, stanmore])
    reply = await bot.ask(RESIDENT, "/events")
    assert reply["text"].startswith("Events: 7 found, soonest first (page 1 of 2).")
    assert "1. Contact point 22" in reply["text"]
    labels = [label for label, _ in buttons(reply)]
    assert labels[0] == "1. Contact point 22 · Mon 22 Mar"
    later = await press(bot, RESIDENT, reply, "Later ▶")
    assert later["text"].startswith("Events: 7 found, soonest first (page 2 of 2).")
    assert "Street briefing: Pinner High Street" in later["text"]
    assert "Stanmore ward panel" in later["text"]
    only = await bot.ask(RESIDENT, "/events Stanmore")
    assert only["text"].startswith("Events in Stanmore: 1 found")
    typed = await bot.ask(RESIDENT, "any ward panel meetings?")
    assert typed["text"].startswith("Events (ward panel meetings): 1 found")
    week = await bot.ask(RESIDENT, "any police events near me this week?")
    assert week["text"].startswith("Events in the next 7 days: 5 found")
    assert "Stanmore" not in week["text"]


async def test_reminder_arrives_at_london_time_across_the_clock_change(
    bot: LiveBot, events_path: Path, clock: FakeClock
) -> None:
    await loaded(bot, events_path, [SPRING])
    listing = await bot.ask(RESIDENT, "/events")
    card = await press(bot, RESIDENT, listing, buttons(listing)[0][0])
    assert [label for label, _ in buttons(card)] == ["Remind me", "Add to calendar", "Directions"]
    confirm = await press(bot, RESIDENT, card, "Remind me")
    assert confirm["text"].startswith(
        "I’ll remind you about “Street briefing: Pinner High Street” on "
        "Sat 27 Mar, 10:00 and Sun 28 Mar, 09:00 (London time)."
    )
    clock.now = london(2027, 3, 27, 9, 59)
    await deliver(bot)
    await bot.emu.expect_no_bot_message(RESIDENT, within=0.1)
    clock.now = london(2027, 3, 27, 10, 0)  # 10:00 GMT
    await deliver(bot)
    day = await bot.emu.next_bot_message(RESIDENT)
    assert day["text"].startswith("Reminder: this is tomorrow at 10:00.")
    assert ("Add to calendar", f"evcal:{_event_id(card)}") in buttons(day)
    clock.now = london(2027, 3, 28, 9, 0)  # 09:00 BST = 08:00 UTC, an hour before
    assert clock.now.hour == 8
    await deliver(bot)
    hour = await bot.emu.next_bot_message(RESIDENT)
    assert hour["text"].startswith("Reminder: this is today at 10:00.")
    await deliver(bot)
    await bot.emu.expect_no_bot_message(RESIDENT, within=0.1)


def _event_id(card: dict[str, object]) -> int:
    return int(next(d for _, d in buttons(card) if d.startswith("evcal:")).split(":")[1])


async def test_calendar_file_parses_back_to_the_same_event(
    sqlite_db_url: str, events_path: Path
) -> None:
    clock = FakeClock(datetime(2026, 10, 20, 12, 0, tzinfo=UTC))
    autumn = {**SPRING, "id": "autumn", "start": "2026-10-25 10:00", "end": "11:30"}
    event_yaml(events_path, [autumn])
    async with clocked_bot(sqlite_db_url, clock, events_path) as bot:
        await loaded(bot, events_path, [autumn])
        listing = await bot.ask(RESIDENT, "/events")
        card = await press(bot, RESIDENT, listing, buttons(listing)[0][0])
        bot.emu.press_button(RESIDENT, card, text="Add to calendar")
        call = await bot.emu.wait_for_call("sendDocument")
        upload = call.files["document"]
        assert upload.filename == f"event-{_event_id(card)}.ics"
        event = icalendar.Calendar.from_ical(upload.data).events[0]
        assert str(event["summary"]) == "Street briefing: Pinner High Street"
        assert event.start == london(2026, 10, 25, 10, 0)  # GMT, after the clocks go back
        assert event.start.tzinfo is not None and str(event.start.tzinfo) == "Europe/London"
        assert event.end == london(2026, 10, 25, 11, 30)
        assert str(event["location"]) == "Outside Pinner library, Marsh Road"
        assert b"BEGIN:VTIMEZONE\r\nTZID:Europe/London" in upload.data


async def test_directions_send_a_map_pin_or_the_address(bot: LiveBot, events_path: Path) -> None:
    no_pin = {
        **SPRING,
        "id": "no-pin",
        "start": "2027-03-29 10:00",
        "latitude": "",
        "longitude": "",
    }
    await loaded(bot, events_path, [SPRING, no_pin])
    listing = await bot.ask(RESIDENT, "/events")
    first = await press(bot, RESIDENT, listing, buttons(listing)[0][0])
    pin = await press(bot, RESIDENT, first, "Directions")
    assert pin["location"] == {"latitude": 51.5936, "longitude": -0.3817}
    await bot.emu.next_bot_message(RESIDENT)  # the address beside the pin
    second = await press(bot, RESIDENT, listing, buttons(listing)[1][0])
    text = await press(bot, RESIDENT, second, "Directions")
    assert (
        text["text"]
        == "Street briefing: Pinner High Street\nWhere: Outside Pinner library, Marsh Road"
    )


async def test_resident_is_refused_officer_commands_and_audited(bot: LiveBot) -> None:
    for command in ("/addevent", "/cancelevent"):
        reply = await bot.ask(RESIDENT, command)
        assert reply["text"] == "Sorry, that is only for officers of the policing team."
    async with bot.data.services.db.sessions() as session:
        rows = (await session.scalars(select(AuditEntry))).all()
    assert [(r.actor_id, r.action, r.outcome) for r in rows] == [
        (RESIDENT, "addevent", "refused"),
        (RESIDENT, "cancelevent", "refused"),
    ]


async def test_officer_adds_and_cancels_and_reminded_residents_are_told(
    bot: LiveBot, clock: FakeClock
) -> None:
    ask = await bot.ask(OFFICER, "/addevent")
    assert ask["text"].startswith("New event. What is it called?")
    kinds = await bot.ask(OFFICER, "Crime prevention stall, Harrow Weald")
    stall = await press(bot, OFFICER, kinds, "Crime prevention stall")
    assert stall["text"] == "Which ward? Tap one, or type its name."
    wrong = await bot.ask(OFFICER, "Hogwarts")
    assert wrong["text"].startswith("ward: “Hogwarts” is not one of the borough's wards.")
    when = await bot.ask(OFFICER, "harrow weald")
    assert when["text"].startswith("When is it?")
    past = await bot.ask(OFFICER, "01/03/2027 10:00")
    assert past["text"].startswith(
        "I read that as Monday 1 March 2027 at 10:00 (London time, GMT), which is in the past. "
        "Please give a time from now on.\n\nWhen is it?"
    )
    backwards = await bot.ask(OFFICER, "02/04/2027 10:00-09:00")
    assert backwards["text"].startswith("The end (09:00) must be after the start (10:00).")
    place = await bot.ask(OFFICER, "02/04/2027 10:00-12:00")
    assert place["text"] == (
        "When: Friday 2 April 2027, 10:00 to 12:00 (London time, BST).\n\n"
        "Where is it? Send the address or meeting point."
    )
    preview = await bot.ask(OFFICER, "Harrow Weald Tesco, 1 High Road")
    assert "When: Fri 2 Apr 2027, 10:00–12:00" in preview["text"]
    bot.emu.press_button(OFFICER, preview, text="Publish")
    await bot.emu.wait_until(
        lambda: (bot.emu.chat(OFFICER)[-1].get("text") or "").startswith("Published (event 1)")
    )

    listing = await bot.ask(RESIDENT, "/events harrow weald")
    assert "Crime prevention stall, Harrow Weald" in listing["text"]
    card = await press(bot, RESIDENT, listing, buttons(listing)[0][0])
    await press(bot, RESIDENT, card, "Remind me")

    choose = await bot.ask(OFFICER, "/cancelevent")
    bot.emu.press_button(OFFICER, choose, buttons(choose)[0][1])
    await bot.emu.wait_until(
        lambda: "Cancel this event?" in (bot.emu.chat(OFFICER)[-1].get("text") or "")
    )
    bot.emu.press_button(OFFICER, bot.emu.chat(OFFICER)[-1], text="Yes, cancel it")
    await bot.emu.wait_until(
        lambda: (bot.emu.chat(OFFICER)[-1].get("text") or "").startswith("Cancelled:")
    )
    assert "1 resident(s)" in bot.emu.chat(OFFICER)[-1]["text"]
    await deliver(bot)
    notice = await bot.emu.next_bot_message(RESIDENT)
    assert notice["text"].startswith(
        "Cancelled: Crime prevention stall, Harrow Weald on Fri 2 Apr 2027, 10:00–12:00"
    )
    clock.now = london(2027, 4, 1, 10, 0)  # when the day-before reminder was due
    await deliver(bot)
    await bot.emu.expect_no_bot_message(RESIDENT, within=0.1)
    async with bot.data.services.db.sessions() as session:
        actions = (await session.scalars(select(AuditEntry.action))).all()
    assert actions == ["addevent", "cancelevent"]


async def test_a_restart_between_setting_and_sending_loses_nothing(
    sqlite_db_url: str, clock: FakeClock, events_path: Path
) -> None:
    emu = BotApiEmulator(token=TOKEN)
    await emu.start()
    try:
        event_yaml(events_path, [SPRING])
        async with clocked_bot(sqlite_db_url, clock, events_path, emu) as first:
            await loaded(first, events_path, [SPRING])
            listing = await first.ask(RESIDENT, "/events")
            card = await press(first, RESIDENT, listing, buttons(listing)[0][0])
            await press(first, RESIDENT, card, "Remind me")
        # the bot is down across both reminder times; the first is long overdue on start-up
        clock.now = london(2027, 3, 27, 18, 0)
        async with clocked_bot(sqlite_db_url, clock, events_path, emu) as second:
            await deliver(second)
            await deliver(second)
            reminder = await emu.next_bot_message(RESIDENT)
            assert reminder["text"].startswith("Reminder: this is tomorrow at 10:00.")
            await emu.expect_no_bot_message(RESIDENT, within=0.2)
            async with second.data.services.db.sessions() as session:
                rows = (await session.scalars(select(ScheduledMessage))).all()
            assert sorted(r.status for r in rows) == ["pending", "sent"]
    finally:
        await emu.stop()


async def test_a_ward_panel_question_gets_the_panel_explained_until_one_is_listed(
    bot: LiveBot, events_path: Path
) -> None:
    """With no ward panel listed, "no events listed" answered a resident asking when their
    panel meets or how to join it; the entry on ward panels answers. Once comms staff list a
    panel for the ward, the list answers."""
    question = "when does the stanmore ward panel meet, can anyone go along"
    explained = await bot.ask(RESIDENT, question)
    assert explained["text"].startswith("Ward panels (Safer Neighbourhood panels)")
    panel = {"id": "stanmore-panel", "title": "Stanmore ward panel", "type": "ward-panel",
             "wards": ["Stanmore"], "start": "2027-04-02 19:00", "end": "20:30"}  # fmt: skip
    await loaded(bot, events_path, [panel])
    listed = await bot.ask(RESIDENT, question)
    assert "Stanmore ward panel" in listed["text"]
    assert listed["text"].startswith("Events")
