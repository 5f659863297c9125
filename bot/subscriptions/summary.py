"""The monthly crime summary: each subscriber's wards for the newest month, once per month.

Runs whenever asked (a daily job); it queues a message only for subscribers whose last summary is
older than the newest month in the stats store, so new data is announced once and a re-run, or a
restart, sends nothing twice.
"""

from __future__ import annotations

from bot.delivery import store as outbox
from bot.localtime import Clock
from bot.stats.answers import StatsAnswerer, month_name
from bot.stats.queries import StatsQueries
from bot.stats.questions import StatsQuery
from bot.storage.db import Database
from bot.subscriptions.service import Settings, SubscriptionService

SUMMARY = "summary"


class MonthlySummaries:
    def __init__(
        self, db: Database, clock: Clock, subscriptions: SubscriptionService, queries: StatsQueries
    ) -> None:
        self._db = db
        self._clock = clock
        self._subs = subscriptions
        self._queries = queries
        self._answerer = StatsAnswerer(queries)

    async def _text(self, settings: Settings, heading: str) -> str:
        parts = [heading]
        for ward in settings.wards or (None,):
            answer = await self._answerer.answer(StatsQuery(text="", ward=ward))
            parts.append(answer.text)
        parts.append("Change what you receive with /settings.")
        return "\n\n".join(parts)

    async def run(self) -> int:
        """Queue summaries for the newest month; returns how many were queued."""
        latest = await self._queries.latest_month()
        if latest is None:
            return 0
        heading = f"Your monthly crime summary: {month_name(latest)}"
        queued = 0
        for settings in await self._subs.summary_recipients(latest):
            text = await self._text(settings, heading)
            async with self._db.sessions.begin() as session:
                queued += await outbox.schedule(
                    session, settings.resident_id, SUMMARY, self._clock(), text=text,
                    ref=f"summary:{latest:%Y-%m}",
                    dedupe_key=f"summary:{settings.resident_id}:{latest:%Y-%m}",
                )  # fmt: skip
                await self._subs.mark_summary(session, settings.resident_id, latest)
        return queued
