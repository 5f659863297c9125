"""Read-side of the crime statistics: latest month, trends, month summaries, near-me counts.

Which table answers:
* Ward and borough figures come from published counts (``stats_counts``, police.uk scheme): the
  LSOA monthly table summed to 2022 wards is the most current and complete for Harrow.
* When an area has no counts, the street-level records (``stats_crimes``) are counted instead;
  street records newer than the last counted month (a ``stats sync`` after the counts were made)
  extend the counts, so the freshest month always answers.
* Near-me counts street-level records, the only data with coordinates.

Sources are named for residents ("police.uk street-level crime data ..."), never by file name.
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable, Hashable, Mapping
from contextlib import asynccontextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import Any, Literal

from sqlalchemy import ColumnElement, and_, bindparam, func, or_, select, true, union_all
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.stats.categories import CATEGORY_NAMES, POLICE_UK
from bot.stats.importers.formats import API_JSON, LSOA_COUNTS, MPS_WARDS, SNAPSHOT, STREET_CSV
from bot.stats.memo import Results, StoreMemo, T
from bot.stats.models import COUNTS, CRIMES, SOURCES, WARDS
from bot.storage.db import Database

EARTH_RADIUS_M = 6_371_008.8
METRES_PER_DEGREE = 111_320.0
MILE_M = 1609

Dataset = Literal["counts", "crimes"]
API_SYNC = "api-sync"
STREET_RECORDS = "police.uk street-level crime records"
STREET_KINDS = (STREET_CSV, API_JSON, API_SYNC)
# What each kind of source is called in answers: where the figures come from, in plain words.
SOURCE_NAMES = {
    LSOA_COUNTS: "police.uk street-level crime data (monthly counts by area)",
    SNAPSHOT: (
        "police.uk street-level crime data (monthly counts by area, as packaged with Local Beat)"
    ),
    MPS_WARDS: "the Met's recorded crime by ward (London Datastore)",
    STREET_CSV: STREET_RECORDS,
    API_JSON: STREET_RECORDS,
    API_SYNC: STREET_RECORDS,
}


def add_months(month: date, n: int) -> date:
    index = month.year * 12 + month.month - 1 + n
    return date(index // 12, index % 12 + 1, 1)


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(a))


@dataclass(frozen=True)
class Area:
    """Where a figure is for: the borough (code None), a ward or an LSOA."""

    kind: Literal["borough", "ward", "lsoa"]
    code: str | None
    name: str


@dataclass(frozen=True)
class Trend:
    area: Area
    category: str | None
    points: list[tuple[date, int]]
    source: str


@dataclass(frozen=True)
class Summary:
    area: Area
    category: str | None
    month: date
    count: int
    previous_month: date
    previous_count: int | None
    year_ago_month: date
    year_ago_count: int | None
    source: str

    @property
    def change_vs_previous(self) -> int | None:
        return None if self.previous_count is None else self.count - self.previous_count

    @property
    def change_vs_year_ago(self) -> int | None:
        return None if self.year_ago_count is None else self.count - self.year_ago_count


@dataclass(frozen=True)
class ByCategory:
    area: Area
    month: date | None
    counts: dict[str, int]  # category -> count, largest first
    source: str

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class NearCounts:
    latitude: float
    longitude: float
    radius_m: int
    month: date | None
    by_category: dict[str, int] = field(default_factory=dict)
    source: str = ""

    @property
    def total(self) -> int:
        return sum(self.by_category.values())


@dataclass(frozen=True)
class _Coverage:
    dataset: Dataset
    first: date
    last: date
    source: str
    counts_last: date | None = None  # counts up to here, newer street records after it

    def source_for(self, month: date) -> str:
        if self.counts_last is not None and month > self.counts_last:
            return STREET_RECORDS
        return self.source

    def source_between(self, first: date, last: date) -> str:
        """The source of a series: both names when it runs from counts into street records."""
        if self.source_for(first) != self.source_for(last):
            return f"{self.source} and {STREET_RECORDS}"
        return self.source_for(last)


_RESULTS: ContextVar[Results | None] = ContextVar("localbeat_stats_results", default=None)


class StatsQueries:
    """Typed queries over the stats store; one short connection per call."""

    def __init__(
        self,
        db: Database,
        borough: str = "Harrow",
        prepare: Callable[[], Awaitable[None]] | None = None,
    ) -> None:
        self.db = db
        self.borough = borough
        self._prepare = prepare
        self._memo = StoreMemo()

    async def prepare(self) -> None:
        """Make the store ready before the first answer (the packaged figures on a fresh store)."""
        if self._prepare is not None:
            await self._prepare()

    # -- areas ---------------------------------------------------------------------------------

    def borough_area(self) -> Area:
        return Area("borough", None, self.borough)

    async def ward_areas(self, name: str) -> tuple[Area, ...]:
        """Every stored ward with this name (old and 2022 boundaries may share a name)."""

        async def look_up() -> tuple[Area, ...]:
            async with self.db.engine.connect() as conn:
                rows = await conn.execute(
                    select(WARDS.c.code, WARDS.c.name)
                    .where(func.lower(WARDS.c.name) == name.casefold())
                    .order_by(WARDS.c.code.desc())
                )
                return tuple(Area("ward", code, ward) for code, ward in rows.all())

        return await self._memoised(("wards", name.casefold()), look_up)

    async def ward_names(self) -> tuple[str, ...]:
        """The borough's ward names, old boundaries' included (``best_ward`` picks the newest)."""

        async def look_up() -> tuple[str, ...]:
            async with self.db.engine.connect() as conn:
                rows = await conn.execute(
                    select(WARDS.c.name).where(WARDS.c.borough == self.borough).distinct()
                )
                return tuple(sorted(rows.scalars().all()))

        return await self._memoised(("ward_names",), look_up)

    async def best_ward(self, name: str) -> Area | None:
        """The ward of that name whose data is most recent (2022 wards before the old ones)."""
        best: tuple[date, Area] | None = None
        for area in await self.ward_areas(name):
            cover = await self.coverage(area)
            if cover and (best is None or cover.last > best[0]):
                best = (cover.last, area)
        if best:
            return best[1]
        areas = await self.ward_areas(name)
        return areas[0] if areas else None

    async def warm(self) -> int:
        """Read the borough's and every ward's figures into memory (``bot.stats.memo``), so the
        first resident to ask about an area after a start does not wait on the store (and on
        compiling its queries) for it. One crime type's months are left to
        the first question about it. A fresh store's packaged figures are not loaded here but
        at the first question, as before. Returns how many areas have figures."""
        warmed = 0
        async with self.one_answer():
            areas = [self.borough_area()]
            for name in await self.ward_names():
                areas += await self.ward_areas(name)
            for area in areas:
                cover = await self.coverage(area)
                if cover is None:
                    continue
                await self._series(cover, area, None)
                await self.by_category(area)
                warmed += 1
        return warmed

    # -- coverage ------------------------------------------------------------------------------

    def _counts_filter(self, area: Area, category: str | None) -> ColumnElement[bool]:
        cond = and_(COUNTS.c.scheme == POLICE_UK, COUNTS.c.area_type == area.kind)
        cond = and_(cond, COUNTS.c.area_code == (area.code or self.borough))
        if category:
            cond = and_(cond, COUNTS.c.category == category)
        return cond

    def _crimes_filter(self, area: Area, category: str | None) -> ColumnElement[bool]:
        if area.kind == "ward":
            cond: ColumnElement[bool] = CRIMES.c.ward_code == area.code
        elif area.kind == "lsoa":
            cond = CRIMES.c.lsoa_code == area.code
        else:
            wards = select(WARDS.c.code).where(WARDS.c.borough == self.borough)
            cond = or_(CRIMES.c.ward_code.in_(wards), CRIMES.c.lsoa_name.like(f"{self.borough} %"))
        if category:
            cond = and_(cond, CRIMES.c.category == category)
        return cond

    @asynccontextmanager
    async def one_answer(self) -> AsyncIterator[None]:
        """Within it, what was read from the store is used again until the store changes
        (``bot.stats.memo``): one answer needs an area's coverage up to five times, some four
        queries each, and residents ask about the same few areas over and over."""
        token = _RESULTS.set(await self._memo.results(self.db))
        try:
            yield
        finally:
            _RESULTS.reset(token)

    @staticmethod
    async def _memoised(key: Hashable, compute: Callable[[], Awaitable[T]]) -> T:
        results = _RESULTS.get()
        return await (compute() if results is None else results.value(key, compute))

    async def coverage(self, area: Area) -> _Coverage | None:
        async def look_up() -> _Coverage | None:
            async with self.db.engine.connect() as conn:
                return await self._look_up_coverage(conn, area)

        return await self._memoised(("coverage", area), look_up)

    async def _look_up_coverage(self, conn: AsyncConnection, area: Area) -> _Coverage | None:
        row = (
            await conn.execute(
                select(func.min(COUNTS.c.month), func.max(COUNTS.c.month), func.max(SOURCES.c.id))
                .join(SOURCES, SOURCES.c.id == COUNTS.c.source_id)
                .where(self._counts_filter(area, None))
            )
        ).one()
        if row[0] is not None:
            label = await self._label(conn, row[2])
            newer = await self._street_after(conn, area, row[1])
            if newer is not None:
                return _Coverage("counts", row[0], newer, label, counts_last=row[1])
            return _Coverage("counts", row[0], row[1], label)
        span = (await conn.execute(*self._crimes_span(area))).one()
        if span[0] is not None:
            return _Coverage("crimes", span[0], span[1], STREET_RECORDS)
        return None

    def _crimes_span(self, area: Area) -> tuple[Any, dict[str, Any]]:
        """First and last month of street records for an area, as a statement and its params."""
        if area.kind == "ward":
            return _ward_span(), {"ward": area.code}
        where = self._crimes_filter(area, None)
        return select(func.min(CRIMES.c.month), func.max(CRIMES.c.month)).where(where), {}

    async def _street_after(self, conn: AsyncConnection, area: Area, after: date) -> date | None:
        """The last month of street records newer than ``after`` for this area, if any.

        The sources table says first, cheaply, whether any street data is that new at all.
        """
        newest = (
            await conn.execute(
                select(func.max(SOURCES.c.last_month)).where(SOURCES.c.kind.in_(STREET_KINDS))
            )
        ).scalar_one()
        if newest is None or newest <= after:
            return None
        last = (
            await conn.execute(
                select(func.max(CRIMES.c.month)).where(
                    self._crimes_filter(area, None), CRIMES.c.month > after
                )
            )
        ).scalar_one()
        return last if isinstance(last, date) else None

    async def _label(self, conn: AsyncConnection, source_id: int) -> str:
        kind = (
            await conn.execute(select(SOURCES.c.kind).where(SOURCES.c.id == source_id))
        ).scalar_one()
        return SOURCE_NAMES.get(kind, "police.uk crime data")

    async def latest_month(self, area: Area | None = None) -> date | None:
        cover = await self.coverage(area or self.borough_area())
        return cover.last if cover else None

    # -- series --------------------------------------------------------------------------------

    async def _monthly(
        self,
        conn: AsyncConnection,
        cover: _Coverage,
        area: Area,
        category: str | None,
        first: date,
        last: date,
    ) -> dict[date, int]:
        found: dict[date, int] = {}
        if cover.dataset == "counts":
            counted_to = min(last, cover.counts_last or last)
            query = (
                select(COUNTS.c.month, func.sum(COUNTS.c.count))
                .where(self._counts_filter(area, category))
                .where(COUNTS.c.month.between(first, counted_to))
                .group_by(COUNTS.c.month)
            )
            found.update({m: int(n) for m, n in (await conn.execute(query)).all()})
            if counted_to >= last:
                return found
            first = add_months(counted_to, 1)
        query = (
            select(CRIMES.c.month, func.count())
            .where(self._crimes_filter(area, category))
            .where(CRIMES.c.category.in_(list(CATEGORY_NAMES)) if category is None else true())
            .where(CRIMES.c.month.between(first, last))
            .group_by(CRIMES.c.month)
        )
        found.update({m: int(n) for m, n in (await conn.execute(query)).all()})
        return found

    async def _series(
        self, cover: _Coverage, area: Area, category: str | None
    ) -> Mapping[date, int]:
        """Every month the area has figures for, in one query: the month asked about, the two
        it is compared with and the trend are all read from it, by this answer and the next."""

        async def look_up() -> Mapping[date, int]:
            async with self.db.engine.connect() as conn:
                found = await self._monthly(conn, cover, area, category, cover.first, cover.last)
            return MappingProxyType(found)

        return await self._memoised(("series", area, category), look_up)

    async def trend(
        self,
        area: Area | None = None,
        category: str | None = None,
        months: int = 12,
        end: date | None = None,
    ) -> Trend | None:
        """Monthly counts for up to ``months`` months ending at ``end`` (default: the latest)."""
        area = area or self.borough_area()
        cover = await self.coverage(area)
        if cover is None:
            return None
        last = min(end or cover.last, cover.last)
        first = max(add_months(last, -(months - 1)), cover.first)
        if last < cover.first:
            return Trend(area, category, [], cover.source_for(last))
        found = await self._series(cover, area, category)
        points: list[tuple[date, int]] = []
        month = first
        while month <= last:
            points.append((month, found.get(month, 0)))
            month = add_months(month, 1)
        return Trend(area, category, points, cover.source_between(first, last))

    async def summary(
        self, area: Area | None = None, category: str | None = None, month: date | None = None
    ) -> Summary | None:
        """One month's count beside the month before and the same month a year earlier."""
        area = area or self.borough_area()
        cover = await self.coverage(area)
        if cover is None:
            return None
        month = month or cover.last
        if not cover.first <= month <= cover.last:
            return None
        previous, year_ago = add_months(month, -1), add_months(month, -12)
        found = await self._series(cover, area, category)

        def known(m: date) -> int | None:
            return found.get(m, 0) if cover.first <= m <= cover.last else None

        return Summary(
            area=area,
            category=category,
            month=month,
            count=found.get(month, 0),
            previous_month=previous,
            previous_count=known(previous),
            year_ago_month=year_ago,
            year_ago_count=known(year_ago),
            source=cover.source_for(month),
        )

    async def by_category(self, area: Area | None = None, month: date | None = None) -> ByCategory:
        """One month's counts per category (largest first); the latest month by default."""
        area = area or self.borough_area()
        cover = await self.coverage(area)
        if cover is None:
            return ByCategory(area, None, {}, "")
        month = month or cover.last
        return await self._memoised(
            ("by_category", area, month), lambda: self._by_category(cover, area, month)
        )

    async def _by_category(self, cover: _Coverage, area: Area, month: date) -> ByCategory:
        async with self.db.engine.connect() as conn:
            query: Any
            if cover.dataset == "counts" and month <= (cover.counts_last or cover.last):
                query = (
                    select(COUNTS.c.category, func.sum(COUNTS.c.count))
                    .where(self._counts_filter(area, None), COUNTS.c.month == month)
                    .group_by(COUNTS.c.category)
                )
            else:
                query = (
                    select(CRIMES.c.category, func.count())
                    .where(self._crimes_filter(area, None), CRIMES.c.month == month)
                    .where(CRIMES.c.category.in_(list(CATEGORY_NAMES)))
                    .group_by(CRIMES.c.category)
                )
            rows = (await conn.execute(query)).all()
        counts = {c: int(n) for c, n in sorted(rows, key=lambda r: (-int(r[1]), r[0])) if n}
        return ByCategory(area, month, counts, cover.source_for(month))

    # -- near me -------------------------------------------------------------------------------

    async def _crime_months(self, conn: AsyncConnection) -> list[date]:
        rows = await conn.execute(
            select(SOURCES.c.first_month, SOURCES.c.last_month).where(
                SOURCES.c.kind.in_(STREET_KINDS)
            )
        )
        months: set[date] = set()
        for first, last in rows.all():
            if first is None or last is None:
                continue
            month = first
            while month <= last:
                months.add(month)
                month = add_months(month, 1)
        return sorted(months, reverse=True)

    async def near(
        self, lat: float, lon: float, radius_m: int = MILE_M, month: date | None = None
    ) -> NearCounts:
        """Street-level crimes within ``radius_m`` of a point in one month, by category.

        The month defaults to the latest month with any record near the point. A bounding box
        narrows the rows in SQL (index on month, latitude, longitude, category, which covers the
        query: no table reads); the exact distance is checked here.
        """
        dlat = radius_m / METRES_PER_DEGREE
        dlon = radius_m / (METRES_PER_DEGREE * max(math.cos(math.radians(lat)), 1e-6))
        box = and_(
            CRIMES.c.latitude.between(lat - dlat, lat + dlat),
            CRIMES.c.longitude.between(lon - dlon, lon + dlon),
        )
        async with self.db.engine.connect() as conn:
            if month is None:
                for candidate in await self._crime_months(conn):
                    hit = await conn.execute(
                        select(CRIMES.c.id).where(CRIMES.c.month == candidate, box).limit(1)
                    )
                    if hit.first() is not None:
                        month = candidate
                        break
            if month is None:
                return NearCounts(lat, lon, radius_m, None)
            rows = await conn.execute(
                select(CRIMES.c.category, CRIMES.c.latitude, CRIMES.c.longitude).where(
                    CRIMES.c.month == month, box
                )
            )
            within = _Within(lat, lon, radius_m)
            counts: Counter[str] = Counter(
                category for category, y, x in rows.all() if within(y, x)
            )
        return NearCounts(lat, lon, radius_m, month, dict(counts), STREET_RECORDS)

    # -- where a point is ----------------------------------------------------------------------

    async def crime_bbox(self) -> tuple[float, float, float, float] | None:
        """(south, west, north, east) of the borough's street records, or None if it has none.

        Street records are snapped to points inside their ward, so their extent is the borough's
        extent to within a street or two.
        """
        wards = select(WARDS.c.code).where(WARDS.c.borough == self.borough)
        query = select(
            func.min(CRIMES.c.latitude),
            func.min(CRIMES.c.longitude),
            func.max(CRIMES.c.latitude),
            func.max(CRIMES.c.longitude),
        ).where(CRIMES.c.ward_code.in_(wards), CRIMES.c.latitude.is_not(None))
        async with self.db.engine.connect() as conn:
            row = (await conn.execute(query)).one()
        if row[0] is None:
            return None
        return (float(row[0]), float(row[1]), float(row[2]), float(row[3]))

    async def nearest_ward(
        self, lat: float, lon: float, radius_m: int = MILE_M, month: date | None = None
    ) -> Area | None:
        """The ward of the street record nearest to a point (within ``radius_m``), if any.

        Give the month near-me counted, so the (month, latitude, longitude) index does the work.
        """
        dlat = radius_m / METRES_PER_DEGREE
        dlon = radius_m / (METRES_PER_DEGREE * max(math.cos(math.radians(lat)), 1e-6))
        query = (
            select(CRIMES.c.ward_code, CRIMES.c.latitude, CRIMES.c.longitude, WARDS.c.name)
            .join(WARDS, WARDS.c.code == CRIMES.c.ward_code)
            .where(
                CRIMES.c.latitude.between(lat - dlat, lat + dlat),
                CRIMES.c.longitude.between(lon - dlon, lon + dlon),
                CRIMES.c.month == month if month is not None else true(),
            )
        )
        best: tuple[float, Area] | None = None
        async with self.db.engine.connect() as conn:
            for code, y, x, name in (await conn.execute(query)).all():
                distance = haversine_m(lat, lon, y, x)
                if distance <= radius_m and (best is None or distance < best[0]):
                    best = (distance, Area("ward", code, name))
        return best[1] if best else None


@functools.cache
def _ward_span() -> Any:
    """A ward's first and last month of street records: one index seek per category on
    (ward_code, category, month) rather than a scan of all the ward's rows (SQLite answers a lone
    min() or max() with one seek, so each is its own select). Built once, with the ward as a
    parameter: building these 28 selects for every question took longer than running them."""
    ward = bindparam("ward", type_=CRIMES.c.ward_code.type)

    def seeks(aggregate: Any) -> Any:
        return union_all(
            *(
                select(aggregate(CRIMES.c.month).label("m")).where(
                    CRIMES.c.ward_code == ward, CRIMES.c.category == category
                )
                for category in CATEGORY_NAMES
            )
        ).subquery()

    firsts, lasts = seeks(func.min), seeks(func.max)
    return select(
        select(func.min(firsts.c.m)).scalar_subquery(),
        select(func.max(lasts.c.m)).scalar_subquery(),
    )


class _Within:
    """Whether a point is within ``radius_m`` of a centre, by haversine distance.

    A flat-earth distance decides every point that is clearly inside or outside (a dense
    month has thousands of candidates in the bounding box); haversine decides only the thin
    ring where the two could disagree. The ring's 1% margin covers both the flat-earth error
    over a few miles and the two formulas' different metres per degree (0.11%).
    """

    MARGIN = 0.01

    def __init__(self, lat: float, lon: float, radius_m: float) -> None:
        self.lat, self.lon, self.radius_m = lat, lon, radius_m
        self.ky = METRES_PER_DEGREE
        self.kx = METRES_PER_DEGREE * math.cos(math.radians(lat))
        self.inner = (radius_m * (1 - self.MARGIN)) ** 2
        self.outer = (radius_m * (1 + self.MARGIN)) ** 2

    def __call__(self, y: float, x: float) -> bool:
        flat = ((y - self.lat) * self.ky) ** 2 + ((x - self.lon) * self.kx) ** 2
        if flat <= self.inner:
            return True
        if flat >= self.outer:
            return False
        return haversine_m(self.lat, self.lon, y, x) <= self.radius_m
