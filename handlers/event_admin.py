"""Officers' ``/addevent`` conversation and ``/cancelevent``, both role-checked and audited.

The conversation keeps its step and draft in the database (``handlers.stored_conversation``), so
each answer may reach any process, and checks each answer as it comes, naming the
field that is wrong, so an officer fixes one step without starting again. Cancelling tells every
resident who asked for a reminder, through the scheduled-message outbox.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.events.render import card
from bot.events.schema import EVENT_TYPES, EventInputError, build_event
from bot.events.service import EventService, EventUnavailable
from bot.events.store import EventView
from bot.localtime import describe_local, london
from bot.roles import Role
from bot.staff_dates import StaffDateError, parse_span, span_in_words
from handlers.context import Context
from handlers.delivery import kick
from handlers.roles import require_role
from handlers.stored_conversation import StoredConversation, conversation, data

TITLE, TYPE, WARD, WHEN, PLACE, CONFIRM = range(6)
DRAFT = conversation("addevent")
TYPES = tuple(EVENT_TYPES)
WHEN_HELP = (
    "When is it? Send the day and London time in your own words, with the end time if you know "
    "it, e.g. “next tuesday 7pm-9pm”, “7 Dec 18:30” or “tomorrow 10am to 11:30”."
)
NO_END = " No end time was given, so it is listed as one hour."


def _service(context: Context) -> EventService:
    return context.bot_data.services.engagement.events


def _draft(context: Context) -> dict[str, Any]:
    return data(DRAFT)


def _grid(pairs: list[tuple[str, str]], per_row: int = 2) -> InlineKeyboardMarkup:
    buttons = [InlineKeyboardButton(label, callback_data=data) for label, data in pairs]
    return InlineKeyboardMarkup([buttons[i : i + per_row] for i in range(0, len(buttons), per_row)])


async def _say(update: Update, text: str, markup: InlineKeyboardMarkup | None = None) -> None:
    message = update.effective_message
    if message is not None:
        await message.reply_text(text, reply_markup=markup)


@require_role(Role.OFFICER, "addevent")
async def add_start(update: Update, context: Context) -> int:
    _draft(context).clear()
    await _say(update, "New event. What is it called? (Send /cancel at any point to stop.)")
    return TITLE


async def add_title(update: Update, context: Context) -> int:
    text = (
        " ".join((update.effective_message.text or "").split()) if update.effective_message else ""
    )
    if not 3 <= len(text) <= 200:
        await _say(update, "title: please send a title of 3 to 200 characters.")
        return TITLE
    _draft(context)["title"] = text
    pairs = [(EVENT_TYPES[t], f"aetype:{i}") for i, t in enumerate(TYPES)]
    await _say(update, "What kind of event is it?", _grid(pairs))
    return TYPE


async def add_type(update: Update, context: Context) -> int:
    query = update.callback_query
    if query is None:
        return TYPE
    await query.answer()
    _draft(context)["type"] = TYPES[int((query.data or "aetype:0").split(":")[1])]
    wards = _service(context).wards
    pairs = [(w, f"aeward:{i}") for i, w in enumerate(wards)] + [("Borough-wide", "aeward:all")]
    await _say(update, "Which ward? Tap one, or type its name.", _grid(pairs))
    return WARD


async def add_ward_button(update: Update, context: Context) -> int:
    query = update.callback_query
    if query is None:
        return WARD
    await query.answer()
    choice = (query.data or "").split(":")[1]
    wards = _service(context).wards
    _draft(context)["wards"] = [] if choice == "all" else [wards[int(choice)]]
    await _say(update, WHEN_HELP)
    return WHEN


async def add_ward_text(update: Update, context: Context) -> int:
    text = update.effective_message.text if update.effective_message else ""
    try:
        ward = _service(context).resolve_ward(text or "")
    except ValueError as exc:
        await _say(update, f"{exc}. Tap one of the buttons above, or check the spelling.")
        return WARD
    _draft(context)["wards"] = [ward]
    await _say(update, WHEN_HELP)
    return WHEN


def _stamp(instant: datetime | None) -> str | None:
    """London time with its offset, so the draft names one instant even in a repeated hour."""
    return None if instant is None else london(instant).isoformat(timespec="minutes")


async def add_when(update: Update, context: Context) -> int:
    text = update.effective_message.text if update.effective_message else ""
    try:
        starts, ends = parse_span(text or "", context.bot_data.services.engagement.clock())
    except StaffDateError as exc:
        await _say(update, f"{exc}\n\n{WHEN_HELP}")
        return WHEN
    start, end = _stamp(starts), _stamp(ends)
    draft = {**_draft(context), "start": start, "end": end, "address": "-"}
    try:
        event = build_event(draft, _service(context).resolve_ward)
    except EventInputError as exc:
        await _say(update, "\n".join(exc.problems) + "\n\n" + WHEN_HELP)
        return WHEN
    _draft(context).update(start=start, end=end)
    if _draft(context).get("address"):  # the time was changed at the last step
        return await _check(update, context)
    said = f"When: {span_in_words(event.starts_at, event.ends_at)}."
    await _say(update, said + (NO_END if ends is None else "")
                + "\n\nWhere is it? Send the address or meeting point.")  # fmt: skip
    return PLACE


async def add_place(update: Update, context: Context) -> int:
    text = (
        " ".join((update.effective_message.text or "").split()) if update.effective_message else ""
    )
    if not 3 <= len(text) <= 300:
        await _say(update, "address: please send an address of 3 to 300 characters.")
        return PLACE
    _draft(context)["address"] = text
    return await _check(update, context)


async def _check(update: Update, context: Context) -> int:
    """The event as residents will see it, its time once more in words, and the buttons."""
    event = build_event(_draft(context), _service(context).resolve_ward)
    now = context.bot_data.services.engagement.clock()
    preview = EventView(
        0, "officer", event.title, event.type, "", event.wards, event.address, None, None,
        event.starts_at, event.ends_at, "", "", "scheduled", now,
    )  # fmt: skip
    markup = _grid([("Publish", "aeok:yes"), ("Change the time", "aeok:when"),
                    ("Discard", "aeok:no")], per_row=1)  # fmt: skip
    said = span_in_words(event.starts_at, event.ends_at)
    await _say(update, f"Please check:\n\n{card(preview)}\n\nWhen, in words: {said}.", markup)
    return CONFIRM


async def add_confirm(update: Update, context: Context) -> int:
    query, user = update.callback_query, update.effective_user
    if query is None or user is None:
        return CONFIRM
    await query.answer()
    draft = _draft(context)
    services = context.bot_data.services
    if query.data == "aeok:when":
        await _say(update, WHEN_HELP)
        return WHEN
    if query.data != "aeok:yes":
        await query.edit_message_text("Discarded: nothing was published.")
        return _end(context)
    try:
        event = await _service(context).create(
            user.id, build_event(draft, _service(context).resolve_ward)
        )
    except EventInputError as exc:
        await query.edit_message_text("\n".join(exc.problems) + "\n\nNothing was published.")
        return _end(context)
    await services.audit(user.id, "addevent", "ok", f"event {event.id}: {event.title}")
    await query.edit_message_text(f"Published (event {event.id}):\n\n{card(event)}")
    kick(context.application)
    return _end(context)


def _end(context: Context) -> int:
    return ConversationHandler.END


async def add_cancel(update: Update, context: Context) -> int:
    await _say(update, "Stopped: nothing was published.")
    return _end(context)


@require_role(Role.OFFICER, "cancelevent")
async def cancel_list(update: Update, context: Context) -> None:
    events = await _service(context).upcoming_for_staff()
    if not events:
        await _say(update, "There are no upcoming events to cancel.")
        return
    pairs = [(f"{e.title[:40]} · {describe_local(e.starts_at)}", f"aecan:{e.id}") for e in events]
    await _say(update, "Which event is cancelled?", _grid(pairs, 1))


@require_role(Role.OFFICER, "cancelevent")
async def cancel_ask(update: Update, context: Context) -> None:
    query = update.callback_query
    if query is None:
        return
    event_id = int((query.data or "").split(":")[1])
    event = await _service(context).event(event_id)
    await query.answer()
    if event is None or event.status == "cancelled":
        await query.edit_message_text("That event is already cancelled or no longer exists.")
        return
    markup = _grid([("Yes, cancel it", f"aecanok:{event_id}"), ("No", "aecanno:0")])
    await query.edit_message_text(
        f"Cancel this event? Everyone who asked for a reminder will be told.\n\n{card(event)}",
        reply_markup=markup,
    )


@require_role(Role.OFFICER, "cancelevent")
async def cancel_confirm(update: Update, context: Context) -> None:
    query, user = update.callback_query, update.effective_user
    if query is None or user is None:
        return
    await query.answer()
    if not (query.data or "").startswith("aecanok:"):
        await query.edit_message_text("Nothing was cancelled.")
        return
    event_id = int((query.data or "").split(":")[1])
    try:
        event, told = await _service(context).cancel(event_id)
    except EventUnavailable:
        await query.edit_message_text("That event is already cancelled or over.")
        return
    await context.bot_data.services.audit(user.id, "cancelevent", "ok", f"event {event_id}")
    await query.edit_message_text(
        f"Cancelled: {event.title}. {told} resident(s) who asked for a reminder will be told."
    )
    kick(context.application)


def add_event_conversation() -> StoredConversation:
    text = filters.TEXT & ~filters.COMMAND
    return StoredConversation(
        DRAFT,
        entry_points=[CommandHandler("addevent", add_start, filters=filters.ChatType.PRIVATE)],
        states={
            TITLE: [MessageHandler(text, add_title)],
            TYPE: [CallbackQueryHandler(add_type, pattern=r"^aetype:\d$")],
            WARD: [
                CallbackQueryHandler(add_ward_button, pattern=r"^aeward:(\d{1,2}|all)$"),
                MessageHandler(text, add_ward_text),
            ],
            WHEN: [MessageHandler(text, add_when)],
            PLACE: [MessageHandler(text, add_place)],
            CONFIRM: [CallbackQueryHandler(add_confirm, pattern=r"^aeok:(yes|no|when)$")],
        },
        fallbacks=[CommandHandler("cancel", add_cancel)],
    )


def handlers() -> list[BaseHandler[Any, Context, Any]]:
    return [
        add_event_conversation(),
        CommandHandler("cancelevent", cancel_list),
        CallbackQueryHandler(cancel_ask, pattern=r"^aecan:\d{1,12}$"),
        CallbackQueryHandler(cancel_confirm, pattern=r"^aecan(ok:\d{1,12}|no:0)$"),
    ]
