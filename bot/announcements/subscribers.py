"""The ``AudiencePolicy`` backed by residents' subscriptions (``bot.subscriptions``).

"Everyone" means everyone who chose the ``announcements`` topic; a ward audience is those of them
who follow one of the wards or chose no ward (no ward means the whole borough); a topic audience
is everyone who chose that topic. A pause is honoured by not sending (an announcement is timely:
delivering it when a week's pause ends would mislead), quiet hours by sending later. Telegram
saying a resident blocked the bot unsubscribes them from everything.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from bot.subscriptions.service import TOPICS, SubscriptionService

ANNOUNCEMENTS = "announcements"


class SubscriberPolicy:
    def __init__(self, subscriptions: SubscriptionService) -> None:
        self._subs = subscriptions

    @staticmethod
    def topics() -> dict[str, str]:
        return dict(TOPICS)

    async def recipients(self, wards: Sequence[str] | None, topic: str | None) -> list[int]:
        return await self._subs.audience(topic=topic or ANNOUNCEMENTS, wards=wards or None)

    async def deferral(self, resident_id: int, now: datetime) -> datetime | None:
        return await self._subs.is_quiet(resident_id, now)

    async def may_receive(self, resident_id: int, topic: str | None) -> bool:
        settings = await self._subs.settings(resident_id)
        return (topic or ANNOUNCEMENTS) in settings.topics and settings.paused_until is None

    async def mark_unreachable(self, resident_id: int) -> None:
        await self._subs.unsubscribe_all(resident_id)
