"""Bulk inserts into SQLite, parsed and written on the connection's own thread.

Through aiosqlite each statement is a round trip from the event loop to the connection's
thread, and parsing a million CSV rows on the event loop would stall the bot for seconds. Here
the whole loop (read, parse, ``executemany``) runs on the connection's thread in one go: no hop
per batch and the event loop stays free. (Parsing on a second thread measured slower: the two
threads mostly wait for each other's GIL.) The statements run on the caller's connection, inside
its open transaction, so a failure anywhere rolls the whole file back as before.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable, Iterator
from typing import Any

from sqlalchemy.ext.asyncio import AsyncConnection

from bot.stats.importers.base import ImportSummary

Batch = list[tuple[Any, ...]]


async def bulk_load_sqlite(
    conn: AsyncConnection,
    sql: str,
    batches: Iterator[Batch],
    summary: ImportSummary,
    report: Callable[[], None],
) -> None:
    """Insert every row of ``batches`` with ``sql``; ``report`` runs on the loop per batch."""
    driver: Any = (await conn.get_raw_connection()).driver_connection
    # aiosqlite's ``_execute`` runs a callable on the connection's thread, the only thread
    # sqlite3 lets use it; the tests exercise it, so a changed driver fails loudly there.
    if not (hasattr(driver, "_execute") and hasattr(driver, "_conn")):  # pragma: no cover
        raise RuntimeError("bulk load needs the aiosqlite driver")
    loop = asyncio.get_running_loop()

    def load() -> None:
        db: sqlite3.Connection = driver._conn
        if not db.in_transaction:  # the caller's transaction must already be open
            raise RuntimeError("bulk load outside a transaction")
        for batch in batches:
            db.executemany(sql, batch)
            summary.imported += len(batch)
            loop.call_soon_threadsafe(report)

    await driver._execute(load)
