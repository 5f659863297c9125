"""Figures out of the box: a compact snapshot of the borough's police.uk counts, in the package.

The raw police.uk files are not shipped. ``localbeat stats snapshot`` (for maintainers) derives
from the imported store what the answers need: monthly counts per current ward and category, the
ward names and the LSOA-to-ward lookup, with months, source and the Open Government Licence
attribution in the file. On first use of an empty stats store the snapshot is loaded, once: the
source key is unique, so two processes starting together still leave one copy. An import of
police.uk LSOA counts for the borough replaces it; synced months newer than it extend it.
"""

from __future__ import annotations

import asyncio
import gzip
import hashlib
import json
import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.stats.categories import CATEGORY_NAMES, POLICE_UK
from bot.stats.importers.base import (
    SourceSpec,
    finish_source,
    insert_rows,
    new_source,
    upsert_rows,
)
from bot.stats.importers.formats import LSOA_WARD_LOOKUP, SNAPSHOT
from bot.stats.models import COUNTS, LSOA_WARDS, SOURCES, STATS_TABLES, WARDS
from bot.stats.parsing import ImportSummary, parse_month
from bot.stats.places import Places, borough_key
from bot.storage.db import Database

log = logging.getLogger(__name__)

FORMAT = 1
ATTRIBUTION = "Contains public sector information licensed under the Open Government Licence v3.0."
LICENCE = "Open Government Licence v3.0"
LICENCE_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
SOURCE = (
    "police.uk street-level crime data (data.police.uk), counted per LSOA and month, summed to "
    "the current wards with the LSOA-to-ward lookup"
)


class SnapshotError(Exception):
    """The store cannot make a snapshot; worded for the maintainer running the command."""


class StoreNotEmpty(Exception):
    """Something else reached the store first: the snapshot is not wanted any more."""


def snapshot_name(borough: str) -> str:
    return f"snapshot-{borough_key(borough)}.json.gz"


def package_path(borough: str) -> Path:
    """Where the package keeps a borough's snapshot (in a checkout: ``bot/stats/data``)."""
    return Path(str(resources.files("bot.stats").joinpath("data", snapshot_name(borough))))


def _months(first: date, last: date) -> list[date]:
    out, month = [], first
    while month <= last:
        out.append(month)
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return out


# -- building (maintainers) --------------------------------------------------------------------


async def build_snapshot(db: Database, borough: str, today: date) -> dict[str, Any]:
    """The snapshot of ``borough`` from the store, as the JSON-ready dict written to the file."""
    async with db.engine.connect() as conn:
        wards = (
            await conn.execute(
                select(WARDS.c.code, WARDS.c.name)
                .where(func.lower(WARDS.c.borough) == borough.casefold())
                .order_by(WARDS.c.code)
            )
        ).all()
        codes = [code for code, _ in wards]
        total = func.sum(COUNTS.c.count)
        rows = (
            await conn.execute(
                select(COUNTS.c.area_code, COUNTS.c.category, COUNTS.c.month, total)
                .where(
                    COUNTS.c.scheme == POLICE_UK,
                    COUNTS.c.area_type == "ward",
                    COUNTS.c.area_code.in_(codes),
                )
                .group_by(COUNTS.c.area_code, COUNTS.c.category, COUNTS.c.month)
            )
        ).all()
        lookup = (
            await conn.execute(
                select(LSOA_WARDS.c.lsoa_code, LSOA_WARDS.c.ward_code)
                .where(LSOA_WARDS.c.ward_code.in_(codes))
                .order_by(LSOA_WARDS.c.lsoa_code)
            )
        ).all()
    if not wards:
        raise SnapshotError(
            f"no wards of {borough} are stored: import the Met's ward table (MPSCrime CSV from "
            "the London Datastore), which names the current wards and their borough"
        )
    if not rows:
        raise SnapshotError(
            f"no police.uk ward figures for {borough} are stored: import the LSOA monthly counts "
            "and the LSOA-to-ward lookup first"
        )
    return _snapshot_dict(borough, wards, rows, lookup, today)


def _snapshot_dict(
    borough: str,
    wards: Iterable[Any],
    rows: Iterable[Any],
    lookup: Iterable[Any],
    today: date,
) -> dict[str, Any]:
    found: dict[tuple[str, str, date], int] = {(w, c, m): int(n) for w, c, m, n in rows}
    months = _months(min(m for _, _, m in found), max(m for _, _, m in found))
    categories = [c for c in CATEGORY_NAMES if any(k[1] == c for k in found)]
    counts: dict[str, list[list[int]]] = {}
    for code, _ in wards:
        counts[code] = [[found.get((code, c, m), 0) for m in months] for c in categories]
    return {
        "format": FORMAT,
        "borough": borough,
        "first_month": f"{months[0]:%Y-%m}",
        "last_month": f"{months[-1]:%Y-%m}",
        "generated": today.isoformat(),
        "source": SOURCE,
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "attribution": ATTRIBUTION,
        "categories": categories,
        "wards": [{"code": code, "name": name} for code, name in wards],
        "lsoa_wards": {lsoa: ward for lsoa, ward in lookup},
        "counts": counts,
    }


def encode(snapshot: dict[str, Any]) -> bytes:
    """Compact, deterministic bytes: the same store gives the same file."""
    body = json.dumps(snapshot, ensure_ascii=False, separators=(",", ":")).encode()
    return gzip.compress(body, 9, mtime=0)


# -- reading and loading -----------------------------------------------------------------------


@dataclass(frozen=True)
class Snapshot:
    data: dict[str, Any]
    digest: str

    @property
    def borough(self) -> str:
        return str(self.data["borough"])

    @property
    def first(self) -> date:
        month = parse_month(self.data["first_month"])
        assert month is not None
        return month

    @property
    def last(self) -> date:
        month = parse_month(self.data["last_month"])
        assert month is not None
        return month

    @property
    def months(self) -> list[date]:
        return _months(self.first, self.last)


def read_snapshot(borough: str) -> Snapshot | None:
    """The packaged snapshot for a borough, or None when the package has none."""
    resource = resources.files("bot.stats").joinpath("data", snapshot_name(borough))
    if not resource.is_file():
        return None
    raw = resource.read_bytes()
    data: dict[str, Any] = json.loads(gzip.decompress(raw))
    if data.get("format") != FORMAT:
        log.warning("the packaged snapshot for %s has an unknown format; not loaded", borough)
        return None
    return Snapshot(data, hashlib.sha256(raw).hexdigest())


def snapshot_spec(snapshot: Snapshot) -> SourceSpec:
    return SourceSpec(SNAPSHOT, snapshot.borough, snapshot.digest, match_hash=False)


def lookup_spec(snapshot: Snapshot) -> SourceSpec:
    """The lookup is a source of its own, so it outlives the counts an import replaces."""
    name = f"snapshot-{borough_key(snapshot.borough)}"
    return SourceSpec(LSOA_WARD_LOOKUP, name, snapshot.digest, match_hash=False)


async def store_is_empty(conn: AsyncConnection) -> bool:
    return int((await conn.execute(select(func.count()).select_from(SOURCES))).scalar_one()) == 0


async def load_snapshot(
    conn: AsyncConnection, snapshot: Snapshot, places: Places | None = None
) -> ImportSummary:
    """Write the snapshot into an empty store, inside the caller's transaction.

    The source row goes in first: from then on this transaction holds the write (SQLite) or the
    key (PostgreSQL), so the store is checked again for anything another process stored meanwhile
    (``StoreNotEmpty``; the caller's transaction is then rolled back).
    """
    data = snapshot.data
    summary = ImportSummary(file=snapshot_name(snapshot.borough), format=SNAPSHOT)
    source_id = await new_source(conn, snapshot_spec(snapshot))
    others = select(func.count()).select_from(SOURCES).where(SOURCES.c.id != source_id)
    if int((await conn.execute(others)).scalar_one()):
        raise StoreNotEmpty
    months = snapshot.months
    names = {w["code"]: w["name"] for w in data["wards"]}
    rows: list[dict[str, Any]] = []
    borough: dict[tuple[date, str], int] = defaultdict(int)
    for code, per_category in data["counts"].items():
        for category, series in zip(data["categories"], per_category, strict=True):
            for month, n in zip(months, series, strict=True):
                rows.append(_count(source_id, "ward", code, names[code], month, category, n))
                borough[(month, category)] += n
    rows.extend(
        _count(source_id, "borough", snapshot.borough, snapshot.borough, m, c, n)
        for (m, c), n in borough.items()
    )
    await insert_rows(conn, COUNTS, rows)
    await upsert_rows(
        conn, WARDS, [_ward(code, name, snapshot.borough, source_id, places)
                      for code, name in names.items()], ["code"], ["latitude", "longitude"],
    )  # fmt: skip
    lookup_id = await new_source(conn, lookup_spec(snapshot))
    await upsert_rows(
        conn,
        LSOA_WARDS,
        [
            {"lsoa_code": lsoa, "ward_code": ward, "source_id": lookup_id}
            for lsoa, ward in data["lsoa_wards"].items()
        ],
        ["lsoa_code"],
    )
    summary.rows_read = summary.imported = len(rows)
    summary.months = months
    await finish_source(conn, source_id, summary)
    return summary


def _count(
    source_id: int, kind: str, code: str, name: str, month: date, category: str, n: int
) -> dict[str, Any]:
    return {
        "source_id": source_id, "area_type": kind, "area_code": code, "area_name": name,
        "month": month, "scheme": POLICE_UK, "category": category, "subcategory": None,
        "count": n,
    }  # fmt: skip


def _ward(
    code: str, name: str, borough: str, source_id: int, places: Places | None
) -> dict[str, Any]:
    place = places.wards.get(code) if places else None
    return {
        "code": code, "name": name, "borough": borough, "source_id": source_id,
        "latitude": place.lat if place else None, "longitude": place.lon if place else None,
    }  # fmt: skip


STALE_TRIES = 3  # transactions begun before another process's load, retried afresh


def _beaten() -> None:
    log.info("the packaged police.uk figures were not loaded: another process was first")


class SnapshotLoader:
    """Loads the packaged snapshot into an empty store, at most once per process.

    ``ensure`` is awaited before the first figures answer (``ask``, ``chat``) and started in the
    background by the running bot; a failure is logged and never reaches a resident, who then
    gets the plain "no figures yet" reply.
    """

    def __init__(
        self, db: Database, borough: str, places: Places | None = None, enabled: bool = True
    ) -> None:
        self._db = db
        self._borough = borough
        self._places = places
        self._done = not enabled
        self._lock = asyncio.Lock()
        self._task: asyncio.Task[None] | None = None

    async def ensure(self) -> None:
        if self._done:
            return
        async with self._lock:
            if self._done:
                return
            try:
                await self._load()
            except Exception:  # any failure leaves the store as it was; answers go on
                log.exception("the packaged police.uk figures could not be loaded")
            self._done = True

    def start(self) -> None:
        """Load in the background (the running bot); ``ensure`` still waits for it."""
        if not self._done and self._task is None:
            self._task = asyncio.get_running_loop().create_task(self.ensure())

    async def close(self) -> None:
        if self._task is not None and not self._task.done():
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)

    async def _load(self) -> None:
        snapshot = await asyncio.to_thread(read_snapshot, self._borough)
        if snapshot is None:
            log.info("no packaged police.uk figures for %s: import them with `localbeat stats "
                     "import`", self._borough)  # fmt: skip
            return
        for attempt in range(1, STALE_TRIES + 1):
            try:
                async with self._db.engine.begin() as conn:
                    if not await store_is_empty(conn):
                        if attempt > 1:  # the other process's load is what made ours stale
                            _beaten()
                        return
                    summary = await load_snapshot(conn, snapshot, self._places)
                break
            except (IntegrityError, StoreNotEmpty):  # another process got there at that moment
                _beaten()
                return
            except OperationalError as exc:
                # SQLite: this transaction read the store before another process's load was
                # committed, so it may not write ("database is locked", whatever the busy
                # timeout); a fresh one sees that load.
                if attempt == STALE_TRIES or "locked" not in str(exc):
                    raise
        await self._db.analyze(*STATS_TABLES)
        log.info(
            "loaded the packaged police.uk figures for %s: %s to %s (%d monthly counts)",
            snapshot.borough, f"{snapshot.first:%B %Y}", f"{snapshot.last:%B %Y}",
            summary.imported,
        )  # fmt: skip
