"""After ``stats import``: the overall total, and a warning for each file with nothing in the
borough.

A file from elsewhere (another force's street CSV, another borough's counts) is imported like any
other, since it harms nothing, but the person importing it is told that no answer about the
configured borough will use it. Each new source is checked by what it brought: street records
by their LSOA name, ward or point; counts and lookups by their borough or wards.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, false, func, or_, select
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.stats.importers.formats import (
    API_JSON,
    LSOA_COUNTS,
    LSOA_WARD_LOOKUP,
    MPS_WARDS,
    STREET_CSV,
)
from bot.stats.models import COUNTS, CRIMES, LSOA_WARDS, SOURCES, WARDS
from bot.stats.parsing import ImportSummary
from bot.stats.places import Places
from bot.storage.db import Database

STREET = (STREET_CSV, API_JSON)
LSOA_PLACE = re.compile(r"^(.*?)\s+\d{3}[A-Z]$")  # "Camden 027B" -> "Camden"


@dataclass(frozen=True)
class Outside:
    file_name: str
    rows: int
    places: tuple[str, ...]  # where its rows are instead, when that can be told

    def render(self, borough: str) -> str:
        where = f" (its rows are in {', '.join(self.places)})" if self.places else ""
        return (
            f"warning: {self.file_name}: none of its {self.rows:,} rows is in {borough}{where}; "
            f"it was imported, but no answer about {borough} uses it"
        )


async def last_source_id(db: Database) -> int:
    async with db.engine.connect() as conn:
        found = (await conn.execute(select(func.max(SOURCES.c.id)))).scalar()
        return int(found or 0)


async def outside_borough(
    db: Database, borough: str, after_id: int, places: Places | None
) -> list[Outside]:
    """Sources newer than ``after_id`` with no row in the borough."""
    async with db.engine.connect() as conn:
        wards = select(WARDS.c.code).where(func.lower(WARDS.c.borough) == borough.casefold())
        sources = (
            await conn.execute(
                select(SOURCES.c.id, SOURCES.c.kind, SOURCES.c.file_name)
                .where(SOURCES.c.id > after_id)
                .order_by(SOURCES.c.id)
            )
        ).all()
        found = []
        for source_id, kind, file_name in sources:
            check = await _check(conn, kind, source_id, borough, wards, places)
            if check is not None and check[0] > 0 and check[1] == 0:
                found.append(Outside(file_name, check[0], check[2]))
    return found


async def _check(
    conn: AsyncConnection,
    kind: str,
    source_id: int,
    borough: str,
    wards: Any,
    places: Places | None,
) -> tuple[int, int, tuple[str, ...]] | None:
    """(rows, rows in the borough, where the rows are) for one source; None if not checked."""
    if kind in STREET:
        inside = or_(
            CRIMES.c.lsoa_name.like(f"{borough} %"),
            CRIMES.c.ward_code.in_(wards),
            _in_box(places),
        )
        of = CRIMES.c.source_id == source_id
        rows, hits = await _counts(conn, select(func.count()).where(of), inside, of)
        names = (await conn.execute(select(CRIMES.c.lsoa_name).where(of).limit(5000))).scalars()
        return rows, hits, _top_places(names)
    if kind in (LSOA_COUNTS, MPS_WARDS):
        of = COUNTS.c.source_id == source_id
        named = func.lower(COUNTS.c.area_code) == borough.casefold()
        inside = or_(
            (COUNTS.c.area_type == "borough") & named,
            (COUNTS.c.area_type == "ward") & COUNTS.c.area_code.in_(wards),
        )
        return (*(await _counts(conn, select(func.count()).where(of), inside, of)), ())
    if kind == LSOA_WARD_LOOKUP:
        of = LSOA_WARDS.c.source_id == source_id
        known = (await conn.execute(select(func.count()).select_from(wards.subquery()))).scalar()
        if not known:
            return None  # the borough's wards are not known yet: nothing to compare with
        inside = LSOA_WARDS.c.ward_code.in_(wards)
        return (*(await _counts(conn, select(func.count()).where(of), inside, of)), ())
    return None


async def _counts(
    conn: AsyncConnection, total: Any, inside: ColumnElement[bool], of: ColumnElement[bool]
) -> tuple[int, int]:
    rows = int((await conn.execute(total)).scalar_one())
    hits = int((await conn.execute(select(func.count()).where(of, inside))).scalar_one())
    return rows, hits


def _in_box(places: Places | None) -> ColumnElement[bool]:
    """A point within the borough's wards' bounding box (street records with no LSOA)."""
    if places is None:
        return false()
    boxes = [w.boundary.bbox for w in places.wards.values()]
    south, west = min(b[0] for b in boxes), min(b[1] for b in boxes)
    north, east = max(b[2] for b in boxes), max(b[3] for b in boxes)
    return CRIMES.c.latitude.between(south, north) & CRIMES.c.longitude.between(west, east)


def _top_places(names: Any) -> tuple[str, ...]:
    places: Counter[str] = Counter()
    for name in names:
        match = LSOA_PLACE.match(name or "")
        if match:
            places[match[1]] += 1
    return tuple(p for p, _ in places.most_common(3))


def total_line(summaries: Sequence[ImportSummary], errors: int) -> str:
    """One line for the whole import: files, rows, months."""
    read = sum(s.rows_read for s in summaries)
    kept = sum(s.imported for s in summaries)
    skipped = sum(s.skipped_total for s in summaries)
    months = [m for s in summaries for m in s.months]
    span = f"; months {min(months):%Y-%m}..{max(months):%Y-%m}" if months else ""
    failed = f"; {errors} could not be imported" if errors else ""
    files = len(summaries)
    return (
        f"total: {files:,} file{'s' if files != 1 else ''} imported: read {read:,} rows, "
        f"imported {kept:,}, skipped {skipped:,}{span}{failed}"
    )
