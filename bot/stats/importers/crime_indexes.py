"""Dropping the crime indexes for a large SQLite load and building them again afterwards.

SQLite builds an index from sorted keys far faster than it inserts a million random keys one by
one, but a rebuild also re-reads every row already stored: it pays when the file brings at least
as many rows as the table holds. Both street-CSV paths run these statements inside the import's
transaction, so readers (WAL) keep seeing the old, indexed table until the commit.
"""

from __future__ import annotations

import os

from sqlalchemy import Dialect, Index, Select, func, select
from sqlalchemy.schema import CreateIndex, DropIndex

from bot.stats.models import CRIMES

# A street CSV row is about 240 bytes; below this many new rows, rebuilding is not worth it.
REBUILD_MIN_ROWS = 100_000
ROW_BYTES = 240
SORT_THREADS = min(4, os.cpu_count() or 1)


def rows_held() -> Select[int]:
    return select(func.count()).select_from(CRIMES)


def might_rebuild(total_bytes: int) -> bool:
    """Whether the file is large enough to be worth counting the rows already held."""
    return total_bytes // ROW_BYTES >= REBUILD_MIN_ROWS


def worth_rebuilding(total_bytes: int, rows_held: int) -> bool:
    return might_rebuild(total_bytes) and total_bytes // ROW_BYTES >= rows_held


def _rebuilt() -> list[Index]:
    # The unique api_id index is partial (API records only): street rows add nothing to it.
    return sorted((i for i in CRIMES.indexes if not i.unique), key=lambda i: str(i.name))


def drop_statements(dialect: Dialect) -> list[str]:
    return [str(DropIndex(index).compile(dialect=dialect)) for index in _rebuilt()]


def create_statements(dialect: Dialect) -> list[str]:
    """Let SQLite sort on helper threads while it builds, then back to its default."""
    return [
        f"PRAGMA threads={SORT_THREADS}",
        *(str(CreateIndex(index).compile(dialect=dialect)) for index in _rebuilt()),
        "PRAGMA threads=0",
    ]
