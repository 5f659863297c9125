"""The resident's side of feedback: the /feedback flow, /myfeedback, and answers to the team.

The flow keeps its draft in the database (``bot.feedback.drafts``) rather than in a
ConversationHandler or ``user_data``, so a restart, or the next message landing on another
process, continues where the resident was. An emergency ends the draft (group -4, before the
emergency guard answers with 999 and nothing else), a restarted flow invalidates the previous
one's buttons (each draft has a token in its callback data), and typed input reaches the flow
from group -1, before free-text answering, only while a draft is open. Each step is saved before
its question is asked.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Sequence
from typing import Any
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ParseMode
from telegram.ext import (
    ApplicationHandlerStop,
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.answers import Reply, ReplyKind
from bot.feedback.catalogue import PRIORITY_LABELS, Priority, priority_label, status_label
from bot.feedback.drafts import FlowDraft
from bot.feedback.service import Draft, Refusal, Refused, Relay
from bot.feedback.wording import (
    ASK_REPLY,
    CANCELLED,
    EMPTY,
    EXPIRED,
    INTRO,
    NO_OPEN_ITEMS,
    NOTHING_TO_CANCEL,
    REFUSALS,
    RELAY_CLOSED,
    RELAYED,
    TOO_LONG,
    USE_BUTTONS,
)
from bot.safety import EMERGENCY_REPLY, Verdict, assess
from handlers.context import Context
from handlers.feedback_outbox import drain_soon
from handlers.render import escape
from handlers.send import send_reply

COMMANDS = [("feedback", "Tell the team your priorities"), ("myfeedback", "Your open feedback")]
BUTTON = re.compile(r"^fb:([0-9a-f]{6})\.([a-z])\.([A-Za-z0-9_-]{1,20})$")
PRIORITY, WARD, MESSAGE, REPLY, CONFIRM = "p", "w", "m", "r", "c"

ASK_WARD = "Which ward is it about? Choose one below, or share a location (📎 → Location)."
ASK_MESSAGE = (
    "Now tell the team in your own words (up to {limit:,} characters). You can add one photo. "
    "Please leave out names and anything that identifies other people."
)
ONLY_TEXT_PHOTO = "I can take text and one photo only. Please type your message."
WARD_UNKNOWN = "I don’t know that ward. Please choose one of the buttons, or share a location."
PHOTO_ONLY = "Thanks for the photo. Now type your message in words."


async def _draft(context: Context, resident_id: int) -> FlowDraft | None:
    return await context.bot_data.services.feedback.drafts.get(resident_id)


async def _save(context: Context, draft: FlowDraft) -> None:
    await context.bot_data.services.feedback.drafts.save(draft)


def _keyboard(rows: list[list[tuple[str, str]]]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=data) for label, data in row] for row in rows]
    )


def _b(draft: FlowDraft, step: str, value: str) -> str:
    return f"fb:{draft.token}.{step}.{value}"


async def _say(
    context: Context, chat_id: int, text: str, markup: InlineKeyboardMarkup | None = None
) -> Message:
    return await context.bot.send_message(
        chat_id, escape(text), parse_mode=ParseMode.HTML, reply_markup=markup
    )


# ---------------------------------------------------------------------------- the flow


async def _begin(update: Update, context: Context, prefill: str = "") -> None:
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None:
        return
    services = context.bot_data.services
    refusal = await services.feedback.refusal(user.id)
    if refusal is not None:
        await _refuse(context, chat.id, refusal)
        return
    draft = FlowDraft(
        user.id, secrets.token_hex(3), PRIORITY, services.feedback.clock(), text=prefill
    )
    await _save(context, draft)
    rows = [[(label, _b(draft, PRIORITY, str(p)))] for p, label in PRIORITY_LABELS.items()]
    rows.append([("Cancel", _b(draft, "x", "cancel"))])
    borough = services.config.borough.name
    await _say(context, chat.id, INTRO.format(borough=borough), _keyboard(rows))


async def _refuse(context: Context, chat_id: int, refusal: Refusal) -> None:
    config = context.bot_data.config
    text = REFUSALS[refusal].format(borough=config.borough.name, limit=config.feedback.daily_limit)
    await _say(context, chat_id, text)


async def feedback_command(update: Update, context: Context) -> None:
    if update.effective_chat is not None and update.effective_chat.type == "private":
        await _begin(update, context)


async def feedback_button(update: Update, context: Context) -> None:
    """``menu:feedback`` from the main menu, or ``fb:offer`` under a message that sounded like a
    priority (its text is then the draft's message)."""
    query, user = update.callback_query, update.effective_user
    if query is None or user is None:
        return
    await query.answer()
    prefill = ""
    if query.data == "fb:offer":
        prefill = await context.bot_data.services.feedback_offers.take(user.id) or ""
    await _begin(update, context, prefill)


async def _ask_ward(context: Context, chat_id: int, draft: FlowDraft) -> None:
    wards = context.bot_data.config.borough.wards
    buttons = [(w, _b(draft, WARD, str(i))) for i, w in enumerate(wards)]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    rows.append([("Not sure / the whole borough", _b(draft, WARD, "none"))])
    rows.append([("Cancel", _b(draft, "x", "cancel"))])
    draft.step = WARD
    await _save(context, draft)
    await _say(context, chat_id, ASK_WARD, _keyboard(rows))


async def _after_place(context: Context, chat_id: int, draft: FlowDraft) -> None:
    if draft.text and _text_problem(context, draft.text) is None:
        await _ask_reply(context, chat_id, draft)  # the offered text is the message
        return
    draft.text = ""
    draft.step = MESSAGE
    await _save(context, draft)
    limit = context.bot_data.config.feedback.max_text
    await _say(context, chat_id, ASK_MESSAGE.format(limit=limit))


async def _ask_reply(context: Context, chat_id: int, draft: FlowDraft) -> None:
    draft.step = REPLY
    await _save(context, draft)
    rows = [
        [("Yes, the team may reply", _b(draft, REPLY, "yes"))],
        [("No replies, please", _b(draft, REPLY, "no"))],
    ]
    await _say(context, chat_id, ASK_REPLY, _keyboard(rows))


def _summary(context: Context, draft: FlowDraft) -> str:
    where = draft.ward or ("a shared location" if draft.latitude is not None else "not given")
    lines = [
        "Please check before it goes to the team:",
        f"About: {priority_label(draft.priority or '')}",
        f"Where: {where}",
        f"Replies: {'the team may reply' if draft.may_reply else 'no replies'}",
    ]
    if draft.photo:
        lines.append("Photo: attached")
    lines += ["", f"“{draft.text}”", "", "Send this to the team?"]
    return "\n".join(lines)


async def _ask_confirm(context: Context, chat_id: int, draft: FlowDraft) -> None:
    draft.step = CONFIRM
    await _save(context, draft)
    rows = [
        [("Send to the team", _b(draft, CONFIRM, "send"))],
        [("Cancel", _b(draft, "x", "cancel"))],
    ]
    await _say(context, chat_id, _summary(context, draft), _keyboard(rows))


async def on_button(update: Update, context: Context) -> None:
    query, chat, user = update.callback_query, update.effective_chat, update.effective_user
    if query is None or chat is None or user is None or query.data is None:
        return
    match = BUTTON.match(query.data)
    draft = await _draft(context, user.id)
    if match is None or draft is None or draft.token != match[1]:
        await query.answer(EXPIRED, show_alert=True)
        return
    step, value = match[2], match[3]
    if step == "x":
        await query.answer()
        await _cancel(context, user.id, chat.id)
        return
    if step != draft.step:
        await query.answer("That choice is already made.")
        return
    await query.answer()
    await STEP_BUTTONS[step](update, context, draft, value)


async def _priority(update: Update, context: Context, draft: FlowDraft, value: str) -> None:
    if value not in {str(p) for p in Priority} or update.effective_chat is None:
        return
    draft.priority = value
    await _ask_ward(context, update.effective_chat.id, draft)


async def _ward(update: Update, context: Context, draft: FlowDraft, value: str) -> None:
    wards = context.bot_data.config.borough.wards
    if update.effective_chat is None:
        return
    if value != "none":
        if not value.isdigit() or int(value) >= len(wards):
            return
        draft.ward = wards[int(value)]
    await _after_place(context, update.effective_chat.id, draft)


async def _trim(update: Update, context: Context, draft: FlowDraft, value: str) -> None:
    if value != "trim" or not draft.overlong or update.effective_chat is None:
        return
    draft.text = draft.overlong[: context.bot_data.config.feedback.max_text].rstrip()
    draft.overlong = ""
    await _ask_reply(context, update.effective_chat.id, draft)


async def _reply_choice(update: Update, context: Context, draft: FlowDraft, value: str) -> None:
    if value not in ("yes", "no") or update.effective_chat is None:
        return
    draft.may_reply = value == "yes"
    await _ask_confirm(context, update.effective_chat.id, draft)


async def _send(update: Update, context: Context, draft: FlowDraft, value: str) -> None:
    """Store the item; its receipt (this confirmation, turned into it) and its post go through
    the outbox, queued in the item's own transaction, which also ends the draft."""
    query, user, chat = update.callback_query, update.effective_user, update.effective_chat
    if value != "send" or query is None or user is None or chat is None or not draft.priority:
        return
    services = context.bot_data.services
    shown = query.message.message_id if isinstance(query.message, Message) else None
    try:
        await services.feedback.submit(
            Draft(
                user.id, Priority(draft.priority), draft.text, draft.may_reply, draft.ward,
                draft.latitude, draft.longitude, draft.photo,
            ),
            receipt=(chat.id, shown),
        )  # fmt: skip
    except Refused as refused:
        await services.feedback.drafts.discard(user.id)
        await _refuse(context, chat.id, refused.reason)
        return
    drain_soon(context)


STEP_BUTTONS = {
    PRIORITY: _priority,
    WARD: _ward,
    MESSAGE: _trim,
    REPLY: _reply_choice,
    CONFIRM: _send,
}


async def _cancel(context: Context, resident_id: int, chat_id: int) -> None:
    had = await context.bot_data.services.feedback.drafts.discard(resident_id)
    await _say(context, chat_id, CANCELLED if had else NOTHING_TO_CANCEL)


async def cancel_command(update: Update, context: Context) -> None:
    if update.effective_chat is not None and update.effective_user is not None:
        await _cancel(context, update.effective_user.id, update.effective_chat.id)


# ------------------------------------------------------------------------- typed input


def _text_problem(context: Context, text: str) -> str | None:
    limit = context.bot_data.config.feedback.max_text
    if not text.strip():
        return EMPTY
    if len(text) > limit:
        return TOO_LONG.format(n=len(text), limit=limit)
    return None


async def _message_input(context: Context, message: Message, draft: FlowDraft) -> None:
    chat_id = message.chat_id
    if message.photo:
        draft.photo = message.photo[-1].file_id
        if not message.caption:
            await _save(context, draft)
            await _say(context, chat_id, PHOTO_ONLY)
            return
    text = message.text or message.caption
    if text is None:
        await _say(context, chat_id, ONLY_TEXT_PHOTO)
        return
    problem = _text_problem(context, text)
    if problem is None:
        draft.text, draft.overlong = text.strip(), ""
        await _ask_reply(context, chat_id, draft)
        return
    if problem is EMPTY:
        await _say(context, chat_id, EMPTY)
        return
    draft.overlong = text
    await _save(context, draft)
    limit = context.bot_data.config.feedback.max_text
    rows = [
        [(f"Use the first {limit:,} characters", _b(draft, MESSAGE, "trim"))],
        [("Cancel", _b(draft, "x", "cancel"))],
    ]
    await _say(context, chat_id, problem, _keyboard(rows))


async def _ward_input(context: Context, message: Message, draft: FlowDraft) -> None:
    if message.location is not None:
        draft.latitude, draft.longitude = message.location.latitude, message.location.longitude
        await _after_place(context, message.chat_id, draft)
        return
    wards = {w.casefold(): w for w in context.bot_data.config.borough.wards}
    typed = (message.text or "").strip().casefold()
    if typed in wards:
        draft.ward = wards[typed]
        await _after_place(context, message.chat_id, draft)
        return
    await _say(context, message.chat_id, WARD_UNKNOWN)


async def _flow_input(context: Context, message: Message, draft: FlowDraft) -> None:
    if draft.step == MESSAGE:
        await _message_input(context, message, draft)
    elif draft.step == WARD:
        await _ward_input(context, message, draft)
    else:
        await _say(context, message.chat_id, USE_BUTTONS)


async def private_input(update: Update, context: Context) -> None:
    """Group -1: input for an open draft, or an answer to the team; anything else passes on."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    draft = await _draft(context, user.id)
    if draft is not None or message.reply_to_message is not None:
        await _caption_guard(update, context, message, user.id)
    if draft is not None:
        await _flow_input(context, message, draft)
        raise ApplicationHandlerStop
    if await _answer_to_team(context, message, user.id):
        raise ApplicationHandlerStop


async def _caption_guard(
    update: Update, context: Context, message: Message, resident_id: int
) -> None:
    """The emergency guard reads text only; a photo's caption in this flow is checked here."""
    if not message.caption or assess(message.caption).verdict is not Verdict.EMERGENCY:
        return
    await context.bot_data.services.feedback.drafts.discard(resident_id)
    await send_reply(context.bot, message.chat_id, Reply(ReplyKind.EMERGENCY, EMERGENCY_REPLY))
    raise ApplicationHandlerStop


async def end_draft_on_emergency(update: Update, context: Context) -> None:
    """Group -4, just before the emergency guard: a message describing danger now ends the
    resident's draft, so what follows the 999 reply is not taken as feedback."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None or not message.text:
        return
    if assess(message.text).verdict is Verdict.EMERGENCY:
        await context.bot_data.services.feedback.drafts.discard(user.id)


async def _answer_to_team(context: Context, message: Message, user_id: int) -> bool:
    target = message.reply_to_message
    if target is None or target.from_user is None or target.from_user.id != context.bot.id:
        return False
    services = context.bot_data.services
    found = await services.feedback.find_link(message.chat_id, target.message_id)
    if found is None:
        return False
    item, _purpose = found
    photo = message.photo[-1].file_id if message.photo else None
    text = (message.text or message.caption or "").strip()
    if not text and photo is None:
        await _say(context, message.chat_id, ONLY_TEXT_PHOTO)
        return True
    problem = _text_problem(context, text) if text else None
    if problem is not None:
        await _say(context, message.chat_id, problem.split(" I’ve kept")[0] + " Please send a "
                   "shorter version.")  # fmt: skip
        return True
    outcome = await services.feedback.relay_to_team(item.id, user_id, text, photo)
    if outcome is Relay.QUEUED:
        await _say(context, message.chat_id, RELAYED.format(ref=item.reference))
        drain_soon(context)
    elif outcome is Relay.BLOCKED:
        await _refuse(context, message.chat_id, Refusal.BLOCKED)
    else:
        await _say(context, message.chat_id, RELAY_CLOSED.format(ref=item.reference))
    return True


# ------------------------------------------------------------------------------ /myfeedback


async def my_feedback(update: Update, context: Context) -> None:
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None:
        return
    services = context.bot_data.services
    items = await services.feedback.open_items(user.id)
    if not items:
        await _say(context, chat.id, NO_OPEN_ITEMS)
        return
    zone = services.config.feedback.timezone
    lines = ["Your open feedback:"]
    for item in items:
        when = item.created_at.astimezone(ZoneInfo(zone)).strftime("%d %b %Y")
        lines.append(
            f"• {item.reference} ({when}): {priority_label(item.priority)}: "
            f"{status_label(item.status)}"
        )
    await _say(context, chat.id, "\n".join(lines))


def handlers() -> dict[int, Sequence[BaseHandler[Any, Any, Any]]]:
    private = filters.ChatType.PRIVATE & ~filters.UpdateType.EDITED
    typed = private & ~filters.COMMAND & ~filters.StatusUpdate.ALL
    private_text = filters.TEXT & private
    return {
        -4: [MessageHandler(private_text, end_draft_on_emergency)],
        -1: [MessageHandler(typed, private_input)],
        0: [
            CommandHandler("feedback", feedback_command, filters=private),
            CommandHandler("myfeedback", my_feedback, filters=private),
            CommandHandler("cancel", cancel_command, filters=private),
            CallbackQueryHandler(feedback_button, pattern=r"^(menu:feedback|fb:offer)$"),
            CallbackQueryHandler(on_button, pattern=r"^fb:[0-9a-f]{6}\."),
        ],
    }
