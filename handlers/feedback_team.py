"""The team's side of feedback: status buttons on each post, replies relayed to the resident,
tallies, the CSV export and blocking a resident by reference (never by who they are).

Only officers may act. A button press or reply by anyone else is refused and written to the
audit log, as every privileged command is.
"""

from __future__ import annotations

import re
from typing import Any

from telegram import ForceReply, InputFile, Message, ReplyParameters, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.feedback import tallies
from bot.feedback.service import Action, BlockOutcome, Change, Relay
from bot.roles import Role, has_role
from handlers.context import Context
from handlers.feedback_outbox import drain_soon
from handlers.roles import REFUSED, ROLE_NAMES, Handler, require_role

BUTTON = re.compile(r"^fbt:(ack|mine|close)\.(\d{1,12})$")
PRESSED: dict[Change, str | dict[Action, str]] = {
    Change.CHANGED: {
        Action.ACKNOWLEDGE: "Acknowledged; the resident has been told.",
        Action.ASSIGN: "Assigned to you; the resident has been told someone is on it.",
    },
    Change.UNCHANGED: "Nothing to change: it is already {status}.",
    Change.CLOSED: "This item is already closed.",
    Change.MISSING: "That item no longer exists.",
}
# Only what is true: a resident who withdrew their feedback is told nothing, and one who already
# heard that someone is on it is not told again.
WITHDRAWN_NOT_TOLD = "The resident withdrew this feedback, so nobody was told."
DONE = {Action.ACKNOWLEDGE: "Acknowledged.", Action.ASSIGN: "Assigned to you."}
ALREADY_TOLD = "The resident already knows someone is on it."
CLOSE_PROMPT = "Reply to this message with a closing note for {ref}. {who}"
NOT_FEEDBACK = "That message is not a feedback item, so nothing was sent to anyone."
ONLY_TEXT_PHOTO = "Only text and photos can be passed on to the resident."
RELAY_REPLIES = {
    Relay.QUEUED: "Sent to the resident ({ref}).",
    Relay.NOT_ALLOWED: "The resident asked not to be contacted about {ref}, so this was not sent.",
    Relay.UNREACHABLE: "The resident behind {ref} asked us to delete their data: they can’t be "
    "reached.",
}
BLOCK_USAGE = "Usage: /blockfeedback HW-2026-00042 the reason (the reason is kept for the record)."
UNBLOCK_USAGE = "Usage: /unblockfeedback HW-2026-00042"
BLOCK_REPLIES = {
    BlockOutcome.BLOCKED: "The sender of {ref} can no longer send feedback. Reason recorded.",
    BlockOutcome.ALREADY: "The sender of {ref} was already blocked.",
    BlockOutcome.UNBLOCKED: "The sender of {ref} can send feedback again.",
    BlockOutcome.NOT_BLOCKED: "The sender of {ref} was not blocked.",
    BlockOutcome.NOT_FOUND: "No feedback item has the reference {ref}.",
    BlockOutcome.UNREACHABLE: "The sender of {ref} asked us to delete their data.",
}


def _officer_name(update: Update) -> str:
    user = update.effective_user
    return user.first_name if user is not None else "an officer"


async def _press(update: Update, context: Context, action: Action) -> None:
    query, user = update.callback_query, update.effective_user
    match = BUTTON.match(query.data or "") if query is not None else None
    if query is None or user is None or match is None:
        return
    feedback = context.bot_data.services.feedback
    item_id = int(match[2])
    if action is Action.CLOSE:
        await _ask_close_note(update, context, item_id)
        return
    result = await feedback.change_status(item_id, action, user.id, _officer_name(update))
    answer = PRESSED[result.change]
    text = answer[action] if isinstance(answer, dict) else answer
    if result.change is Change.CHANGED and not result.told:
        withdrawn = result.item is not None and result.item.resident_id is None
        text = f"{DONE[action]} {WITHDRAWN_NOT_TOLD if withdrawn else ALREADY_TOLD}"
    status = result.item.status.replace("_", " ") if result.item else ""
    await query.answer(text.format(status=status))
    if result.change is Change.CHANGED:
        drain_soon(context)


def _button(action: Action) -> Handler:
    @require_role(Role.OFFICER, f"feedback-{action}")
    async def pressed(update: Update, context: Context) -> None:
        await _press(update, context, action)

    return pressed


async def _ask_close_note(update: Update, context: Context, item_id: int) -> None:
    query, chat = update.callback_query, update.effective_chat
    if query is None or chat is None:
        return
    feedback = context.bot_data.services.feedback
    item = await feedback.item(item_id)
    if item is None or not item.is_open:
        await query.answer(str(PRESSED[Change.CLOSED if item else Change.MISSING]))
        return
    who = (
        "The resident will see it."
        if item.may_reply
        else "The resident asked for no replies: they will only hear that it is closed."
    )
    reply_to = query.message.message_id if query.message is not None else item.team_message_id
    prompt = await context.bot.send_message(
        chat.id,
        CLOSE_PROMPT.format(ref=item.reference, who=who),
        reply_markup=ForceReply(input_field_placeholder="Closing note"),
        reply_parameters=ReplyParameters(reply_to, allow_sending_without_reply=True)
        if reply_to
        else None,
        message_thread_id=item.team_thread_id,
    )
    await feedback.link(item.id, chat.id, prompt.message_id, "close_prompt")
    await query.answer("Reply to my message with a closing note.")


# ------------------------------------------------------------------------ team replies


async def team_reply(update: Update, context: Context) -> None:
    message, user = update.effective_message, update.effective_user
    services = context.bot_data.services
    if message is None or user is None or message.chat_id != services.config.telegram.team_chat_id:
        return
    target = message.reply_to_message
    if target is None or target.from_user is None or target.from_user.id != context.bot.id:
        return  # the team talking among themselves
    if target.forum_topic_created is not None:
        return  # a plain message in a topic "replies" to the topic's first message
    found = await services.feedback.find_link(message.chat_id, target.message_id)
    if found is None:
        await message.reply_text(NOT_FEEDBACK)
        return
    if not has_role(user.id, Role.OFFICER, services.config.roles):
        await services.audit(user.id, "feedback-reply", "refused", "needs role officer")
        await message.reply_text(REFUSED.format(role=ROLE_NAMES[Role.OFFICER]))
        return
    item, purpose = found
    text = (message.text or message.caption or "").strip()
    photo = message.photo[-1].file_id if message.photo else None
    if not text and photo is None:
        await message.reply_text(ONLY_TEXT_PHOTO)
        return
    if purpose == "close_prompt":
        await _close_with_note(update, context, message, item.id, text)
        return
    outcome = await services.feedback.relay_to_resident(item.id, text, photo)
    await services.audit(user.id, "feedback-reply", str(outcome), item.reference)
    await message.reply_text(RELAY_REPLIES.get(outcome, "{ref}").format(ref=item.reference))
    if outcome is Relay.QUEUED:
        drain_soon(context)


async def _close_with_note(
    update: Update, context: Context, message: Message, item_id: int, note: str
) -> None:
    user = update.effective_user
    if user is None:
        return
    feedback = context.bot_data.services.feedback
    result = await feedback.change_status(
        item_id, Action.CLOSE, user.id, _officer_name(update), note or None
    )
    ref = result.item.reference if result.item else ""
    if result.change is Change.CHANGED:
        told = "; the resident has been told." if result.told else f". {WITHDRAWN_NOT_TOLD}"
        await message.reply_text(f"Closed {ref}{told}")
        drain_soon(context)
    else:
        await message.reply_text(f"{ref} was already closed." if ref else NOT_FEEDBACK)


# ---------------------------------------------------------------------------- commands


@require_role(Role.OFFICER, "feedback-priorities")
async def priorities(update: Update, context: Context) -> None:
    message, chat = update.effective_message, update.effective_chat
    if message is None or chat is None:
        return
    services = context.bot_data.services
    zone = services.config.feedback.timezone
    now = services.feedback.clock()
    if context.args and context.args[0].lower() == "csv":
        data = tallies.to_csv(await services.feedback.all_items(), zone).encode("utf-8")
        name = f"feedback-{now:%Y-%m-%d}.csv"
        await context.bot.send_document(
            chat.id, InputFile(data, filename=name), caption="All feedback items, no personal ids."
        )
        return
    periods = [await tallies.period(services.db, now, days) for days in (7, 30)]
    await message.reply_text(tallies.render(periods, now, zone))


def _reference_and_rest(context: Context) -> tuple[str, str]:
    args = context.args or []
    return (args[0] if args else ""), " ".join(args[1:]).strip()


@require_role(Role.OFFICER, "feedback-block")
async def block(update: Update, context: Context) -> None:
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    reference, reason = _reference_and_rest(context)
    if not reference or not reason:
        await message.reply_text(BLOCK_USAGE)
        return
    outcome = await context.bot_data.services.feedback.block(reference, user.id, reason)
    await message.reply_text(BLOCK_REPLIES[outcome].format(ref=reference.upper()))


@require_role(Role.OFFICER, "feedback-unblock")
async def unblock(update: Update, context: Context) -> None:
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    reference, _ = _reference_and_rest(context)
    if not reference:
        await message.reply_text(UNBLOCK_USAGE)
        return
    outcome = await context.bot_data.services.feedback.unblock(reference, user.id)
    await message.reply_text(BLOCK_REPLIES[outcome].format(ref=reference.upper()))


def handlers() -> list[BaseHandler[Any, Context, Any]]:
    replies = (
        filters.ChatType.GROUPS & filters.REPLY & ~filters.COMMAND & ~filters.UpdateType.EDITED
    )
    return [
        CommandHandler("priorities", priorities),
        CommandHandler("blockfeedback", block),
        CommandHandler("unblockfeedback", unblock),
        *(
            CallbackQueryHandler(_button(a), pattern=rf"^fbt:{a}\.\d{{1,12}}$")
            for a in (Action.ACKNOWLEDGE, Action.ASSIGN, Action.CLOSE)
        ),
        MessageHandler(replies, team_reply),
    ]
