"""police.uk street-level archive CSVs (``YYYY-MM-<force>-street.csv``), plain or inside a zip:
the careful path, which parses every row in Python (``street_layout.RowParser``) and reports
each skipped line. Clean files into SQLite take the bulk path first (``street_bulk``).
"""

from __future__ import annotations

import csv
from collections.abc import Awaitable, Callable
from typing import IO, Any

from sqlalchemy import literal_column, null
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.stats.importers import crime_indexes
from bot.stats.importers.base import (
    BATCH_SIZE,
    SourceSpec,
    claim_source,
    compiled_insert,
    finish_source,
    lsoa_ward_map,
)
from bot.stats.importers.formats import STREET_CSV
from bot.stats.models import CRIMES
from bot.stats.parsing import (
    ImportSummary,
    Progress,
    StatsImportError,
    note_if_truncated,
    text_stream,
)
from bot.stats.street_layout import (
    COLUMNS,
    STREET_HEADER,
    RowParser,
    StreetColumns,
    force_from_falls_within,
    force_from_name,
    not_utf8,
    read_rows,
)

Batch = list[tuple[Any, ...]]


async def _writer(conn: AsyncConnection, source_id: int) -> Callable[[Batch], Awaitable[None]]:
    """How a batch of parsed rows reaches the table, inside the import's transaction.

    On PostgreSQL, asyncpg's binary COPY: several times the rows per second of a prepared
    INSERT per row, and the same transaction, so a failed file still rolls back whole.
    """
    if conn.dialect.name == "postgresql":
        driver: Any = (await conn.get_raw_connection()).driver_connection
        columns = ["source_id", *COLUMNS]

        async def copy(batch: Batch) -> None:
            await driver.copy_records_to_table(
                CRIMES.name, records=[(source_id, *row) for row in batch], columns=columns
            )

        return copy
    fixed = {"source_id": literal_column(str(int(source_id))), "api_id": null()}
    sql = compiled_insert(conn, CRIMES, COLUMNS, fixed)

    async def insert(batch: Batch) -> None:
        await conn.exec_driver_sql(sql, batch)

    return insert


async def _rebuild_indexes(conn: AsyncConnection, total_bytes: int) -> bool:
    if conn.dialect.name != "sqlite" or not crime_indexes.might_rebuild(total_bytes):
        return False
    held = (await conn.execute(crime_indexes.rows_held())).scalar_one()
    return crime_indexes.worth_rebuilding(total_bytes, int(held))


async def import_street_csv(
    conn: AsyncConnection,
    raw: IO[bytes],
    *,
    label: str,
    file_name: str,
    content_hash: str,
    total_bytes: int,
    force_id: str | None = None,
    progress: Progress | None = None,
) -> ImportSummary:
    """Import one street CSV from a binary stream, inside the caller's transaction."""
    text, counter = text_stream(raw)
    reader = csv.reader(text)
    try:
        header = next(reader, None)
    except UnicodeDecodeError as exc:
        raise not_utf8(label, 0, exc) from exc
    if header is None:
        raise StatsImportError(f"{label}: empty file; expected header {','.join(STREET_HEADER)!r}")
    cols = StreetColumns.from_header(header, label)
    rows = read_rows(reader, label)
    first = next(rows, None)
    force = force_id or force_from_name(file_name)
    within = cols.falls_within
    if force is None and first is not None and within is not None and within < len(first[1]):
        force = force_from_falls_within(first[1][within])
    summary = ImportSummary(file=label, format=STREET_CSV)
    source_id, summary.replaced_previous = await claim_source(
        conn, SourceSpec(STREET_CSV, file_name, content_hash, force)
    )
    sqlite = conn.dialect.name == "sqlite"
    rebuild = await _rebuild_indexes(conn, total_bytes)
    parser = RowParser(cols, summary, iso_dates=sqlite)
    parser.lsoa_to_ward = await lsoa_ward_map(conn)
    write = await _writer(conn, source_id)

    def report() -> None:
        if progress:
            progress(label, counter.done, total_bytes, summary.rows_read)

    if rebuild:
        for sql in crime_indexes.drop_statements(conn.dialect):
            await conn.exec_driver_sql(sql)
    for batch in parser.batches(reader, first, label, BATCH_SIZE):
        await write(batch)
        summary.imported += len(batch)
        report()
    if rebuild:
        for sql in crime_indexes.create_statements(conn.dialect):
            await conn.exec_driver_sql(sql)
    report()
    note_if_truncated(summary, counter)
    summary.months = sorted({m[0] for m in parser.months.values() if m})
    await finish_source(conn, source_id, summary)
    return summary
