"""The one error handler: log with context first, then a polite word, never the exception."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError, TimedOut

from handlers.context import Context

log = logging.getLogger("localbeat.errors")

SORRY = (
    "Sorry, something went wrong on our side. Please try again in a moment. "
    "In an emergency call 999."
)
TELEGRAM_BUSY = (
    "Sorry, Telegram would not take my answer just now. Please send your message again in a "
    "minute. In an emergency call 999."
)


def _apology(error: object) -> str | None:
    """What to tell the chat, if anything. Replies were already retried (``bot.tg_retry``)."""
    if isinstance(error, Forbidden):
        return None  # the resident blocked us: nothing can reach them
    if isinstance(error, TimedOut):
        return None  # the answer went out and may well have arrived: never "Sorry" as well
    if isinstance(error, RetryAfter | NetworkError) and not isinstance(error, BadRequest):
        return TELEGRAM_BUSY
    return SORRY


async def on_error(update: object, context: Context) -> None:
    context.bot_data.metrics.errors.inc()
    # Ids only: names and message text are personal data and stay out of the logs.
    if isinstance(update, Update):
        chat = update.effective_chat.id if update.effective_chat else None
        where = f"update {update.update_id} in chat {chat}"
    else:
        where = type(update).__name__
    log.error("error while handling %s", where, exc_info=context.error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    apology = _apology(context.error)
    if apology is None:
        return
    try:
        await context.bot.send_message(update.effective_chat.id, apology)
    except TelegramError:
        log.warning("could not tell chat %s about the error", update.effective_chat.id)
