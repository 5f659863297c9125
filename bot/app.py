"""Builds the Telegram application. It only wires: nothing here handles an update.

Resources (database, knowledge base, health server) open in ``post_init`` and close in
``post_shutdown``, so building the application has no side effects and tests can build many.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from telegram import BotCommand, Update
from telegram.ext import Application, ApplicationBuilder

from bot.config import Config, ConfigError
from bot.health import HealthServer
from bot.services import Services, open_services
from bot.tg_bot import LocalBeatBot
from bot.tg_request import AiohttpRequest
from bot.tg_retry import reply_limiter
from bot.update_order import PerChatUpdateProcessor, chat_key
from bot.updates import UpdatesRequest
from bot.webhook import WebhookLimits, WebhookServer

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
    from handlers.state import loading

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
            server = HealthServer(
                services, data.metrics, http.host, http.port, web_chat, data.replica_view
            )
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

    processor = PerChatUpdateProcessor(64)
    limiter = reply_limiter(config)  # the one place replies are retried (bot.tg_retry)
    updates_request = UpdatesRequest(connection_pool_size=2, read_timeout=35.0)
    base, files = telegram_urls(config.telegram.base_url or "https://api.telegram.org")
    bot = LocalBeatBot(
        config.telegram.token.get_secret_value(),
        base_url=base,
        base_file_url=files,
        request=AiohttpRequest(connection_pool_size=64, **config.telegram.timeouts()),
        get_updates_request=updates_request,
        rate_limiter=limiter,
    )
    builder: Any = (
        ApplicationBuilder()
        .bot(bot)
        .context_types(CONTEXT_TYPES)
        .concurrent_updates(processor)
        .post_init(post_init)
        .post_shutdown(post_shutdown)
    )
    app: Application = builder.build()
    data: BotData = app.bot_data
    limiter.observer = data.metrics.reply_retry
    updates_request.on_unreadable = data.metrics.bad_updates.labels(reason="unreadable").inc
    processor.around.append(loading(lambda: data.services.states if data.attached else None))
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
    limits: WebhookLimits = field(default_factory=WebhookLimits)


async def _start_webhook(app: Application, webhook: Webhook) -> WebhookServer:
    """Serve the endpoint first, then tell Telegram where it is (with the secret)."""
    from handlers.replica import open_inbox

    metrics = getattr(app.bot_data, "metrics", None)
    inbox = open_inbox(app)

    async def deliver(update: Update) -> None:
        """Kept in the inbox first (several processes), so Telegram's 200 means it is safe."""
        if inbox is None or await inbox.receive(
            update.update_id, chat_key(update), update.to_dict()
        ):
            await app.update_queue.put(update)

    server = WebhookServer(
        webhook.url_path,
        webhook.secret_token,
        deliver,
        webhook.limits,
        refused=(lambda r: metrics.webhook_refused.labels(reason=r).inc()) if metrics else None,
        on_unreadable=metrics.bad_updates.labels(reason="unreadable").inc if metrics else None,
        bot=app.bot,
    )
    await server.start(webhook.listen, webhook.port)
    try:
        await app.bot.set_webhook(
            url=webhook.webhook_url,
            secret_token=webhook.secret_token,
            allowed_updates=Update.ALL_TYPES,
            max_connections=min(webhook.limits.max_connections, 100),
        )
    except BaseException:
        await server.stop()
        raise
    return server


@asynccontextmanager
async def running(
    app: Application, webhook: Webhook | None = None, poll_timeout: int = 10
) -> AsyncIterator[Application]:
    """Start receiving updates (polling or webhook) and stop cleanly on exit.

    Does what ``run_polling`` does (including ``post_init``/``post_shutdown``) without owning
    the event loop, so the CLI, tests and benchmarks share one lifecycle. Webhook updates come
    through our own server (``bot.webhook``), which puts them on the application's queue.
    """
    server: WebhookServer | None = None
    if hasattr(app.bot_data, "polling"):  # one polling process per database (handlers.replica)
        app.bot_data.polling = webhook is None
    await app.initialize()
    try:
        if app.post_init is not None:
            await app.post_init(app)
        await app.start()
        if webhook is None:
            assert app.updater is not None
            await app.updater.start_polling(
                poll_interval=0, timeout=poll_timeout, allowed_updates=Update.ALL_TYPES
            )
        else:
            server = await _start_webhook(app, webhook)
        yield app
    finally:
        runtime = getattr(app.bot_data, "replica", None)
        if runtime is not None and runtime.inbox is not None:
            runtime.inbox.close()  # updates still waiting for their turn go to the others
        if server is not None:
            await server.stop()
        if app.updater is not None and app.updater.running:
            await app.updater.stop()
        if app.running:
            await app.stop()
        await app.shutdown()
        if app.post_shutdown is not None:
            await app.post_shutdown(app)
