"""``localbeat run``: the Telegram bot, by long polling or behind a webhook."""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
from functools import partial

from telegram.error import InvalidToken, NetworkError

from bot.app import Webhook, build_application, running
from bot.config import Config, ConfigError
from bot.replicas.single import sqlite_run_lock
from bot.services import open_services
from bot.webhook import WebhookLimits

log = logging.getLogger(__name__)
WEBHOOK_PATH = "telegram"


async def _wait_for_signal() -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()


async def run(args: argparse.Namespace, config: Config) -> int:
    if args.webhook and (config.telegram.webhook_secret is None or not config.telegram.webhook_url):
        raise ConfigError(
            "webhook mode needs telegram.webhook_url in the config and a secret in "
            "LOCALBEAT_WEBHOOK_SECRET (Telegram sends it back with every update)"
        )
    lock = sqlite_run_lock(config)  # held until the process ends
    webhook = None
    if args.webhook:
        tg = config.telegram
        assert tg.webhook_secret is not None
        webhook = Webhook(
            listen=tg.webhook_listen,
            port=tg.webhook_port,
            url_path=WEBHOOK_PATH,
            secret_token=tg.webhook_secret.get_secret_value(),
            webhook_url=f"{tg.webhook_url}/{WEBHOOK_PATH}",
            limits=WebhookLimits(
                max_connections=tg.webhook_max_connections,
                idle_timeout_s=tg.webhook_idle_timeout_s,
                body_timeout_s=tg.webhook_body_timeout_s,
            ),
        )
    try:
        # Residents are answered from the first second; the model joins in when it is ready.
        app = build_application(config, services_factory=partial(open_services, wait=False))
        async with running(app, webhook):
            log.info("running; press Ctrl+C to stop")
            await _wait_for_signal()
    except InvalidToken:
        raise ConfigError(
            "telegram.token (LOCALBEAT_TELEGRAM_TOKEN): Telegram refused the token; copy it "
            "again from @BotFather"
        ) from None
    except NetworkError as exc:
        where = config.telegram.base_url or "https://api.telegram.org"
        raise ConfigError(
            f"telegram.base_url (LOCALBEAT_TELEGRAM_BASE_URL): cannot reach the Bot API at "
            f"{where} ({type(exc).__name__})"
        ) from None
    except OSError as exc:  # an address to listen on is taken or not ours
        tg, http = config.telegram, config.http
        places = f"http.host/http.port {http.host}:{http.port}"
        if webhook is not None:
            places += f" or telegram.webhook_listen/port {tg.webhook_listen}:{tg.webhook_port}"
        raise ConfigError(
            f"cannot listen on {places} ({exc.strerror or type(exc).__name__})"
        ) from None
    finally:
        if lock is not None:
            lock.close()
    return 0


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("run", help="run the Telegram bot (needs LOCALBEAT_TELEGRAM_TOKEN)")
    p.add_argument("--webhook", action="store_true", help="receive updates by webhook")
    p.set_defaults(func=run)
