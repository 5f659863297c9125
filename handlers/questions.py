"""Free text from a resident: ask the answer service, send what it says."""

from __future__ import annotations

import time
from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, MessageHandler, filters

from bot.answers import ReplyKind
from handlers.context import Context
from handlers.send import send_reply


async def answer_text(update: Update, context: Context) -> None:
    message, chat = update.effective_message, update.effective_chat
    if message is None or chat is None or message.text is None:
        return
    started = time.perf_counter()
    data = context.bot_data
    user_id = update.effective_user.id if update.effective_user else None
    reply = await data.services.answers.answer(message.text, user_id)
    await send_reply(context.bot, chat.id, reply)
    data.metrics.answers.labels(kind=reply.kind).inc()
    if reply.kind is ReplyKind.FALLBACK:
        data.metrics.fallbacks.inc()
    data.metrics.latency.observe(time.perf_counter() - started)


def handlers() -> list[BaseHandler[Any, Context, Any]]:
    text = filters.TEXT & ~filters.COMMAND & filters.ChatType.PRIVATE & ~filters.UpdateType.EDITED
    return [MessageHandler(text, answer_text)]
