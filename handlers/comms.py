"""Comms staff tools: the questions residents asked that the bot could not answer, or only
offered "Did you mean…" suggestions for."""

from __future__ import annotations

import textwrap
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot.roles import Role
from bot.storage import unanswered
from handlers.context import Context
from handlers.render import escape
from handlers.roles import require_role

NO_GAPS = "No unanswered questions in the last 30 days."
# Questions are stored up to 500 characters; ten of those would not fit in one Telegram message.
SHOWN_CHARS = 200
GAPS_ADVICE = (
    "<i>No answer</i>: nothing in the knowledge base came close, so it needs an answer. "
    "<i>Only suggestions offered</i>: the bot asked “Did you mean…”, so adding the question "
    "to the right entry usually fixes it."
)


@require_role(Role.COMMS, "gaps")
async def gaps(update: Update, context: Context) -> None:
    if update.effective_message is None:
        return
    services = context.bot_data.services
    await services.gaps.settle()  # what was asked a moment ago on this replica is listed
    async with services.db.sessions() as session:
        found = await unanswered.top(session, days=30, limit=10)
    if not found:
        await update.effective_message.reply_text(NO_GAPS)
        return
    lines = ["<b>Most asked questions without a clear answer (last 30 days)</b>", ""]
    lines += [
        f"{n}. “{escape(_shown(g.text))}” – {escape(g.tally())}" for n, g in enumerate(found, 1)
    ]
    lines += [
        "",
        GAPS_ADVICE,
        "",
        "Tap a number once a question has an answer in the knowledge base.",
    ]
    markup = InlineKeyboardMarkup(
        [[InlineKeyboardButton(f"{n} handled", callback_data=f"gap:{g.id}")]
         for n, g in enumerate(found, 1)]
    )  # fmt: skip
    await update.effective_message.reply_html("\n".join(lines), reply_markup=markup)


def _shown(text: str) -> str:
    return textwrap.shorten(text, SHOWN_CHARS, placeholder="…")


@require_role(Role.COMMS, "gap-handled")
async def gap_handled(update: Update, context: Context) -> None:
    query = update.callback_query
    if query is None or query.data is None:
        return
    gap_id = int(query.data.removeprefix("gap:"))
    services = context.bot_data.services
    async with services.db.sessions.begin() as session:
        changed = await unanswered.mark_handled(session, gap_id)
    user_id = update.effective_user.id if update.effective_user else None
    await services.audit(user_id, "gap-handled", "ok" if changed else "noop", f"gap {gap_id}")
    await query.answer("Marked as handled." if changed else "Already handled.")


def handlers() -> list[BaseHandler[Any, Context, Any]]:
    return [
        CommandHandler("gaps", gaps),
        CallbackQueryHandler(gap_handled, pattern=r"^gap:\d{1,12}$"),
    ]
