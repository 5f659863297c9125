"""The one place that registers handlers, in the order they are consulted.

Negative groups run first for every update: a message describing an emergency ends a feedback
draft (-4), the emergency guard (-3), then counting, last-seen and flood control (-2), then a
resident's feedback draft in progress (-1). Group 0 holds an officer's
announcement draft input (only while one is open), commands and buttons, features before the
core fallbacks; the catch-all for stale buttons, the free-text answerer and the replies to what
the bot cannot read or does not know come last. Group 99 answers any button press left unanswered.

Background jobs (due messages, outboxes, sync, knowledge folder watch) start after the services
are attached and stop before they close; each timer job runs on the one process holding its
lease (``handlers.replica``).
"""

from __future__ import annotations

from telegram.ext import Application

from bot.tg_retry import outbox_bot
from handlers import (
    announce,
    buttons,
    comms,
    crime,
    delivery,
    errors,
    event_admin,
    events,
    feedback,
    feedback_outbox,
    feedback_team,
    guard,
    knowledge,
    menus,
    privacy,
    questions,
    replica,
    retention,
    roles,
    settings,
    start,
    state_jobs,
    unsupported,
    updates,
)
from handlers.context import BotData

RESIDENT_COMMANDS = [
    *start.COMMANDS,
    *updates.COMMANDS,
    *events.COMMANDS,
    *settings.COMMANDS,
    *crime.COMMANDS,
    *feedback.COMMANDS,
]


def register(app: Application) -> None:
    for group, handler in guard.handlers():
        app.add_handler(handler, group=group)
    app.add_handlers(announce.input_handlers(app))  # only while a draft is open
    app.add_handlers(start.handlers())
    app.add_handlers(updates.handlers())
    app.add_handlers(privacy.handlers())
    app.add_handlers(roles.handlers())
    app.add_handlers(comms.handlers())
    app.add_handlers(knowledge.handlers(app.bot_data))
    app.add_handlers(buttons.handlers())
    app.add_handlers(crime.handlers())
    app.add_handlers(events.handlers())
    app.add_handlers(event_admin.handlers())
    app.add_handlers(settings.handlers())
    app.add_handlers(feedback.handlers())  # group -1: input for a draft in progress
    app.add_handlers(feedback_team.handlers())
    app.add_handlers(announce.handlers())
    app.add_handlers(buttons.fallbacks())
    app.add_handlers(crime.postcode_handlers())  # a postcode alone: its ward's crime figures
    app.add_handlers(questions.handlers())
    app.add_handlers(unsupported.handlers(app))
    app.add_error_handler(errors.on_error)


async def start_jobs(app: Application) -> None:
    data: BotData = app.bot_data
    await replica.start(app)  # leases first: every timer job asks for its lease
    data.outbox_bot = outbox_bot(data.config, pool=8)
    await data.outbox_bot.initialize()
    for feature in (
        delivery,
        feedback_outbox,
        crime,
        knowledge,
        menus,
        announce,
        state_jobs,
        retention,
    ):
        await feature.start_jobs(app)


async def stop_jobs(app: Application) -> None:
    await announce.stop_jobs(app)
    data: BotData = app.bot_data
    if data.outbox_bot is not None:
        await data.outbox_bot.shutdown()
        data.outbox_bot = None
    await replica.stop(app)  # last: its leases go to the others at once
