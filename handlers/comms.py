"""Comms staff tools: the questions residents asked that the bot could not answer."""

from __future__ import annotations

from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot.roles import Role
from bot.storage import unanswered
from handlers.context import Context
from handlers.render import escape
from handlers.roles import require_role

NO_GAPS = "No unanswered questions in the last 30 days."


@require_role(Role.COMMS, "gaps")
async def gaps(update: Update, context: Context) -> None:
    if update.effective_message is None:
        return
    async with context.bot_data.services.db.sessions() as session:
        found = await unanswered.top(session, days=30, limit=10)
    if not found:
        await update.effective_message.reply_text(NO_GAPS)
        return
    lines = ["<b>Most asked questions without an answer (last 30 days)</b>", ""]
    lines += [f"{n}. “{escape(g.text)}” – asked {g.count}×" for n, g in enumerate(found, 1)]
    lines += ["", "Tap a number once a question has an answer in the knowledge base."]
    markup = InlineKeyboardMarkup(
        [[InlineKeyboardButton(f"{n} handled", callback_data=f"gap:{g.id}")]
         for n, g in enumerate(found, 1)]
    )  # fmt: skip
    await update.effective_message.reply_html("\n".join(lines), reply_markup=markup)


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
