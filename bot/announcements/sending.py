"""What the outbox needs from a messenger, without naming Telegram.

The Telegram adapter (``handlers/announce_sender.py``) turns the Bot API's errors into these, so
the outbox's decisions (wait, retry, give up, stop sending to someone) are tested with a fake.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, replace
from typing import Protocol

from bot.announcements.formatting import CAPTION_LIMIT, TEXT_LIMIT, check_html, utf16_len


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
    """5xx, or no connection was made: nothing arrived; worth another try later."""


class LostAnswer(SendError):
    """The request went out and its answer was lost: the message may have arrived."""


class Rejected(SendError):
    """400 and the like: this message will never go to this chat."""


class Messenger(Protocol):
    async def send(self, chat_id: int, content: Content) -> int:
        """Deliver ``content``; returns the message id. Raises a ``SendError``."""
        ...

    async def delete(self, chat_id: int, message_id: int) -> None: ...


def possible_repeat(content: Content, announcement_id: int) -> Content:
    """The announcement, first saying it may be a repeat of one that already arrived.

    If the note would not fit Telegram's limit, the repeat carries the text shortened as plain
    text: the first copy most likely arrived whole.
    """
    note = f"(possible repeat of announcement #{announcement_id})"
    limit = CAPTION_LIMIT if content.photo else TEXT_LIMIT
    visible = check_html(content.html, caption=content.photo is not None).visible
    room = limit - utf16_len(note) - 1
    if utf16_len(visible) <= room:
        body = content.html
    else:
        shortened = visible.encode("utf-16-le")[: (room - 1) * 2].decode("utf-16-le", "ignore")
        body = html.escape(shortened, quote=False) + "…"
    return replace(content, html=f"<i>{note}</i>\n{body}")
