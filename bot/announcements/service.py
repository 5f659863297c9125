"""Officer announcements as plain operations: check, size, confirm, approve, cancel, delete, report.

Nothing is queued until the officer confirms; confirming writes the announcement and every
delivery in one transaction, so an announcement is either wholly queued or not at all. Every
refusal is a ``AnnouncementError`` worded for the officer; nothing is sent on a refusal.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.announcements import store
from bot.announcements.audience import Audience, AudiencePolicy, recipients_for
from bot.announcements.formatting import CheckedText, FormattingError, check_html
from bot.announcements.outbox import TABLE, OutboxWorker
from bot.config import AnnouncementsConfig
from bot.localtime import Clock, as_utc, system_clock
from bot.outbox import OutboxHealth, table_health
from bot.outbox import table as outbox_table
from bot.staff_dates import StaffDateError, parse_time
from bot.storage.db import Database


class AnnouncementError(ValueError):
    """A refusal worded for the officer."""


@dataclass(frozen=True, slots=True)
class Progress:
    total: int
    sent: int
    blocked: int
    failed: int
    skipped: int
    cancelled: int
    remaining: int
    waiting: int  # of remaining: held for quiet hours or a retry later
    resent: int  # sent again, marked as a possible repeat (an answer lost, a sender stopped)
    eta_seconds: float
    failures: tuple[tuple[str, int], ...]
    deleted: int = 0
    delete_remaining: int = 0
    delete_failed: int = 0
    uncertain: int = 0  # may or may not have arrived: lost twice, not sent again
    quiet: int = 0  # of waiting: held until the resident's quiet hours end


def parse_send_time(text: str, now: datetime) -> datetime:
    """'now', or a London day and time in words ('tomorrow 9am') → UTC, not in the past."""
    if " ".join(text.lower().split()) in ("", "now"):
        return now
    try:
        return parse_time(text, now)
    except StaffDateError as exc:
        raise AnnouncementError(str(exc)) from None


def check_text(text: str, photo: str | None) -> CheckedText:
    try:
        return check_html(text, caption=photo is not None)
    except FormattingError as exc:
        raise AnnouncementError(f"The announcement cannot be sent as written: {exc}.") from None


class AnnouncementService:
    def __init__(
        self,
        db: Database,
        policy: AudiencePolicy,
        config: AnnouncementsConfig,
        wards: tuple[str, ...],
        clock: Clock = system_clock,
        topics: dict[str, str] | None = None,
    ) -> None:
        self.db = db
        self.policy = policy
        self.config = config
        self.wards = wards
        self.clock = clock
        self.topics = dict(topics or {})  # topic key → label, for a topic audience
        self.worker: OutboxWorker | None = None

    def ward_named(self, text: str) -> str | None:
        wanted = " ".join(text.split()).casefold()
        return next((w for w in self.wards if w.casefold() == wanted), None)

    async def audience_size(self, audience: Audience) -> int:
        return len(await recipients_for(self.policy, audience))

    def needs_approval(self, audience: Audience) -> bool:
        return audience.borough_wide and self.config.require_second_approval_for_borough_wide

    async def confirm(self, draft: store.Draft) -> store.AnnouncementRecord:
        """Queue the announcement and one delivery per recipient, all or nothing."""
        check_text(draft.text, draft.photo)
        now = self.clock()
        if as_utc(draft.send_at) < now - timedelta(minutes=1):
            raise AnnouncementError("The send time has passed. Please choose the time again.")
        recipients = await recipients_for(self.policy, draft.audience)
        if not recipients:
            raise AnnouncementError("Nobody is subscribed to that audience, so nothing was sent.")
        status = store.AWAITING_APPROVAL if self.needs_approval(draft.audience) else store.SENDING
        async with self.db.sessions.begin() as session:
            announcement_id = await store.create(session, draft, recipients, status, now)
        if status == store.SENDING:
            self._wake()
        return await self.get(announcement_id)

    async def get(self, announcement_id: int) -> store.AnnouncementRecord:
        async with self.db.sessions() as session:
            record = await store.get(session, announcement_id)
        if record is None:
            raise AnnouncementError(f"There is no announcement {announcement_id}.")
        return record

    async def approve(self, announcement_id: int, officer_id: int) -> store.AnnouncementRecord:
        record = await self.get(announcement_id)
        if record.author_id == officer_id:
            raise AnnouncementError("A second officer has to approve this announcement.")
        async with self.db.sessions.begin() as session:
            moved = await store.set_status(
                session, announcement_id, store.SENDING, when=[store.AWAITING_APPROVAL],
                approved_by=officer_id,
            )  # fmt: skip
        if not moved:
            raise AnnouncementError("That announcement is no longer waiting for approval.")
        self._wake()
        return await self.get(announcement_id)

    async def cancel(self, announcement_id: int, officer_id: int) -> int:
        """Stop it; returns how many deliveries will now not be sent."""
        now = self.clock()
        async with self.db.sessions.begin() as session:
            moved = await store.set_status(
                session, announcement_id, store.CANCELLED,
                when=[store.AWAITING_APPROVAL, store.SENDING], cancelled_by=officer_id,
                finished_at=now,
            )  # fmt: skip
            if not moved:
                raise AnnouncementError("That announcement has already finished.")
            return await store.withdraw(session, announcement_id, now)

    async def delete(self, announcement_id: int, officer_id: int) -> int:
        """Remove it from residents' chats, through the same paced outbox."""
        now = self.clock()
        async with self.db.sessions.begin() as session:
            moved = await store.set_status(
                session, announcement_id, store.DELETING, when=[store.DONE, store.CANCELLED],
                deleted_by=officer_id, reported_at=None,
            )  # fmt: skip
            if not moved:
                raise AnnouncementError(
                    "Only a finished or cancelled announcement can be deleted (cancel it first)."
                )
            queued = await store.queue_deletions(session, announcement_id, now)
        self._wake()
        return queued

    async def recent(self, limit: int = 10) -> list[store.AnnouncementRecord]:
        async with self.db.sessions() as session:
            return await store.recent(session, limit)

    async def progress(self, announcement_id: int) -> Progress:
        now = self.clock()
        async with self.db.sessions() as session:
            sends = await store.counts(session, announcement_id)
            deletes = await store.counts(session, announcement_id, store.DELETE)
            waiting, quiet = await store.waiting_later(session, announcement_id, now)
            resent = await store.possibly_repeated(session, announcement_id)
            reasons = await store.failure_reasons(session, announcement_id)
        remaining = sends.get(store.PENDING, 0) + sends.get(store.CLAIMED, 0)
        return Progress(
            total=sum(sends.values()), sent=sends.get(store.SENT, 0),
            blocked=sends.get(store.BLOCKED, 0), failed=sends.get(store.FAILED, 0),
            skipped=sends.get(store.SKIPPED, 0), cancelled=sends.get(store.WITHDRAWN, 0),
            remaining=remaining, waiting=waiting, resent=resent,
            eta_seconds=max(remaining - waiting, 0) / self.config.rate_per_second,
            failures=tuple(reasons), deleted=deletes.get(store.SENT, 0),
            delete_remaining=deletes.get(store.PENDING, 0) + deletes.get(store.CLAIMED, 0),
            delete_failed=deletes.get(store.FAILED, 0), uncertain=sends.get(store.UNCERTAIN, 0),
            quiet=quiet,
        )  # fmt: skip

    async def watched(self) -> list[store.AnnouncementRecord]:
        """Announcements whose officer is waiting for progress or a final report."""
        now = self.clock()
        async with self.db.sessions.begin() as session:
            await store.finish_idle(session, now)
            return await store.active(session)

    async def set_progress_message(
        self, announcement_id: int, chat_id: int, message_id: int
    ) -> None:
        async with self.db.sessions.begin() as session:
            await store.set_progress_message(session, announcement_id, chat_id, message_id)

    async def claim_report(self, announcement_id: int) -> bool:
        async with self.db.sessions.begin() as session:
            return await store.mark_reported(session, announcement_id, self.clock())

    async def release_processes(self, processes: Sequence[str]) -> int:
        """Deliveries claimed by replicas known to have stopped go again now, marked as possible
        repeats; the workers' own leases are wall-clock time, so this is too."""
        async with self.db.sessions.begin() as session:
            names = await outbox_table.claimants(session, TABLE)
            gone = [c for c in names if c.split("#", 1)[0] in processes]
            return await outbox_table.expire(session, TABLE, gone, system_clock())

    async def outbox_health(self) -> OutboxHealth:
        return await table_health(self.db, TABLE, self.clock())

    def _wake(self) -> None:
        if self.worker is not None:
            self.worker.wake()
