"""When a row that failed cleanly goes again, and when it is given up."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Backoff:
    base_s: float
    max_s: float
    factor: float = 2.0
    steps: tuple[float, ...] = ()  # explicit delays instead of base * factor^n
    max_attempts: int | None = None  # failed tries before giving up; None: keep trying
    rate_limits_count: bool = True  # whether a 429 spends one of ``max_attempts``

    def delay(self, attempts: int, retry_after: float | None = None) -> float:
        """Seconds before try ``attempts + 1``; never sooner than Telegram's ``retry_after``."""
        n = max(attempts, 1)
        if self.steps:
            wait = self.steps[min(n, len(self.steps)) - 1]
        else:
            wait = min(self.base_s * self.factor ** (n - 1), self.max_s)
        return max(wait, retry_after or 0.0)

    def exhausted(self, attempts: int) -> bool:
        return self.max_attempts is not None and attempts >= self.max_attempts
