"""What a Telegram error means for a message: was it delivered, may it have been, try again when.

Shared by every outbox's Telegram adapter, so a timeout means the same thing to feedback, to
scheduled messages and to announcements. The transport (``bot.tg_request``) says whether a failed
request left this machine; the Bot API's answer says the rest.
"""

from __future__ import annotations

import warnings
from datetime import timedelta

from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError, TimedOut
from telegram.warnings import PTBDeprecationWarning

from bot.outbox import Attempt


def retry_seconds(exc: RetryAfter) -> float:
    """``retry_after`` is an int, or a timedelta under PTB_TIMEDELTA (PTB 23's default)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = exc.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def attempt_for(exc: TelegramError, *, repeatable: bool = False) -> Attempt:
    """The outcome of a call that raised ``exc``.

    ``repeatable``: doing the call twice leaves one result (an edit, a deletion), so a lost
    answer is a plain retry rather than a possible repeat.
    """
    if isinstance(exc, RetryAfter):
        return Attempt.rate_limited(retry_seconds(exc))
    if isinstance(exc, Forbidden):
        return Attempt.gone(f"403 {exc.message}")
    if isinstance(exc, BadRequest):  # a NetworkError subclass: test it first
        return Attempt.rejected(f"400 {exc.message}")
    if isinstance(exc, TimedOut):  # the request went out; its answer did not come back
        if repeatable:
            return Attempt.retry(f"answer lost: {exc.message}")
        return Attempt.ambiguous(f"answer lost: {exc.message}")
    if isinstance(exc, NetworkError):  # not sent (no connection), or a 5xx answer
        return Attempt.retry(exc.message or type(exc).__name__)
    return Attempt.retry(f"{type(exc).__name__}: {exc.message}")
