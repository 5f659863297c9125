"""``/privacy`` (written from the retention periods in the config), ``/mydata`` (a JSON file of
all we hold) and ``/forget`` (after confirming)."""

from __future__ import annotations

import json
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InputFile, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, filters

from bot.retention.policy import privacy_text
from handlers.context import Context
from handlers.feedback_outbox import drain_soon

FORGET_ASK = (
    "This deletes everything Local Beat holds about you: your record, subscriptions, "
    "reminders and feedback. Feedback you sent is also withdrawn from the team’s chat, as far "
    "as Telegram allows. It cannot be undone. Are you sure?"
)
FORGET_DONE = "Done: everything we held about you has been deleted ({rows} records)."
# Only as true as Telegram lets it be: a bot may always edit its own post, but may delete a
# group message only within 48 hours unless it has the right to, and cannot blank a photo.
FORGET_TEAM_COPIES = (
    "\n\nIn the team’s chat, your feedback is being changed to read “(withdrawn by the "
    "resident)”: the team keeps only its reference, topic, area, date and status. Answers and "
    "photos the bot passed on for you are being deleted. Where Telegram no longer allows that "
    "(usually after 48 hours), the words are replaced with the same note, but a photo stays "
    "visible to the team."
)
FORGET_KEPT = "Nothing was deleted."


async def privacy(update: Update, context: Context) -> None:
    if update.effective_message is not None:
        config = context.bot_data.config
        text = privacy_text(config.retention, config.borough.name)
        await update.effective_message.reply_text(text)


async def mydata(update: Update, context: Context) -> None:
    user, message = update.effective_user, update.effective_message
    if user is None or message is None:
        return
    data = await context.bot_data.services.privacy.export(user.id)
    body = json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
    await message.reply_document(
        InputFile(body, filename=f"localbeat-data-{user.id}.json"),
        caption="Everything Local Beat holds about you.",
    )


async def forget(update: Update, context: Context) -> None:
    if update.effective_message is None:
        return
    buttons = InlineKeyboardMarkup(
        [[
            InlineKeyboardButton("Yes, delete my data", callback_data="forget:yes"),
            InlineKeyboardButton("No, keep it", callback_data="forget:no"),
        ]]
    )  # fmt: skip
    await update.effective_message.reply_text(FORGET_ASK, reply_markup=buttons)


async def forget_answer(update: Update, context: Context) -> None:
    query, user = update.callback_query, update.effective_user
    if query is None or user is None:
        return
    await query.answer()
    if query.data == "forget:yes":
        services = context.bot_data.services
        had_feedback = await services.feedback.has_items(user.id)
        rows = await services.privacy.forget(user.id)
        context.bot_data.touched.pop(user.id, None)
        done = FORGET_DONE.format(rows=rows)
        await query.edit_message_text(done + FORGET_TEAM_COPIES if had_feedback else done)
        if had_feedback:
            drain_soon(context)  # the team chat's copies, without waiting for the timer
    else:
        await query.edit_message_text(FORGET_KEPT)


def handlers() -> list[BaseHandler[Any, Context, Any]]:
    private = filters.ChatType.PRIVATE
    return [
        CommandHandler("privacy", privacy, filters=private),
        CommandHandler("mydata", mydata, filters=private),
        CommandHandler("forget", forget, filters=private),
        CallbackQueryHandler(forget_answer, pattern=r"^forget:(yes|no)$"),
    ]
