"""What residents and officers can do with feedback, as plain values in and out.

The item and the outbox row that posts it are written in one transaction before the resident is
told anything, so an acknowledged item is never lost. The team never sees who sent an item: the
resident's id (a Telegram user id, or a web chat session's) stays in the database and is used only
to deliver to them. Telegram residents are sent replies through the outbox; web residents read
them from ``bot.feedback.inbox``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Config
from bot.feedback import inbox, privacy, store
from bot.feedback.catalogue import Channel, Priority, Status, format_reference, parse_reference
from bot.feedback.drafts import Drafts, discard_in
from bot.feedback.models import FeedbackItem
from bot.feedback.offers import OfferStore
from bot.feedback.outbox import Clock, Kind, Outbox, enqueue, enqueue_unless_recent
from bot.storage import audit
from bot.storage.db import Database
from bot.storage.models import utcnow


@dataclass(frozen=True, slots=True)
class Draft:
    resident_id: int
    priority: Priority
    text: str
    may_reply: bool
    ward: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    photo_file_id: str | None = None
    channel: Channel = Channel.TELEGRAM


@dataclass(frozen=True, slots=True)
class ItemView:
    id: int
    reference: str
    resident_id: int | None
    priority: str
    ward: str | None
    latitude: float | None
    longitude: float | None
    text: str
    photo_file_id: str | None
    may_reply: bool
    status: str
    assigned_name: str | None
    close_note: str | None
    created_at: datetime
    team_chat_id: int | None
    team_message_id: int | None
    team_thread_id: int | None
    channel: str = Channel.TELEGRAM

    @property
    def is_open(self) -> bool:
        return self.status != Status.CLOSED


def view(row: FeedbackItem) -> ItemView:
    created = row.created_at if row.created_at.tzinfo else row.created_at.replace(tzinfo=UTC)
    return ItemView(
        row.id, row.reference, row.resident_id, row.priority, row.ward, row.latitude,
        row.longitude, row.text, row.photo_file_id, row.may_reply, row.status, row.assigned_name,
        row.close_note, created, row.team_chat_id, row.team_message_id, row.team_thread_id,
        row.channel,
    )  # fmt: skip


class Refusal(StrEnum):
    BLOCKED = "blocked"
    DAILY_LIMIT = "daily_limit"


class Refused(Exception):
    def __init__(self, reason: Refusal) -> None:
        super().__init__(str(reason))
        self.reason = reason


class Action(StrEnum):
    ACKNOWLEDGE = "ack"
    ASSIGN = "mine"
    CLOSE = "close"


class Change(StrEnum):
    CHANGED = "changed"
    UNCHANGED = "unchanged"  # already in that state: nothing to tell anyone
    CLOSED = "closed"  # the item is closed: buttons are stale
    MISSING = "missing"


@dataclass(frozen=True, slots=True)
class StatusResult:
    change: Change
    item: ItemView | None = None
    told: bool = False  # a notice about the change was queued for the resident


class Relay(StrEnum):
    QUEUED = "queued"
    NOT_ALLOWED = "not_allowed"  # the resident asked not to be replied to
    UNREACHABLE = "unreachable"  # the resident asked to be forgotten
    CLOSED = "closed"
    BLOCKED = "blocked"


class BlockOutcome(StrEnum):
    BLOCKED = "blocked"
    ALREADY = "already"
    UNBLOCKED = "unblocked"
    NOT_BLOCKED = "not_blocked"
    NOT_FOUND = "not_found"
    UNREACHABLE = "unreachable"


# A digest queued less than this long ago is this week's. Shorter than the seven days between
# two scheduled runs, which is an hour less or more when the clocks change in between.
DIGEST_GAP = timedelta(days=6)

RECEIPT = (
    "Thank you. Your feedback is with the {borough} team.\n\n"
    "Your reference: {ref}\n{replies}\n\n"
    "See your open items with /myfeedback. This is not a crime report: in an emergency call 999."
)
RECEIPT_REPLIES = (
    "Reply to this message if you want to add anything; the team can reply here too.",
    "You asked for no replies; you’ll still hear when the status changes.",
)


def receipt_text(reference: str, may_reply: bool, borough: str) -> str:
    replies = RECEIPT_REPLIES[0] if may_reply else RECEIPT_REPLIES[1]
    return RECEIPT.format(borough=borough, ref=reference, replies=replies)


NOTICES = {
    Status.ACKNOWLEDGED: "Update on {ref}: the {borough} team has read your feedback.",
    Status.IN_PROGRESS: "Update on {ref}: an officer from the {borough} team is looking into it.",
    Status.CLOSED: "Update on {ref}: the {borough} team has closed this item. Thank you for "
    "telling us.",
}


class FeedbackService:
    def __init__(self, db: Database, config: Config, clock: Clock = utcnow) -> None:
        self._db = db
        self._config = config
        self._feedback = config.feedback
        self.outbox = Outbox(db, config.feedback, clock)
        self.drafts = Drafts(db, clock)
        self.offers = OfferStore(db, clock)

    @property
    def clock(self) -> Clock:
        return self.outbox.clock

    @clock.setter
    def clock(self, value: Clock) -> None:
        self.outbox.clock = value
        self.drafts.clock = value
        self.offers.clock = value

    # ------------------------------------------------------------------------- residents

    async def refusal(
        self, resident_id: int, channel: Channel = Channel.TELEGRAM
    ) -> Refusal | None:
        """Why ``resident_id`` may not send an item now, if they may not."""
        since = self.clock() - timedelta(days=1)
        limit = self._feedback.daily_limit
        async with self._db.sessions() as session:
            if await store.block_of(session, resident_id, channel) is not None:
                return Refusal.BLOCKED
            if await store.count_since(session, resident_id, since, channel) >= limit:
                return Refusal.DAILY_LIMIT
        return None

    async def submit(
        self,
        draft: Draft,
        receipt: tuple[int, int | None] | None = None,
        key_hash: str | None = None,
    ) -> ItemView:
        """Store the item, its team-chat post and, if ``receipt`` says where (chat, and the
        message to turn into it), the resident's receipt, all in one transaction that also ends
        the resident's draft; raises ``Refused`` when it may not be sent.

        The receipt is queued before the post so it goes first, and a restart between the two
        cannot leave a stored item its resident was never told about. ``key_hash``
        (``inbox.hash_key``) lets a resident without push (the web) read replies later.
        """
        refusal = await self.refusal(draft.resident_id, draft.channel)
        if refusal is not None:
            raise Refused(refusal)
        now = self.clock()
        async with self._db.sessions.begin() as session:
            if draft.channel == Channel.TELEGRAM:  # drafts are kept for Telegram residents
                await discard_in(session, draft.resident_id)
            number = await store.next_number(session, now.year)
            row = FeedbackItem(
                reference=format_reference(self._config.borough.reference_prefix, now.year, number),
                resident_id=draft.resident_id, priority=str(draft.priority), ward=draft.ward,
                latitude=draft.latitude, longitude=draft.longitude, text=draft.text,
                photo_file_id=draft.photo_file_id, may_reply=draft.may_reply,
                status=str(Status.NEW), created_at=now, updated_at=now, channel=str(draft.channel),
            )  # fmt: skip
            session.add(row)
            await session.flush()
            if receipt is not None:
                chat_id, message_id = receipt
                enqueue(session, Kind.RECEIPT, row.id, now, chat_id=chat_id, message_id=message_id)
            if key_hash is not None:
                await inbox.save_key(session, row.id, key_hash)
            enqueue(session, Kind.POST, row.id, now)
            if draft.photo_file_id:
                enqueue(session, Kind.TEAM_PHOTO, row.id, now, photo=draft.photo_file_id)
            return view(row)

    async def item(self, item_id: int) -> ItemView | None:
        async with self._db.sessions() as session:
            row = await session.get(FeedbackItem, item_id)
            return None if row is None else view(row)

    async def by_reference(self, reference: str) -> ItemView | None:
        canonical = parse_reference(reference)
        if canonical is None:
            return None
        async with self._db.sessions() as session:
            row = await store.by_reference(session, canonical)
            return None if row is None else view(row)

    async def open_items(
        self, resident_id: int, channel: Channel = Channel.TELEGRAM
    ) -> list[ItemView]:
        async with self._db.sessions() as session:
            return [view(r) for r in await store.open_items(session, resident_id, channel)]

    async def inbox_since(
        self, resident_id: int, after_id: int, channel: Channel = Channel.WEB
    ) -> list[inbox.InboxMessage]:
        """The team's messages to a resident without push, newer than ``after_id``."""
        async with self._db.sessions() as session:
            return await inbox.since(session, channel, resident_id, after_id)

    async def unlock(
        self, reference: str, key: str
    ) -> tuple[ItemView, list[inbox.InboxMessage]] | None:
        """An item and the team's messages about it, for whoever holds its key; else None."""
        canonical = parse_reference(reference)
        if canonical is None:
            return None
        async with self._db.sessions() as session:
            row = await store.by_reference(session, canonical)
            if row is None or not await inbox.unlocks(session, row.id, key):
                return None
            return view(row), await inbox.for_item(session, row.id, row.reference)

    async def forget(self, resident_id: int, channel: Channel) -> int:
        """Erase a resident's feedback on one channel (Telegram's /forget uses the privacy
        service, which covers every aggregate); returns the rows changed."""
        async with self._db.sessions.begin() as session:
            return await privacy.forget(session, resident_id, self.clock(), channel)

    async def has_items(self, resident_id: int) -> bool:
        async with self._db.sessions() as session:
            found = await session.scalar(
                select(FeedbackItem.id).where(FeedbackItem.resident_id == resident_id).limit(1)
            )
        return found is not None

    async def link(self, item_id: int, chat_id: int, message_id: int, purpose: str) -> None:
        async with self._db.sessions.begin() as session:
            await store.link(session, item_id, chat_id, message_id, purpose)

    async def find_link(self, chat_id: int, message_id: int) -> tuple[ItemView, str] | None:
        async with self._db.sessions() as session:
            found = await store.find_link(session, chat_id, message_id)
            return None if found is None else (view(found[0]), found[1])

    async def relay_to_team(
        self,
        item_id: int,
        resident_id: int,
        text: str,
        photo: str | None,
        channel: Channel = Channel.TELEGRAM,
    ) -> Relay:
        """Queue the resident's answer under the item's post in the team chat."""
        now = self.clock()
        async with self._db.sessions.begin() as session:
            # Locked so a /forget at the same moment either sees this answer and drops it or
            # comes first and makes the resident unreachable here.
            row = await session.get(FeedbackItem, item_id, with_for_update=True)
            if row is None or row.resident_id != resident_id or row.channel != channel:
                return Relay.UNREACHABLE
            if await store.block_of(session, resident_id, channel) is not None:
                return Relay.BLOCKED
            if row.status == Status.CLOSED:
                return Relay.CLOSED
            enqueue(session, Kind.TO_TEAM, item_id, now, text=text, photo=photo)
        return Relay.QUEUED

    # -------------------------------------------------------------------------- officers

    async def relay_to_resident(self, item_id: int, text: str, photo: str | None) -> Relay:
        now = self.clock()
        async with self._db.sessions.begin() as session:
            row = await session.get(FeedbackItem, item_id)
            if row is None or row.resident_id is None:
                return Relay.UNREACHABLE
            if not row.may_reply:
                return Relay.NOT_ALLOWED
            await self._to_resident(session, row, now, text, photo, "relay")
        return Relay.QUEUED

    @staticmethod
    async def _to_resident(
        session: AsyncSession,
        row: FeedbackItem,
        now: datetime,
        text: str,
        photo: str | None,
        purpose: str,
    ) -> None:
        """Telegram residents are sent it through the outbox; others read it from their inbox."""
        if row.channel == Channel.TELEGRAM:
            enqueue(session, Kind.TO_RESIDENT, row.id, now, text=text, photo=photo, purpose=purpose)
            return
        if photo:
            text += "\n\n(The team also sent a photo, which cannot be shown here.)"
        await inbox.put(session, row.id, purpose, text, now)

    async def change_status(
        self,
        item_id: int,
        action: Action,
        officer_id: int,
        officer_name: str,
        note: str | None = None,
    ) -> StatusResult:
        """Apply an officer's action, queue the resident's notice and the post's update."""
        now = self.clock()
        async with self._db.sessions.begin() as session:
            row = await session.get(FeedbackItem, item_id)
            if row is None:
                return StatusResult(Change.MISSING)
            if row.status == Status.CLOSED:
                return StatusResult(Change.CLOSED, view(row))
            target = _target(action)
            if target == row.status and action is not Action.ASSIGN:
                return StatusResult(Change.UNCHANGED, view(row))
            if action is Action.ASSIGN and row.assigned_to == officer_id:
                return StatusResult(Change.UNCHANGED, view(row))
            if action is Action.ACKNOWLEDGE and row.status == Status.IN_PROGRESS:
                return StatusResult(Change.UNCHANGED, view(row))
            notify = target != row.status
            row.status, row.updated_at = str(target), now
            if action is Action.ASSIGN:
                row.assigned_to, row.assigned_name = officer_id, officer_name[:64]
            if action is Action.CLOSE:
                row.closed_at, row.close_note = now, note
            await audit.record(session, officer_id, f"feedback-{action}", "ok", row.reference)
            enqueue(session, Kind.EDIT_POST, item_id, now)
            told = notify and row.resident_id is not None
            if told:
                notice = self._notice(row, target)
                await self._to_resident(session, row, now, notice, None, "notice")
            return StatusResult(Change.CHANGED, view(row), told)

    def _notice(self, row: FeedbackItem, status: Status) -> str:
        text = NOTICES[status].format(ref=row.reference, borough=self._config.borough.name)
        if status is Status.CLOSED and row.close_note and row.may_reply:
            text += f"\n\nTheir note: {row.close_note}"
        return text

    async def block(self, reference: str, officer_id: int, reason: str) -> BlockOutcome:
        """Stop the sender of ``reference`` from sending feedback; the officer never learns who."""
        canonical = parse_reference(reference)
        async with self._db.sessions.begin() as session:
            row = None if canonical is None else await store.by_reference(session, canonical)
            if row is None:
                return BlockOutcome.NOT_FOUND
            if row.resident_id is None:
                return BlockOutcome.UNREACHABLE
            added = await store.block(
                session, row.resident_id, row.reference, reason, officer_id, row.channel
            )
            outcome = BlockOutcome.BLOCKED if added else BlockOutcome.ALREADY
            await audit.record(
                session, officer_id, "feedback-block", str(outcome), f"{row.reference}: {reason}"
            )
        return outcome

    async def unblock(self, reference: str, officer_id: int) -> BlockOutcome:
        canonical = parse_reference(reference)
        async with self._db.sessions.begin() as session:
            row = None if canonical is None else await store.by_reference(session, canonical)
            if row is None:
                return BlockOutcome.NOT_FOUND
            if row.resident_id is None:
                return BlockOutcome.UNREACHABLE
            removed = await store.unblock(session, row.resident_id, row.channel)
            outcome = BlockOutcome.UNBLOCKED if removed else BlockOutcome.NOT_BLOCKED
            await audit.record(session, officer_id, "feedback-unblock", str(outcome), row.reference)
        return outcome

    async def queue_digest(self, text: str) -> bool:
        """Queue the weekly digest; False if this week's was already queued.

        The outbox row is the record that it went, so a restart, a second process or a second
        run in the same week does not post it again.
        """
        now = self.clock()
        async with self._db.sessions.begin() as session:
            return await enqueue_unless_recent(
                session, Kind.DIGEST, now, now - DIGEST_GAP, text=text
            )

    # ---------------------------------------------------------------------------- topics

    async def topic(self, chat_id: int, priority: str) -> int | None:
        async with self._db.sessions() as session:
            return await store.topic(session, chat_id, priority)

    async def save_topic(self, chat_id: int, priority: str, thread_id: int) -> None:
        async with self._db.sessions.begin() as session:
            await store.save_topic(session, chat_id, priority, thread_id)

    async def forget_topic(self, chat_id: int, priority: str) -> None:
        async with self._db.sessions.begin() as session:
            await store.forget_topic(session, chat_id, priority)

    async def all_items(self, since: datetime | None = None) -> list[ItemView]:
        async with self._db.sessions() as session:
            query = select(FeedbackItem).order_by(FeedbackItem.id)
            if since is not None:
                query = query.where(FeedbackItem.created_at >= since)
            return [view(r) for r in await session.scalars(query)]


def _target(action: Action) -> Status:
    return {
        Action.ACKNOWLEDGE: Status.ACKNOWLEDGED,
        Action.ASSIGN: Status.IN_PROGRESS,
        Action.CLOSE: Status.CLOSED,
    }[action]
