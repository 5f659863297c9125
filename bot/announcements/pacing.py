"""Pacing a broadcast to Telegram's limits: an even global rate, one message per chat per second.

Sends are spaced evenly (a slot every ``1 / rate`` seconds) rather than in bursts, so no sliding
one-second window ever holds more than ``rate`` sends. A 429 pauses only what must pause: the
chat it was about, or, when several chats are refused at once (a bot-wide flood limit), every
send for ``retry_after``. Time is injected (``Timer``) so tests run a 10,000-message broadcast
without waiting.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

# Several chats refused within this many seconds means the limit is the bot's, not a chat's.
GLOBAL_FLOOD_WINDOW = 1.0
GLOBAL_FLOOD_CHATS = 3


@dataclass
class Timer:
    """Monotonic seconds and a way to wait; the real ones unless a test gives its own."""

    now: Callable[[], float] = time.monotonic
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep


@dataclass
class Pacer:
    rate: float
    per_chat_interval: float
    timer: Timer = field(default_factory=Timer)
    _next_slot: float = 0.0
    _paused_until: float = 0.0
    _chat_free_at: dict[int, float] = field(default_factory=dict)
    _recent_429: dict[int, float] = field(default_factory=dict)

    @property
    def interval(self) -> float:
        return 1.0 / self.rate if self.rate > 0 else float("inf")

    def set_rate(self, rate: float) -> None:
        self.rate = rate

    async def wait_turn(self) -> float:
        """Wait for the next global slot; returns the slot's time (for ``give_back``)."""
        while True:
            now = self.timer.now()
            start = max(now, self._next_slot, self._paused_until)
            if start > now:
                await self.timer.sleep(start - now)
                continue
            self._next_slot = start + self.interval
            return start

    def give_back(self, slot: float) -> None:
        """An unused slot (the resident was skipped or deferred), if no one took a later one."""
        if abs(self._next_slot - (slot + self.interval)) < 1e-9:
            self._next_slot = slot

    def busy_chats(self) -> list[int]:
        """Chats that must not get another message yet (recently sent to, or refused)."""
        now = self.timer.now()
        for chat in [c for c, t in self._chat_free_at.items() if t <= now]:
            del self._chat_free_at[chat]
        return list(self._chat_free_at)

    def sent_to(self, chat_id: int) -> None:
        free = self.timer.now() + self.per_chat_interval
        self._chat_free_at[chat_id] = max(free, self._chat_free_at.get(chat_id, 0.0))

    def refused(self, chat_id: int, retry_after: float) -> None:
        """A 429: hold this chat, and everything if several chats were refused together."""
        now = self.timer.now()
        until = now + retry_after
        self._chat_free_at[chat_id] = max(until, self._chat_free_at.get(chat_id, 0.0))
        self._recent_429 = {
            c: t for c, t in self._recent_429.items() if now - t <= GLOBAL_FLOOD_WINDOW
        }
        self._recent_429[chat_id] = now
        if len(self._recent_429) >= GLOBAL_FLOOD_CHATS:
            self._paused_until = max(self._paused_until, until)

    @property
    def paused_until(self) -> float:
        return self._paused_until
