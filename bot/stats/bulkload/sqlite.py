"""A write transaction on the SQLite file through ADBC, for compiled statements and Arrow data."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

BUSY_TIMEOUT_MS = 5000  # as the bot's own connections (bot.storage.db)


class Writer:
    def __init__(self, cursor: Any) -> None:
        self.cursor = cursor

    def run(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        self.cursor.execute(sql, list(params) if params else None)
        if self.cursor.description is None:
            return []
        return list(self.cursor.fetchall())

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        rows = self.run(sql, params)
        if len(rows) != 1 or len(rows[0]) != 1:
            raise ValueError(f"expected one value from {sql[:60]!r}, got {len(rows)} row(s)")
        return rows[0][0]

    def ingest(self, table: str, batches: Any) -> None:
        self.cursor.adbc_ingest(table, batches, mode="append")


def file_uri(path: str) -> str:
    """``mode=rw``: a mistyped path fails instead of creating an empty database."""
    return f"file:{quote(str(Path(path).resolve()))}?mode=rw"


@contextmanager
def write_transaction(path: str) -> Iterator[Writer]:
    """An immediate (write-locked) transaction, committed on success and rolled back otherwise.

    ``BEGIN IMMEDIATE`` takes the write lock up front, waiting as the bot's own connections do,
    rather than failing halfway through a load because another writer holds it.
    """
    import adbc_driver_sqlite.dbapi as adbc

    with adbc.connect(file_uri(path), autocommit=True) as conn, conn.cursor() as cursor:
        writer = Writer(cursor)
        writer.run("PRAGMA foreign_keys=ON")
        writer.run(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        writer.run("BEGIN IMMEDIATE")
        try:
            yield writer
        except BaseException:
            writer.run("ROLLBACK")
            raise
        writer.run("COMMIT")
