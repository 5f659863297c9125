"""What the outbox needs from a messenger, without naming Telegram.

The Telegram adapter (``handlers/announce_sender.py``) turns the Bot API's errors into these, so
the outbox's decisions (wait, retry, give up, stop sending to someone) are tested with a fake.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True, slots=True)
class Content:
    html: str
    photo: str | None = None  # a Telegram file id; the HTML is then its caption


class SendError(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason[:200]


class RateLimited(SendError):
    """429: try this chat again after ``retry_after`` seconds."""

    def __init__(self, retry_after: float) -> None:
        super().__init__(f"rate limited for {retry_after:g}s")
        self.retry_after = retry_after


class Unreachable(SendError):
    """403: the resident blocked the bot or their account was deleted."""


class Temporary(SendError):
    """5xx, timeouts, network: worth another try later (the message may have arrived)."""


class Rejected(SendError):
    """400 and the like: this message will never go to this chat."""


class Messenger(Protocol):
    async def send(self, chat_id: int, content: Content) -> int:
        """Deliver ``content``; returns the message id. Raises a ``SendError``."""
        ...

    async def delete(self, chat_id: int, message_id: int) -> None: ...
