"""Figures kept between answers are never older than the store: a new import shows at once, in
this process and in another one on the same database."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import event, text

from bot.config import HARROW_WARDS
from bot.stats.answers import StatsAnswerer
from bot.stats.importers import import_paths
from bot.stats.queries import StatsQueries
from bot.stats.questions import StatsQuery, parse_stats_question
from bot.storage.db import Database
from tests.conftest import shared_data

COUNTS = "london-lsoa-monthly-counts.harrow-subset.csv"
# One LSOA's burglaries in the latest month, as published and as corrected by a later release.
PUBLISHED = "E01002107,Harrow 012A,Harrow,Burglary,2026,3,1\n"
CORRECTED = "E01002107,Harrow 012A,Harrow,Burglary,2026,3,8\n"


def _ask(text: str) -> StatsQuery:
    query = parse_stats_question(text, HARROW_WARDS, today=date(2026, 5, 1))
    assert query is not None
    return query


def _burglaries(text: str, where: str) -> int:
    found = re.search(rf"Burglary in {where}, March 2026: (\d+) crimes?\b", text)
    assert found, text
    return int(found.group(1))


async def _import(db: Database, *paths: Path) -> None:
    report = await import_paths(db, list(paths))
    assert report.errors == []


def _corrected_release(folder: Path) -> Path:
    """The counts file again, under the same name, with one figure corrected."""
    text = shared_data("police-uk", COUNTS).read_text(encoding="utf-8")
    assert text.count(PUBLISHED) == 1
    path = folder / COUNTS
    path.write_text(text.replace(PUBLISHED, CORRECTED), encoding="utf-8")
    return path


async def test_a_new_import_by_another_process_changes_the_next_answer(
    db: Database, db_url: str, tmp_path: Path
) -> None:
    await _import(
        db,
        shared_data("police-uk", "lsoa_to_ward.harrow-subset.csv"),
        shared_data("police-uk", COUNTS),
    )
    here = StatsAnswerer(StatsQueries(db))
    before = _burglaries((await here.answer(_ask("how many burglaries in Harrow"))).text, "Harrow")
    again = await here.answer(_ask("how many burglaries in Harrow"))
    assert _burglaries(again.text, "Harrow") == before

    other_process = Database(db_url)
    try:
        await _import(other_process, _corrected_release(tmp_path))
        there = StatsAnswerer(StatsQueries(other_process))
        answer = await there.answer(_ask("how many burglaries in Harrow"))
        assert _burglaries(answer.text, "Harrow") == before + 7
    finally:
        await other_process.close()

    after = await here.answer(_ask("how many burglaries in Harrow"))
    assert _burglaries(after.text, "Harrow") == before + 7


async def test_a_ward_answer_follows_an_import_in_the_same_process(
    db: Database, tmp_path: Path
) -> None:
    names = ("lsoa_to_ward.harrow-subset.csv", "MPSCrime.harrow-subset.csv", COUNTS)
    await _import(db, *(shared_data("police-uk", n) for n in names))
    answerer = StatsAnswerer(StatsQueries(db))
    question = _ask("burglary in Centenary")  # the corrected LSOA is in Centenary ward
    before = _burglaries((await answerer.answer(question)).text, "Centenary ward")

    await _import(db, _corrected_release(tmp_path))

    after = await answerer.answer(question)
    assert _burglaries(after.text, "Centenary ward") == before + 7
    assert after.series[-1] == (date(2026, 3, 1), before + 7)


async def test_figures_read_ahead_leave_a_ward_answer_only_the_version_check(
    db: Database,
) -> None:
    names = ("lsoa_to_ward.harrow-subset.csv", "MPSCrime.harrow-subset.csv", COUNTS)
    await _import(db, *(shared_data("police-uk", n) for n in names))
    queries = StatsQueries(db)
    assert await queries.warm() > 1  # the borough and its wards with figures

    statements: list[str] = []

    def seen(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        statements.append(statement)

    event.listen(db.engine.sync_engine, "before_cursor_execute", seen)
    try:
        answer = await StatsAnswerer(queries).answer(_ask("crime in Centenary"))
    finally:
        event.remove(db.engine.sync_engine, "before_cursor_execute", seen)
    assert "Centenary ward" in answer.text
    assert len(statements) == 1 and "stats_sources" in statements[0]


async def test_an_import_leaves_the_planner_its_statistics(db: Database) -> None:
    """Without them SQLite reads one ward's crime type through the wrong index, 40 times slower."""
    await _import(db, shared_data("police-uk", COUNTS))
    async with db.engine.connect() as conn:
        if db.backend == "sqlite":
            analysed = "SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'stats_counts'"
        else:
            analysed = (
                "SELECT count(*) FROM pg_stat_user_tables "
                "WHERE relname = 'stats_counts' AND last_analyze IS NOT NULL"
            )
        assert (await conn.execute(text(analysed))).scalar_one() >= 1


async def test_a_store_without_statistics_gets_them_at_start_up(db: Database) -> None:
    """A store filled before imports refreshed them; on SQLite only, where nothing else would."""
    if db.backend != "sqlite":
        pytest.skip("PostgreSQL's autovacuum keeps its statistics")
    await _import(db, shared_data("police-uk", COUNTS))
    count = text("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'stats_counts'")
    async with db.engine.begin() as conn:
        await conn.execute(text("DELETE FROM sqlite_stat1 WHERE tbl = 'stats_counts'"))
    await db.analyze("stats_counts", "stats_sources", only_unanalysed=True)
    async with db.engine.connect() as conn:
        assert (await conn.execute(count)).scalar_one() >= 1
