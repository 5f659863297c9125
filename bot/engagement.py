"""Builds the events, subscriptions and scheduled-delivery services that share one clock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from bot.config import Config
from bot.delivery import store as outbox
from bot.delivery.dispatcher import Dispatcher
from bot.events import store as event_store
from bot.events.answerer import EventsAnswerer
from bot.events.service import EventService
from bot.localtime import Clock, as_utc
from bot.privacy import PrivacySection
from bot.stats.queries import StatsQueries
from bot.storage.db import Database
from bot.subscriptions import service as subscription_store
from bot.subscriptions.onboarding import Onboarding
from bot.subscriptions.service import SubscriptionService
from bot.subscriptions.summary import MonthlySummaries

PRIVACY_SECTIONS: tuple[PrivacySection, ...] = (
    PrivacySection("subscriptions", subscription_store.export, subscription_store.forget),
    PrivacySection("event_reminders", event_store.reminders_of, event_store.forget_reminders),
    PrivacySection("scheduled_messages", outbox.export, outbox.forget),
)


@dataclass
class Engagement:
    clock: Clock
    subscriptions: SubscriptionService
    delivery: Dispatcher
    events: EventService
    summaries: MonthlySummaries
    answerer: EventsAnswerer
    onboarding: Onboarding  # updates in two taps from /start, and the once-only hint


def events_file(config: Config) -> Path:
    return config.events.file or config.knowledge_dir / "events" / "events.yaml"


def open_engagement(db: Database, config: Config, clock: Clock) -> Engagement:
    """``clock`` may be any aware clock; everything downstream sees UTC (SQLite keeps no zone)."""

    def utc_clock() -> datetime:
        return as_utc(clock())

    subscriptions = SubscriptionService(db, config.borough.wards, utc_clock)
    delivery = Dispatcher(db, utc_clock, subscriptions.next_allowed)
    events = EventService(db, utc_clock, subscriptions, delivery, config.events.page_size)
    summaries = MonthlySummaries(
        db, utc_clock, subscriptions, StatsQueries(db, config.borough.name)
    )
    onboarding = Onboarding(db, subscriptions, config.subscriptions.default_topics, utc_clock)
    return Engagement(
        utc_clock, subscriptions, delivery, events, summaries, EventsAnswerer(events), onboarding
    )
