"""What every importer shares when writing: source replacement and batched inserts."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Executable,
    Select,
    Table,
    Update,
    bindparam,
    delete,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.stats.bulkload.job import FINISH_FIELDS, FINISH_ID, finish_name
from bot.stats.importers.formats import SNAPSHOT
from bot.stats.models import COUNTS, CRIMES, LSOA_WARDS, SOURCES, WARDS
from bot.stats.parsing import ImportSummary
from bot.storage.models import utcnow
from bot.storage.upsert import insert_for_dialect

BATCH_SIZE = 5000


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def batched(
    items: Iterable[dict[str, Any]], size: int = BATCH_SIZE
) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


async def insert_rows(conn: AsyncConnection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    if rows:
        await conn.execute(insert(table), list(rows))


def compiled_insert(
    conn: AsyncConnection,
    table: Table,
    columns: Sequence[str],
    fixed: Mapping[str, ColumnElement[Any]] | None = None,
) -> str:
    """An ``insert()`` compiled once for this engine, for executemany with plain tuples.

    Skipping SQLAlchemy's per-row parameter processing matters for million-row files; the
    caller supplies values already in the driver's types, in ``columns`` order. ``fixed``
    columns are the same for every row and written into the statement, not bound per row.
    """
    stmt = insert(table).values(**fixed) if fixed else insert(table)
    compiled = stmt.compile(dialect=conn.dialect, column_keys=list(columns))
    if list(compiled.positiontup or ()) != list(columns):
        raise RuntimeError(f"unexpected parameter order for {table.name}")
    return str(compiled)


async def upsert_rows(
    conn: AsyncConnection,
    table: Table,
    rows: Sequence[dict[str, Any]],
    keys: Sequence[str],
    keep_existing: Sequence[str] = (),
) -> None:
    """Insert or update on the primary key; ``keep_existing`` columns keep a non-null old value."""
    if not rows:
        return
    dialect = conn.dialect.name
    stmt: Any
    if dialect not in ("postgresql", "sqlite"):  # pragma: no cover - the two supported engines
        raise NotImplementedError(dialect)
    stmt = insert_for_dialect(dialect, table)
    values = {
        c.name: (
            func.coalesce(stmt.excluded[c.name], table.c[c.name])
            if c.name in keep_existing
            else stmt.excluded[c.name]
        )
        for c in table.columns
        if c.name not in keys
    }
    await conn.execute(
        stmt.on_conflict_do_update(index_elements=list(keys), set_=values), list(rows)
    )


@dataclass
class SourceSpec:
    """Identifies what an import brings: a later import with the same key replaces it."""

    kind: str
    file_name: str
    content_hash: str
    force: str | None = None
    key_extra: str = ""
    # Also replace a source of the same kind with identical content (a renamed copy of a file).
    # Off for API responses, where two areas can legitimately return the same body ("[]").
    match_hash: bool = True

    @property
    def key(self) -> str:
        extra = f":{self.key_extra}" if self.key_extra else ""
        return f"{self.kind}:{self.force or '-'}:{self.file_name}{extra}"


CHILD_TABLES: tuple[Table, ...] = (CRIMES, COUNTS, LSOA_WARDS)


def claim_statements(spec: SourceSpec) -> list[Executable]:
    """What replacing a source takes, as statements that need no result from one another.

    First a count of the previous imports (found by key -- kind, force, file -- or, for a
    renamed copy, by the same content hash and kind), then deleting whatever they brought, then
    the new source row, returning its id. Written set-wise so the bulk loader's worker process
    can run them compiled, without SQLAlchemy; run inside the import's transaction, so a failed
    import leaves the previous rows in place.
    """
    sources = SOURCES
    same = sources.c.key == spec.key
    if spec.match_hash:
        same = same | (
            (sources.c.content_hash == spec.content_hash) & (sources.c.kind == spec.kind)
        )
    previous = select(sources.c.id).where(same).scalar_subquery()
    return [
        select(func.count()).select_from(sources).where(same),
        *(delete(table).where(table.c.source_id.in_(previous)) for table in CHILD_TABLES),
        update(WARDS).where(WARDS.c.source_id.in_(previous)).values(source_id=None),
        delete(sources).where(same),
        insert(sources)
        .values(
            key=spec.key,
            kind=spec.kind,
            file_name=spec.file_name,
            content_hash=spec.content_hash,
            force=spec.force,
            rows_read=0,
            rows_imported=0,
            rows_skipped=0,
            imported_at=utcnow(),
        )
        .returning(sources.c.id),
    ]


async def new_source(conn: AsyncConnection, spec: SourceSpec) -> int:
    """Insert a source that must not exist yet: a second one with its key fails (IntegrityError)
    rather than replacing the first, which is how two processes agree that only one loads."""
    *_, insert_statement = claim_statements(spec)
    return int((await conn.execute(insert_statement)).scalar_one())


async def claim_source(conn: AsyncConnection, spec: SourceSpec) -> tuple[int, bool]:
    """Return the source id to import into and whether it replaced a previous import."""
    first, *middle, last = claim_statements(spec)
    found = int((await conn.execute(first)).scalar_one())
    for statement in middle:
        await conn.execute(statement)
    return int((await conn.execute(last)).scalar_one()), found > 0


def finish_statement() -> Update:
    """The source's months and counts once its rows are in, bound by name so that the bulk
    loader's worker, which alone knows them, can bind them too."""
    return (
        update(SOURCES)
        .where(SOURCES.c.id == bindparam(FINISH_ID))
        .values({SOURCES.c[name]: bindparam(finish_name(name)) for name in FINISH_FIELDS})
    )


async def finish_source(conn: AsyncConnection, source_id: int, summary: ImportSummary) -> None:
    values = {
        "first_month": min(summary.months) if summary.months else None,
        "last_month": max(summary.months) if summary.months else None,
        "rows_read": summary.rows_read,
        "rows_imported": summary.imported,
        "rows_skipped": summary.skipped_total,
    }
    bound = {finish_name(name): value for name, value in values.items()}
    await conn.execute(finish_statement(), {FINISH_ID: source_id, **bound})


def lsoa_ward_statement() -> Select[str, str]:
    return select(LSOA_WARDS.c.lsoa_code, LSOA_WARDS.c.ward_code)


async def lsoa_ward_map(conn: AsyncConnection) -> dict[str, str]:
    rows = await conn.execute(lsoa_ward_statement())
    return {lsoa: ward for lsoa, ward in rows.all()}


async def drop_snapshots(conn: AsyncConnection, boroughs: Iterable[str]) -> list[str]:
    """Remove the snapshot counts of these boroughs (an import brings newer figures).

    Returns the months ("2023-05..2026-03") of each snapshot removed, for the import summary.
    """
    names = [b for b in boroughs if b]
    if not names:
        return []
    found = (
        await conn.execute(
            select(
                SOURCES.c.id, SOURCES.c.file_name, SOURCES.c.first_month, SOURCES.c.last_month
            ).where(SOURCES.c.kind == SNAPSHOT, SOURCES.c.file_name.in_(names))
        )
    ).all()
    if not found:
        return []
    ids = [row.id for row in found]
    await conn.execute(COUNTS.delete().where(COUNTS.c.source_id.in_(ids)))
    await conn.execute(WARDS.update().where(WARDS.c.source_id.in_(ids)).values(source_id=None))
    await conn.execute(SOURCES.delete().where(SOURCES.c.id.in_(ids)))
    return [
        f"{row.file_name} {row.first_month:%Y-%m}..{row.last_month:%Y-%m}"
        for row in found
        if row.first_month and row.last_month
    ]
