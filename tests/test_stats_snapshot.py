"""The packaged snapshot in the store, on SQLite and PostgreSQL: once, exact, and replaceable."""

from __future__ import annotations

import asyncio
import csv
import logging
from collections import Counter
from datetime import date

import pytest
from sqlalchemy import func, select

from bot.stats.importers import import_paths
from bot.stats.importers.formats import LSOA_WARD_LOOKUP, SNAPSHOT
from bot.stats.models import COUNTS, LSOA_WARDS, SOURCES
from bot.stats.places import places_for
from bot.stats.queries import StatsQueries
from bot.stats.snapshot import SnapshotLoader, read_snapshot
from bot.storage.db import Database
from tests.conftest import shared_data

COUNTS_FILE = "london-lsoa-monthly-counts.harrow-subset.csv"


def raw_borough(month: date) -> Counter[str]:
    out: Counter[str] = Counter()
    with shared_data("police-uk", COUNTS_FILE).open(newline="") as handle:
        for r in csv.DictReader(handle):
            if date(int(r["year"]), int(r["month"]), 1) == month:
                out[r["category"]] += int(r["crime_count"])
    return out


async def _sources(db: Database) -> Counter[str]:
    async with db.engine.connect() as conn:
        rows = await conn.execute(select(SOURCES.c.kind, func.count()).group_by(SOURCES.c.kind))
        return Counter({kind: int(n) for kind, n in rows.all()})


async def test_two_processes_starting_together_load_it_once(
    db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="bot.stats.snapshot")
    other = Database(str(db.engine.url.render_as_string(hide_password=False)))
    try:
        loaders = [SnapshotLoader(d, "Harrow", places_for("Harrow")) for d in (db, other, db)]
        await asyncio.gather(*(loader.ensure() for loader in loaders))
    finally:
        await other.close()
    assert (await _sources(db))[SNAPSHOT] == 1
    assert caplog.text.count("loaded the packaged police.uk figures for Harrow") == 1
    assert caplog.text.count("not loaded: another process was first") == 2
    queries = StatsQueries(db, "Harrow")
    summary = await queries.summary(category="burglary")
    assert summary is not None and summary.month == date(2026, 3, 1)
    assert summary.count == raw_borough(date(2026, 3, 1))["Burglary"]
    snapshot = read_snapshot("Harrow")
    assert snapshot is not None
    assert summary.source == (
        "police.uk street-level crime data (monthly counts by area, as packaged with Local Beat)"
    )


async def test_a_store_with_anything_in_it_is_left_alone(db: Database) -> None:
    lookup = shared_data("police-uk", "lsoa_to_ward.harrow-subset.csv")
    assert (await import_paths(db, [lookup])).errors == []
    await SnapshotLoader(db, "Harrow").ensure()
    assert (await _sources(db))[SNAPSHOT] == 0


async def test_importing_the_lsoa_counts_replaces_it_without_double_counting(
    db: Database,
) -> None:
    await SnapshotLoader(db, "Harrow", places_for("Harrow")).ensure()
    counts = shared_data("police-uk", COUNTS_FILE)
    report = await import_paths(db, [counts])  # no lookup file: the snapshot's lookup serves
    assert report.errors == []
    (summary,) = report.summaries
    assert any(
        "replaced the packaged snapshot of Harrow 2023-05..2026-03" in n for n in summary.notes
    )
    kinds = await _sources(db)
    assert kinds[SNAPSHOT] == 0 and kinds[LSOA_WARD_LOOKUP] == 1  # the lookup stays
    async with db.engine.connect() as conn:
        lookups = await conn.scalar(select(func.count()).select_from(LSOA_WARDS))
        wards = await conn.scalar(
            select(func.count(func.distinct(COUNTS.c.area_code))).where(
                COUNTS.c.area_type == "ward"
            )
        )
    assert lookups == 144 and wards == 22  # ward figures were summed with the kept lookup
    queries = StatsQueries(db, "Harrow")
    summary_now = await queries.summary(category="burglary")
    assert summary_now is not None
    assert summary_now.count == raw_borough(date(2026, 3, 1))["Burglary"]  # once, not twice
    assert summary_now.source == "police.uk street-level crime data (monthly counts by area)"


async def test_top_categories_match_the_raw_table(db: Database) -> None:
    await SnapshotLoader(db, "Harrow").ensure()
    by = await StatsQueries(db, "Harrow").by_category()
    raw = raw_borough(date(2026, 3, 1))
    assert by.month == date(2026, 3, 1) and by.total == sum(raw.values())
    assert list(by.counts.values()) == sorted(by.counts.values(), reverse=True)
    assert by.counts["anti-social-behaviour"] == raw["Anti-social behaviour"]
