"""Claim a row, send it through a callable, record what happened: the loop every outbox shares.

What a row says, who it goes to and how a failure is worded belong to the feature; when it goes
again, whether it may go again at all and who may send it belong here (see ``bot.outbox``).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from bot.outbox import table as sql
from bot.outbox.attempt import Attempt, Verdict
from bot.outbox.backoff import Backoff
from bot.outbox.claimant import new_claimant, stopped_here
from bot.outbox.table import Filter, Order, Table
from bot.storage.db import Database

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]
Observer = Callable[[str, str], None]  # (outbox, event): ambiguous, takeover, resent, uncertain
MAX_RESENDS = 1  # after an ambiguous failure a row goes at most once more
LEASE_USE = 0.8  # a send is cut off when this share of its lease has passed
NOT_SENT_AGAIN = "its marked resend was interrupted too"


@dataclass(frozen=True, slots=True)
class Claimed:
    id: int
    attempts: int
    resends: int
    taken_over: bool
    data: Mapping[str, Any] = field(default_factory=dict)

    @property
    def possible_repeat(self) -> bool:
        """An earlier send of this row may have arrived: mark this one with the reference."""
        return self.resends > 0


Deliver = Callable[[Claimed], Awaitable[Attempt]]


@dataclass
class Report:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    deferred: int = 0
    skipped: int = 0
    ambiguous: int = 0
    uncertain: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.sent + self.retried + self.failed + self.deferred + self.skipped

    def count(self, verdict: Verdict, status: str, table: Table, error: str) -> None:
        if verdict is Verdict.AMBIGUOUS:
            self.ambiguous += 1
        if status == table.uncertain:
            self.uncertain += 1
        if verdict is Verdict.SENT:
            self.sent += 1
        elif verdict is Verdict.DEFER:
            self.deferred += 1
        elif verdict is Verdict.SKIP:
            self.skipped += 1
        elif status == table.pending:
            self.retried += 1
            self.errors.append(error)
        else:
            self.failed += 1


@dataclass(frozen=True, slots=True)
class OutboxHealth:
    pending: int
    oldest_age_s: float | None
    failed: int
    flagged: bool
    last_error: str = ""
    uncertain: int = 0  # may or may not have arrived, not sent again
    resent: int = 0  # delivered by a send marked as a possible repeat

    def as_dict(self) -> dict[str, Any]:
        age = None if self.oldest_age_s is None else round(self.oldest_age_s, 1)
        return {
            "pending": self.pending,
            "oldest_age_s": age,
            "failed": self.failed,
            "uncertain": self.uncertain,
            "resent": self.resent,
            "flagged": self.flagged,
            "last_error": self.last_error,
        }


def as_utc(value: datetime) -> datetime:
    """SQLite hands back naive datetimes for what was stored as UTC."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)


class Outbox:
    def __init__(
        self,
        db: Database,
        table: Table,
        backoff: Backoff,
        *,
        name: str,
        lease_s: float,
        clock: Clock,
        alert_after_s: float | None = None,
        claimant: str | None = None,
    ) -> None:
        self.db = db
        self.table = table
        self.backoff = backoff
        self.name = name
        self.lease_s = lease_s
        self.clock = clock
        self.alert_after_s = alert_after_s
        self.claimant = claimant or new_claimant()
        self.observer: Observer | None = None

    def _event(self, event: str) -> None:
        if self.observer is not None:
            self.observer(self.name, event)

    # ---------------------------------------------------------------------------- claiming

    async def claim(
        self,
        where: Filter | None = None,
        order: Order | None = None,
        columns: Sequence[str] = (),
    ) -> Claimed | None:
        row = await sql.claim_one(
            self.db, self.table, self.claimant, self.clock(), self.lease_s, where, order, columns
        )
        if row is None:
            return None
        if row.taken_over:
            self._event("takeover")
            log.warning(
                "%s row %d: its sender stopped mid-send; it goes again as a possible repeat",
                self.name, row.id,
            )  # fmt: skip
        return Claimed(row.id, row.attempts, row.resends, row.taken_over, row.data)

    async def release_stopped(self) -> int:
        """Take over at once the claims of processes on this host that no longer exist."""
        now = self.clock()
        async with self.db.sessions.begin() as session:
            names = await sql.claimants(session, self.table)
            stopped = [c for c in names if stopped_here(c, self.claimant)]
            released = await sql.expire(session, self.table, stopped, now)
        if released:
            log.warning("%s: %d claims of a stopped process are taken over", self.name, released)
        return released

    async def release_processes(self, processes: Sequence[str]) -> int:
        """Take over at once the claims of processes (``pid@host``) known to have stopped,
        wherever they ran: another replica saw their heartbeat lease run out."""
        now = self.clock()
        async with self.db.sessions.begin() as session:
            names = await sql.claimants(session, self.table)
            gone = [c for c in names if c.split("#", 1)[0] in processes]
            released = await sql.expire(session, self.table, gone, now)
        if released:
            log.warning("%s: %d claims of a stopped replica are taken over", self.name, released)
        return released

    async def renew(self) -> int:
        """Extend this claimant's leases (for senders that hold claims while they wait)."""
        async with self.db.sessions.begin() as session:
            return await sql.extend(session, self.table, self.claimant, self.clock(), self.lease_s)

    # ----------------------------------------------------------------------------- sending

    async def attempt(self, claimed: Claimed, deliver: Deliver) -> Attempt:
        """Run ``deliver`` for a claimed row, never past its lease, never raising."""
        if claimed.resends > MAX_RESENDS:
            return Attempt.ambiguous(NOT_SENT_AGAIN)
        try:
            async with asyncio.timeout(self.lease_s * LEASE_USE):
                return await deliver(claimed)
        except TimeoutError:
            return Attempt.ambiguous("the send did not finish within its lease")
        except SQLAlchemyError as exc:  # the database, before anything was sent
            log.warning("%s row %d: database error before sending: %s", self.name, claimed.id,
                        type(exc).__name__)  # fmt: skip
            return Attempt.retry(f"database: {type(exc).__name__}")
        except Exception as exc:  # a bug: it may have struck after the message went
            log.exception("%s row %d raised", self.name, claimed.id)
            return Attempt.ambiguous(type(exc).__name__)

    async def settle(self, claimed: Claimed, attempt: Attempt) -> str | None:
        """Record the outcome; the row's new status, or None if the claim was no longer ours."""
        now = self.clock()
        values = self.outcome(claimed, attempt, now)
        async with self.db.sessions.begin() as session:
            ours = await sql.settle(session, self.table, claimed.id, self.claimant, values)
            if attempt.verdict is Verdict.SENT and attempt.record is not None:
                # What arrived is recorded even if the row was taken over or withdrawn
                # meanwhile: the message is in the chat either way.
                await attempt.record(session)
        if not ours:
            log.warning("%s row %d was taken over before its outcome was recorded",
                        self.name, claimed.id)  # fmt: skip
            return None
        status = str(values["status"])
        self._observe(claimed, attempt, status)
        return status

    def _observe(self, claimed: Claimed, attempt: Attempt, status: str) -> None:
        if attempt.verdict is Verdict.AMBIGUOUS and attempt.error != NOT_SENT_AGAIN:
            self._event("ambiguous")
        if status == self.table.uncertain:
            self._event("uncertain")
            log.error("%s row %d may or may not have arrived; it is not sent again (%s)",
                      self.name, claimed.id, attempt.error)  # fmt: skip
        elif status == self.table.done and claimed.possible_repeat:
            self._event("resent")

    def outcome(self, claimed: Claimed, attempt: Attempt, now: datetime) -> dict[str, Any]:
        """The columns an attempt's outcome sets (the status first)."""
        t, verdict = self.table, attempt.verdict
        error = attempt.error[: t.error_len]
        if verdict is Verdict.SENT:
            values: dict[str, Any] = {"status": t.done, t.error: ""}
        elif verdict is Verdict.DEFER:
            until = attempt.until or now + timedelta(seconds=self.backoff.base_s)
            values = {"status": t.pending, t.due: until, t.error: error}
        elif verdict is Verdict.SKIP:
            values = {"status": t.skipped, t.error: error}
        elif verdict in (Verdict.GONE, Verdict.REJECTED):
            status = t.gone if verdict is Verdict.GONE else t.failed
            values = {"status": status, "attempts": claimed.attempts + 1, t.error: error}
        elif verdict is Verdict.AMBIGUOUS:
            values = self._ambiguous(claimed, now, error)
        else:
            values = self._retry(claimed, attempt, now, error)
        values.update(attempt.values)
        if t.finished is not None and values["status"] != t.pending:
            values.setdefault(t.finished, now)
        return values

    def _retry(
        self, claimed: Claimed, attempt: Attempt, now: datetime, error: str
    ) -> dict[str, Any]:
        spent = attempt.verdict is Verdict.RETRY or self.backoff.rate_limits_count
        attempts = claimed.attempts + (1 if spent else 0)
        if spent and self.backoff.exhausted(attempts):
            return {"status": self.table.failed, "attempts": attempts, self.table.error: error}
        if spent:
            delay = self.backoff.delay(attempts, attempt.retry_after)
        else:
            delay = attempt.retry_after or self.backoff.base_s
        due = now + timedelta(seconds=delay)
        return {"status": self.table.pending, "attempts": attempts, self.table.due: due,
                self.table.error: error}  # fmt: skip

    def _ambiguous(self, claimed: Claimed, now: datetime, error: str) -> dict[str, Any]:
        attempts = claimed.attempts + 1
        t = self.table
        if claimed.resends >= MAX_RESENDS:
            note = f"may or may not have arrived, not sent again: {error}"
            return {"status": t.uncertain, "attempts": attempts, t.error: note[: t.error_len]}
        due = now + timedelta(seconds=self.backoff.delay(attempts))
        return {"status": t.pending, "attempts": attempts, "resends": claimed.resends + 1,
                t.due: due, t.error: f"possible repeat next: {error}"[: t.error_len]}  # fmt: skip

    # ------------------------------------------------------------------------------ passes

    async def drain(
        self,
        deliver: Deliver,
        *,
        where: Filter | None = None,
        order: Order | None = None,
        columns: Sequence[str] = (),
        limit: int = 500,
    ) -> Report:
        """Send everything ready now, each row at most once in this pass."""
        report = Report()
        seen: list[int] = []

        def fresh(c: Any) -> list[Any]:
            extra = list(where(c)) if where is not None else []
            return [*extra, c.id.not_in(seen)] if seen else extra

        while len(seen) < limit:
            claimed = await self.claim(fresh, order, columns)
            if claimed is None:
                break
            seen.append(claimed.id)
            attempt = await self.attempt(claimed, deliver)
            status = await self.settle(claimed, attempt)
            if status is not None:
                report.count(attempt.verdict, status, self.table, attempt.error)
        return report

    # ------------------------------------------------------------------------------ health

    async def health(self) -> OutboxHealth:
        return await table_health(self.db, self.table, self.clock(), self.alert_after_s)


async def table_health(
    db: Database, table: Table, now: datetime, alert_after_s: float | None = None
) -> OutboxHealth:
    """What waits in an outbox, what failed, what may have arrived twice or not at all."""
    async with db.sessions() as session:
        found = await sql.counts(session, table)
    oldest = found["oldest"]
    age = None if oldest is None else (now - as_utc(oldest)).total_seconds()
    flagged = bool(alert_after_s is not None and age is not None and age >= alert_after_s)
    return OutboxHealth(
        found["pending"], age, found["failed"], flagged, found["last_error"],
        found["uncertain"], found["resent"],
    )  # fmt: skip
