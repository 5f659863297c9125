"""Knowledge-base buttons (entries, topics) and the catch-all for stale or forged buttons.

Callback data is never trusted: it must match a known shape and name something that exists in the
live knowledge base, otherwise the resident is told the option has expired and shown the menu.
"""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.constants import ParseMode
from telegram.error import BadRequest
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.answers import Reply
from handlers.context import Context
from handlers.render import render
from handlers.send import send_reply
from handlers.start import welcome_reply

EXPIRED = "Sorry, that option has expired. Here is the menu again."


async def _send_or_expire(update: Update, context: Context, reply: Reply | None) -> None:
    query, chat = update.callback_query, update.effective_chat
    if query is None or chat is None:
        return
    if reply is None:
        await expired(update, context)
        return
    await query.answer()
    await send_reply(context.bot, chat.id, reply)
    context.bot_data.metrics.answers.labels(kind=reply.kind).inc()


async def open_entry(update: Update, context: Context) -> None:
    data = (update.callback_query.data if update.callback_query else None) or ""
    reply = context.bot_data.services.answers.entry_reply(data.removeprefix("kb:"))
    await _send_or_expire(update, context, reply)


def topic_page(data: str) -> tuple[str, int]:
    """``topic:NAME`` or ``topic:NAME.PAGE`` as (name, page)."""
    name, _, page = data.removeprefix("topic:").partition(".")
    return name, int(page) if page.isdigit() else 0


async def open_topic(update: Update, context: Context) -> None:
    """A topic's menu; "More…" (``topic:NAME.PAGE``) turns the page of the same message."""
    query = update.callback_query
    name, page = topic_page((query.data if query else None) or "")
    reply = context.bot_data.services.answers.topic_reply(name, page)
    if query is None or reply is None or "." not in (query.data or ""):
        await _send_or_expire(update, context, reply)
        return
    await query.answer()
    pages = render(reply)
    text, markup = pages[-1]
    try:
        await query.edit_message_text(text, parse_mode=ParseMode.HTML, reply_markup=markup)
    except BadRequest as exc:  # a double tap: the page is already shown
        if "not modified" not in exc.message.lower():
            raise


async def expired(update: Update, context: Context) -> None:
    query, chat = update.callback_query, update.effective_chat
    if query is None or chat is None:
        return
    await query.answer(EXPIRED)
    borough = context.bot_data.config.borough.name
    await send_reply(context.bot, chat.id, welcome_reply(borough))


def handlers() -> list[BaseHandler[Any, Context, Any]]:
    return [
        CallbackQueryHandler(open_entry, pattern=r"^kb:[a-z0-9-]{1,50}$"),
        CallbackQueryHandler(open_topic, pattern=r"^topic:[a-z]{1,20}(\.\d{1,2})?$"),
    ]


def catch_all() -> BaseHandler[Any, Context, Any]:
    """Registered last: any button nothing else claimed."""
    return CallbackQueryHandler(expired)


# Until a feature registers its own menu, its button opens the matching knowledge topic, so the
# main menu never leads nowhere.
MENU_FALLBACKS = {
    "crime": "performance",
    "events": "engagement",
    "feedback": "priorities",
    "settings": "about",
}


async def menu_fallback(update: Update, context: Context) -> None:
    data = (update.callback_query.data if update.callback_query else None) or ""
    topic = MENU_FALLBACKS.get(data.removeprefix("menu:"), "")
    reply = context.bot_data.services.answers.topic_reply(topic)
    await _send_or_expire(update, context, reply)


def fallbacks() -> list[BaseHandler[Any, Context, Any]]:
    """Registered after the features, before the catch-all."""
    return [
        CallbackQueryHandler(menu_fallback, pattern=r"^menu:(crime|events|feedback|settings)$"),
        catch_all(),
    ]
