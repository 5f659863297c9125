"""Event rows in and out as plain values; SQLAlchemy expressions only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import delete, exists, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.events.models import Event, EventReminder, EventWard
from bot.events.schema import EventInput
from bot.localtime import as_utc
from bot.storage.upsert import insert_for

NOTIFY_FIELDS = ("starts_at", "ends_at", "address")


class Change(StrEnum):
    NEW = "new"
    CHANGED = "changed"  # time or place moved: reminded residents are told
    EDITED = "edited"  # wording only: nobody is disturbed
    CANCELLED = "cancelled"
    SAME = "same"


@dataclass(frozen=True, slots=True)
class EventView:
    id: int
    source: str
    title: str
    type: str
    description: str
    wards: tuple[str, ...]
    address: str
    latitude: float | None
    longitude: float | None
    starts_at: datetime
    ends_at: datetime
    contact: str
    capacity_note: str
    status: str
    updated_at: datetime

    @property
    def has_location(self) -> bool:
        return self.latitude is not None and self.longitude is not None


@dataclass(frozen=True, slots=True)
class Filter:
    ward: str | None = None
    type: str | None = None
    start: datetime | None = None  # events overlapping [start, end)
    end: datetime | None = None


async def _wards(session: AsyncSession, event_id: int) -> tuple[str, ...]:
    rows = await session.scalars(
        select(EventWard.ward).where(EventWard.event_id == event_id).order_by(EventWard.ward)
    )
    return tuple(rows)


async def _view(session: AsyncSession, row: Event) -> EventView:
    return EventView(
        row.id, row.source, row.title, row.type, row.description, await _wards(session, row.id),
        row.address, row.latitude, row.longitude, as_utc(row.starts_at), as_utc(row.ends_at),
        row.contact, row.capacity_note, row.status, as_utc(row.updated_at),
    )  # fmt: skip


async def get(session: AsyncSession, event_id: int) -> EventView | None:
    row = await session.get(Event, event_id)
    return await _view(session, row) if row else None


def _classify(
    row: Event, new: EventInput, wards: tuple[str, ...], old_wards: tuple[str, ...]
) -> Change:
    if new.status == "cancelled":
        return Change.SAME if row.status == "cancelled" else Change.CANCELLED
    moved = (
        as_utc(row.starts_at) != new.starts_at
        or as_utc(row.ends_at) != new.ends_at
        or row.address != new.address
        or row.status == "cancelled"
    )
    if moved:
        return Change.CHANGED
    same = (
        row.title, row.type, row.description, row.latitude, row.longitude, row.contact,
        row.capacity_note, old_wards,
    ) == (
        new.title, new.type, new.description, new.latitude, new.longitude, new.contact,
        new.capacity_note, wards,
    )  # fmt: skip
    return Change.SAME if same else Change.EDITED


async def upsert(
    session: AsyncSession,
    source: str,
    key: str,
    new: EventInput,
    now: datetime,
    created_by: int | None = None,
) -> tuple[int, Change]:
    """Insert or update by ``key``; returns the event id and what kind of change it was."""
    row = await session.scalar(select(Event).where(Event.source_key == key))
    wards = tuple(sorted(new.wards))
    if row is None:
        row = Event(source=source, source_key=key, created_by=created_by, created_at=now)
        session.add(row)
        change = Change.CANCELLED if new.status == "cancelled" else Change.NEW
    else:
        change = _classify(row, new, wards, await _wards(session, row.id))
        if change is Change.SAME:
            return row.id, change
    row.title, row.type, row.description = new.title, new.type, new.description
    row.address, row.latitude, row.longitude = new.address, new.latitude, new.longitude
    row.starts_at, row.ends_at = new.starts_at, new.ends_at
    row.contact, row.capacity_note = new.contact, new.capacity_note
    if change is Change.CHANGED:
        row.status = "changed"
    elif change in (Change.NEW, Change.CANCELLED):
        row.status = "cancelled" if new.status == "cancelled" else "scheduled"
    row.updated_at = now
    await session.flush()
    await session.execute(delete(EventWard).where(EventWard.event_id == row.id))
    for ward in wards:
        session.add(EventWard(event_id=row.id, ward=ward))
    await session.flush()
    return row.id, change


async def cancel(session: AsyncSession, event_id: int, now: datetime) -> bool:
    row = await session.get(Event, event_id)
    if row is None or row.status == "cancelled":
        return False
    row.status, row.updated_at = "cancelled", now
    await session.flush()
    return True


async def source_keys(session: AsyncSession, source: str, since: datetime) -> dict[str, int]:
    """Keys of a source's events that have not ended and are not cancelled."""
    rows = await session.execute(
        select(Event.source_key, Event.id).where(
            Event.source == source, Event.ends_at > since, Event.status != "cancelled"
        )
    )
    return {key: event_id for key, event_id in rows.all()}


def _conditions(now: datetime, flt: Filter) -> list[object]:
    cond: list[object] = [Event.ends_at > max(now, flt.start or now), Event.status != "cancelled"]
    if flt.end is not None:
        cond.append(Event.starts_at < flt.end)
    if flt.type:
        cond.append(Event.type == flt.type)
    if flt.ward:
        mine = EventWard.event_id == Event.id
        cond.append(or_(exists().where(mine, EventWard.ward == flt.ward), ~exists().where(mine)))
    return cond


async def upcoming(
    session: AsyncSession, now: datetime, flt: Filter, offset: int, limit: int
) -> tuple[list[EventView], int]:
    """Events not yet over that match, soonest first, and how many match in all."""
    cond = _conditions(now, flt)
    total = await session.scalar(select(func.count()).select_from(Event).where(*cond))  # type: ignore[arg-type]
    rows = await session.scalars(
        select(Event).where(*cond).order_by(Event.starts_at, Event.id).offset(offset).limit(limit)  # type: ignore[arg-type]
    )
    return [await _view(session, r) for r in rows], int(total or 0)


async def open_events(session: AsyncSession, now: datetime, limit: int = 20) -> list[EventView]:
    rows = await session.scalars(
        select(Event)
        .where(Event.ends_at > now, Event.status != "cancelled")
        .order_by(Event.starts_at)
        .limit(limit)
    )
    return [await _view(session, r) for r in rows]


async def add_reminder(
    session: AsyncSession, event_id: int, resident_id: int, now: datetime
) -> bool:
    stmt = insert_for(session, EventReminder).values(
        event_id=event_id, resident_id=resident_id, created_at=now
    )
    result = await session.execute(stmt.on_conflict_do_nothing())
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def remove_reminder(session: AsyncSession, event_id: int, resident_id: int) -> bool:
    result = await session.execute(
        delete(EventReminder).where(
            EventReminder.event_id == event_id, EventReminder.resident_id == resident_id
        )
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def reminded(session: AsyncSession, event_id: int) -> list[int]:
    rows = await session.scalars(
        select(EventReminder.resident_id).where(EventReminder.event_id == event_id)
    )
    return sorted(rows)


async def reminders_of(session: AsyncSession, resident_id: int) -> list[dict[str, object]]:
    rows = await session.execute(
        select(EventReminder.event_id, Event.title, Event.starts_at, EventReminder.created_at)
        .join(Event, Event.id == EventReminder.event_id)
        .where(EventReminder.resident_id == resident_id)
    )
    return [
        {
            "event_id": i,
            "event": t,
            "starts_at": as_utc(s).isoformat(),
            "asked_at": as_utc(c).isoformat(),
        }
        for i, t, s, c in rows.all()
    ]


async def forget_reminders(session: AsyncSession, resident_id: int) -> int:
    result = await session.execute(
        delete(EventReminder).where(EventReminder.resident_id == resident_id)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]
