"""Builds the Telegram application. It only wires: nothing here handles an update.

Resources (database, knowledge base, health server) open in ``post_init`` and close in
``post_shutdown``, so building the application has no side effects and tests can build many.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from telegram import BotCommand, Update
from telegram.ext import AIORateLimiter, Application, ApplicationBuilder

from bot.config import Config, ConfigError
from bot.health import HealthServer
from bot.services import Services, open_services
from bot.tg_request import AiohttpRequest
from bot.update_order import PerChatUpdateProcessor

log = logging.getLogger(__name__)

ServicesFactory = Callable[[Config], Awaitable[Services]]


def telegram_urls(base: str) -> tuple[str, str]:
    """A Bot API server root → PTB's method and file base URLs."""
    root = base.rstrip("/")
    return f"{root}/bot", f"{root}/file/bot"


def build_application(
    config: Config,
    services_factory: ServicesFactory = open_services,
    health: bool = True,
) -> Application:
    from handlers import RESIDENT_COMMANDS, register, start_jobs, stop_jobs
    from handlers.context import CONTEXT_TYPES, BotData

    if config.telegram.token is None:
        raise ConfigError(
            "no Telegram token: set LOCALBEAT_TELEGRAM_TOKEN (from @BotFather), "
            "or try the bot locally with `localbeat chat`"
        )

    async def post_init(app: Application) -> None:
        services = await services_factory(config)
        data: BotData = app.bot_data
        data.attach(services)
        if health:
            web_chat = _web_chat(app, services) if config.web.enabled else None
            http = config.http
            server = HealthServer(services, data.metrics, http.host, http.port, web_chat)
            await server.start()
            data.health = server
        await app.bot.set_my_commands([BotCommand(c, d) for c, d in RESIDENT_COMMANDS])
        await start_jobs(app)
        me = app.bot.username
        log.info("Local Beat for %s started as @%s", config.borough.name, me)

    async def post_shutdown(app: Application) -> None:
        data: BotData = app.bot_data
        if data.health is not None:
            await data.health.stop()
        await stop_jobs(app)
        if data.attached:
            await data.services.close()

    builder: Any = (
        ApplicationBuilder()
        .token(config.telegram.token.get_secret_value())
        .context_types(CONTEXT_TYPES)
        .rate_limiter(
            AIORateLimiter(
                overall_max_rate=config.telegram.max_replies_per_second,
                max_retries=config.telegram.max_retries,
            )
        )
        .concurrent_updates(PerChatUpdateProcessor(64))
        .request(AiohttpRequest(connection_pool_size=64))
        .get_updates_request(AiohttpRequest(connection_pool_size=2, read_timeout=35.0))
        .post_init(post_init)
        .post_shutdown(post_shutdown)
    )
    if config.telegram.base_url:
        base, files = telegram_urls(config.telegram.base_url)
        builder = builder.base_url(base).base_file_url(files)
    app: Application = builder.build()
    register(app)
    return app


def _web_chat(app: Application, services: Services) -> Callable[[Any], object]:
    """The web chat on the health server's port; feedback it queues is posted at once."""
    from bot.web.app import mount
    from handlers.feedback_outbox import DRAIN_NOW, drain

    def post_soon() -> None:
        if app.job_queue is not None:
            app.job_queue.run_once(drain, 0, name=DRAIN_NOW)

    return lambda web_app: mount(web_app, services, post_soon)


@dataclass(frozen=True)
class Webhook:
    listen: str
    port: int
    url_path: str
    secret_token: str
    webhook_url: str


@asynccontextmanager
async def running(
    app: Application, webhook: Webhook | None = None, poll_timeout: int = 10
) -> AsyncIterator[Application]:
    """Start receiving updates (polling or webhook) and stop cleanly on exit.

    Does what ``run_polling`` does (including ``post_init``/``post_shutdown``) without owning
    the event loop, so the CLI, tests and benchmarks share one lifecycle.
    """
    await app.initialize()
    try:
        if app.post_init is not None:
            await app.post_init(app)
        await app.start()
        assert app.updater is not None
        if webhook is None:
            await app.updater.start_polling(
                poll_interval=0, timeout=poll_timeout, allowed_updates=Update.ALL_TYPES
            )
        else:
            await app.updater.start_webhook(
                listen=webhook.listen,
                port=webhook.port,
                url_path=webhook.url_path,
                secret_token=webhook.secret_token,
                webhook_url=webhook.webhook_url,
                allowed_updates=Update.ALL_TYPES,
            )
        yield app
    finally:
        if app.updater is not None and app.updater.running:
            await app.updater.stop()
        if app.running:
            await app.stop()
        await app.shutdown()
        if app.post_shutdown is not None:
            await app.post_shutdown(app)
