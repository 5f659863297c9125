"""``/events`` and its buttons: lists, one event, reminders, calendar files and directions."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from telegram import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, InputFile, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot.answers import Reply, ReplyKind
from bot.events.answerer import TYPES, decode, encode, event_reply, page_reply
from bot.events.questions import EventQuery, read_filters
from bot.events.render import card
from bot.events.schema import type_label
from bot.events.service import EventService, EventUnavailable
from bot.events.store import EventView
from bot.localtime import describe_local
from handlers.context import Context
from handlers.pickers import ward_markup
from handlers.send import send_reply

GONE = "Sorry, that event is no longer available."
ID = re.compile(r"^[a-z]+:(\d{1,12})$")


def _events(context: Context) -> EventService:
    return context.bot_data.services.engagement.events


def _event_id(update: Update) -> int | None:
    data = update.callback_query.data if update.callback_query else None
    match = ID.match(data or "")
    return int(match.group(1)) if match else None


async def _send(update: Update, context: Context, reply: Reply) -> None:
    if update.effective_chat is not None:
        await send_reply(context.bot, update.effective_chat.id, reply)
        context.bot_data.metrics.answers.labels(kind=reply.kind).inc()


async def events_command(update: Update, context: Context) -> None:
    service = _events(context)
    query = read_filters(" ".join(context.args or []), service.wards)
    await _send(update, context, page_reply(await service.page(query), service.wards))


async def events_menu(update: Update, context: Context) -> None:
    if update.callback_query is not None:
        await update.callback_query.answer()
    service = _events(context)
    await _send(update, context, page_reply(await service.page(EventQuery()), service.wards))


async def events_page(update: Update, context: Context) -> None:
    query = update.callback_query
    if query is None:
        return
    service = _events(context)
    decoded = decode(query.data or "", service.wards)
    if decoded is None:
        await query.answer("Sorry, that list has expired.")
        decoded = (EventQuery(), 0)
    else:
        await query.answer()
    page = await service.page(*decoded)
    await _send(update, context, page_reply(page, service.wards))


def _grid(buttons: list[InlineKeyboardButton], per_row: int = 2) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([buttons[i : i + per_row] for i in range(0, len(buttons), per_row)])


async def pick_ward(update: Update, context: Context) -> None:
    """ "Choose ward": the wards a screen at a time; "More…" (``evward:pN``) turns the page."""
    query, chat, wards = update.callback_query, update.effective_chat, _events(context).wards
    if query is None or chat is None:
        return
    await query.answer()
    page = (query.data or "").removeprefix("evward:")
    number = int(page[1:]) if page != "pick" else 0
    markup = ward_markup(
        wards, number, lambda i: encode(EventQuery(wards[i]), 0, wards), lambda n: f"evward:p{n}"
    )
    if number or page != "pick":
        await query.edit_message_reply_markup(reply_markup=markup)
        return
    await context.bot.send_message(chat.id, "Which ward?", reply_markup=markup)


async def pick_type(update: Update, context: Context) -> None:
    query, chat, wards = update.callback_query, update.effective_chat, _events(context).wards
    if query is None or chat is None:
        return
    await query.answer()
    buttons = [
        InlineKeyboardButton(type_label(t), callback_data=encode(EventQuery(type=t), 0, wards))
        for t in TYPES
    ]
    await context.bot.send_message(chat.id, "Which kind of event?", reply_markup=_grid(buttons))


async def _reminded(context: Context, resident_id: int, event_id: int) -> bool:
    from bot.events import store

    async with context.bot_data.services.db.sessions() as session:
        return resident_id in await store.reminded(session, event_id)


@dataclass(frozen=True)
class _Press:
    """A press of one event's button: who pressed, where, and which event it names."""

    query: CallbackQuery
    user_id: int
    chat_id: int
    event_id: int


def _press(update: Update) -> _Press | None:
    query, user, chat = update.callback_query, update.effective_user, update.effective_chat
    event_id = _event_id(update)
    if query is None or user is None or chat is None or event_id is None:
        return None
    return _Press(query, user.id, chat.id, event_id)


async def _live_event(press: _Press, context: Context) -> EventView | None:
    """The pressed event, or None after telling the resident it is gone."""
    event = await _events(context).event(press.event_id)
    if event is None:
        await press.query.answer(GONE, show_alert=True)
        return None
    await press.query.answer()
    return event


async def open_event(update: Update, context: Context) -> None:
    press = _press(update)
    event = await _live_event(press, context) if press else None
    if press is None or event is None:
        return
    event_id = press.event_id
    reminded = await _reminded(context, press.user_id, event_id)
    reply = event_reply(card(event), event_id, reminded)
    if event.status == "cancelled":
        reply = Reply(ReplyKind.EVENTS, reply.text, reply.buttons[1:2])
    await _send(update, context, reply)


async def remind(update: Update, context: Context) -> None:
    press = _press(update)
    if press is None:
        return
    query, event_id = press.query, press.event_id
    try:
        result = await _events(context).remind(press.user_id, event_id)
    except EventUnavailable:
        await query.answer(GONE, show_alert=True)
        return
    await query.answer("Reminder set." if not result.already else "You already have a reminder.")
    if result.times:
        times = " and ".join(describe_local(t) for t in result.times)
        text = f"I’ll remind you about “{result.event.title}” on {times} (London time)."
    else:
        text = f"“{result.event.title}” starts within the hour, so there is no reminder to send."
    text += " I’ll also tell you if it changes or is cancelled."
    await _send(
        update, context, Reply(ReplyKind.EVENTS, text, event_reply("", event_id, True).buttons[:1])
    )


async def stop_reminding(update: Update, context: Context) -> None:
    press = _press(update)
    if press is None:
        return
    removed = await _events(context).stop_reminding(press.user_id, press.event_id)
    await press.query.answer("Reminders stopped." if removed else "There was no reminder.")


async def calendar(update: Update, context: Context) -> None:
    press = _press(update)
    if press is None:
        return
    body = await _events(context).calendar(press.event_id)
    if body is None:
        await press.query.answer(GONE, show_alert=True)
        return
    await press.query.answer()
    await context.bot.send_document(
        press.chat_id,
        InputFile(body, filename=f"event-{press.event_id}.ics"),
        caption="Open this file to add the event to your calendar.",
    )


async def directions(update: Update, context: Context) -> None:
    press = _press(update)
    event = await _live_event(press, context) if press else None
    if press is None or event is None:
        return
    if event.latitude is not None and event.longitude is not None:
        await context.bot.send_location(press.chat_id, event.latitude, event.longitude)
        if event.address:
            await context.bot.send_message(press.chat_id, f"{event.title}: {event.address}")
        return
    where = event.address or "The organisers have not given an address yet."
    await context.bot.send_message(press.chat_id, f"{event.title}\nWhere: {where}")


COMMANDS = [("events", "Upcoming police events near you")]


def handlers() -> list[BaseHandler[Any, Context, Any]]:
    return [
        CommandHandler("events", events_command),
        CallbackQueryHandler(events_menu, pattern=r"^menu:events$"),
        CallbackQueryHandler(events_page, pattern=r"^evl:[0-9x.a-z]{1,40}$"),
        CallbackQueryHandler(pick_ward, pattern=r"^evward:(pick|p\d{1,2})$"),
        CallbackQueryHandler(pick_type, pattern=r"^evtype:pick$"),
        CallbackQueryHandler(open_event, pattern=r"^evopen:\d{1,12}$"),
        CallbackQueryHandler(remind, pattern=r"^evrem:\d{1,12}$"),
        CallbackQueryHandler(stop_reminding, pattern=r"^evunr:\d{1,12}$"),
        CallbackQueryHandler(calendar, pattern=r"^evcal:\d{1,12}$"),
        CallbackQueryHandler(directions, pattern=r"^evdir:\d{1,12}$"),
    ]
