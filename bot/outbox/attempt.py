"""What became of one try at sending a row: plain values, so outboxes test without Telegram."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

Record = Callable[[AsyncSession], Awaitable[None]]


class Verdict(StrEnum):
    SENT = "sent"
    RETRY = "retry"  # a clean failure: nothing was delivered (no connection, 5xx)
    RATE_LIMITED = "rate_limited"  # 429: nothing was delivered; not before ``retry_after``
    AMBIGUOUS = "ambiguous"  # sent, answer lost: it may have arrived
    GONE = "gone"  # the recipient cannot be reached (blocked the bot, removed it)
    REJECTED = "rejected"  # this message will never be accepted (a 400)
    DEFER = "defer"  # not now (quiet hours, another row first); no attempt is spent
    SKIP = "skip"  # no longer wanted


@dataclass(frozen=True, slots=True)
class Attempt:
    verdict: Verdict
    error: str = ""
    retry_after: float | None = None
    until: datetime | None = None  # DEFER: when it may go
    values: Mapping[str, Any] = field(default_factory=dict)  # columns to set with the outcome
    record: Record | None = None  # SENT: what arrived, written in the outcome's transaction

    @classmethod
    def sent(cls, record: Record | None = None, **values: Any) -> Attempt:
        return cls(Verdict.SENT, values=values, record=record)

    @classmethod
    def retry(cls, error: str, retry_after: float | None = None) -> Attempt:
        return cls(Verdict.RETRY, error, retry_after)

    @classmethod
    def rate_limited(cls, retry_after: float, error: str = "") -> Attempt:
        return cls(Verdict.RATE_LIMITED, error or f"429 retry after {retry_after:g}s", retry_after)

    @classmethod
    def ambiguous(cls, error: str) -> Attempt:
        return cls(Verdict.AMBIGUOUS, error)

    @classmethod
    def gone(cls, error: str) -> Attempt:
        return cls(Verdict.GONE, error)

    @classmethod
    def rejected(cls, error: str) -> Attempt:
        return cls(Verdict.REJECTED, error)

    @classmethod
    def defer(cls, until: datetime | None = None, error: str = "") -> Attempt:
        return cls(Verdict.DEFER, error, until=until)

    @classmethod
    def skip(cls, reason: str = "") -> Attempt:
        return cls(Verdict.SKIP, reason)
