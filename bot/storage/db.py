"""Engine, sessions and schema upgrades.

Migrations are packaged with the code and run in-process, so ``localbeat run`` on a fresh machine
creates or upgrades its own database without a separate tool.
"""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, InvalidRequestError, NoSuchModuleError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from bot.config import ConfigError
from bot.storage import startup

if TYPE_CHECKING:
    from alembic.config import Config as AlembicConfig

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def _sqlite_pragmas(dbapi_connection: object, _record: object) -> None:
    # WAL lets readers proceed while the single writer commits; foreign keys are off by default.
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def create_engine(url: str, echo: bool = False) -> AsyncEngine:
    engine = create_async_engine(url, echo=echo, pool_pre_ping=not url.startswith("sqlite"))
    if make_url(url).get_backend_name() == "sqlite":
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
    return engine


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)


def alembic_config(url: str) -> AlembicConfig:
    from alembic.config import Config as AlembicConfig

    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def _run_sync_upgrade(url: str, revision: str) -> None:
    from alembic import command

    command.upgrade(alembic_config(url), revision)


def _run_sync_downgrade(url: str, revision: str) -> None:
    from alembic import command

    command.downgrade(alembic_config(url), revision)


_REVISION = re.compile(r'^(down_revision|revision) = "([^"]+)"', re.MULTILINE)


def script_heads() -> frozenset[str]:
    """The migrations' head revisions, read from the files without importing Alembic (a tenth
    of a second and more at every start): a revision no other one names as its parent."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        for kind, value in _REVISION.findall(path.read_text(encoding="utf-8")):
            (revisions if kind == "revision" else parents).add(value)
    return frozenset(revisions - parents)


async def upgrade(url: str, revision: str = "heads") -> None:
    """Bring the schema to ``revision``; Alembic's env runs its own event loop, hence the thread."""
    await asyncio.to_thread(_run_sync_upgrade, url, revision)


async def downgrade(url: str, revision: str) -> None:
    await asyncio.to_thread(_run_sync_downgrade, url, revision)


class Database:
    """The process's one engine and session factory, opened at start-up and closed at shutdown."""

    def __init__(self, url: str, echo: bool = False) -> None:
        self.url = url
        try:
            self.engine = create_engine(url, echo=echo)
        except (ArgumentError, NoSuchModuleError, InvalidRequestError, ImportError) as exc:
            raise ConfigError(startup.unusable_url(url)) from exc
        self.sessions = session_factory(self.engine)

    @property
    def backend(self) -> str:
        return make_url(self.url).get_backend_name()

    async def migrate(self) -> None:
        """Upgrade the schema and check the bot can write; a deployment mistake is one line."""
        if self.backend == "sqlite":
            # Found before Alembic's own event loop meets it, which would end with a traceback.
            folder = startup.sqlite_path(self.url).parent
            if make_url(self.url).database and not folder.is_dir():
                await self.close()
                raise ConfigError(startup.missing_folder(folder))
        try:
            if not await self._at_head():
                await upgrade(self.url)
            if self.backend == "sqlite":
                await self._probe_write()
        except Exception as exc:
            reason = startup.explain(self.url, exc)
            if reason is None:
                raise
            await self.close()
            raise ConfigError(reason) from None

    async def _at_head(self) -> bool:
        """Whether the schema is already current, so Alembic need not even be loaded."""
        try:
            async with self.engine.connect() as conn:
                found = await conn.execute(text("SELECT version_num FROM alembic_version"))
                current = frozenset(str(row[0]) for row in found)
        except Exception:  # no table yet, or an unreachable database: let the upgrade say why
            return False
        return current == script_heads()

    async def _probe_write(self) -> None:
        """A read-only SQLite file reads fine and fails at the first write: find out now."""
        async with self.engine.connect() as conn:
            await conn.execute(text("UPDATE alembic_version SET version_num = version_num"))
            await conn.rollback()

    async def analyze(self, *tables: str, only_unanalysed: bool = False) -> None:
        """Refresh the query planner's statistics for these tables after a bulk change. Without
        them SQLite guesses: it read one ward's crime type through the index on area type and
        month (every ward's rows) in 5 ms instead of through the index made for it in 0.1 ms.

        ``only_unanalysed`` (at start-up) leaves alone a table SQLite has statistics for, since
        ANALYZE reads every index and holds the write lock meanwhile; PostgreSQL's autovacuum
        keeps its own statistics, so there it does nothing."""
        if only_unanalysed and self.backend != "sqlite":
            return
        async with self.engine.begin() as conn:
            done: set[str] = set()
            if only_unanalysed:
                has_stats = await conn.execute(
                    text("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'")
                )
                if has_stats.first() is not None:
                    found = await conn.execute(text("SELECT DISTINCT tbl FROM sqlite_stat1"))
                    done = {str(row[0]) for row in found}
            for table in tables:
                if not re.fullmatch(r"[a-z_]+", table):
                    raise ValueError(f"not a table name: {table!r}")
                if table not in done:
                    await conn.execute(text(f"ANALYZE {table}"))

    async def close(self) -> None:
        await self.engine.dispose()
