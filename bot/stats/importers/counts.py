"""Published counts: the LSOA monthly table, the Met's ward table, and the lookups beside them.

* LSOA monthly counts (``lsoa_code,lsoa_name,borough,category,year,month,crime_count``) are
  police.uk street-level data counted per LSOA. They are stored per LSOA, summed per borough, and
  summed per 2022 ward through the LSOA->ward lookup (re-done whenever the lookup changes).
* The Met's ward table (London Datastore, MPSCrime) is wide: one column per ``YYYYMM``. It becomes
  one row per ward x month x Home Office class, in the ``mps`` namespace.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from typing import IO, Any

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.stats.categories import MPS, POLICE_UK, mps_category, slug_for
from bot.stats.importers.base import (
    BATCH_SIZE,
    SourceSpec,
    claim_source,
    drop_snapshots,
    finish_source,
    insert_rows,
    upsert_rows,
)
from bot.stats.importers.formats import (
    CENTROIDS_HEADER,
    LOOKUP_HEADER,
    LSOA_COUNTS,
    LSOA_COUNTS_HEADER,
    LSOA_WARD_LOOKUP,
    MPS_FIXED_HEADER,
    MPS_WARDS,
    WARD_CENTROIDS,
    WARD_NAMES,
    WARD_NAMES_HEADER,
    YYYYMM,
)
from bot.stats.models import COUNTS, LSOA_WARDS, SOURCES, WARDS
from bot.stats.parsing import (
    BadCoordinates,
    ImportSummary,
    Progress,
    StatsImportError,
    note_if_truncated,
    parse_coordinates,
    text_stream,
)


class _Csv:
    """A streamed CSV with its header checked against what the format expects."""

    def __init__(self, raw: IO[bytes], label: str, expected: tuple[str, ...], exact: bool) -> None:
        self.text, self.counter = text_stream(raw)
        self.reader = csv.reader(self.text)
        self.label = label
        header = next(self.reader, None)
        self.header = [h.strip() for h in header] if header else []
        got = tuple(self.header if exact else self.header[: len(expected)])
        if got != expected:
            found = ",".join(self.header)[:300] or "(empty file)"
            raise StatsImportError(
                f"{label}: wrong header: expected {','.join(expected)!r}"
                + (",YYYYMM,..." if not exact else "")
                + f", found {found!r}"
            )

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        try:
            for row in self.reader:
                if row:
                    yield self.reader.line_num, row
        except csv.Error as exc:
            raise StatsImportError(
                f"{self.label}: line {self.reader.line_num}: broken CSV ({exc})"
            ) from exc


def _count(text: str) -> int | None:
    text = text.strip()
    return int(text) if text.isdigit() else None


async def _flush(
    conn: AsyncConnection, batch: list[dict[str, Any]], summary: ImportSummary
) -> None:
    await insert_rows(conn, COUNTS, batch)
    summary.imported += len(batch)
    batch.clear()


async def import_lsoa_counts(
    conn: AsyncConnection,
    raw: IO[bytes],
    *,
    label: str,
    spec: SourceSpec,
    total_bytes: int,
    progress: Progress | None = None,
) -> ImportSummary:
    data = _Csv(raw, label, LSOA_COUNTS_HEADER, exact=True)
    summary = ImportSummary(file=label, format=LSOA_COUNTS)
    source_id, summary.replaced_previous = await claim_source(conn, spec)
    boroughs: dict[tuple[str, date, str], int] = defaultdict(int)
    months: set[date] = set()
    batch: list[dict[str, Any]] = []
    width = len(LSOA_COUNTS_HEADER)
    for line, row in data.rows():
        summary.rows_read += 1
        if len(row) != width:
            summary.skip(f"wrong number of fields (expected {width})", line)
            continue
        lsoa, name, borough, category, year, month_no, count_text = (c.strip() for c in row)
        month = _year_month(year, month_no)
        if month is None:
            summary.skip("bad month", line)
            continue
        slug = slug_for(category)
        if slug is None:
            summary.skip("unknown category", line)
            continue
        count = _count(count_text)
        if count is None or not lsoa:
            summary.skip("bad count" if count is None else "no LSOA code", line)
            continue
        months.add(month)
        boroughs[(borough, month, slug)] += count
        batch.append(_count_row(source_id, "lsoa", lsoa, name, month, POLICE_UK, slug, count))
        if len(batch) >= BATCH_SIZE:
            await _flush(conn, batch, summary)
            if progress:
                progress(label, data.counter.done, total_bytes, summary.rows_read)
    await _flush(conn, batch, summary)
    await insert_rows(
        conn,
        COUNTS,
        [
            _count_row(source_id, "borough", b, b, m, POLICE_UK, c, n)
            for (b, m, c), n in boroughs.items()
        ],
    )
    wards = await aggregate_wards(conn, source_id)
    for replaced in await drop_snapshots(conn, {b for b, _, _ in boroughs}):
        summary.notes.append(f"replaced the packaged snapshot of {replaced}")
    if not wards:
        summary.notes.append(
            "no LSOA->ward lookup stored yet: ward figures will be added when it is imported"
        )
    note_if_truncated(summary, data.counter)
    summary.months = sorted(months)
    await finish_source(conn, source_id, summary)
    return summary


def _year_month(year: str, month: str) -> date | None:
    if not (year.isdigit() and month.isdigit()):
        return None
    y, m = int(year), int(month)
    return date(y, m, 1) if 1 <= m <= 12 and 1990 <= y <= 2100 else None


def _count_row(
    source_id: int,
    area_type: str,
    code: str,
    name: str,
    month: date,
    scheme: str,
    category: str,
    count: int,
    subcategory: str | None = None,
) -> dict[str, Any]:
    return {
        "source_id": source_id,
        "area_type": area_type,
        "area_code": code,
        "area_name": name,
        "month": month,
        "scheme": scheme,
        "category": category,
        "subcategory": subcategory,
        "count": count,
    }


async def aggregate_wards(conn: AsyncConnection, source_id: int) -> int:
    """(Re)build the ward rows of an LSOA-counts source from its LSOA rows and the lookup."""
    await conn.execute(
        delete(COUNTS).where((COUNTS.c.source_id == source_id) & (COUNTS.c.area_type == "ward"))
    )
    total = func.sum(COUNTS.c.count)
    query = (
        select(
            LSOA_WARDS.c.ward_code,
            func.max(WARDS.c.name),
            COUNTS.c.month,
            COUNTS.c.category,
            total,
        )
        .join(LSOA_WARDS, LSOA_WARDS.c.lsoa_code == COUNTS.c.area_code)
        .outerjoin(WARDS, WARDS.c.code == LSOA_WARDS.c.ward_code)
        .where((COUNTS.c.source_id == source_id) & (COUNTS.c.area_type == "lsoa"))
        .group_by(LSOA_WARDS.c.ward_code, COUNTS.c.month, COUNTS.c.category)
    )
    rows = [
        _count_row(source_id, "ward", ward, name or ward, month, POLICE_UK, cat, int(n))
        for ward, name, month, cat, n in (await conn.execute(query)).all()
    ]
    for start in range(0, len(rows), BATCH_SIZE):
        await insert_rows(conn, COUNTS, rows[start : start + BATCH_SIZE])
    return len(rows)


async def reaggregate_all(conn: AsyncConnection) -> None:
    ids = await conn.execute(select(SOURCES.c.id).where(SOURCES.c.kind == LSOA_COUNTS))
    for (source_id,) in ids.all():
        await aggregate_wards(conn, source_id)


async def import_mps_wards(
    conn: AsyncConnection,
    raw: IO[bytes],
    *,
    label: str,
    spec: SourceSpec,
    total_bytes: int,
    progress: Progress | None = None,
) -> ImportSummary:
    data = _Csv(raw, label, MPS_FIXED_HEADER, exact=False)
    month_cols: list[tuple[int, date]] = []
    for i, col in enumerate(data.header[len(MPS_FIXED_HEADER) :], start=len(MPS_FIXED_HEADER)):
        if not YYYYMM.match(col) or not 1 <= int(col[4:]) <= 12:
            raise StatsImportError(f"{label}: wrong header: column {col!r} is not a YYYYMM month")
        month_cols.append((i, date(int(col[:4]), int(col[4:]), 1)))
    summary = ImportSummary(file=label, format=MPS_WARDS)
    source_id, summary.replaced_previous = await claim_source(conn, spec)
    wards: dict[str, dict[str, Any]] = {}
    batch: list[dict[str, Any]] = []
    for line, row in data.rows():
        summary.rows_read += 1
        if len(row) != len(data.header):
            summary.skip(f"wrong number of fields (expected {len(data.header)})", line)
            continue
        major, minor, ward_name, ward_code, borough = (c.strip() for c in row[:5])
        counts = [(month, _count(row[i])) for i, month in month_cols]
        if any(n is None for _, n in counts) or not ward_code:
            summary.skip("bad count" if ward_code else "no ward code", line)
            continue
        wards[ward_code] = _ward_row(ward_code, ward_name, borough, source_id)
        for month, n in counts:
            assert n is not None
            batch.append(
                _count_row(
                    source_id,
                    "ward",
                    ward_code,
                    ward_name,
                    month,
                    MPS,
                    mps_category(major),
                    n,
                    minor or None,
                )
            )
        if len(batch) >= BATCH_SIZE:
            await _flush(conn, batch, summary)
            if progress:
                progress(label, data.counter.done, total_bytes, summary.rows_read)
    await _flush(conn, batch, summary)
    await upsert_rows(conn, WARDS, list(wards.values()), ["code"], ["latitude", "longitude"])
    note_if_truncated(summary, data.counter)
    summary.months = [m for _, m in month_cols]
    summary.notes.append(f"{len(wards)} ward names stored")
    await finish_source(conn, source_id, summary)
    return summary


def _ward_row(
    code: str,
    name: str,
    borough: str | None,
    source_id: int,
    lat: float | None = None,
    lon: float | None = None,
) -> dict[str, Any]:
    return {
        "code": code,
        "name": name,
        "borough": borough or None,
        "latitude": lat,
        "longitude": lon,
        "source_id": source_id,
    }


async def import_lookup(
    conn: AsyncConnection, raw: IO[bytes], *, label: str, spec: SourceSpec
) -> ImportSummary:
    data = _Csv(raw, label, LOOKUP_HEADER, exact=True)
    summary = ImportSummary(file=label, format=LSOA_WARD_LOOKUP)
    source_id, summary.replaced_previous = await claim_source(conn, spec)
    mapping: dict[str, dict[str, Any]] = {}
    for line, row in data.rows():
        summary.rows_read += 1
        if len(row) != 2 or not row[0].strip() or not row[1].strip():
            summary.skip("expected lsoa_code,ward_code", line)
            continue
        lsoa, ward = row[0].strip(), row[1].strip()
        if lsoa in mapping:
            summary.skip("LSOA listed twice (first kept)", line)
            continue
        mapping[lsoa] = {"lsoa_code": lsoa, "ward_code": ward, "source_id": source_id}
    rows = list(mapping.values())
    for start in range(0, len(rows), BATCH_SIZE):
        await upsert_rows(conn, LSOA_WARDS, rows[start : start + BATCH_SIZE], ["lsoa_code"])
    summary.imported = len(rows)
    await reaggregate_all(conn)
    note_if_truncated(summary, data.counter)
    await finish_source(conn, source_id, summary)
    return summary


async def import_ward_list(
    conn: AsyncConnection, raw: IO[bytes], *, label: str, spec: SourceSpec, kind: str
) -> ImportSummary:
    """Ward identities (``Unique Id,Ward,Area``) or centroids (``GSS_CODE,NAME,lat,lon``)."""
    expected = WARD_NAMES_HEADER if kind == WARD_NAMES else CENTROIDS_HEADER
    data = _Csv(raw, label, expected, exact=True)
    summary = ImportSummary(file=label, format=kind)
    source_id, summary.replaced_previous = await claim_source(conn, spec)
    rows: dict[str, dict[str, Any]] = {}
    for line, row in data.rows():
        summary.rows_read += 1
        if len(row) != len(expected) or not row[0].strip():
            summary.skip(f"wrong number of fields (expected {len(expected)})", line)
            continue
        code, name = row[0].strip(), row[1].strip()
        if kind == WARD_CENTROIDS:
            try:
                lat, lon = parse_coordinates(row[2], row[3])
            except BadCoordinates:
                summary.skip("bad coordinates", line)
                continue
            rows[code] = _ward_row(code, name, None, source_id, lat, lon)
        else:
            rows[code] = _ward_row(code, name, row[2].strip(), source_id)
    keep = ["borough"] if kind == WARD_CENTROIDS else ["latitude", "longitude"]
    await upsert_rows(conn, WARDS, list(rows.values()), ["code"], keep)
    summary.imported = len(rows)
    note_if_truncated(summary, data.counter)
    await finish_source(conn, source_id, summary)
    return summary
