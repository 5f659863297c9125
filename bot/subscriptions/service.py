"""Subscriptions as plain values: who gets what, and when they may be messaged."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import delete, exists, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.delivery import store as outbox
from bot.events.models import EventReminder
from bot.localtime import Clock, as_utc, at_london_time, london
from bot.storage.db import Database
from bot.storage.upsert import insert_for
from bot.subscriptions.models import SubscriptionSettings, SubscriptionTopic, SubscriptionWard

TOPICS: dict[str, str] = {
    "announcements": "Announcements from the team",
    "events": "New events in my wards",
    "tips": "Crime prevention tips",
    "summary": "Monthly crime summary",
}
PAUSE = timedelta(days=7)


class SettingsError(ValueError):
    """A choice the service cannot accept (unknown ward or topic, empty quiet window)."""


@dataclass(frozen=True, slots=True)
class Settings:
    resident_id: int
    wards: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    quiet: tuple[time, time] | None = None
    paused_until: datetime | None = None

    @property
    def anything(self) -> bool:
        return bool(self.topics)


def _minutes(at: time) -> int:
    return at.hour * 60 + at.minute


def _time(minutes: int) -> time:
    return time(minutes // 60, minutes % 60)


def quiet_until(start: int, end: int, now: datetime) -> datetime | None:
    """When a quiet window (minutes after London midnight) ends, if ``now`` is inside it."""
    local = london(now)
    minute = local.hour * 60 + local.minute
    if start < end:
        inside, end_day = start <= minute < end, local.date()
    else:  # the window runs past midnight, e.g. 22:00-07:00
        inside = minute >= start or minute < end
        end_day = local.date() + timedelta(days=1) if minute >= start else local.date()
    return at_london_time(end_day, _time(end)) if inside else None


class SubscriptionService:
    def __init__(self, db: Database, wards: Sequence[str], clock: Clock) -> None:
        self._db = db
        self._wards = {w.casefold(): w for w in wards}
        self._clock = clock

    @property
    def wards(self) -> tuple[str, ...]:
        return tuple(self._wards.values())

    def ward_name(self, name: str) -> str:
        """The configured spelling of a ward; ``SettingsError`` naming it if unknown."""
        found = self._wards.get(name.strip().casefold())
        if found is None:
            raise SettingsError(f"ward: “{name}” is not one of the borough's wards")
        return found

    # -- reading -------------------------------------------------------------------------------

    async def settings(self, resident_id: int) -> Settings:
        async with self._db.sessions() as session:
            return await self._read(session, resident_id)

    async def _read(self, session: AsyncSession, resident_id: int) -> Settings:
        row = await session.get(SubscriptionSettings, resident_id)
        wards = list(
            await session.scalars(
                select(SubscriptionWard.ward).where(SubscriptionWard.resident_id == resident_id)
            )
        )
        topics = set(
            await session.scalars(
                select(SubscriptionTopic.topic).where(SubscriptionTopic.resident_id == resident_id)
            )
        )
        order = list(self._wards.values())
        quiet = None
        if row is not None and row.quiet_start is not None and row.quiet_end is not None:
            quiet = (_time(row.quiet_start), _time(row.quiet_end))
        paused = as_utc(row.paused_until) if row and row.paused_until else None
        if paused is not None and paused <= self._clock():
            paused = None
        return Settings(
            resident_id,
            tuple(sorted(wards, key=lambda w: order.index(w) if w in order else len(order))),
            tuple(t for t in TOPICS if t in topics),
            quiet,
            paused,
        )

    # -- changing ------------------------------------------------------------------------------

    async def _settings_row(self, session: AsyncSession, resident_id: int) -> SubscriptionSettings:
        row = await session.get(SubscriptionSettings, resident_id)
        if row is None:
            row = SubscriptionSettings(resident_id=resident_id, updated_at=self._clock())
            session.add(row)
        row.updated_at = self._clock()
        return row

    async def toggle_ward(self, resident_id: int, ward: str) -> Settings:
        name = self.ward_name(ward)
        async with self._db.sessions.begin() as session:
            key = {"resident_id": resident_id, "ward": name}
            removed = await session.execute(delete(SubscriptionWard).filter_by(**key))
            if not removed.rowcount:  # type: ignore[attr-defined]
                session.add(SubscriptionWard(**key))
            await session.flush()
            return await self._read(session, resident_id)

    async def toggle_topic(self, resident_id: int, topic: str) -> Settings:
        if topic not in TOPICS:
            raise SettingsError(f"topic: “{topic}” is not one of {', '.join(TOPICS)}")
        async with self._db.sessions.begin() as session:
            key = {"resident_id": resident_id, "topic": topic}
            removed = await session.execute(delete(SubscriptionTopic).filter_by(**key))
            if not removed.rowcount:  # type: ignore[attr-defined]
                session.add(SubscriptionTopic(**key))
            await session.flush()
            return await self._read(session, resident_id)

    async def subscribe(self, resident_id: int, topic: str) -> Settings:
        """Turn a topic on (idempotent), e.g. from a "tell me about new events" button."""
        if topic not in TOPICS:
            raise SettingsError(f"topic: “{topic}” is not one of {', '.join(TOPICS)}")
        async with self._db.sessions.begin() as session:
            stmt = insert_for(session, SubscriptionTopic).values(
                resident_id=resident_id, topic=topic
            )
            await session.execute(stmt.on_conflict_do_nothing())
            return await self._read(session, resident_id)

    async def set_quiet(self, resident_id: int, start: time | None, end: time | None) -> Settings:
        """Quiet hours from ``start`` to ``end`` London time; None for both turns them off."""
        if (start is None) != (end is None) or (start is not None and start == end):
            raise SettingsError("quiet hours: give a start and a different end time")
        async with self._db.sessions.begin() as session:
            row = await self._settings_row(session, resident_id)
            row.quiet_start = _minutes(start) if start else None
            row.quiet_end = _minutes(end) if end else None
            await session.flush()
            return await self._read(session, resident_id)

    async def pause(self, resident_id: int, length: timedelta = PAUSE) -> Settings:
        async with self._db.sessions.begin() as session:
            row = await self._settings_row(session, resident_id)
            row.paused_until = self._clock() + length
            await session.flush()
            return await self._read(session, resident_id)

    async def resume(self, resident_id: int) -> Settings:
        async with self._db.sessions.begin() as session:
            row = await self._settings_row(session, resident_id)
            row.paused_until = None
            await session.flush()
            return await self._read(session, resident_id)

    async def unsubscribe_all(self, resident_id: int) -> int:
        """Every topic, ward, event reminder and message still waiting: gone in one step.

        Returns how many things were removed. Quiet hours are kept (they are a preference, not
        a subscription) so a later re-subscription still respects them.
        """
        async with self._db.sessions.begin() as session:
            return await _unsubscribe(session, resident_id)

    # -- for senders ---------------------------------------------------------------------------

    async def audience(self, *, topic: str, wards: Sequence[str] | None = None) -> list[int]:
        """Residents who want ``topic``; with ``wards``, those who follow one of them or no ward.

        A resident who chose no ward hears about the whole borough. Paused residents and quiet
        hours are not filtered here: queue through ``Dispatcher.schedule`` to have them applied.
        """
        if topic not in TOPICS:
            raise SettingsError(f"topic: “{topic}” is not one of {', '.join(TOPICS)}")
        query = select(SubscriptionTopic.resident_id).where(SubscriptionTopic.topic == topic)
        if wards:
            names = [self.ward_name(w) for w in wards]
            mine = SubscriptionWard.resident_id == SubscriptionTopic.resident_id
            query = query.where(
                or_(
                    exists().where(mine, SubscriptionWard.ward.in_(names)),
                    ~exists().where(mine),
                )
            )
        async with self._db.sessions() as session:
            return sorted(set(await session.scalars(query)))

    async def is_paused(self, resident_id: int, now: datetime) -> datetime | None:
        """When the resident's pause ends, or None if they are not paused at ``now``."""
        async with self._db.sessions() as session:
            row = await session.get(SubscriptionSettings, resident_id)
        if row is None or row.paused_until is None:
            return None
        until = as_utc(row.paused_until)
        return until if until > now else None

    async def is_quiet(self, resident_id: int, now: datetime) -> datetime | None:
        """When the resident may next be messaged, or None if ``now`` is outside quiet hours."""
        async with self._db.sessions() as session:
            row = await session.get(SubscriptionSettings, resident_id)
        if row is None or row.quiet_start is None or row.quiet_end is None:
            return None
        return quiet_until(row.quiet_start, row.quiet_end, now)

    async def next_allowed(self, resident_id: int, now: datetime) -> datetime | None:
        """The dispatcher's gate: None to send now, else the earliest time to try again."""
        later = now
        for _ in range(3):  # a pause may end inside quiet hours, and the reverse
            step = max(
                (t for t in (await self.is_paused(resident_id, later),
                             await self.is_quiet(resident_id, later)) if t),
                default=None,
            )  # fmt: skip
            if step is None:
                break
            later = step
        return later if later > now else None

    # -- monthly summary bookkeeping -----------------------------------------------------------

    async def summary_recipients(self, month: date) -> list[Settings]:
        """Summary subscribers who have not yet had ``month``."""
        async with self._db.sessions() as session:
            ids = await session.scalars(
                select(SubscriptionTopic.resident_id)
                .outerjoin(
                    SubscriptionSettings,
                    SubscriptionSettings.resident_id == SubscriptionTopic.resident_id,
                )
                .where(
                    SubscriptionTopic.topic == "summary",
                    or_(
                        SubscriptionSettings.last_summary_month.is_(None),
                        SubscriptionSettings.last_summary_month < month,
                    ),
                )
            )
            return [await self._read(session, i) for i in sorted(set(ids))]

    async def mark_summary(self, session: AsyncSession, resident_id: int, month: date) -> None:
        row = await self._settings_row(session, resident_id)
        row.last_summary_month = month


async def _unsubscribe(session: AsyncSession, resident_id: int) -> int:
    removed = 0
    for model in (SubscriptionWard, SubscriptionTopic, EventReminder):
        result = await session.execute(delete(model).where(model.resident_id == resident_id))
        removed += int(result.rowcount)  # type: ignore[attr-defined]
    return removed + await outbox.pause_pending(session, resident_id)


async def export(session: AsyncSession, resident_id: int) -> dict[str, object]:
    row = await session.get(SubscriptionSettings, resident_id)
    wards = await session.scalars(
        select(SubscriptionWard.ward).where(SubscriptionWard.resident_id == resident_id)
    )
    topics = await session.scalars(
        select(SubscriptionTopic.topic).where(SubscriptionTopic.resident_id == resident_id)
    )
    return {
        "wards": list(wards),
        "topics": list(topics),
        "quiet_start_minute": row.quiet_start if row else None,
        "quiet_end_minute": row.quiet_end if row else None,
        "paused_until": row.paused_until.isoformat() if row and row.paused_until else None,
        "last_summary_month": str(row.last_summary_month)
        if row and row.last_summary_month
        else None,
    }


async def forget(session: AsyncSession, resident_id: int) -> int:
    removed = 0
    for model in (SubscriptionWard, SubscriptionTopic, SubscriptionSettings):
        result = await session.execute(delete(model).where(model.resident_id == resident_id))
        removed += int(result.rowcount)  # type: ignore[attr-defined]
    return removed
