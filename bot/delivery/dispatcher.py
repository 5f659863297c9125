"""The due-work pass: send what is due, once, respecting quiet hours and pauses.

Rows go through the shared outbox (``bot.outbox``): each is claimed with a lease immediately
before its send and settled right after, so overlapping passes or processes never send it at
once, and rows due while the bot was down simply go out on the first pass after start-up. A send
whose answer was lost (or whose process was killed mid-send) goes at most once more, marked as a
possible repeat; a clean failure is retried after 1, 5 and 30 minutes, then given up.

A resident's quiet hours or pause defer a message to the end of the window; nothing is dropped.
What a message says is decided when it is sent: ``renderers`` build the text of kinds that depend
on live data (an event reminder checks the event is still on) and may return None to skip it.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Protocol

from bot.answers import Reply, ReplyKind
from bot.delivery import store
from bot.delivery.models import ScheduledMessage
from bot.delivery.store import Due
from bot.localtime import Clock
from bot.outbox import Attempt, Backoff, Claimed, Outbox, Report, Table, Verdict
from bot.storage.db import Database

log = logging.getLogger(__name__)

Outcome = Verdict  # what a sender reports, in the outbox's words
PassReport = Report
TABLE = Table(
    ScheduledMessage, due="due_at", error="detail", error_len=200, created="created_at",
    claimed=store.CLAIMED, done=store.SENT, skipped=store.SKIPPED,
)  # fmt: skip
# A 429 is Telegram's pace, not a failure of the message: it waits retry_after, spending no try.
BACKOFF = Backoff(
    base_s=60, max_s=1800, steps=(60, 300, 1800), max_attempts=4, rate_limits_count=False
)
COLUMNS = ("resident_id", "kind", "ref", "text", "due_at")
REPEAT_NOTE = "(possible repeat: Telegram did not confirm that this reached you before)"


class Sender(Protocol):
    async def send(self, resident_id: int, reply: Reply) -> Attempt: ...


Renderer = Callable[[Due, datetime], Awaitable[Reply | None]]
Gate = Callable[[int, datetime], Awaitable[datetime | None]]


def marked(reply: Reply) -> Reply:
    """The same message, saying first that it may be a repeat."""
    return replace(reply, text=f"{REPEAT_NOTE}\n\n{reply.text}")


class Dispatcher:
    def __init__(
        self,
        db: Database,
        clock: Clock,
        gate: Gate,
        renderers: Mapping[str, Renderer] | None = None,
        claim_timeout: timedelta = timedelta(minutes=5),
    ) -> None:
        self._db = db
        self._clock = clock
        self._gate = gate
        self._renderers = dict(renderers or {})
        self.outbox = Outbox(
            db, TABLE, BACKOFF, name="scheduled_messages",
            lease_s=claim_timeout.total_seconds(), clock=clock,
        )  # fmt: skip

    def add_renderer(self, kind: str, renderer: Renderer) -> None:
        self._renderers[kind] = renderer

    async def schedule(
        self,
        resident_id: int,
        kind: str,
        due_at: datetime,
        *,
        text: str = "",
        ref: str = "",
        dedupe_key: str | None = None,
    ) -> bool:
        """Queue a message for one resident; for many, use ``store.schedule`` in one session."""
        async with self._db.sessions.begin() as session:
            return await store.schedule(
                session, resident_id, kind, due_at, text=text, ref=ref, dedupe_key=dedupe_key
            )

    async def recover(self) -> int:
        """At start-up: take over at once the claims of a process on this host that stopped."""
        return await self.outbox.release_stopped()

    async def run_due(self, sender: Sender, limit: int = 500) -> PassReport:
        async def deliver(claimed: Claimed) -> Attempt:
            return await self._deliver(claimed, sender)

        return await self.outbox.drain(
            deliver, columns=COLUMNS, limit=limit,
            order=lambda m: (m.due_at, m.id),
        )  # fmt: skip

    async def _deliver(self, claimed: Claimed, sender: Sender) -> Attempt:
        row = Due(claimed.id, attempts=claimed.attempts, **claimed.data)
        now = self._clock()
        later = await self._gate(row.resident_id, now)
        if later is not None:
            return Attempt.defer(later, "quiet hours or paused")
        reply = await self._render(row, now)
        if reply is None:
            return Attempt.skip("no longer relevant")
        if claimed.possible_repeat:
            reply = marked(reply)
        attempt = await sender.send(row.resident_id, reply)
        if attempt.verdict is Verdict.SENT:
            return Attempt.sent(sent_at=self._clock())
        return attempt

    async def _render(self, row: Due, now: datetime) -> Reply | None:
        renderer = self._renderers.get(row.kind)
        if renderer is not None:
            return await renderer(row, now)
        return Reply(ReplyKind.ANSWER, row.text) if row.text else None
