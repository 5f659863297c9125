"""Local updates in two taps: "Get local updates" (on /start, /updates, or the line under a first
answer) shows the wards; tapping one, sharing a location or choosing the whole borough subscribes
to the default topics, which the same message then shows, with buttons to change them.

A location shared for this is turned into a ward and then forgotten. Which step a location
answers is kept with the conversation state (``LOCATION_FOR``, in the database like the crime
menu's "near me"), so the location may land on any process.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    Update,
)
from telegram.error import BadRequest
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, filters

from bot.answers import Button
from bot.feedback.place import ward_at
from bot.storage.states import Slot
from bot.subscriptions.onboarding import Onboarding
from bot.subscriptions.service import TOPICS, Settings
from handlers import state
from handlers.context import Context
from handlers.pickers import ward_markup

OFFER = Button("🔔 Get local updates", "upd:start")
# The next shared location is for updates (kept as long as the crime menu's location step).
LOCATION_FOR: Slot[bool] = Slot("updates-location", bool, timedelta(hours=1))
TOPIC_KEYS = tuple(TOPICS)

ASK_WARD = (
    "Which ward do you want local updates for? Tap it below, or share your location and I’ll "
    "find it. You can change this any time in /settings."
)
SHARE = "📍 Share my location"
ASK_LOCATION = (
    "Tap “📍 Share my location” below and I’ll find your ward. Your location is used for this "
    "only and is not kept."
)
FINDING = "Thanks. Finding your ward…"
NO_WARD = "I couldn’t tell which ward that location is in. Please choose your ward below."
OUTSIDE = (
    "That location is outside {borough}, and I only send updates for {borough}. If you live, "
    "work or study here, choose a ward below."
)
CHOSEN = "Done: you’ll get updates for {where}:\n{topics}"
CHANGE = (
    "\n\nTap a topic below to turn it on or off. /settings has the rest: wards, quiet hours, "
    "a week’s pause, or stopping everything."
)
NOTHING = "• nothing for now: tap a topic below to choose"


def _onboarding(context: Context) -> Onboarding:
    return context.bot_data.services.engagement.onboarding


def _b(label: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=data)


def wards_markup(wards: tuple[str, ...], page: int) -> InlineKeyboardMarkup:
    below = [
        [Button(SHARE, "upd:loc")],
        [Button("The whole borough", "upd:all")],
    ]
    return ward_markup(wards, page, lambda i: f"upd:w{i}", lambda n: f"upd:p{n}", below)


def chosen_text(settings: Settings, borough: str, editable: bool = True) -> str:
    where = ", ".join(settings.wards) or f"the whole of {borough}"
    topics = "\n".join(f"• {TOPICS[t]}" for t in settings.topics) or NOTHING
    return CHOSEN.format(where=where, topics=topics) + (CHANGE if editable else "")


def chosen_markup(settings: Settings) -> InlineKeyboardMarkup:
    rows = [
        [_b(("✓ " if t in settings.topics else "") + TOPICS[t], f"upd:t{i}")]
        for i, t in enumerate(TOPIC_KEYS)
    ]
    rows.append([_b("Choose wards", "set:wards"), _b("Done", "upd:done")])
    return InlineKeyboardMarkup(rows)


async def offer(update: Update, context: Context) -> None:
    """/updates, or the "Get local updates" button: the first tap."""
    chat = update.effective_chat
    if chat is None:
        return
    if update.callback_query is not None:
        await update.callback_query.answer()
    wards = _onboarding(context).wards
    await context.bot.send_message(chat.id, ASK_WARD, reply_markup=wards_markup(wards, 0))


async def _edit(update: Update, text: str, markup: InlineKeyboardMarkup | None) -> None:
    query = update.callback_query
    assert query is not None
    try:
        await query.edit_message_text(text, reply_markup=markup)
    except BadRequest as exc:  # the same tap twice leaves the message as it is
        if "not modified" not in exc.message.lower():
            raise


async def on_button(update: Update, context: Context) -> None:
    query, user = update.callback_query, update.effective_user
    if query is None or user is None:
        return
    action = (query.data or "").removeprefix("upd:")
    onboarding = _onboarding(context)
    wards = onboarding.wards
    if action == "loc":
        await query.answer()
        await ask_location(update, context)
        return
    if action[:1] == "p":
        await query.answer()
        await _edit(update, ASK_WARD, wards_markup(wards, int(action[1:])))
        return
    if action[:1] == "w" and int(action[1:]) >= len(wards):
        await query.answer("Sorry, that option has expired.")
        await _edit(update, ASK_WARD, wards_markup(wards, 0))
        return
    await query.answer()
    await _apply(update, context, user.id, action)


async def _apply(update: Update, context: Context, user_id: int, action: str) -> None:
    onboarding = _onboarding(context)
    subs = context.bot_data.services.engagement.subscriptions
    borough = context.bot_data.config.borough.name
    if action == "all":
        settings = await onboarding.choose_ward(user_id, None)
    elif action[:1] == "w":
        settings = await onboarding.choose_ward(user_id, onboarding.wards[int(action[1:])])
    elif action[:1] == "t" and int(action[1:]) < len(TOPIC_KEYS):
        settings = await subs.toggle_topic(user_id, TOPIC_KEYS[int(action[1:])])
    else:  # "done"
        await _edit(update, chosen_text(await subs.settings(user_id), borough, False), None)
        return
    await _edit(update, chosen_text(settings, borough), chosen_markup(settings))


async def ask_location(update: Update, context: Context) -> None:
    chat = update.effective_chat
    if chat is None:
        return
    await state.put(context, LOCATION_FOR, True)
    keyboard = ReplyKeyboardMarkup(
        [[KeyboardButton(SHARE, request_location=True)]],
        resize_keyboard=True, one_time_keyboard=True,
        input_field_placeholder="Share your location",
    )  # fmt: skip
    await context.bot.send_message(chat.id, ASK_LOCATION, reply_markup=keyboard)


async def take_location(update: Update, context: Context) -> bool:
    """A location shared for updates: find its ward and subscribe. False when it is not for this
    (the crime menu's "near me" then answers it)."""
    message, user = update.effective_message, update.effective_user
    if state.current(LOCATION_FOR) is None or not await state.take(context, LOCATION_FOR):
        return False
    if message is None or user is None or message.location is None:
        return False
    await message.reply_text(FINDING, reply_markup=ReplyKeyboardRemove())
    services = context.bot_data.services
    lat, lon = message.location.latitude, message.location.longitude
    borough = services.config.borough.name
    wards = services.engagement.onboarding.wards
    if await services.crime.inside(lat, lon) is False:
        outside = OUTSIDE.format(borough=borough)
        await message.reply_text(outside, reply_markup=wards_markup(wards, 0))
        return True
    ward = await ward_at(services.db, lat, lon, wards)
    if ward is None:
        await message.reply_text(NO_WARD, reply_markup=wards_markup(wards, 0))
        return True
    settings = await services.engagement.onboarding.choose_ward(user.id, ward)
    await message.reply_text(chosen_text(settings, borough), reply_markup=chosen_markup(settings))
    return True


async def forget_location_step(context: Context) -> None:
    """Another feature asked for a location: the next one is for it, not for updates."""
    if state.current(LOCATION_FOR) is not None:
        await state.drop(context, LOCATION_FOR)


COMMANDS = [("updates", "Local news and events for your ward")]


def handlers() -> list[BaseHandler[Any, Context, Any]]:
    private = filters.ChatType.PRIVATE
    return [
        CommandHandler("updates", offer, filters=private),
        CallbackQueryHandler(offer, pattern=r"^upd:start$"),
        CallbackQueryHandler(on_button, pattern=r"^upd:(p\d{1,2}|w\d{1,3}|all|loc|t\d|done)$"),
    ]
