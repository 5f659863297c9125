"""Dropping conversation state nobody came back to (it may hold residents' words), and the
per-chat send turns of chats nobody sent to for a while."""

from __future__ import annotations

import logging
from typing import Any

from telegram.ext import Application

from bot.replicas.pace import SharedPace
from handlers.context import Context
from handlers.replica import exclusive

log = logging.getLogger(__name__)
PURGE_EVERY_S = 900


async def purge(context: Context) -> None:
    services = context.bot_data.services
    purged = await services.states.purge()
    if purged:
        log.info("%d expired conversation states removed", purged)
    await SharedPace(services.db).purge()


async def start_jobs(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    if app.job_queue is not None:
        app.job_queue.run_repeating(
            exclusive("conversation-purge", purge), PURGE_EVERY_S, first=60, name="state-purge"
        )
