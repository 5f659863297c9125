"""Scheduled messages on PTB's JobQueue: the database holds what is due, the jobs only wake up.

``start_jobs`` (called from ``post_init``) releases claims a stopped process left, sends what came
due while the bot was down, then keeps passing every few seconds; it also re-reads the comms events
file when it changes and looks for a new month of crime figures for the monthly summary.
"""

from __future__ import annotations

import logging
from typing import Any

from telegram import Bot
from telegram.error import TelegramError
from telegram.ext import Application

from bot.answers import Reply
from bot.delivery.dispatcher import PassReport
from bot.engagement import events_file
from bot.outbox import Attempt, Verdict
from bot.services import Services
from bot.tg_outcome import attempt_for
from handlers.context import BotData, Context
from handlers.replica import exclusive
from handlers.send import send_reply

log = logging.getLogger(__name__)

DISPATCH_JOB = "delivery:dispatch"


class TelegramSender:
    """Sends one scheduled message and says what became of it; never raises for Telegram."""

    def __init__(self, bot: Bot) -> None:
        self._bot = bot

    async def send(self, resident_id: int, reply: Reply) -> Attempt:
        try:
            await send_reply(self._bot, resident_id, reply)
        except TelegramError as exc:
            attempt = attempt_for(exc)
            if attempt.verdict is Verdict.REJECTED and "chat not found" in exc.message.lower():
                return Attempt.gone(attempt.error)  # the chat no longer exists
            if attempt.verdict is Verdict.REJECTED:
                log.warning("scheduled message to a resident refused: %s", exc.message)
                return Attempt.retry(attempt.error)
            return attempt
        return Attempt.sent()


def _services(app: Application[Any, Any, Any, Any, Any, Any]) -> Services:
    data: BotData = app.bot_data
    return data.services


async def run_due_pass(app: Application[Any, Any, Any, Any, Any, Any]) -> PassReport:
    """One pass over due messages (the job's body; tests call it after moving the clock)."""
    services = _services(app)
    data: BotData = app.bot_data
    bot = data.outbox_bot or app.bot
    report = await services.engagement.delivery.run_due(TelegramSender(bot))
    if report.sent or report.failed:
        log.info("scheduled messages: %s", report)
    return report


async def _dispatch(context: Context) -> None:
    await run_due_pass(context.application)


async def _sync_events_file(context: Context) -> None:
    services = context.bot_data.services
    report = await services.engagement.events.sync_yaml(events_file(services.config))
    if report is not None and report.notices + report.added:
        kick(context.application)


async def _monthly_summary(context: Context) -> None:
    if await context.bot_data.services.engagement.summaries.run():
        kick(context.application)


def kick(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Send what just became due (a cancellation notice) without waiting for the next pass."""
    if app.job_queue is not None:
        app.job_queue.run_once(_dispatch, 0)


async def start_jobs(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    services = _services(app)
    data: BotData = app.bot_data
    services.engagement.delivery.outbox.observer = data.metrics.outbox_event
    await services.engagement.delivery.recover()
    queue = app.job_queue
    if queue is None:
        log.warning("no job queue: scheduled messages will not be sent")
        return
    cfg = services.config.events
    queue.run_repeating(
        exclusive("scheduled-messages", _dispatch), cfg.dispatch_interval_s, first=0,
        name=DISPATCH_JOB,
    )  # fmt: skip
    queue.run_repeating(
        exclusive("events-file", _sync_events_file), cfg.file_check_interval_s, first=0
    )
    queue.run_repeating(
        exclusive("monthly-summary", _monthly_summary), cfg.summary_check_interval_s, first=5
    )
