"""Getting residents their local updates in two taps: a ward, then sensible default topics they
see and can change; and one line, once per resident, saying so under a first answer.

The line is remembered in the database (``residents.updates_offered_at``), so it is said once
whichever process answers and across restarts; a resident who already chose something never
gets it.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.localtime import Clock
from bot.storage.db import Database
from bot.storage.models import Resident
from bot.storage.upsert import insert_for
from bot.subscriptions.models import SubscriptionTopic, SubscriptionWard
from bot.subscriptions.service import TOPICS, Settings, SubscriptionService

MEMORY = 100_000  # residents remembered per process as already told; beyond, the database says

HINT = (
    "🔔 Local news, events and appeals for your ward: send /updates and choose your ward "
    "(two taps). Change or stop them any time in /settings."
)


class Onboarding:
    def __init__(
        self, db: Database, subscriptions: SubscriptionService, defaults: Sequence[str],
        clock: Clock,
    ) -> None:  # fmt: skip
        self._db = db
        self._subs = subscriptions
        self.defaults = tuple(t for t in TOPICS if t in defaults)
        self._clock = clock
        # Residents this process knows were told (or chose): no database write per question.
        self._done: set[int] = set()

    @property
    def wards(self) -> tuple[str, ...]:
        return self._subs.wards

    async def choose_ward(self, resident_id: int, ward: str | None) -> Settings:
        """The second tap: follow ``ward`` (None: the whole borough, so no ward), and turn on
        the default topics unless the resident already chose some."""
        name = self._subs.ward_name(ward) if ward is not None else None
        async with self._db.sessions.begin() as session:
            if name is None:
                await session.execute(
                    delete(SubscriptionWard).where(SubscriptionWard.resident_id == resident_id)
                )
            else:
                stmt = insert_for(session, SubscriptionWard).values(
                    resident_id=resident_id, ward=name
                )
                await session.execute(stmt.on_conflict_do_nothing())
            if not await _has_topics(session, resident_id):
                for topic in self.defaults:
                    session.add(SubscriptionTopic(resident_id=resident_id, topic=topic))
            await self._mark(session, resident_id, only_first=False)
        return await self._subs.settings(resident_id)

    async def offer_once(self, resident_id: int) -> bool:
        """True the first time a resident with nothing subscribed is answered (then never)."""
        if resident_id in self._done:
            return False
        async with self._db.sessions.begin() as session:
            first = not await _has_topics(session, resident_id) and await self._mark(
                session, resident_id, only_first=True
            )
        if len(self._done) < MEMORY:
            self._done.add(resident_id)
        return first

    async def _mark(self, session: AsyncSession, resident_id: int, only_first: bool) -> bool:
        now = self._clock()
        stmt = insert_for(session, Resident).values(
            telegram_id=resident_id, language="en", created_at=now, last_seen_at=now,
            updates_offered_at=now,
        )  # fmt: skip
        stmt = stmt.on_conflict_do_update(
            index_elements=[Resident.telegram_id],
            set_={"updates_offered_at": now},
            where=Resident.updates_offered_at.is_(None) if only_first else None,
        ).returning(Resident.telegram_id)
        return (await session.execute(stmt)).scalar() is not None


async def _has_topics(session: AsyncSession, resident_id: int) -> bool:
    found = await session.scalar(
        select(exists().where(SubscriptionTopic.resident_id == resident_id))
    )
    return bool(found)
