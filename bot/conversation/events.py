"""/events and its buttons: lists, one event, calendar files and where it is.

Reminders need the bot to write first, which this front end cannot: an event offers its calendar
file instead (a calendar app reminds), and the list's filters work as on Telegram.
"""

from __future__ import annotations

import re

from bot.answers import Button, Reply, ReplyKind
from bot.conversation.said import Attachment, Said
from bot.events.answerer import TYPES, decode, encode, event_reply, page_reply
from bot.events.questions import EventQuery, read_filters
from bot.events.render import card
from bot.events.schema import type_label
from bot.events.service import EventService
from bot.paging import WARDS_PER_PAGE, paged

GONE = "Sorry, that event is no longer available."
CALENDAR = "Open this file to add the event to your calendar; your calendar app can remind you."
NO_REMINDERS = (
    "Reminders need Telegram, where Local Beat can write to you first. Add the event to your "
    "calendar instead and your calendar app will remind you."
)
NO_ADDRESS = "The organisers have not given an address yet."
EVENT_ID = re.compile(r"^\d{1,12}$")
NOT_HERE = ("evrem:", "evunr:")  # reminder buttons: Telegram only


async def listing(events: EventService, filters: str = "") -> Said:
    query = read_filters(filters, events.wards)
    return Said(page_reply(await events.page(query), events.wards))


def _grid(text: str, buttons: list[Button]) -> Said:
    return Said(Reply(ReplyKind.EVENTS, text, tuple(buttons)))


async def press(events: EventService, action: str) -> list[Said] | None:
    """An events button; None when it is malformed or stale."""
    prefix, _, rest = action.partition(":")
    wards = events.wards
    if prefix == "evl":
        decoded = decode(action, wards)
        if decoded is None:
            return None
        return [Said(page_reply(await events.page(*decoded), wards))]
    if action == "evward:pick" or re.fullmatch(r"evward:p\d{1,2}", action):
        number = int(action[8:]) if action != "evward:pick" else 0
        every = [Button(w, encode(EventQuery(w), 0, wards)) for w in wards]
        shown = paged(every, number, WARDS_PER_PAGE, lambda n: f"evward:p{n}")
        return [_grid("Which ward?", list(shown))]
    if action == "evtype:pick":
        kinds = [Button(type_label(t), encode(EventQuery(type=t), 0, wards)) for t in TYPES]
        return [_grid("Which kind of event?", kinds)]
    if not EVENT_ID.match(rest):
        return None
    return await _one(events, prefix, int(rest))


async def _one(events: EventService, prefix: str, event_id: int) -> list[Said] | None:
    if prefix in ("evrem", "evunr"):
        return [Said(Reply(ReplyKind.EVENTS, NO_REMINDERS, calendar_buttons(event_id)))]
    if prefix == "evcal":
        body = await events.calendar(event_id)
        if body is None:
            return [Said(Reply(ReplyKind.EVENTS, GONE))]
        ics = Attachment(f"event-{event_id}.ics", "text/calendar", body)
        return [Said(Reply(ReplyKind.EVENTS, CALENDAR), attachment=ics)]
    event = await events.event(event_id)
    if prefix not in ("evopen", "evdir"):
        return None
    if event is None:
        return [Said(Reply(ReplyKind.EVENTS, GONE))]
    if prefix == "evdir":
        return [Said(_directions(event.title, event.address, event.latitude, event.longitude))]
    reply = event_reply(card(event), event_id)
    buttons = tuple(b for b in reply.buttons if not b.action.startswith(NOT_HERE))
    if event.status == "cancelled":
        buttons = buttons[:1]  # the calendar file, which now says it is cancelled
    return [Said(Reply(ReplyKind.EVENTS, reply.text, buttons))]


def calendar_buttons(event_id: int) -> tuple[Button, ...]:
    return (Button("Add to calendar", f"evcal:{event_id}"),)


def map_link(latitude: float, longitude: float) -> str:
    lat, lon = f"{latitude:.5f}", f"{longitude:.5f}"
    return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"


def _directions(
    title: str, address: str | None, latitude: float | None, longitude: float | None
) -> Reply:
    lines = [title, f"Where: {address or NO_ADDRESS}"]
    if latitude is not None and longitude is not None:
        lines.append(f"Map: {map_link(latitude, longitude)}")
    return Reply(ReplyKind.EVENTS, "\n".join(lines))
