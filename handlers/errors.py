"""The one error handler: log with context first, then a polite word, never the exception."""

from __future__ import annotations

import logging
import traceback

from telegram import Update
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError, TimedOut

from bot.updates import update_kind
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


def _where(update: object) -> str:
    """Ids and the update's type only: names and message text are personal data."""
    if not isinstance(update, Update):
        return type(update).__name__
    chat = update.effective_chat.id if update.effective_chat else None
    return f"update {update.update_id} ({update_kind(update)}) in chat {chat}"


def _trace(error: BaseException | None) -> str:
    """Where it failed, without the exception's message, which can quote what a resident wrote."""
    if error is None:
        return ""
    frames = "".join(traceback.format_tb(error.__traceback__))
    return f"{type(error).__module__}.{type(error).__qualname__}\n{frames}".rstrip()


async def _stop_spinner(update: Update, context: Context) -> None:
    query = update.callback_query
    assert query is not None
    was_answered = getattr(context.bot, "was_answered", None)
    if was_answered is not None and was_answered(query.id):
        return
    try:
        await query.answer()
    except TelegramError:
        log.info("could not answer the button press of update %s", update.update_id)


async def on_error(update: object, context: Context) -> None:
    metrics = context.bot_data.metrics
    metrics.errors.inc()
    if isinstance(update, Update):
        metrics.bad_updates.labels(reason="failed").inc()
    log.error("error while handling %s: %s", _where(update), _trace(context.error))
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    if update.callback_query is not None and not isinstance(context.error, Forbidden):
        await _stop_spinner(update, context)
    apology = _apology(context.error)
    if apology is None:
        return
    try:
        await context.bot.send_message(update.effective_chat.id, apology)
    except TelegramError:
        log.warning("could not tell chat %s about the error", update.effective_chat.id)
