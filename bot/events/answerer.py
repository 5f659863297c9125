"""Event lists as replies: for ``/events``, its buttons, and questions in the answer service.

A list's buttons carry its filter (``evl:PAGE.WARD.TYPE.RANGE`` with indexes into the configured
wards and the event types), so paging needs no state kept between taps.
"""

from __future__ import annotations

from bot.answers import Button, Reply, ReplyKind
from bot.events.questions import RANGES, EventQuery, parse_events_question
from bot.events.render import card
from bot.events.schema import EVENT_TYPES
from bot.events.service import EventPage, EventService
from bot.localtime import london
from bot.router import Proposal, Query

TYPES = tuple(EVENT_TYPES)


def encode(query: EventQuery, page: int, wards: tuple[str, ...]) -> str:
    ward = str(wards.index(query.ward)) if query.ward in wards else "x"
    kind = str(TYPES.index(query.type)) if query.type in TYPES else "x"
    return f"evl:{page}.{ward}.{kind}.{query.range}"


def decode(data: str, wards: tuple[str, ...]) -> tuple[EventQuery, int] | None:
    """The query and page from list button data; None for anything malformed or stale."""
    try:
        page_text, ward, kind, span = data.removeprefix("evl:").split(".")
        page = int(page_text)
        query = EventQuery(
            wards[int(ward)] if ward != "x" else None,
            TYPES[int(kind)] if kind != "x" else None,
            span,
        )
    except (ValueError, IndexError):
        return None
    return (query, page) if span in RANGES and 0 <= page < 1000 else None


def page_reply(page: EventPage, wards: tuple[str, ...]) -> Reply:
    lines = [page.heading()]
    buttons: list[Button] = []
    for n, event in enumerate(page.events, 1):
        lines.append(f"{n}. {card(event, short=True)}")
        start = london(event.starts_at)
        label = f"{n}. {event.title[:36]} · {start:%a} {start.day} {start:%b}"
        buttons.append(Button(label, f"evopen:{event.id}"))
    if page.page > 0:
        buttons.append(Button("◀ Earlier", encode(page.query, page.page - 1, wards)))
    if page.page + 1 < page.pages:
        buttons.append(Button("Later ▶", encode(page.query, page.page + 1, wards)))
    buttons += [Button("Choose ward", "evward:pick"), Button("Choose type", "evtype:pick")]
    if page.query.range != "week":
        buttons.append(
            Button(
                "Next 7 days",
                encode(EventQuery(page.query.ward, page.query.type, "week"), 0, wards),
            )
        )
    if page.query != EventQuery():
        buttons.append(Button("All events", encode(EventQuery(), 0, wards)))
    meta = {"total": page.total, "page": page.page, "ids": [e.id for e in page.events]}
    return Reply(ReplyKind.EVENTS, "\n\n".join(lines), tuple(buttons), meta=meta)


def event_reply(event_text: str, event_id: int, reminded: bool = False) -> Reply:
    remind = (
        Button("Stop reminders", f"evunr:{event_id}")
        if reminded
        else Button("Remind me", f"evrem:{event_id}")
    )
    buttons = (remind, Button("Add to calendar", f"evcal:{event_id}"),
               Button("Directions", f"evdir:{event_id}"))  # fmt: skip
    return Reply(ReplyKind.EVENTS, event_text, buttons)


# The events parser claims only questions asking for events ("any ward panel meetings?"), not
# about them; the list is the answer, with an entry explaining them as the runner-up.
SCORE = 100.0
# Ward panels and walk and talks are asked about as things to take part in ("can our temple get
# onto the ward panel", "could the walk and talk come round the Broadwalk") as much as for
# dates. With none listed, "no events listed" is a poor answer beside the entry explaining them:
# a confident entry answers (the list offered beside it when close). Other kinds, none listed,
# keep the list's reply, which says where else events are published. Chosen on the dev parts:
# these two kinds gained 9 and lost 1; every kind gained 10 and lost 3.
SCORE_NONE_LISTED = 60.0
EXPLAINED = frozenset({"ward-panel", "walk-and-talk"})


class EventsAnswerer:
    """The answer service's specialist for "any events near me this week?"."""

    def __init__(self, service: EventService) -> None:
        self._service = service

    async def propose(self, query: Query) -> Proposal | None:
        found = parse_events_question(query.text, self._service.wards)
        if found is None:
            return None
        wards = self._service.wards

        async def make() -> Reply:
            asked = found
            near = "near me" in query.text.casefold()
            if asked.ward is None and query.resident_id is not None and near:
                home = await self._service.home_ward(query.resident_id)
                asked = EventQuery(home, asked.type, asked.range)
            return page_reply(await self._service.page(asked), wards)

        score = SCORE
        if found.type in EXPLAINED and not (await self._service.page(found)).total:
            score = SCORE_NONE_LISTED  # counted only for these kinds: no query for the others
        offer = Button("Upcoming events", encode(found, 0, wards))
        return Proposal("events", score, make, offer, encode(found, 0, wards))
