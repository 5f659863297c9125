"""Every migration must go up and come back down cleanly on every engine (the 'stairway')."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

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
