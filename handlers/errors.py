"""The one error handler: log with context first, then a polite word, never the exception."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import Forbidden, TelegramError

from handlers.context import Context

log = logging.getLogger("localbeat.errors")

SORRY = (
    "Sorry, something went wrong on our side. Please try again in a moment. "
    "In an emergency call 999."
)


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
    if isinstance(context.error, Forbidden):
        return  # the resident blocked us: nothing can reach them
    try:
        await context.bot.send_message(update.effective_chat.id, SORRY)
    except TelegramError:
        log.warning("could not tell chat %s about the error", update.effective_chat.id)
