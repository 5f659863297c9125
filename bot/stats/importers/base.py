"""What every importer shares: the summary, the error, source replacement and batched inserts."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO, Any

from sqlalchemy import ColumnElement, Table, delete, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.stats.models import COUNTS, CRIMES, LSOA_WARDS, SOURCES, WARDS
from bot.storage.models import utcnow

BATCH_SIZE = 5000
MAX_LINES_KEPT = 5

# (file label, bytes done, bytes total, rows done)
Progress = Callable[[str, int, int, int], None]


class StatsImportError(Exception):
    """A file that cannot be imported at all, worded for the person running the import."""


@dataclass
class Skipped:
    count: int = 0
    lines: list[int] = field(default_factory=list)


@dataclass
class ImportSummary:
    file: str
    format: str
    rows_read: int = 0
    imported: int = 0
    skipped: dict[str, Skipped] = field(default_factory=dict)
    replaced_previous: bool = False
    months: list[date] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    position: str = "line"  # what the numbers in ``skipped`` count: CSV lines or JSON items

    @property
    def skipped_total(self) -> int:
        return sum(s.count for s in self.skipped.values())

    def skip(self, reason: str, line: int) -> None:
        entry = self.skipped.setdefault(reason, Skipped())
        entry.count += 1
        if len(entry.lines) < MAX_LINES_KEPT:
            entry.lines.append(line)

    def render(self) -> str:
        span = ""
        if self.months:
            first, last = min(self.months), max(self.months)
            span = f", {first:%Y-%m}" + (f"..{last:%Y-%m}" if last != first else "")
        lines = [
            f"{self.file} [{self.format}{span}]: read {self.rows_read}, imported {self.imported}, "
            f"skipped {self.skipped_total}"
            + (" (replaced the previous import of this source)" if self.replaced_previous else "")
        ]
        for reason, entry in sorted(self.skipped.items()):
            where = ", ".join(str(n) for n in entry.lines)
            more = ", ..." if entry.count > len(entry.lines) else ""
            lines.append(f"  skipped {entry.count}: {reason} ({self.position} {where}{more})")
        lines.extend(f"  note: {note}" for note in self.notes)
        return "\n".join(lines)


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


class CountingReader(io.RawIOBase):
    """Wraps a binary stream, counting bytes for progress and remembering the last byte."""

    def __init__(self, raw: IO[bytes]) -> None:
        super().__init__()
        self._raw = raw
        self.done = 0
        self.last_byte = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._raw.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        self.done += n
        if n:
            self.last_byte = data[-1:]
        return n


def text_stream(raw: IO[bytes]) -> tuple[io.TextIOWrapper, CountingReader]:
    """A text view of a byte stream that drops a UTF-8 BOM and keeps CRLF for the csv module."""
    counter = CountingReader(raw)
    buffered = io.BufferedReader(counter, buffer_size=1 << 16)
    return io.TextIOWrapper(buffered, encoding="utf-8-sig", newline=""), counter


def parse_month(text: str) -> date | None:
    """``YYYY-MM`` (police.uk) to the first day of that month; None if it is not one."""
    text = text.strip()
    if len(text) != 7 or text[4] != "-" or not (text[:4].isdigit() and text[5:].isdigit()):
        return None
    year, month = int(text[:4]), int(text[5:])
    if not (1 <= month <= 12 and 1990 <= year <= 2100):
        return None
    return date(year, month, 1)


class BadCoordinates(ValueError):
    pass


def parse_coordinates(lat: str | None, lon: str | None) -> tuple[float | None, float | None]:
    """Both empty means "No Location" (a valid record); anything else must be a real point."""
    lat = (lat or "").strip()
    lon = (lon or "").strip()
    if not lat and not lon:
        return None, None
    try:
        y, x = float(lat), float(lon)
    except ValueError as exc:
        raise BadCoordinates from exc
    if not (-90.0 <= y <= 90.0 and -180.0 <= x <= 180.0) or y != y or x != x:
        raise BadCoordinates
    return y, x


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
    if dialect == "postgresql":
        stmt = postgresql.insert(table)
    elif dialect == "sqlite":
        stmt = sqlite.insert(table)
    else:  # pragma: no cover - only the two supported engines
        raise NotImplementedError(dialect)
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


async def claim_source(conn: AsyncConnection, spec: SourceSpec) -> tuple[int, bool]:
    """Return the source id to import into, deleting whatever that source brought before.

    The previous import is found by key (kind, force, file) or, for a renamed copy, by the same
    content hash and kind. Runs inside the caller's transaction, so a failed import leaves the
    previous rows in place.
    """
    sources = SOURCES
    same = sources.c.key == spec.key
    if spec.match_hash:
        same = same | (
            (sources.c.content_hash == spec.content_hash) & (sources.c.kind == spec.kind)
        )
    found = (await conn.execute(select(sources.c.id, sources.c.key).where(same))).all()
    for source_id, _key in found:
        for table in CHILD_TABLES:
            await conn.execute(delete(table).where(table.c.source_id == source_id))
        await conn.execute(
            update(WARDS).where(WARDS.c.source_id == source_id).values(source_id=None)
        )
        await conn.execute(delete(sources).where(sources.c.id == source_id))
    result = await conn.execute(
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
        .returning(sources.c.id)
    )
    return int(result.scalar_one()), bool(found)


async def finish_source(conn: AsyncConnection, source_id: int, summary: ImportSummary) -> None:
    sources = SOURCES
    await conn.execute(
        update(sources)
        .where(sources.c.id == source_id)
        .values(
            first_month=min(summary.months) if summary.months else None,
            last_month=max(summary.months) if summary.months else None,
            rows_read=summary.rows_read,
            rows_imported=summary.imported,
            rows_skipped=summary.skipped_total,
        )
    )


async def lsoa_ward_map(conn: AsyncConnection) -> dict[str, str]:
    table = LSOA_WARDS
    rows = await conn.execute(select(table.c.lsoa_code, table.c.ward_code))
    return {lsoa: ward for lsoa, ward in rows.all()}


def note_if_truncated(summary: ImportSummary, counter: CountingReader) -> None:
    if counter.done and counter.last_byte not in (b"\n", b"\r"):
        summary.notes.append("the file does not end with a line break: it may be truncated")
