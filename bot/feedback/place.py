"""Where a shared location is, in terms the team can use without learning where someone lives:
its ward, and the point rounded to three decimal places (about 110 m by 70 m in London).

The ward is found from the data held, best first: the ward of the LSOA of the nearest street
record (via the LSOA-to-ward lookup, which names today's wards), else the nearest ward centre.
A point far from every ward of the borough has no ward. Nothing here keeps the exact point.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from sqlalchemy import func, select

from bot.stats.models import CRIMES, LSOA_WARDS, WARDS
from bot.stats.queries import METRES_PER_DEGREE, haversine_m
from bot.storage.db import Database

DECIMALS = 3
NEAR_RECORD_M = 500  # the nearest street record this close decides the ward
NEAR_CENTRE_M = 3000  # a ward centre further than this is not "the ward"


def rounded(latitude: float, longitude: float) -> tuple[float, float]:
    return round(latitude, DECIMALS), round(longitude, DECIMALS)


def _box(lat: float, lon: float, metres: float) -> tuple[float, float]:
    dlat = metres / METRES_PER_DEGREE
    return dlat, dlat / 0.62  # cos(51.6°) ≈ 0.62: a box wide enough at London's latitude


async def ward_at(db: Database, lat: float, lon: float, wards: Sequence[str]) -> str | None:
    """The configured ward a point lies in, as far as the stored data tells; None if unknown."""
    names = {w.casefold(): w for w in wards}
    return await _by_lsoa(db, lat, lon, names) or await _by_centre(db, lat, lon, names)


async def _by_lsoa(db: Database, lat: float, lon: float, names: dict[str, str]) -> str | None:
    dlat, dlon = _box(lat, lon, NEAR_RECORD_M)
    async with db.engine.connect() as conn:
        month = (await conn.execute(select(func.max(CRIMES.c.month)))).scalar()
        if month is None:
            return None
        rows = await conn.execute(
            select(CRIMES.c.latitude, CRIMES.c.longitude, WARDS.c.name)
            .join(LSOA_WARDS, LSOA_WARDS.c.lsoa_code == CRIMES.c.lsoa_code)
            .join(WARDS, WARDS.c.code == LSOA_WARDS.c.ward_code)
            .where(
                CRIMES.c.month == month,
                CRIMES.c.latitude.between(lat - dlat, lat + dlat),
                CRIMES.c.longitude.between(lon - dlon, lon + dlon),
            )
        )
        return _nearest(lat, lon, rows.all(), names, NEAR_RECORD_M)


async def _by_centre(db: Database, lat: float, lon: float, names: dict[str, str]) -> str | None:
    async with db.engine.connect() as conn:
        rows = await conn.execute(
            select(WARDS.c.latitude, WARDS.c.longitude, WARDS.c.name).where(
                WARDS.c.latitude.is_not(None), WARDS.c.longitude.is_not(None)
            )
        )
        return _nearest(lat, lon, rows.all(), names, NEAR_CENTRE_M)


Row = tuple[float | None, float | None, str]


def _nearest(
    lat: float, lon: float, rows: Sequence[Any], names: dict[str, str], within: float
) -> str | None:
    best: tuple[float, str] | None = None
    for row in rows:
        y, x, name = cast(Row, tuple(row))
        configured = names.get(str(name).casefold())
        if configured is None or y is None or x is None:
            continue
        distance = haversine_m(lat, lon, float(y), float(x))
        if distance <= within and (best is None or distance < best[0]):
            best = (distance, configured)
    return best[1] if best else None
