"""Rate limits for the open web: a sliding window per key (a session, an address).

Kept in memory, per process: cheap, and a flood is refused before it reaches the database. With
several processes behind a load balancer each enforces its own window, so the balancer (or the
proxy in front of it) should hold the per-address limit for the whole site as well.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable

from bot.config import RateConfig

MAX_KEYS = 100_000  # beyond this, idle keys are dropped first; memory follows activity


class SlidingWindow:
    def __init__(self, limit: RateConfig, clock: Callable[[], float] = time.monotonic) -> None:
        self._max = limit.max_requests
        self._window = limit.per_seconds
        self._clock = clock
        self._seen: dict[str, deque[float]] = {}

    def hit(self, key: str) -> float | None:
        """Count a request; None if allowed, else the seconds until one would be."""
        now = self._clock()
        seen = self._seen.get(key)
        if seen is None:
            if len(self._seen) >= MAX_KEYS:
                self.forget_idle()
            seen = self._seen[key] = deque()
        while seen and now - seen[0] >= self._window:
            seen.popleft()
        if len(seen) >= self._max:
            return max(self._window - (now - seen[0]), 0.001)
        seen.append(now)
        return None

    def forget_idle(self) -> None:
        now = self._clock()
        idle = [k for k, s in self._seen.items() if not s or now - s[-1] >= self._window]
        for key in idle:
            del self._seen[key]
