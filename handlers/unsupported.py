"""Messages the bot cannot read (stickers, voice, photos...): one short helpful reply.

Edited messages and channel posts are ignored by design: answering an edit would duplicate the
first answer, and the bot has nothing to say in channels.
"""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, MessageHandler, filters

from handlers.context import Context

CANNOT_READ = (
    "Sorry, I can only read text. Please type your question in words. In an emergency call 999."
)


async def cannot_read(update: Update, context: Context) -> None:
    if update.effective_message is not None:
        await update.effective_message.reply_text(CANNOT_READ)


def handlers() -> list[BaseHandler[Any, Context, Any]]:
    media = (
        filters.ChatType.PRIVATE & ~filters.TEXT & ~filters.UpdateType.EDITED
        & ~filters.StatusUpdate.ALL
    )  # fmt: skip
    return [MessageHandler(media, cannot_read)]
