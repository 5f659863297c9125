"""Figures read from the stats store, kept in memory until the store changes.

The store changes only when something is imported (a file, a police.uk sync, the packaged
snapshot), and every import adds or replaces its row in ``stats_sources`` in the same transaction
as its figures, dropped snapshots included. So the sources' count, highest id and latest import
time name what the store holds. They are read from the database once per answer, one small query,
so an import made by another process or replica on the same database is seen at the next answer
of every process; while they stay the same, the figures already read are used again.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable
from typing import Any, TypeVar

from sqlalchemy import func, select

from bot.stats.models import SOURCES
from bot.storage.db import Database

T = TypeVar("T")
# A safety net, not a working size: the keys are areas, categories and months, a few thousand
# at most for a borough.
RESULTS_LIMIT = 4096
VERSION = select(func.count(), func.max(SOURCES.c.id), func.max(SOURCES.c.imported_at))


class Results:
    """The results read for one version of the store, the least recently used dropped first."""

    def __init__(self, limit: int = RESULTS_LIMIT) -> None:
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._limit = limit

    async def value(self, key: Hashable, compute: Callable[[], Awaitable[T]]) -> T:
        if key in self._items:
            self._items.move_to_end(key)
            found: T = self._items[key]
            return found
        value = await compute()
        self._items[key] = value
        if len(self._items) > self._limit:
            self._items.popitem(last=False)
        return value


class StoreMemo:
    """One per :class:`bot.stats.queries.StatsQueries`: the results for the store's version."""

    def __init__(self, limit: int = RESULTS_LIMIT) -> None:
        self._limit = limit
        self._version: tuple[Any, ...] | None = None
        self._results = Results(limit)

    async def results(self, db: Database) -> Results:
        async with db.engine.connect() as conn:
            version = tuple((await conn.execute(VERSION)).one())
        if version != self._version:
            self._version, self._results = version, Results(self._limit)
        return self._results
