"""A large street CSV load on SQLite drops and rebuilds the crime indexes: nothing is lost."""

from __future__ import annotations

import pytest
from sqlalchemy import text

import bot.stats.importers as importers
from bot.stats.importers import crime_indexes, import_file
from bot.stats.models import CRIMES
from bot.storage.db import Database
from tests.conftest import shared_data

CITY = "2024-06-city-of-london-street.csv"


async def _indexes(db: Database) -> set[str]:
    async with db.engine.connect() as conn:
        rows = await conn.execute(
            text("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = :t"),
            {"t": CRIMES.name},
        )
        return {name for (name,) in rows if not name.startswith("sqlite_autoindex")}


@pytest.mark.parametrize("path", ["bulk", "careful"])
async def test_rebuilt_indexes_are_all_back_and_rows_all_there(
    path: str, sqlite_db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(crime_indexes, "REBUILD_MIN_ROWS", 1)  # treat the small file as large
    if path == "careful":

        async def no_bulk(*_args: object, **_kwargs: object) -> None:
            return None

        monkeypatch.setattr(importers, "import_street_csv_bulk", no_bulk)
    db = Database(sqlite_db_url)
    try:
        before = await _indexes(db)
        assert before == {str(i.name) for i in CRIMES.indexes}
        (summary,) = await import_file(db, shared_data("police-uk", CITY))
        assert summary.imported == 846
        assert await _indexes(db) == before
        async with db.engine.connect() as conn:
            plan = await conn.execute(
                text(
                    "EXPLAIN QUERY PLAN SELECT count(*) FROM stats_crimes "
                    "WHERE month = '2024-06-01'"
                )
            )
            assert "ix_stats_crimes_near" in " ".join(str(r) for r in plan)
            count = await conn.execute(text("SELECT count(*) FROM stats_crimes"))
            assert count.scalar_one() == 846
    finally:
        await db.close()
