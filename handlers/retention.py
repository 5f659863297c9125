"""The daily retention job on PTB's JobQueue: every process looks each hour, one runs per day."""

from __future__ import annotations

import logging

from telegram.ext import Application

from bot.outbox.claimant import new_claimant
from handlers.context import BotData, Context

log = logging.getLogger(__name__)

JOB = "retention-daily"


async def check(context: Context) -> None:
    """Run today's removal unless another process (or an earlier check here) already has."""
    job = context.job
    holder = job.data if job is not None and isinstance(job.data, str) else new_claimant()
    report = await context.bot_data.services.retention.run_today(holder)
    if report is not None:
        log.info("retention: removed %s", report.render())


async def start_jobs(app: Application) -> None:
    data: BotData = app.bot_data
    if app.job_queue is None:
        log.warning("no job queue: data past its retention period is not removed")
        return
    every = data.config.retention.check_interval_s
    app.job_queue.run_repeating(check, every, first=30, name=JOB, data=new_claimant())
