"""Everything a front end (Telegram, terminal, CLI) needs, opened and closed in one place."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING

from sqlalchemy.exc import SQLAlchemyError

from bot.answers import AnswerService
from bot.config import Config, ConfigError
from bot.engagement import Engagement, open_engagement
from bot.feedback.answerer import FeedbackAnswerer, feedback_classifier
from bot.kb.base import KnowledgeStore, load_directory
from bot.localtime import Clock, london, system_clock
from bot.retrieval.emergency import EmergencyNet
from bot.retrieval.examples import ResidentExamples
from bot.retrieval.model import load_semantics
from bot.retrieval.reports import ReportReading
from bot.retrieval.routes import RouteReading
from bot.retrieval.semantics import Semantics
from bot.retrieval.trained import Trained
from bot.stats.answers import StatsAnswerer
from bot.stats.models import STATS_TABLES
from bot.stats.places import places_for
from bot.stats.queries import StatsQueries
from bot.stats.responder import StatsResponder
from bot.stats.service import CrimeService
from bot.stats.snapshot import SnapshotLoader
from bot.storage import unanswered
from bot.storage.db import Database
from bot.storage.retry import retry_busy

if TYPE_CHECKING:
    from bot.announcements.service import AnnouncementService
    from bot.feedback.service import FeedbackService
    from bot.kb.manager import KnowledgeManager
    from bot.privacy import PrivacyService
    from bot.retention.job import Retention
    from bot.storage.states import StateStore

log = logging.getLogger(__name__)


class DbGapRecorder:
    """Writes unanswered and half-understood questions to the database (text and counts only).

    The count is written after the reply, not before it: a resident's "I don't know" never
    waits on bookkeeping, which on a busy SQLite database (its lock timeout, then two retries)
    could take seconds. Counts still in flight are awaited before the database closes and before
    comms staff read the list (:meth:`settle`). They are written one at a time, as SQLite takes
    them anyway: a burst does not queue up at the database's lock and spend its retries there."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._pending: set[asyncio.Task[None]] = set()
        self._one_at_a_time = asyncio.Lock()

    async def record(self, normalised_text: str, suggested: bool = False) -> None:
        task = asyncio.create_task(self._write(normalised_text, suggested))
        self._pending.add(task)  # held until done: the loop keeps only weak references
        task.add_done_callback(self._pending.discard)

    async def settle(self) -> None:
        while self._pending:
            await asyncio.gather(*self._pending, return_exceptions=True)

    async def _write(self, normalised_text: str, suggested: bool) -> None:
        """Bookkeeping: a database that stays locked loses the count, never the reply."""

        async def write() -> None:
            async with self._db.sessions.begin() as session:
                await unanswered.record(session, normalised_text, suggested)

        try:
            async with self._one_at_a_time:
                await retry_busy(write)
        except SQLAlchemyError as exc:
            log.warning("could not count an unanswered question: %s", type(exc).__name__)


@dataclass
class Services:
    """What answers a question is made by :func:`open_services`; the rest (the properties below)
    at first use, so that a one-off ``localbeat ask`` does not import a tenth of a second of
    modules it never calls. None of them does anything when made."""

    config: Config
    db: Database
    kb: KnowledgeStore
    answers: AnswerService
    stats: StatsResponder
    engagement: Engagement  # events, subscriptions, scheduled delivery (one clock)
    crime: CrimeService
    semantics: Semantics  # the sentence-embedding model, or why there is none
    understanding: Understanding  # the model's part, completed by understand()
    gaps: DbGapRecorder  # questions the bot could not answer, counted after the reply
    clock: Clock = system_clock
    _background: asyncio.Task[None] | None = field(default=None, repr=False)
    # set when understand() has finished, ready or failed: what answers wait for (AnswerService)
    understood: asyncio.Event = field(default_factory=asyncio.Event, repr=False)

    @cached_property
    def knowledge(self) -> KnowledgeManager:
        """Reload, upload, rollback and history of the live knowledge base."""
        from bot.kb.manager import KnowledgeManager

        config, semantics = self.config, self.semantics
        return KnowledgeManager(self.kb, config.knowledge_dir, self.db, self.clock, semantics)

    @cached_property
    def feedback(self) -> FeedbackService:
        """Residents' priorities, the team relay and its outbox."""
        from bot.feedback.service import FeedbackService

        return FeedbackService(self.db, self.config, self.clock)

    @cached_property
    def states(self) -> StateStore:
        """Conversations in progress (drafts, pending choices), for any process."""
        from bot.storage.states import StateStore

        return StateStore(self.db, self.clock)

    @cached_property
    def announcements(self) -> AnnouncementService:
        """Officers' broadcasts and their outbox."""
        from bot.announcements.service import AnnouncementService
        from bot.announcements.subscribers import SubscriberPolicy

        engagement = self.engagement
        return AnnouncementService(
            self.db,
            SubscriberPolicy(engagement.subscriptions),
            self.config.announcements,
            self.config.borough.wards,
            engagement.clock,
            SubscriberPolicy.topics(),
        )

    @cached_property
    def retention(self) -> Retention:
        """The daily removal of what /privacy says is kept no longer."""
        from bot.retention.job import Retention

        return Retention(self.db, self.config.retention, self.engagement.clock)

    @cached_property
    def privacy(self) -> PrivacyService:
        from bot.announcements import store as announcement_store
        from bot.engagement import PRIVACY_SECTIONS
        from bot.feedback import privacy as feedback_privacy
        from bot.privacy import CORE_SECTIONS, PrivacySection, PrivacyService
        from bot.storage import kb_versions
        from bot.storage import states as conversation_states

        feedback = self.feedback
        announcements = PrivacySection(
            "announcement_deliveries", announcement_store.export_for, announcement_store.forget_for
        )
        return PrivacyService(
            self.db,
            [
                *CORE_SECTIONS,
                *PRIVACY_SECTIONS,
                kb_versions.PRIVACY_SECTION,
                conversation_states.PRIVACY_SECTION,
                feedback_privacy.section(lambda: feedback.clock()),  # the clock may be swapped
                announcements,
            ],
        )

    async def audit(
        self, actor_id: int | None, action: str, outcome: str, detail: str = ""
    ) -> None:
        from bot.storage import audit

        async def write() -> None:
            async with self.db.sessions.begin() as session:
                await audit.record(session, actor_id, action, outcome, detail)

        await retry_busy(write)

    async def touch_resident(self, telegram_id: int, language: str | None) -> None:
        from bot.storage import residents

        async def write() -> None:
            async with self.db.sessions.begin() as session:
                await residents.touch(session, telegram_id, language)

        await retry_busy(write)

    async def understand(self, warm: bool = True) -> None:
        """Load the model, give the knowledge base its vectors and train the classifiers; on any
        failure the bot goes on answering by words (logged, and shown in /healthz)."""
        try:
            await asyncio.to_thread(self.understanding.complete, warm)
            if await self.knowledge.add_vectors():
                log.info("understanding ready: %s", self.semantics.status.model)
        except Exception:
            log.exception("the model's part of understanding failed; answering by words")
        finally:
            self.understood.set()

    async def get_ready(self, warm: bool = True) -> None:
        """Everything a long-running front end does once before residents arrive: the model's
        part of understanding, then the figures of every area read into memory."""
        await self.understand(warm)
        try:
            # a store filled before imports refreshed the planner's statistics
            await self.db.analyze(*STATS_TABLES, only_unanalysed=True)
            await self.crime.queries.warm()
            # The first events listing compiles its query (about 15 ms): not on a resident's time.
            from bot.events.questions import EventQuery

            await self.engagement.events.page(EventQuery())
        except Exception:
            log.exception("reading ahead failed; each answer reads its own figures and events")

    def get_ready_later(self, warm: bool = True) -> None:
        self._background = asyncio.get_running_loop().create_task(self.get_ready(warm))

    async def close(self) -> None:
        """The read-ahead is cancelled and awaited before the database closes: cancelled mid-query
        and not awaited, it could leave a connection's thread running, and the process would
        never exit after a stop signal that came while it was reading."""
        if self._background is not None:
            self._background.cancel()
            await asyncio.gather(self._background, return_exceptions=True)
        if self.crime.snapshot is not None:
            await self.crime.snapshot.close()
        await self.gaps.settle()
        await self.db.close()
        self.semantics.close()


def load_knowledge(config: Config) -> KnowledgeStore:
    """Load the knowledge base or stop start-up with every problem listed."""
    if not config.knowledge_dir.is_dir():
        raise ConfigError(
            f"knowledge_dir (LOCALBEAT_KNOWLEDGE_DIR): the folder {config.knowledge_dir} does "
            "not exist; point it at the folder of knowledge .yaml files"
        )
    result = load_directory(config.knowledge_dir, date.today())
    if result.kb is None:
        listing = "\n".join(f"  {p.as_cli()}" for p in result.errors)
        raise ConfigError(f"the knowledge base in {config.knowledge_dir} has errors:\n{listing}")
    return KnowledgeStore(result.kb)


@dataclass
class Understanding:
    """The model and what it powers.

    Loaded in two steps. ``load_understanding`` is quick: the knowledge base answers by its
    words, the model is found but not loaded. :meth:`complete` then adds the phrase vectors and
    trains the exemplar classifiers: a second or two from the vector cache, a minute on a
    fresh machine that must embed everything once. A one-off command waits for it; the running
    bot, the web chat and the terminal chat answer meanwhile and gain the model when it is ready.
    """

    semantics: Semantics
    store: KnowledgeStore
    emergency_net: EmergencyNet | None
    feedback: Trained
    reports: ReportReading | None = None
    routes: RouteReading | None = None
    examples: ResidentExamples | None = None

    def complete(self, warm: bool = True) -> None:
        """Blocking (call it in a thread): the model (``warm``; else at its first use), the
        classifiers. The knowledge base's vectors are added by its manager, atomically."""
        if warm:
            self.semantics.warm()
        from bot import shipped_yaml
        from bot.spelling import common_english, speller

        with shipped_yaml.kept():  # two of these read residents' examples
            speller()  # the typo vocabulary (0.2 s): read before a resident's first message
            common_english()  # and the English words that are no typos (25,000 words, 10 ms)
            if self.emergency_net is not None:
                self.emergency_net.train(self.semantics)
            self.feedback.train(self.semantics)
            if self.reports is not None:
                self.reports.train(self.semantics)
            if self.routes is not None:
                self.routes.train(self.semantics)
            if self.examples is not None:
                self.examples.train(self.semantics)


def load_understanding(config: Config) -> Understanding:
    if not config.knowledge_dir.is_dir():  # before seconds of model loading, not after
        raise ConfigError(
            f"knowledge_dir (LOCALBEAT_KNOWLEDGE_DIR): the folder {config.knowledge_dir} does "
            "not exist; point it at the folder of knowledge .yaml files"
        )
    semantics = load_semantics(config.matcher, masked=(config.borough.name,))
    store = load_knowledge(config)
    m = config.matcher
    caution = m.caution_probability if m.caution_probability < 1 else None
    net = EmergencyNet(m.emergency_probability, caution) if m.emergency_net else None
    reports = (
        ReportReading(m.report_threshold(), residents=m.resident_examples)
        if m.report_reading
        else None
    )
    routes = RouteReading() if m.route_reading else None
    examples = ResidentExamples(m.example_min_cosine) if m.resident_examples else None
    return Understanding(semantics, store, net, feedback_classifier(), reports, routes, examples)


async def open_services(
    config: Config,
    migrate: bool = True,
    clock: Clock = system_clock,
    wait: bool | None = True,
    warm: bool = True,
) -> Services:
    """Everything a front end needs. With ``wait`` the model's part of understanding is ready
    when this returns; with ``wait=False`` it completes in the background (see
    :class:`Understanding`); with ``wait=None`` not at all until the caller asks for it
    (:meth:`Services.understand`, a one-off ``ask`` whose message needs it). Without ``warm``
    the model itself loads only if a message needs it."""
    understood = await asyncio.to_thread(load_understanding, config)
    semantics, store = understood.semantics, understood.store
    db = Database(config.database.url, echo=config.database.echo)
    if migrate:
        await db.migrate()
    borough = config.borough
    places = places_for(borough.name)
    snapshot = SnapshotLoader(db, borough.name, places, enabled=config.stats.snapshot)
    stats_answerer = StatsAnswerer(
        StatsQueries(db, borough.name, prepare=snapshot.ensure),
        config.stats.near_radius_m,
        places,
        today=lambda: london(clock()).date(),
    )
    stats = StatsResponder(stats_answerer, borough.wards)
    crime = CrimeService(stats_answerer, borough.wards, config.stats.near_radius_m, borough.bbox)
    crime.snapshot = snapshot
    engagement = open_engagement(db, config, clock)
    ready = asyncio.Event()
    gaps = DbGapRecorder(db)
    answers = AnswerService(
        store,
        config.matcher,
        config.borough.name,
        gaps=gaps,
        answerers=[
            stats,
            engagement.answerer,
            FeedbackAnswerer(borough.name, understood.feedback),
        ],
        semantics=semantics,
        emergency_net=understood.emergency_net,
        report_reading=understood.reports,
        route_reading=understood.routes,
        # only a background start is waited for: a one-off ask completes it before asking
        understood=ready if wait is False else None,
        examples=understood.examples,
    )
    services = Services(
        config=config,
        db=db,
        kb=store,
        answers=answers,
        stats=stats,
        engagement=engagement,
        crime=crime,
        semantics=semantics,
        understanding=understood,
        gaps=gaps,
        clock=clock,
        understood=ready,
    )
    if wait:
        await services.get_ready(warm)
    elif wait is False:
        services.get_ready_later(warm)
    return services
