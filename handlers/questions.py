"""Free text from a resident: ask the answer service, send what it says.

Two things ride along with an answer. A resident with nothing subscribed gets, once (remembered
in the database), a line saying how to get local updates. And when the answer offers "Send this
to the team", the words are kept against the message carrying the button, so pressing it fills in
/feedback on any process.
"""

from __future__ import annotations

import time
from dataclasses import replace
from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, MessageHandler, filters

from bot.answers import Button, Reply, ReplyKind
from bot.coordinates import parse_coordinates
from bot.feedback.answerer import OFFER_BUTTONS
from bot.subscriptions.onboarding import HINT
from handlers.context import BotData, Context
from handlers.send import send_reply

# Under an answer that gave the resident what they asked; never under 999, a report's routes,
# "Did you mean…", "I don't know" or an offer to pass something on.
HINT_UNDER = (ReplyKind.ANSWER, ReplyKind.STATS, ReplyKind.EVENTS)


async def _with_hint(data: BotData, user_id: int | None, reply: Reply) -> Reply:
    """The once-per-resident line about local updates, under an ordinary answer."""
    if user_id is None or reply.kind not in HINT_UNDER:
        return reply
    if not await data.services.engagement.onboarding.offer_once(user_id):
        return reply
    return replace(reply, text=f"{reply.text}\n\n{HINT}")


async def answer_and_send(
    update: Update, context: Context, text: str, note: str = "", extra: tuple[Button, ...] = ()
) -> Reply:
    """Answer ``text`` in this chat; ``note`` (a line) and ``extra`` buttons go under it."""
    chat = update.effective_chat
    assert chat is not None
    started = time.perf_counter()
    data = context.bot_data
    user_id = update.effective_user.id if update.effective_user else None
    reply = await data.services.answers.answer(text, user_id)
    shown = await _with_hint(data, user_id, reply)
    if note or extra:
        shown = replace(shown, text=f"{shown.text}\n\n{note}".strip(), buttons=(
            *shown.buttons, *extra))  # fmt: skip
    sent = await send_reply(context.bot, chat.id, shown)
    if user_id is not None and sent and any(b.action == OFFER_BUTTONS[0].action
                                            for b in reply.buttons):  # fmt: skip
        await data.services.feedback.offers.put(user_id, sent[-1].message_id, text.strip())
    data.metrics.answers.labels(kind=reply.kind).inc()
    if reply.kind is ReplyKind.FALLBACK:
        data.metrics.fallbacks.inc()
    data.metrics.latency.observe(time.perf_counter() - started)
    return reply


async def answer_text(update: Update, context: Context) -> None:
    message, chat = update.effective_message, update.effective_chat
    if message is None or chat is None or message.text is None:
        return
    typed = parse_coordinates(message.text)
    if typed is not None:  # a location pasted as coordinates: crimes near it, not a "gap"
        reply = await context.bot_data.services.crime.near(*typed)
        await send_reply(context.bot, chat.id, reply)
        context.bot_data.metrics.answers.labels(kind=reply.kind).inc()
        return
    await answer_and_send(update, context, message.text)


def handlers() -> list[BaseHandler[Any, Context, Any]]:
    text = filters.TEXT & ~filters.COMMAND & filters.ChatType.PRIVATE & ~filters.UpdateType.EDITED
    return [MessageHandler(text, answer_text)]
