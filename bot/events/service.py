"""Events for residents and officers, with no knowledge of Telegram.

Changes to an event reach the people who asked to be reminded through the scheduled-message
outbox, written in the same transaction as the change, so a notice is never lost and never sent
for a change that was rolled back.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession

from bot.answers import Button, Reply, ReplyKind
from bot.delivery import store as outbox
from bot.delivery.dispatcher import Dispatcher
from bot.delivery.store import Due
from bot.events import store
from bot.events.ics import event_calendar
from bot.events.questions import RANGE_LABELS, EventQuery, date_range
from bot.events.render import card, when
from bot.events.schema import EventInput, EventInputError, type_label
from bot.events.sources import SourcedEvent, read_any
from bot.events.store import Change, EventView, Filter
from bot.localtime import Clock, london, wall_clock_shift
from bot.storage.db import Database
from bot.subscriptions.service import SubscriptionService

log = logging.getLogger(__name__)

REMINDER, NOTICE, NEW_EVENT = "event-reminder", "event-notice", "event-new"
NO_EVENTS = (
    "There are no events listed{what} right now.\n\n"
    "The team runs many community events that may not be listed here yet. To hear about them, "
    "join Met Engage, the Met's community engagement platform, or contact your local team "
    "through your area page on https://www.met.police.uk/ ."
)


class EventUnavailable(Exception):
    """The event does not exist, is over, or is cancelled."""


@dataclass(frozen=True, slots=True)
class EventPage:
    query: EventQuery
    events: list[EventView]
    total: int
    page: int
    pages: int

    def heading(self) -> str:
        what = describe_query(self.query)
        if not self.total:
            return NO_EVENTS.format(what=what)
        found = f"{self.total} found" if self.total != 1 else "1 found"
        return f"Events{what}: {found}, soonest first (page {self.page + 1} of {self.pages})."


@dataclass(frozen=True, slots=True)
class ReminderResult:
    event: EventView
    times: tuple[datetime, ...]
    already: bool


@dataclass
class ImportReport:
    added: int = 0
    changed: int = 0
    edited: int = 0
    cancelled: int = 0
    unchanged: int = 0
    past: int = 0
    notices: int = 0
    problems: list[str] = field(default_factory=list)

    def render(self) -> str:
        if self.problems:
            return "nothing imported:\n" + "\n".join(f"  {p}" for p in self.problems)
        return (
            f"{self.added} added, {self.changed} changed, {self.edited} reworded, "
            f"{self.cancelled} cancelled, {self.unchanged} unchanged, {self.past} already over "
            f"(skipped); {self.notices} notices queued"
        )


def describe_query(query: EventQuery) -> str:
    parts = []
    if query.type:
        parts.append(f" ({type_label(query.type).lower()}s)")
    if query.ward:
        parts.append(f" in {query.ward}")
    if query.range != "all":
        parts.append(f" {RANGE_LABELS[query.range]}")
    return "".join(parts)


def reminder_times(event: EventView, now: datetime) -> tuple[datetime, ...]:
    """The day before at the same London time, and an hour before; only those still ahead."""
    slots = (wall_clock_shift(event.starts_at, -1), event.starts_at - timedelta(hours=1))
    return tuple(t for t in slots if t > now)


def event_ref(event_id: int) -> str:
    return f"event:{event_id}"


def event_buttons(event: EventView) -> tuple[Button, ...]:
    return (
        Button("Add to calendar", f"evcal:{event.id}"),
        Button("Directions", f"evdir:{event.id}"),
    )


class EventService:
    def __init__(
        self,
        db: Database,
        clock: Clock,
        subscriptions: SubscriptionService,
        dispatcher: Dispatcher,
        page_size: int = 5,
        domain: str = "localbeat",
    ) -> None:
        self._db = db
        self._clock = clock
        self._subs = subscriptions
        self._dispatcher = dispatcher
        self.page_size = page_size
        self._domain = domain
        self._yaml_seen: tuple[float, int] | None = None
        self._syncing = asyncio.Lock()
        self._importing = asyncio.Lock()  # the file job and a CLI-style call never interleave
        dispatcher.add_renderer(REMINDER, self.render_reminder)
        dispatcher.add_renderer(NEW_EVENT, self.render_new)

    @property
    def wards(self) -> tuple[str, ...]:
        return self._subs.wards

    def resolve_ward(self, name: str) -> str:
        return self._subs.ward_name(name)

    # -- residents -----------------------------------------------------------------------------

    async def home_ward(self, resident_id: int) -> str | None:
        """The first ward a resident follows in /settings, taken as "near me"."""
        wards = (await self._subs.settings(resident_id)).wards
        return wards[0] if wards else None

    async def page(self, query: EventQuery, page: int = 0) -> EventPage:
        now = self._clock()
        start, end = date_range(query.range, now)
        flt = Filter(query.ward, query.type, start, end)
        async with self._db.sessions() as session:
            events, total = await store.upcoming(
                session, now, flt, page * self.page_size, self.page_size
            )
        pages = max(1, -(-total // self.page_size))
        if page and not events and total:
            return await self.page(query, pages - 1)
        return EventPage(query, events, total, page, pages)

    async def event(self, event_id: int) -> EventView | None:
        async with self._db.sessions() as session:
            return await store.get(session, event_id)

    async def _open_event(self, session: AsyncSession, event_id: int) -> EventView:
        event = await store.get(session, event_id)
        if event is None or event.status == "cancelled" or event.ends_at <= self._clock():
            raise EventUnavailable(event_id)
        return event

    async def remind(self, resident_id: int, event_id: int) -> ReminderResult:
        """Ask for reminders; they survive restarts because they are rows, not timers."""
        now = self._clock()
        async with self._db.sessions.begin() as session:
            event = await self._open_event(session, event_id)
            added = await store.add_reminder(session, event_id, resident_id, now)
            times = reminder_times(event, now)
            for slot, due in zip(("day", "hour"), times, strict=False):
                await self._schedule_reminder(session, event, resident_id, slot, due)
        return ReminderResult(event, times, already=not added)

    async def _schedule_reminder(
        self, session: AsyncSession, event: EventView, resident_id: int, slot: str, due: datetime
    ) -> None:
        key = f"reminder:{event.id}:{resident_id}:{slot}:{event.starts_at:%Y%m%dT%H%M}"
        await outbox.schedule(
            session, resident_id, REMINDER, due, ref=event_ref(event.id), dedupe_key=key
        )

    async def stop_reminding(self, resident_id: int, event_id: int) -> bool:
        async with self._db.sessions.begin() as session:
            removed = await store.remove_reminder(session, event_id, resident_id)
            await outbox.cancel(
                session, ref=event_ref(event_id), kind=REMINDER, resident_id=resident_id
            )
        return removed

    async def calendar(self, event_id: int) -> bytes | None:
        event = await self.event(event_id)
        if event is None:
            return None
        return event_calendar(event, self._domain, self._clock())

    async def render_reminder(self, due: Due, now: datetime) -> Reply | None:
        """Built when sent, so a moved event is announced at its new time and a cancelled one
        not at all (its cancellation notice goes instead)."""
        event_id = int(due.ref.removeprefix("event:"))
        event = await self.event(event_id)
        if event is None or event.status == "cancelled" or event.starts_at <= now:
            return None
        start, today = london(event.starts_at), london(now).date()
        if start.date() == today:
            lead = f"Reminder: this is today at {start:%H:%M}."
        elif (start.date() - today).days == 1:
            lead = f"Reminder: this is tomorrow at {start:%H:%M}."
        else:
            lead = f"Reminder: this is on {when(event)}."
        return Reply(ReplyKind.EVENTS, f"{lead}\n\n{card(event, short=True)}", event_buttons(event))

    async def render_new(self, due: Due, now: datetime) -> Reply | None:
        """A new-event alert, built when sent so it shows the event as it is then, with "Remind
        me"; one cancelled or started meanwhile is not announced."""
        event_id = int(due.ref.removeprefix("event:"))
        event = await self.event(event_id)
        if event is None or event.status == "cancelled" or event.starts_at <= now:
            return None
        where = f" in {', '.join(event.wards)}" if event.wards else ""
        buttons = (Button("Remind me", f"evrem:{event.id}"), *event_buttons(event))
        return Reply(ReplyKind.EVENTS, f"New event{where}:\n\n{card(event)}", buttons)

    # -- officers and imports ------------------------------------------------------------------

    async def create(self, officer_id: int, new: EventInput) -> EventView:
        now = self._clock()
        if new.starts_at <= now:
            raise EventInputError([f"start: {when_text(new.starts_at)} is in the past"])
        report = ImportReport()
        key = f"officer:{uuid.uuid4().hex}"
        async with self._db.sessions.begin() as session:
            event_id, change = await store.upsert(session, "officer", key, new, now, officer_id)
            await self._after_change(session, event_id, change, report)
            event = await store.get(session, event_id)
        assert event is not None
        return event

    async def cancel(self, event_id: int) -> tuple[EventView, int]:
        """Cancel an event; everyone who asked for a reminder is told. Returns (event, told)."""
        now = self._clock()
        report = ImportReport()
        async with self._db.sessions.begin() as session:
            event = await self._open_event(session, event_id)
            await store.cancel(session, event_id, now)
            await self._after_change(session, event.id, Change.CANCELLED, report)
            cancelled = await store.get(session, event_id)
        assert cancelled is not None
        return cancelled, report.notices

    async def upcoming_for_staff(self, limit: int = 20) -> list[EventView]:
        async with self._db.sessions() as session:
            return await store.open_events(session, self._clock(), limit)

    async def apply(
        self, items: Sequence[SourcedEvent], withdraw_source: str | None = None
    ) -> ImportReport:
        """Apply a whole file in one transaction. With ``withdraw_source``, events of that source
        missing from ``items`` are cancelled (the comms file is the list of record)."""
        async with self._importing:
            return await self._apply(items, withdraw_source)

    async def _apply(
        self, items: Sequence[SourcedEvent], withdraw_source: str | None
    ) -> ImportReport:
        now = self._clock()
        report = ImportReport()
        async with self._db.sessions.begin() as session:
            live = await store.source_keys(session, withdraw_source, now) if withdraw_source else {}
            for item in items:
                live.pop(item.key, None)
                if item.event.ends_at <= now:
                    report.past += 1
                    continue
                event_id, change = await store.upsert(
                    session, item.source, item.key, item.event, now
                )
                await self._after_change(session, event_id, change, report)
            for event_id in live.values():
                await store.cancel(session, event_id, now)
                await self._after_change(session, event_id, Change.CANCELLED, report)
        return report

    async def import_file(self, path: Path, assign_wards: Sequence[str] = ()) -> ImportReport:
        from bot.events.sources import EventFileError

        try:
            items = await asyncio.to_thread(
                read_any, path, self.resolve_ward, self.wards, assign_wards
            )
        except EventFileError as exc:
            return ImportReport(problems=exc.problems)
        withdraw = "yaml" if path.suffix.lower() in (".yaml", ".yml") else None
        return await self.apply(items, withdraw_source=withdraw)

    async def sync_yaml(self, path: Path) -> ImportReport | None:
        """Load the comms file when it has changed since the last look; None if unchanged."""
        try:
            stat = await asyncio.to_thread(path.stat)
        except FileNotFoundError:
            return None
        seen = (stat.st_mtime, stat.st_size)
        async with self._syncing:
            if seen == self._yaml_seen:
                return None
            report = await self.import_file(path)
            self._yaml_seen = seen
        if report.problems:
            log.error("%s was not loaded:\n%s", path, "\n".join(report.problems))
        else:
            log.info("events from %s: %s", path, report.render())
        return report

    async def _after_change(
        self, session: AsyncSession, event_id: int, change: Change, report: ImportReport
    ) -> None:
        counter = {Change.NEW: "added", Change.CHANGED: "changed", Change.EDITED: "edited",
                   Change.CANCELLED: "cancelled", Change.SAME: "unchanged"}[change]  # fmt: skip
        setattr(report, counter, getattr(report, counter) + 1)
        if change in (Change.SAME, Change.EDITED):
            return
        event = await store.get(session, event_id)
        assert event is not None
        if change is Change.NEW:
            if event.status != "cancelled":
                await self._announce_new(session, event)
            return
        now = self._clock()
        await outbox.cancel(session, ref=event_ref(event_id), kind=REMINDER)
        if change is Change.CANCELLED:
            text = f"Cancelled: {event.title} on {when(event)} will not take place.\n\n"
            text += f"Sorry for any inconvenience. Source: {card(event).splitlines()[-1][8:]}"
        else:
            text = f"Changed: {event.title} has moved. The new details:\n\n{card(event)}"
        stamp = f"{event.updated_at:%Y%m%dT%H%M%S}"
        for resident in await store.reminded(session, event_id):
            await outbox.schedule(
                session, resident, NOTICE, now, text=text, ref=event_ref(event_id),
                dedupe_key=f"notice:{event_id}:{resident}:{change}:{stamp}",
            )  # fmt: skip
            report.notices += 1
            if change is Change.CHANGED:
                for slot, due in zip(("day", "hour"), reminder_times(event, now), strict=False):
                    await self._schedule_reminder(session, event, resident, slot, due)

    async def _announce_new(self, session: AsyncSession, event: EventView) -> None:
        """Residents following new events in the event's wards hear about it once."""
        now = self._clock()
        if event.starts_at <= now:
            return
        text = (
            f"New event{' in ' + ', '.join(event.wards) if event.wards else ''}:\n\n{card(event)}"
        )
        for resident in await self._subs.audience(topic="events", wards=event.wards or None):
            await outbox.schedule(
                session, resident, NEW_EVENT, now, text=text, ref=event_ref(event.id),
                dedupe_key=f"new:{event.id}:{resident}",
            )  # fmt: skip


def when_text(instant: datetime) -> str:
    local = london(instant)
    return f"{local:%a} {local.day} {local:%b %Y}, {local:%H:%M}"
