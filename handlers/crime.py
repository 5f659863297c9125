"""Crime figures in Telegram: the /crime menu, near me (a shared location or a typed postcode),
charts, the packaged figures and the monthly sync.

Thin adapters over :class:`bot.stats.service.CrimeService`. Menu buttons carry the whole choice in
their callback data (validated by pattern, then by meaning); a stale one gets the polite expired
reply. A shared location is used for one answer and never stored.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, time, timedelta
from typing import Any

from telegram import (
    InputFile,
    KeyboardButton,
    Message,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    Update,
)
from telegram.constants import ChatAction
from telegram.ext import (
    Application,
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.answers import Reply, ReplyKind
from bot.stats.menu import CALLBACK_PATTERN, HERE, CrimeChoice, parse_choice, what
from bot.stats.postcodes import only_postcode
from bot.stats.sync_job import MonthlySync, police_sync_runner
from bot.storage.states import Slot
from handlers import state, updates
from handlers.buttons import expired
from handlers.context import Context
from handlers.replica import CalendarJob, daily, every_minute, iso_day
from handlers.send import send_reply

log = logging.getLogger(__name__)

COMMANDS = [("crime", "Crime figures for your area")]
# The category chosen before "share my location", kept until the location comes (any process).
PENDING: Slot[str] = Slot("crime-location", str, timedelta(hours=1))
ALL_CRIME = "all"
SHARE_LOCATION = "📍 Share my location"
COUNTING = "Thanks. Counting the crimes recorded near the location you shared…"
LOOKING_UP = "Thanks. Looking up the figures for {postcode}…"
NO_CHART = "Sorry, I have no figures to draw a chart of {what} for that area."
SYNC_JOB = "stats-monthly-sync"


async def crime_menu(update: Update, context: Context) -> None:
    """/crime and the main menu's "Crime in my area" button: step one, the category."""
    chat = update.effective_chat
    if chat is None:
        return
    if update.callback_query is not None:
        await update.callback_query.answer()
    reply = await context.bot_data.services.crime.menu()
    await _send(context, chat.id, reply)


async def _send(context: Context, chat_id: int, reply: Reply) -> None:
    await send_reply(context.bot, chat_id, reply)
    context.bot_data.metrics.answers.labels(kind=reply.kind).inc()


async def crime_button(update: Update, context: Context) -> None:
    query, chat = update.callback_query, update.effective_chat
    if query is None or chat is None:
        return
    crime = context.bot_data.services.crime
    choice = parse_choice(query.data or "", crime.wards)
    if choice is None:
        await expired(update, context)
        return
    await query.answer()
    if choice.area is None:
        await _send(context, chat.id, crime.areas(choice))
    elif choice.area == HERE:
        await _ask_location(context, chat.id, choice)
    elif choice.period is None:
        await _send(context, chat.id, crime.periods(choice))
    elif choice.period == "g":
        await _send_chart(context, chat.id, choice)
    else:
        await _send(context, chat.id, await crime.answer(choice))


async def _ask_location(context: Context, chat_id: int, choice: CrimeChoice) -> None:
    await updates.forget_location_step(context)
    await state.put(context, PENDING, choice.category or ALL_CRIME)
    keyboard = ReplyKeyboardMarkup(
        [[KeyboardButton(SHARE_LOCATION, request_location=True)]],
        resize_keyboard=True,
        one_time_keyboard=True,
        input_field_placeholder="Share your location",
    )
    text = context.bot_data.services.crime.ask_location(choice)
    await context.bot.send_message(chat_id, text, reply_markup=keyboard)


async def _send_chart(context: Context, chat_id: int, choice: CrimeChoice) -> None:
    crime = context.bot_data.services.crime
    await context.bot.send_chat_action(chat_id, ChatAction.UPLOAD_PHOTO)
    chart = await crime.chart(choice)  # renders in a worker thread
    if chart is None:
        text = NO_CHART.format(what=what(choice.category).lower())
        await _send(context, chat_id, Reply(ReplyKind.STATS, text))
        return
    photo = InputFile(chart.png, filename="crime-trend.png")
    await context.bot.send_photo(chat_id, photo, caption=chart.caption)
    context.bot_data.metrics.answers.labels(kind=ReplyKind.STATS).inc()


async def near_me(update: Update, context: Context) -> None:
    """A shared location: crimes within the radius in the latest month, and the ward's trend."""
    message, chat = update.effective_message, update.effective_chat
    if message is None or chat is None or message.location is None:
        return
    if await updates.take_location(update, context):  # shared to find the ward for updates
        return
    pending = await state.take(context, PENDING)
    category = None if pending in (None, ALL_CRIME) else str(pending)
    await message.reply_text(COUNTING, reply_markup=ReplyKeyboardRemove())
    location = message.location
    reply = await context.bot_data.services.crime.near(
        location.latitude, location.longitude, category
    )
    await _send(context, chat.id, reply)


class _PostcodeAlone(filters.MessageFilter):
    """A message that is a postcode on its own ("HA3 7AE", "my postcode is HA3")."""

    def filter(self, message: Message) -> bool:
        return bool(message.text) and only_postcode(message.text or "") is not None


async def typed_postcode(update: Update, context: Context) -> None:
    """A postcode typed where "near me" asked for a location (or sent on its own)."""
    message, chat = update.effective_message, update.effective_chat
    if message is None or chat is None or message.text is None:
        return
    pending = await state.take(context, PENDING)
    category = None if pending in (None, ALL_CRIME) else str(pending)
    if pending is not None:  # the location keyboard is still up: take it away
        postcode = only_postcode(message.text)
        text = LOOKING_UP.format(postcode=postcode.text if postcode else "that postcode")
        await message.reply_text(text, reply_markup=ReplyKeyboardRemove())
    reply = await context.bot_data.services.crime.postcode(message.text, category)
    await _send(context, chat.id, reply)


# -- the packaged figures and the monthly sync ---------------------------------------------------


async def _sync_tick(context: Context) -> None:
    job = context.job
    if job is None or not isinstance(job.data, MonthlySync):
        return
    await job.data.tick(datetime.now(UTC).date())


async def start_jobs(app: Application) -> None:
    """Load the packaged figures into an empty store in the background, and schedule the daily
    check for the monthly police.uk sync when the config enables it."""
    data = app.bot_data
    config = data.config
    if data.services.crime.snapshot is not None:
        data.services.crime.snapshot.start()
    if not config.stats.sync_enabled:
        return
    if app.job_queue is None:
        log.warning("stats.sync_enabled is set but the job queue is not installed")
        return
    services = data.services
    sync = MonthlySync(
        police_sync_runner(services.db, config),
        day=config.stats.sync_day,
        on_success=services.crime.invalidate,
    )
    at = time(hour=config.stats.sync_hour_utc, tzinfo=UTC)
    every_minute(app, CalendarJob(SYNC_JOB, daily(at), iso_day, _sync_tick), data=sync)


def handlers() -> list[BaseHandler[Any, Context, Any]]:
    private = filters.ChatType.PRIVATE
    location = filters.LOCATION & private & ~filters.UpdateType.EDITED
    return [
        CommandHandler("crime", crime_menu, filters=private),
        CallbackQueryHandler(crime_menu, pattern=r"^menu:crime$"),
        CallbackQueryHandler(crime_button, pattern=CALLBACK_PATTERN),
        MessageHandler(location, near_me),
    ]


def postcode_handlers() -> list[BaseHandler[Any, Context, Any]]:
    """A postcode on its own: registered after the other features' flows (an officer typing an
    event's place, say) and before the free-text answerer."""
    private = filters.ChatType.PRIVATE
    text = filters.TEXT & ~filters.COMMAND & private & ~filters.UpdateType.EDITED
    return [MessageHandler(text & _PostcodeAlone(), typed_postcode)]
