"""``localbeat run``: the Telegram bot, by long polling or behind a webhook."""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal

from telegram import Update

from bot.app import build_application
from bot.config import Config, ConfigError

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
    app = build_application(config)
    async with app:
        await app.start()
        if args.webhook:
            assert config.telegram.webhook_secret is not None
            await app.updater.start_webhook(  # type: ignore[union-attr]
                listen=config.telegram.webhook_listen,
                port=config.telegram.webhook_port,
                url_path=WEBHOOK_PATH,
                secret_token=config.telegram.webhook_secret.get_secret_value(),
                webhook_url=f"{config.telegram.webhook_url}/{WEBHOOK_PATH}",
                allowed_updates=Update.ALL_TYPES,
            )
        else:
            await app.updater.start_polling(allowed_updates=Update.ALL_TYPES)  # type: ignore[union-attr]
        log.info("running; press Ctrl+C to stop")
        await _wait_for_signal()
        await app.updater.stop()  # type: ignore[union-attr]
        await app.stop()
    return 0


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("run", help="run the Telegram bot (needs LOCALBEAT_TELEGRAM_TOKEN)")
    p.add_argument("--webhook", action="store_true", help="receive updates by webhook")
    p.set_defaults(func=run)
