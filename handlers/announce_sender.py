"""The outbox's messenger on Telegram: raw Bot API calls, errors mapped to outbox decisions.

Broadcasts use their own plain ``telegram.Bot`` (same token, its own connection pool) rather than
the application's bot: the application's ``AIORateLimiter`` retries a 429 itself and halts every
request while it waits, whereas the outbox must see each 429 and pause only what must pause. So
every retry decision is the outbox's, and replies to residents never queue behind a broadcast.
"""

from __future__ import annotations

import warnings
from datetime import timedelta

from telegram import Bot, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.warnings import PTBDeprecationWarning

from bot.announcements.sending import Content, RateLimited, Rejected, Temporary, Unreachable
from bot.app import telegram_urls
from bot.config import Config
from bot.tg_request import AiohttpRequest


def retry_seconds(exc: RetryAfter) -> float:
    """``retry_after`` is an int, or a timedelta under PTB_TIMEDELTA (PTB 23's default)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = exc.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def broadcast_bot(config: Config, pool: int) -> Bot:
    assert config.telegram.token is not None
    base, files = telegram_urls(config.telegram.base_url or "https://api.telegram.org")
    return Bot(
        config.telegram.token.get_secret_value(),
        base_url=base,
        base_file_url=files,
        request=AiohttpRequest(connection_pool_size=pool),
    )


class TelegramMessenger:
    def __init__(self, bot: Bot) -> None:
        self._bot = bot

    async def send(self, chat_id: int, content: Content) -> int:
        try:
            if content.photo:
                message = await self._bot.send_photo(
                    chat_id, content.photo, caption=content.html, parse_mode=ParseMode.HTML
                )
            else:
                message = await self._bot.send_message(
                    chat_id, content.html, parse_mode=ParseMode.HTML,
                    link_preview_options=LinkPreviewOptions(is_disabled=True),
                )  # fmt: skip
        except TelegramError as exc:
            raise _mapped(exc) from exc
        return message.message_id

    async def delete(self, chat_id: int, message_id: int) -> None:
        try:
            await self._bot.delete_message(chat_id, message_id)
        except TelegramError as exc:
            raise _mapped(exc) from exc


def _mapped(exc: TelegramError) -> Exception:
    if isinstance(exc, RetryAfter):
        return RateLimited(retry_seconds(exc))
    if isinstance(exc, Forbidden):
        return Unreachable(exc.message)
    if isinstance(exc, BadRequest):  # a subclass of NetworkError: test it first
        return Rejected(exc.message)
    if isinstance(exc, NetworkError):  # timeouts, 5xx, connection errors
        return Temporary(exc.message or type(exc).__name__)
    return Temporary(exc.message)
