"""The monthly police.uk sync inside the running bot: due once a month, retried daily on failure.

The job is ticked once a day. From the configured day of the month it runs the sync until one
succeeds that month; a failure is logged and the next day's tick tries again. The sync itself is
resumable and idempotent (see :mod:`bot.stats.sync`), so a retry only fetches what is missing.
Nothing here raises: a broken network or API must never take the bot down.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import date

import aiohttp

from bot.config import Config
from bot.stats.commands import configured_ward_areas
from bot.stats.sync import PoliceApi, SyncReport, sync_crimes
from bot.storage.db import Database

log = logging.getLogger(__name__)

SyncRunner = Callable[[], Awaitable[SyncReport]]


class MonthlySync:
    """Decides, per daily tick, whether this month's sync is still to be done, and does it."""

    def __init__(
        self, run: SyncRunner, day: int = 1, on_success: Callable[[], None] | None = None
    ) -> None:
        self._run = run
        self.day = day
        self._on_success = on_success
        self.last_success: date | None = None
        self.failures = 0

    def due(self, today: date) -> bool:
        if today.day < self.day:
            return False
        done = self.last_success
        return done is None or (done.year, done.month) != (today.year, today.month)

    async def tick(self, today: date) -> bool | None:
        """Run the sync if due: True = synced, False = failed (retried tomorrow), None = not due."""
        if not self.due(today):
            return None
        try:
            report = await self._run()
        except Exception:  # any failure waits for tomorrow; the bot carries on
            self.failures += 1
            log.exception("monthly police.uk sync failed; it will be retried tomorrow")
            return False
        self.last_success = today
        log.info("monthly police.uk sync done: %s", report.render())
        if self._on_success is not None:
            self._on_success()
        return True


def police_sync_runner(db: Database, config: Config) -> SyncRunner:
    """The real sync: the configured wards' latest months from the police.uk API."""

    async def run() -> SyncReport:
        wards = await configured_ward_areas(db, config)
        if not wards:
            raise RuntimeError(
                "no ward centres stored for the configured wards: import a ward centroids file"
            )
        timeout = aiohttp.ClientTimeout(total=60)
        async with aiohttp.ClientSession(timeout=timeout) as session:
            api = PoliceApi(session, config.stats.api_base_url)
            return await sync_crimes(
                db,
                api,
                force=config.borough.police_force,
                wards=wards,
                months=config.stats.sync_months,
            )

    return run
