"""Everything a front end (Telegram, terminal, CLI) needs, opened and closed in one place."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.answers import AnswerService
from bot.config import Config, ConfigError
from bot.kb.base import KnowledgeStore, load_directory
from bot.privacy import PrivacyService
from bot.stats.answers import StatsAnswerer
from bot.stats.queries import StatsQueries
from bot.stats.responder import StatsResponder
from bot.storage import audit, residents, unanswered
from bot.storage.db import Database


class DbGapRecorder:
    """Writes unanswered questions to the database (text and counts only)."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def record(self, normalised_text: str) -> None:
        async with self._db.sessions.begin() as session:
            await unanswered.record(session, normalised_text)


@dataclass
class Services:
    config: Config
    db: Database
    kb: KnowledgeStore
    answers: AnswerService
    privacy: PrivacyService
    stats: StatsResponder

    async def audit(
        self, actor_id: int | None, action: str, outcome: str, detail: str = ""
    ) -> None:
        async with self.db.sessions.begin() as session:
            await audit.record(session, actor_id, action, outcome, detail)

    async def touch_resident(self, telegram_id: int, language: str | None) -> None:
        async with self.db.sessions.begin() as session:
            await residents.touch(session, telegram_id, language)

    async def close(self) -> None:
        await self.db.close()


def load_knowledge(config: Config) -> KnowledgeStore:
    """Load the knowledge base or stop start-up with every problem listed."""
    result = load_directory(config.knowledge_dir, date.today())
    if result.kb is None:
        listing = "\n".join(f"  {p.as_cli()}" for p in result.errors)
        raise ConfigError(f"the knowledge base in {config.knowledge_dir} has errors:\n{listing}")
    return KnowledgeStore(result.kb)


async def open_services(config: Config, migrate: bool = True) -> Services:
    store = load_knowledge(config)
    db = Database(config.database.url, echo=config.database.echo)
    if migrate:
        await db.migrate()
    stats = StatsResponder(
        StatsAnswerer(StatsQueries(db, config.borough.name)), config.borough.wards
    )
    answers = AnswerService(
        store, config.matcher, config.borough.name, gaps=DbGapRecorder(db), answerers=[stats]
    )
    return Services(
        config=config,
        db=db,
        kb=store,
        answers=answers,
        privacy=PrivacyService(db),
        stats=stats,
    )
