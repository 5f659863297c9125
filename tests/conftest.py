"""Shared fixtures: a migrated database on SQLite always, and on PostgreSQL when one is offered.

PostgreSQL runs only when ``LOCALBEAT_TEST_POSTGRES_URL`` is set (``.ci/run`` sets it). Each test
session creates its own throw-away database there, so the named database is never modified.
"""

from __future__ import annotations

import os

# PTB 22 warns (an error under filterwarnings=error) when RetryAfter is built without this; with
# it, retry_after is a timedelta, as it will be by default in PTB 23.
os.environ.setdefault("PTB_TIMEDELTA", "1")

import asyncio
import shutil
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from bot.storage.all_models import metadata
from bot.storage.db import Database, create_engine, upgrade

POSTGRES_URL = os.environ.get("LOCALBEAT_TEST_POSTGRES_URL")
REDIS_URL = os.environ.get("LOCALBEAT_TEST_REDIS_URL")
REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(os.environ.get("LOCALBEAT_SHARED_DATA", REPO_ROOT.parent / "shared" / "data"))


def shared_data(*parts: str) -> Path:
    """A file from the real police.uk data beside the repository; skips the test if absent."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared data not available: {path}")
    return path


async def _admin_execute(url: str, statement: str) -> None:
    engine = create_engine(url)
    try:
        async with engine.connect() as conn:
            conn = await conn.execution_options(isolation_level="AUTOCOMMIT")
            await conn.execute(text(statement))
    finally:
        await engine.dispose()


def create_postgres_database() -> str:
    """Make an empty database next to the configured one and return its URL."""
    assert POSTGRES_URL
    name = f"localbeat_test_{uuid.uuid4().hex[:12]}"
    asyncio.run(_admin_execute(POSTGRES_URL, f'CREATE DATABASE "{name}"'))
    return make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)


def drop_postgres_database(url: str) -> None:
    assert POSTGRES_URL
    name = make_url(url).database
    asyncio.run(_admin_execute(POSTGRES_URL, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.db"
    asyncio.run(upgrade(f"sqlite+aiosqlite:///{path}"))
    return path


@pytest.fixture(scope="session")
def postgres_migrated() -> Iterator[str]:
    if not POSTGRES_URL:
        pytest.skip("LOCALBEAT_TEST_POSTGRES_URL not set")
    url = create_postgres_database()
    asyncio.run(upgrade(url))
    yield url
    drop_postgres_database(url)


# The sequences owned by these tables that no longer start at 1 (the CASE keeps PostgreSQL from
# asking pg_sequence_last_value about a row that is not a sequence, which it refuses).
_MOVED_SEQUENCES = text(
    "SELECT s.oid::regclass::text FROM pg_class s"
    " JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = s.oid"
    " AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')"
    " JOIN pg_class t ON t.oid = d.refobjid"
    " WHERE s.relkind = 'S' AND t.relname = ANY(:tables)"
    " AND CASE WHEN s.relkind = 'S' THEN pg_sequence_last_value(s.oid) END IS NOT NULL"
)


async def _truncate_all(db: Database) -> None:
    """Every table empty and every id starting again from 1, as ``TRUNCATE`` of all of them with
    ``RESTART IDENTITY`` leaves them, but truncating only the tables that hold rows: truncating
    all 36 took 0.17-0.3 s a test, most of it on tables no test had written to."""
    tables = [t.name for t in metadata.sorted_tables]
    probe = " UNION ALL ".join(f"SELECT '{n}' WHERE EXISTS (SELECT FROM \"{n}\")" for n in tables)
    async with db.engine.begin() as conn:
        used = [str(name) for (name,) in await conn.execute(text(probe))]
        if used:
            names = ", ".join(f'"{n}"' for n in used)
            await conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        # rows written and deleted again, or an insert rolled back, move a sequence on too
        moved = await conn.execute(_MOVED_SEQUENCES, {"tables": tables})
        for (sequence,) in moved.all():
            await conn.execute(text(f"ALTER SEQUENCE {sequence} RESTART"))


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path) -> str:
    """A migrated, empty database URL on each engine the machine offers."""
    if request.param == "sqlite":
        target = tmp_path / "localbeat.db"
        shutil.copy(sqlite_template, target)
        return f"sqlite+aiosqlite:///{target}"
    url: str = request.getfixturevalue("postgres_migrated")
    return url


@pytest.fixture
async def db(db_url: str) -> AsyncIterator[Database]:
    database = Database(db_url)
    if database.backend == "postgresql":
        await _truncate_all(database)
    yield database
    await database.close()


@pytest.fixture
def sqlite_db_url(tmp_path: Path, sqlite_template: Path) -> str:
    """SQLite only, for tests whose subject does not depend on the engine (e.g. Telegram paths)."""
    target = tmp_path / "localbeat.db"
    shutil.copy(sqlite_template, target)
    return f"sqlite+aiosqlite:///{target}"


@pytest.fixture(autouse=True, scope="session")
def shared_understanding() -> Iterator[None]:
    """Load the sentence-embedding model, the phrase vectors and the exemplar classifiers once
    per test run instead of once per started bot (seconds each). Every bot still gets a store of
    its own, so a test that reloads the knowledge base affects no other."""
    import dataclasses

    from bot import services
    from bot.config import Config
    from bot.kb.base import KnowledgeStore, build, content_hash, read_directory

    real = services.load_understanding
    # Taken now, before any test patches it: a test that holds the model's completion back
    # (a slow start) means the bot's own completion, and held here it held the shared load
    # itself until the hold's timeout (30 s a test).
    complete = services.Understanding.complete
    memo: dict[tuple[str, ...], services.Understanding] = {}

    def shared(config: Config) -> services.Understanding:
        files = read_directory(config.knowledge_dir)
        key = (config.matcher.model_dump_json(), config.borough.name, content_hash(files))
        if key not in memo or not files:
            found = real(config)
            complete(found)
            result = build(dict(found.store.current.sources), None, found.semantics)
            if result.kb is not None and result.kb.vectors is not None:
                found.store.replace(result)
            memo[key] = found
        found = memo[key]
        return dataclasses.replace(found, store=KnowledgeStore(found.store.current))

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(services, "load_understanding", shared)
        yield
