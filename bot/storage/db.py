"""Engine, sessions and schema upgrades.

Migrations are packaged with the code and run in-process, so ``localbeat run`` on a fresh machine
creates or upgrades its own database without a separate tool.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from alembic import command
from alembic.config import Config as AlembicConfig
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
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def _run_sync_upgrade(url: str, revision: str) -> None:
    command.upgrade(alembic_config(url), revision)


def _run_sync_downgrade(url: str, revision: str) -> None:
    command.downgrade(alembic_config(url), revision)


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
            await upgrade(self.url)
            if self.backend == "sqlite":
                await self._probe_write()
        except Exception as exc:
            reason = startup.explain(self.url, exc)
            if reason is None:
                raise
            await self.close()
            raise ConfigError(reason) from None

    async def _probe_write(self) -> None:
        """A read-only SQLite file reads fine and fails at the first write: find out now."""
        async with self.engine.connect() as conn:
            await conn.execute(text("UPDATE alembic_version SET version_num = version_num"))
            await conn.rollback()

    async def close(self) -> None:
        await self.engine.dispose()
