"""Per-resident flood control: one polite notice, then silence until the window passes.

A sliding window per user keeps one noisy resident from slowing everyone else; the notice is sent
once per burst so the bot never floods them back.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from enum import Enum


class Decision(Enum):
    ALLOW = "allow"
    NOTIFY = "notify"  # over the limit: tell them once
    DROP = "drop"  # still over the limit: already told


class Throttle:
    def __init__(
        self,
        max_messages: int,
        per_seconds: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._max = max_messages
        self._window = per_seconds
        self._clock = clock
        self._seen: dict[int, deque[float]] = {}
        self._notified: set[int] = set()

    def check(self, user_id: int) -> Decision:
        now = self._clock()
        seen = self._seen.setdefault(user_id, deque())
        while seen and now - seen[0] >= self._window:
            seen.popleft()
        if len(seen) < self._max:
            seen.append(now)
            self._notified.discard(user_id)
            return Decision.ALLOW
        if user_id in self._notified:
            return Decision.DROP
        self._notified.add(user_id)
        return Decision.NOTIFY

    def forget_idle(self) -> None:
        """Drop users with no recent messages, so memory follows activity, not head count."""
        now = self._clock()
        idle = [u for u, s in self._seen.items() if not s or now - s[-1] >= self._window]
        for user_id in idle:
            del self._seen[user_id]
            self._notified.discard(user_id)
