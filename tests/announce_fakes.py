"""Outbox test fakes: a virtual clock, an in-memory audience policy, a recording messenger."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from bot.announcements.pacing import Timer
from bot.announcements.sending import Content, SendError

START = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


@dataclass
class FakeTime:
    """Seconds since ``START`` that only move when someone sleeps: nothing waits for real."""

    t: float = 0.0

    def now(self) -> float:
        return self.t

    def wall(self) -> datetime:
        return START + timedelta(seconds=self.t)

    async def sleep(self, seconds: float) -> None:
        self.t += max(seconds, 0.0)
        await asyncio.sleep(0)

    @property
    def timer(self) -> Timer:
        return Timer(self.now, self.sleep)


@dataclass
class FakePolicy:
    wards: dict[int, set[str]] = field(default_factory=dict)
    topics: dict[int, set[str]] = field(default_factory=dict)
    paused: set[int] = field(default_factory=set)
    quiet_until: dict[int, datetime] = field(default_factory=dict)
    unreachable: list[int] = field(default_factory=list)

    def subscribe(self, resident_ids: Sequence[int], ward: str = "Pinner", topic: str = "") -> None:
        for r in resident_ids:
            self.wards.setdefault(r, set()).add(ward)
            if topic:
                self.topics.setdefault(r, set()).add(topic)

    async def recipients(self, wards: Sequence[str] | None, topic: str | None) -> list[int]:
        return [
            r for r in self.wards
            if r not in self.paused
            and (wards is None or self.wards[r] & set(wards))
            and (topic is None or topic in self.topics.get(r, set()))
        ]  # fmt: skip

    async def deferral(self, resident_id: int, now: datetime) -> datetime | None:
        until = self.quiet_until.get(resident_id)
        return until if until is not None and until > now else None

    async def may_receive(self, resident_id: int, topic: str | None) -> bool:
        return resident_id in self.wards and resident_id not in self.paused

    async def mark_unreachable(self, resident_id: int) -> None:
        self.unreachable.append(resident_id)
        self.wards.pop(resident_id, None)


Hook = Callable[[int, int], Awaitable[None]]


@dataclass
class FakeMessenger:
    """Records (virtual time, chat) of every accepted message; faults are queued per chat."""

    time: FakeTime
    sent: list[tuple[float, int, int]] = field(default_factory=list)  # (t, chat, message id)
    attempts: list[tuple[float, int]] = field(default_factory=list)
    deleted: list[tuple[int, int]] = field(default_factory=list)
    faults: dict[int, list[SendError]] = field(default_factory=dict)
    before_send: Hook | None = None
    texts: list[tuple[int, str]] = field(default_factory=list)  # (chat, html) as accepted
    _next_id: int = 1000

    async def send(self, chat_id: int, content: Content) -> int:
        self.attempts.append((self.time.t, chat_id))
        queued = self.faults.get(chat_id)
        if queued:
            raise queued.pop(0)
        self._next_id += 1
        self.sent.append((self.time.t, chat_id, self._next_id))
        self.texts.append((chat_id, content.html))
        if self.before_send is not None:
            await self.before_send(chat_id, len(self.sent))
        return self._next_id

    async def delete(self, chat_id: int, message_id: int) -> None:
        self.attempts.append((self.time.t, chat_id))
        self.deleted.append((chat_id, message_id))

    def per_chat(self) -> dict[int, int]:
        counts: dict[int, int] = {}
        for _, chat, _ in self.sent:
            counts[chat] = counts.get(chat, 0) + 1
        return counts


def max_in_window(times: Sequence[float], window: float = 1.0) -> int:
    """The most events in any half-open window of ``window`` seconds."""
    ordered = sorted(times)
    best, start = 0, 0
    for end, t in enumerate(ordered):
        while ordered[start] <= t - window:
            start += 1
        best = max(best, end - start + 1)
    return best
