"""Builds the Telegram application. It only wires: nothing here handles an update.

Resources (database, knowledge base, health server) open in ``post_init`` and close in
``post_shutdown``, so building the application has no side effects and tests can build many.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import BotCommand
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
    from handlers import RESIDENT_COMMANDS, register
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
            server = HealthServer(services, data.metrics, config.http.host, config.http.port)
            await server.start()
            data.health = server
        await app.bot.set_my_commands([BotCommand(c, d) for c, d in RESIDENT_COMMANDS])
        me = app.bot.username
        log.info("Local Beat for %s started as @%s", config.borough.name, me)

    async def post_shutdown(app: Application) -> None:
        data: BotData = app.bot_data
        if data.health is not None:
            await data.health.stop()
        if data.attached:
            await data.services.close()

    builder: Any = (
        ApplicationBuilder()
        .token(config.telegram.token.get_secret_value())
        .context_types(CONTEXT_TYPES)
        .rate_limiter(AIORateLimiter(max_retries=3))
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
