"""Who an announcement is for, and the questions the outbox asks about each recipient.

The outbox does not know how subscriptions are stored: it asks an ``AudiencePolicy``. The list of
recipients is taken once, when the officer confirms (that is the audience size they saw); whether
a resident may still receive it (paused, unsubscribed, quiet hours) is asked again at the moment
of sending, so a change of mind after confirmation is honoured.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol


class AudienceKind(StrEnum):
    EVERYONE = "everyone"
    WARDS = "wards"
    TOPIC = "topic"


@dataclass(frozen=True, slots=True)
class Audience:
    kind: AudienceKind
    wards: tuple[str, ...] = ()
    topic: str = ""

    @property
    def borough_wide(self) -> bool:
        """Not limited to some wards: every subscriber in the borough may get it."""
        return self.kind is not AudienceKind.WARDS

    def describe(self, borough: str) -> str:
        if self.kind is AudienceKind.WARDS:
            return "subscribers in " + ", ".join(self.wards)
        if self.kind is AudienceKind.TOPIC:
            return f"subscribers to “{self.topic}” across {borough}"
        return f"every subscriber in {borough}"


class AudiencePolicy(Protocol):
    async def recipients(self, wards: Sequence[str] | None, topic: str | None) -> list[int]:
        """Resident ids for ``wards`` (None: the whole borough) and ``topic`` (None: officer
        announcements in general). Paused residents may be included: ``may_receive`` decides."""
        ...

    async def deferral(self, resident_id: int, now: datetime) -> datetime | None:
        """When a message may reach them if not now (quiet hours); None: now is fine."""
        ...

    async def may_receive(self, resident_id: int, topic: str | None) -> bool:
        """Still subscribed and not paused, asked at the moment of sending."""
        ...

    async def mark_unreachable(self, resident_id: int) -> None:
        """Telegram said they blocked the bot or their account is gone: stop sending to them."""
        ...


async def recipients_for(policy: AudiencePolicy, audience: Audience) -> list[int]:
    wards = list(audience.wards) if audience.kind is AudienceKind.WARDS else None
    topic = audience.topic if audience.kind is AudienceKind.TOPIC else None
    return sorted(set(await policy.recipients(wards, topic)))
