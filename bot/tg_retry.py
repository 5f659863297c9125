"""Who retries a Telegram call, and how: the one retry layer between PTB and the transport.

Replies to residents go through the application's bot, whose rate limiter is ``Retrying``:

* a 429 waits Telegram's ``retry_after`` (for at most ``max_wait_s`` in all), a 5xx or a request
  that never left (``NotSent``) is tried again after a short backoff, ``retries`` times at most;
* a request whose answer was lost (``TimedOut``) may have been applied: a send is repeated once
  (a resident may see an answer twice, never none), and an edit, deletion or callback answer is
  repeated and its "already done" refusal taken as success;
* a 400 "can't parse entities" is sent once more as the same text without formatting.

Everything else (403, other 400s) is raised at once. Outboxes make their own retry decisions, so
their bots (``outbox_bot``) only get the plain-text fallback (``retries=0``): no call is ever
retried by two layers.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import logging
import re
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine
from dataclasses import dataclass
from typing import Any

from aiolimiter import AsyncLimiter
from telegram.error import BadRequest, NetworkError, RetryAfter, TimedOut
from telegram.ext import BaseRateLimiter, ExtBot

from bot.config import Config
from bot.tg_outcome import retry_seconds
from bot.tg_request import AiohttpRequest

log = logging.getLogger(__name__)

JSONResult = bool | dict[str, Any] | list[dict[str, Any]]
Observer = Callable[[str], None]  # reason: rate_limited, failed, answer_lost, plain_text
Sleep = Callable[[float], Awaitable[None]]

# Calls that put a new message in a chat: after a lost answer these are repeated only once.
SENDS = frozenset(
    {
        "sendMessage", "sendPhoto", "sendDocument", "sendAudio", "sendVideo", "sendAnimation",
        "sendVoice", "sendVideoNote", "sendSticker", "sendLocation", "sendVenue", "sendContact",
        "sendPoll", "sendDice", "sendMediaGroup", "copyMessage", "copyMessages",
        "forwardMessage", "forwardMessages", "createForumTopic",
    }
)  # fmt: skip
# Refusals that mean a repeated edit, deletion or callback answer was applied the first time.
ALREADY_DONE = ("not modified", "message to delete not found", "query is too old")
PARSE_ERROR = "can't parse entities"
TAG = re.compile(r"<[^>]*>")


def plain_text(markup: str) -> str:
    """HTML as the same words without formatting: tags dropped, entities unescaped."""
    return html.unescape(TAG.sub("", markup))


def without_formatting(data: dict[str, Any]) -> dict[str, Any] | None:
    """The same request sent as plain text, if it had formatted text or a caption."""
    if not data.get("parse_mode"):
        return None
    plain = {k: v for k, v in data.items() if k != "parse_mode"}
    for key in ("text", "caption"):
        if isinstance(plain.get(key), str):
            plain[key] = plain_text(plain[key])
    return plain


class Retrying(BaseRateLimiter[None]):
    def __init__(
        self,
        *,
        retries: int = 3,
        base_delay_s: float = 0.5,
        max_delay_s: float = 5.0,
        max_wait_s: float = 60.0,
        overall_max_rate: float = 0,
        group_max_rate: float = 20,
        group_period_s: float = 60,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self.retries = retries
        self.base_delay_s = base_delay_s
        self.max_delay_s = max_delay_s
        self.max_wait_s = max_wait_s
        self._sleep = sleep
        self._overall = AsyncLimiter(overall_max_rate, 1) if overall_max_rate > 0 else None
        self._group_rate = (group_max_rate, group_period_s)
        self._groups: dict[int | str, AsyncLimiter] = {}
        self.observer: Observer | None = None

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close."""

    def _event(self, reason: str) -> None:
        if self.observer is not None:
            self.observer(reason)

    @contextlib.asynccontextmanager
    async def _paced(self, data: dict[str, Any]) -> AsyncIterator[None]:
        """Telegram's limits as AIORateLimiter applies them: overall, and per group chat."""
        chat = data.get("chat_id")
        with contextlib.suppress(TypeError, ValueError):
            chat = int(chat)  # type: ignore[arg-type]
        group = chat if (isinstance(chat, int) and chat < 0) or isinstance(chat, str) else None
        if group is not None and self._group_rate[0] > 0:
            if group not in self._groups:
                if len(self._groups) > 512:
                    self._groups.clear()
                self._groups[group] = AsyncLimiter(*self._group_rate)
            async with self._groups[group]:
                yield
            return
        if chat is not None and self._overall is not None:
            async with self._overall:
                yield
            return
        yield

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, JSONResult]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: None,
    ) -> JSONResult:
        state = _Tries()
        while True:
            try:
                async with self._paced(data):
                    return await callback(*args, **kwargs)
            except BadRequest as exc:
                refusal = exc.message.lower()
                if state.lost and endpoint not in SENDS and any(d in refusal for d in ALREADY_DONE):
                    return True  # the attempt whose answer was lost did it
                fallback = None
                if not state.plain and PARSE_ERROR in refusal:
                    fallback = without_formatting(data)
                if fallback is None:
                    raise
                args, data, state.plain = (endpoint, fallback), fallback, True
                self._event("plain_text")
                log.warning("%s: Telegram could not parse the formatting; sending plain text",
                            endpoint)  # fmt: skip
                continue
            except (RetryAfter, TimedOut, NetworkError) as exc:
                decision = self._again(exc, endpoint, state)
                if decision is None:
                    raise
            wait, reason = decision
            self._event(reason)
            await self._sleep(wait)

    def _again(self, exc: Exception, endpoint: str, state: _Tries) -> tuple[float, str] | None:
        """How long to wait before trying ``endpoint`` again, and why; None: give up."""
        if isinstance(exc, RetryAfter):  # a 429 spends waiting time, not tries
            wait = retry_seconds(exc) + 0.1
            if self.retries == 0 or state.waited + wait > self.max_wait_s:
                return None
            state.waited += wait
            return wait, "rate_limited"
        if isinstance(exc, TimedOut):
            if endpoint in SENDS and state.lost:
                return None  # it may have been sent twice already: never a third time
            state.lost = True
            reason = "answer_lost"
        else:
            reason = "failed"  # a 5xx, or no connection was made
        state.tries += 1
        if state.tries > self.retries:
            return None
        return min(self.base_delay_s * 2 ** (state.tries - 1), self.max_delay_s), reason


@dataclass
class _Tries:
    tries: int = 0
    waited: float = 0.0
    lost: bool = False  # an earlier answer was lost: that attempt may have been applied
    plain: bool = False


def reply_limiter(config: Config) -> Retrying:
    cfg = config.telegram
    return Retrying(retries=cfg.max_retries, overall_max_rate=cfg.max_replies_per_second)


def outbox_bot(config: Config, pool: int, *, formatting_fallback: bool = True) -> ExtBot[None]:
    """A bot of its own for an outbox: no retries (the outbox decides), its own connections."""
    from bot.app import telegram_urls

    assert config.telegram.token is not None
    base, files = telegram_urls(config.telegram.base_url or "https://api.telegram.org")
    limiter = Retrying(retries=0, group_max_rate=0) if formatting_fallback else None
    return ExtBot(
        config.telegram.token.get_secret_value(),
        base_url=base,
        base_file_url=files,
        request=AiohttpRequest(connection_pool_size=pool, **config.telegram.timeouts()),
        rate_limiter=limiter,
    )
