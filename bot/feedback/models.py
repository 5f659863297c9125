"""Tables of the feedback aggregate.

* ``feedback_items``: one priority or complaint a resident sent, with its reference and status.
* ``feedback_sequences``: the last reference number used per year (one atomic upsert per item).
* ``feedback_messages``: which Telegram message (team chat or resident chat) belongs to which
  item, so a reply to it can be relayed to the other side.
* ``feedback_outbox``: every send to the team chat and every relayed reply, until Telegram has
  accepted it.
* ``feedback_topics``: the forum topic made for each priority in a forum team chat.
* ``feedback_blocks``: residents an officer has stopped from sending feedback.
* ``feedback_drafts``: a resident's /feedback in progress, so it survives a restart and can
  continue on any process.
* ``feedback_offers``: text the bot offered to pass to the team, until the resident presses
  "Send this to the team" (or it expires).

Residents are ``(channel, resident_id)``: a Telegram user id on Telegram, a web chat session's id
on the web (``bot.feedback.catalogue.Channel``). Residents of channels without push (the web)
read the team's replies from ``bot.feedback.inbox``.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column

from bot.storage.models import Base, utcnow

TELEGRAM = "telegram"  # bot.feedback.catalogue.Channel.TELEGRAM, spelt out for the schema


class FeedbackItem(Base):
    __tablename__ = "feedback_items"
    __table_args__ = (Index("ix_feedback_items_resident", "resident_id", "created_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(24), unique=True)
    # NULL once the resident asked to be forgotten; the counts stay for the tallies.
    resident_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    channel: Mapped[str] = mapped_column(String(8), default=TELEGRAM, server_default=TELEGRAM)
    priority: Mapped[str] = mapped_column(String(16), index=True)
    ward: Mapped[str | None] = mapped_column(String(64), nullable=True)
    latitude: Mapped[float | None] = mapped_column(Float, nullable=True)
    longitude: Mapped[float | None] = mapped_column(Float, nullable=True)
    text: Mapped[str] = mapped_column(Text, default="")
    photo_file_id: Mapped[str | None] = mapped_column(String(256), nullable=True)
    may_reply: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(16), default="new", index=True)
    assigned_to: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    assigned_name: Mapped[str | None] = mapped_column(String(64), nullable=True)
    close_note: Mapped[str | None] = mapped_column(Text, nullable=True)
    team_chat_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    team_message_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    team_thread_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, index=True
    )
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class FeedbackSequence(Base):
    __tablename__ = "feedback_sequences"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last: Mapped[int] = mapped_column(Integer, default=0)


class FeedbackMessage(Base):
    __tablename__ = "feedback_messages"
    __table_args__ = (UniqueConstraint("chat_id", "message_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(
        ForeignKey("feedback_items.id", ondelete="CASCADE"), index=True
    )
    chat_id: Mapped[int] = mapped_column(BigInteger)
    message_id: Mapped[int] = mapped_column(BigInteger)
    purpose: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class FeedbackOutbox(Base):
    __tablename__ = "feedback_outbox"
    __table_args__ = (Index("ix_feedback_outbox_due", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int | None] = mapped_column(
        ForeignKey("feedback_items.id", ondelete="CASCADE"), nullable=True, index=True
    )
    kind: Mapped[str] = mapped_column(String(16))
    payload: Mapped[str] = mapped_column(Text, default="{}")
    status: Mapped[str] = mapped_column(String(12), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    claimed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    claimed_by: Mapped[str | None] = mapped_column(String(40), nullable=True)
    lease_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    resends: Mapped[int] = mapped_column(Integer, default=0)  # sends marked as possible repeats
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    last_error: Mapped[str] = mapped_column(String(300), default="")


class FeedbackTopic(Base):
    __tablename__ = "feedback_topics"

    chat_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    priority: Mapped[str] = mapped_column(String(16), primary_key=True)
    thread_id: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class FeedbackBlock(Base):
    __tablename__ = "feedback_blocks"

    channel: Mapped[str] = mapped_column(
        String(8), primary_key=True, default=TELEGRAM, server_default=TELEGRAM
    )
    resident_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    reference: Mapped[str] = mapped_column(String(24))
    reason: Mapped[str] = mapped_column(Text, default="")
    blocked_by: Mapped[int] = mapped_column(BigInteger)
    blocked_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class FeedbackDraft(Base):
    """One resident's feedback being written: the step reached and what they chose so far."""

    __tablename__ = "feedback_drafts"

    resident_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    token: Mapped[str] = mapped_column(String(8))  # in the flow's buttons: older buttons expire
    step: Mapped[str] = mapped_column(String(2))
    priority: Mapped[str | None] = mapped_column(String(16), nullable=True)
    ward: Mapped[str | None] = mapped_column(String(64), nullable=True)
    latitude: Mapped[float | None] = mapped_column(Float, nullable=True)
    longitude: Mapped[float | None] = mapped_column(Float, nullable=True)
    text: Mapped[str] = mapped_column(Text, default="")
    overlong: Mapped[str] = mapped_column(Text, default="")  # too long, kept for "use the first"
    photo_file_id: Mapped[str | None] = mapped_column(String(256), nullable=True)
    may_reply: Mapped[bool] = mapped_column(Boolean, default=False)
    # The resident went elsewhere (another menu, a command): typed text is a question again
    # until they come back to the draft.
    away: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class FeedbackOffer(Base):
    """What a resident wrote that the bot offered to send to the team, per offering message, so
    "Send this to the team" prefills /feedback on any process and after a restart. Short-lived:
    taken when pressed, and removed with drafts when nobody pressed it."""

    __tablename__ = "feedback_offers"

    resident_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    message_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    text: Mapped[str] = mapped_column(Text)
    offered_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
