"""Cross-cutting checks that run before any other handler (negative groups), and one after all.

Group -3 is the emergency guard: a message describing danger now gets "call 999" and nothing else
runs. Group -2 counts the update, remembers when the resident was last seen and throttles floods
(a throttled button press is still answered, so its spinner stops). Group 99 answers any button
press that no handler answered.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from sqlalchemy.exc import SQLAlchemyError
from telegram import Update
from telegram.error import TelegramError
from telegram.ext import (
    ApplicationHandlerStop,
    BaseHandler,
    CallbackQueryHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.answers import Reply, ReplyKind
from bot.safety import EMERGENCY_REPLY, Verdict, assess
from bot.tg_bot import LocalBeatBot
from bot.throttle import Decision
from handlers.context import BotData, Context
from handlers.crime import PENDING
from handlers.send import send_reply

log = logging.getLogger(__name__)

TOUCH_EVERY = 600.0
# Flows a resident may be in the middle of; an emergency ends them, so what follows the 999 reply
# is not taken as their next step. (The /feedback draft ends in group -4, ``handlers.feedback``.)
ENDS_ON_EMERGENCY = (PENDING.kind,)
FLOOD_NOTICE = (
    "You’re sending messages faster than I can answer. Please wait a few seconds and try "
    "again. In an emergency call 999."
)


async def emergency_guard(update: Update, context: Context) -> None:
    message = update.effective_message
    if message is None or not message.text or update.effective_chat is None:
        return
    verdict = assess(message.text)
    if verdict.verdict is not Verdict.EMERGENCY:
        return
    context.bot_data.metrics.answers.labels(kind=ReplyKind.EMERGENCY).inc()
    reply = Reply(ReplyKind.EMERGENCY, EMERGENCY_REPLY, meta={"reason": verdict.reason})
    await send_reply(context.bot, update.effective_chat.id, reply)
    if update.effective_user is not None:
        await _end_flows(context.bot_data, update.effective_user.id)
    raise ApplicationHandlerStop


async def _end_flows(data: BotData, user_id: int) -> None:
    """After the 999 reply, which never waits for this."""
    try:
        await data.services.states.drop_kinds(user_id, ENDS_ON_EMERGENCY)
    except SQLAlchemyError as exc:
        log.warning("could not end the flows of user %s: %s", user_id, type(exc).__name__)


async def _touch(data: BotData, user_id: int, language: str | None) -> None:
    """Bookkeeping: if the database stays busy, the resident is still answered, once."""
    try:
        await data.services.touch_resident(user_id, language)
    except SQLAlchemyError as exc:
        log.warning("could not record when user %s was last seen: %s", user_id,
                    type(exc).__name__)  # fmt: skip


async def housekeeping(update: Update, context: Context) -> None:
    data = context.bot_data
    data.metrics.updates.inc()
    user = update.effective_user
    if user is None or user.is_bot:
        return
    now = time.monotonic()
    if now - data.touched.get(user.id, -TOUCH_EVERY) >= TOUCH_EVERY:
        data.touched[user.id] = now
        await _touch(data, user.id, user.language_code)
    if data.throttle is None or update.effective_chat is None:
        return
    decision = data.throttle.check(user.id)
    if decision is Decision.ALLOW:
        return
    notify = decision is Decision.NOTIFY
    if update.callback_query is not None:
        await update.callback_query.answer(FLOOD_NOTICE if notify else None)
    elif notify and update.effective_message is not None:
        await update.effective_message.reply_text(FLOOD_NOTICE)
    raise ApplicationHandlerStop


async def answer_leftover_press(update: Update, context: Context) -> None:
    """The last handler: a press no handler answered (an early return, a failure) is answered."""
    query = update.callback_query
    bot = context.bot
    if query is None or not isinstance(bot, LocalBeatBot) or bot.was_answered(query.id):
        return
    try:
        await query.answer()
    except TelegramError as exc:  # too old, or answered by a path that bypassed the record
        log.info("could not answer button press %s: %s", query.id, type(exc).__name__)


def handlers() -> list[tuple[int, BaseHandler[Any, Context, Any]]]:
    private_text = filters.TEXT & filters.ChatType.PRIVATE & ~filters.UpdateType.EDITED
    return [
        (-3, MessageHandler(private_text, emergency_guard)),
        (-2, TypeHandler(Update, housekeeping)),
        (99, CallbackQueryHandler(answer_leftover_press)),
    ]
