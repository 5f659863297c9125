"""Imports every table module so that Alembic and tests see the whole schema in one metadata."""

import bot.announcements.models
import bot.delivery.models
import bot.events.models
import bot.feedback.inbox
import bot.feedback.models
import bot.replicas.models  # (job leases, the update inbox, shared pace)
import bot.retention.models  # (the daily retention run)
import bot.stats.models
import bot.storage.kb_versions
import bot.storage.states  # (conversations in progress)
import bot.subscriptions.models  # (wards, topics, quiet hours)
import bot.web.models  # noqa: F401  (web chat sessions)
from bot.storage.models import Base

metadata = Base.metadata

__all__ = ["metadata"]
