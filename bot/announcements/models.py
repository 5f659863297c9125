"""Announcements and their outbox: one row per recipient (and per deletion), so none is lost.

A delivery row is the unit of exactly-once: it is claimed (``sending``, with the claiming worker)
immediately before its one Telegram call and settled in its own short transaction right after.
Workers register in ``broadcast_workers`` with a heartbeat, which is how several processes share
one global rate and how a dead process's claims are recognised.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from bot.storage.models import Base, utcnow

WHEN = DateTime(timezone=True)


class Announcement(Base):
    __tablename__ = "announcements"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    author_id: Mapped[int] = mapped_column(BigInteger)
    text: Mapped[str] = mapped_column(Text)  # validated Telegram HTML
    photo: Mapped[str | None] = mapped_column(String(256), nullable=True)  # Telegram file_id
    audience_kind: Mapped[str] = mapped_column(String(16))  # everyone, wards, topic
    audience_wards: Mapped[str] = mapped_column(Text, default="")  # one ward per line
    audience_topic: Mapped[str] = mapped_column(String(32), default="")
    recipients: Mapped[int] = mapped_column(Integer, default=0)
    send_at: Mapped[datetime] = mapped_column(WHEN)
    status: Mapped[str] = mapped_column(String(20), index=True)
    approved_by: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    cancelled_by: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    deleted_by: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    progress_chat_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    progress_message_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    created_at: Mapped[datetime] = mapped_column(WHEN, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(WHEN, nullable=True)
    reported_at: Mapped[datetime | None] = mapped_column(WHEN, nullable=True)


class Delivery(Base):
    """One Telegram call owed to one resident: ``send`` the announcement or ``delete`` it."""

    __tablename__ = "announcement_deliveries"
    __table_args__ = (
        UniqueConstraint("announcement_id", "resident_id", "action"),
        Index("ix_announcement_deliveries_queue", "status", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    announcement_id: Mapped[int] = mapped_column(
        ForeignKey("announcements.id", ondelete="CASCADE"), index=True
    )
    resident_id: Mapped[int] = mapped_column(BigInteger, index=True)
    action: Mapped[str] = mapped_column(String(8), default="send")
    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    resends: Mapped[int] = mapped_column(Integer, default=0)  # sends marked as possible repeats
    not_before: Mapped[datetime] = mapped_column(WHEN)
    claimed_by: Mapped[str | None] = mapped_column(String(40), nullable=True)
    claimed_at: Mapped[datetime | None] = mapped_column(WHEN, nullable=True)
    lease_until: Mapped[datetime | None] = mapped_column(WHEN, nullable=True)
    message_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    detail: Mapped[str] = mapped_column(String(200), default="")
    finished_at: Mapped[datetime | None] = mapped_column(WHEN, nullable=True)


class BroadcastWorker(Base):
    """A live outbox worker; its heartbeat decides its share of the global rate."""

    __tablename__ = "broadcast_workers"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    host: Mapped[str] = mapped_column(String(255))
    pid: Mapped[int] = mapped_column(Integer)
    started_at: Mapped[datetime] = mapped_column(WHEN, default=utcnow)
    heartbeat_at: Mapped[datetime] = mapped_column(WHEN, default=utcnow)
