"""Every migration must go up and come back down cleanly on every engine (the 'stairway')."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from bot.storage.all_models import metadata
from bot.storage.db import Database, alembic_config, downgrade, upgrade
from tests.conftest import POSTGRES_URL, create_postgres_database, drop_postgres_database


@pytest.fixture(params=["sqlite", "postgres"])
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'stairway.db'}"
        return
    if not POSTGRES_URL:
        pytest.skip("LOCALBEAT_TEST_POSTGRES_URL not set")
    url = create_postgres_database()
    yield url
    drop_postgres_database(url)


def _revisions(url: str) -> list[str]:
    script = ScriptDirectory.from_config(alembic_config(url))
    return [r.revision for r in reversed(list(script.walk_revisions()))]


async def _tables(url: str) -> set[str]:
    db = Database(url)
    try:
        async with db.engine.connect() as conn:
            names = await conn.run_sync(lambda c: inspect(c).get_table_names())
    finally:
        await db.close()
    return set(names) - {"alembic_version"}


async def test_each_migration_goes_up_and_down(empty_url: str) -> None:
    revisions = _revisions(empty_url)
    assert revisions, "no migrations found"
    previous = "base"
    for revision in revisions:
        await upgrade(empty_url, revision)
        await downgrade(empty_url, previous)
        await upgrade(empty_url, revision)
        previous = revision
    assert await _tables(empty_url) == {t.name for t in metadata.sorted_tables}
    await downgrade(empty_url, "base")
    assert await _tables(empty_url) == set()


def test_models_and_migrations_agree(tmp_path: Path) -> None:
    """A model change without a migration would break PostgreSQL deployments silently."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    url = f"sqlite+aiosqlite:///{tmp_path / 'drift.db'}"
    asyncio.run(upgrade(url))

    async def diff() -> list[object]:
        db = Database(url)
        try:
            async with db.engine.connect() as conn:
                return await conn.run_sync(
                    lambda c: compare_metadata(MigrationContext.configure(c), metadata)
                )
        finally:
            await db.close()

    assert asyncio.run(diff()) == []


async def _execute(url: str, *statements: str) -> list[tuple[object, ...]]:
    """Run raw SQL (the models describe only the newest schema) and return the last result."""
    db = Database(url)
    try:
        async with db.engine.begin() as conn:
            result = None
            for statement in statements:
                result = await conn.execute(text(statement))
            return [tuple(r) for r in result] if result is not None and result.returns_rows else []
    finally:
        await db.close()


async def test_0007_keeps_old_gaps_as_no_answer_and_downgrades_without_mislabelling(
    empty_url: str,
) -> None:
    await upgrade(empty_url, "0006")
    await _execute(
        empty_url,
        "INSERT INTO unanswered_questions (normalised_text, count, first_seen_at, last_seen_at)"
        " VALUES ('pizza', 4, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
    )
    await upgrade(empty_url, "0007")
    db = Database(empty_url)
    try:
        async with db.engine.connect() as conn:
            columns = await conn.run_sync(
                lambda c: {col["name"] for col in inspect(c).get_columns("unanswered_questions")}
            )
    finally:
        await db.close()
    # Text and counts only: nothing that could say who asked.
    assert columns == {
        "id", "normalised_text", "count", "suggested_count", "first_seen_at", "last_seen_at",
        "handled_at",
    }  # fmt: skip
    select_all = "SELECT normalised_text, count, suggested_count FROM unanswered_questions"
    assert await _execute(empty_url, select_all) == [("pizza", 4, 0)]

    await _execute(
        empty_url,
        "INSERT INTO unanswered_questions (normalised_text, count, suggested_count, first_seen_at,"
        " last_seen_at) VALUES ('car', 3, 2, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP),"
        " ('bus', 2, 2, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
    )
    await downgrade(empty_url, "0006")
    remaining = await _execute(
        empty_url, "SELECT normalised_text, count FROM unanswered_questions ORDER BY count"
    )
    # Before 0007 every row meant "no answer": suggestion-only rows go, mixed ones keep the rest.
    assert remaining == [("car", 1), ("pizza", 4)]
    await upgrade(empty_url)
    assert sorted(await _execute(empty_url, select_all)) == [("car", 1, 0), ("pizza", 4, 0)]


def test_heads_read_from_the_files_match_alembics() -> None:
    """The start-up shortcut that skips Alembic when the schema is current reads heads itself."""
    from alembic.script import ScriptDirectory

    from bot.storage.db import script_heads

    script = ScriptDirectory.from_config(alembic_config("sqlite+aiosqlite://"))
    assert script_heads() == frozenset(script.get_heads())
