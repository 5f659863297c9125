"""The outbox's messenger on Telegram: raw Bot API calls, errors mapped to outbox decisions.

Broadcasts use their own bot (same token, its own connection pool) rather than the
application's: the application's rate limiter retries replies itself, whereas the outbox must see
each 429, 5xx and lost answer and decide. So every retry decision is the outbox's, and replies
to residents never queue behind a broadcast.
"""

from __future__ import annotations

from telegram import Bot, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.error import TelegramError

from bot.announcements.sending import (
    Content,
    LostAnswer,
    RateLimited,
    Rejected,
    SendError,
    Temporary,
    Unreachable,
)
from bot.config import Config
from bot.outbox import Verdict
from bot.tg_outcome import attempt_for
from bot.tg_retry import outbox_bot


def broadcast_bot(config: Config, pool: int) -> Bot:
    """No retries and no formatting fallback: an officer's checked HTML goes as written."""
    return outbox_bot(config, pool, formatting_fallback=False)


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


def _mapped(exc: TelegramError) -> SendError:
    attempt = attempt_for(exc)
    if attempt.verdict is Verdict.RATE_LIMITED:
        return RateLimited(attempt.retry_after or 1.0)
    if attempt.verdict is Verdict.GONE:
        return Unreachable(exc.message)
    if attempt.verdict is Verdict.REJECTED:
        return Rejected(exc.message)
    if attempt.verdict is Verdict.AMBIGUOUS:
        return LostAnswer(exc.message or type(exc).__name__)
    return Temporary(exc.message or type(exc).__name__)
