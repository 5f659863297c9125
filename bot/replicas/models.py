"""Tables shared by the processes of one deployment.

* ``job_leases``: which process runs each background job, until when (renewed while it lives).
* ``job_runs``: calendar jobs (weekly digests) already run for a period, so a takeover at the
  wrong moment never runs one twice.
* ``update_inbox``: updates accepted by a webhook, until handled (and their numbers a while
  after), so another process takes over those of one that died, and each chat's updates are
  handled in order across processes.
* ``send_pace``: the next free moment to send to a chat, shared so processes together keep to
  Telegram's per-chat limit.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, Float, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bot.storage.models import Base


class JobLease(Base):
    __tablename__ = "job_leases"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    holder: Mapped[str] = mapped_column(String(96))
    acquired_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class JobRun(Base):
    __tablename__ = "job_runs"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    period: Mapped[str] = mapped_column(String(32), primary_key=True)
    holder: Mapped[str] = mapped_column(String(96))
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class InboxUpdate(Base):
    __tablename__ = "update_inbox"

    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    chat_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True, index=True)
    body: Mapped[str] = mapped_column(Text)
    holder: Mapped[str] = mapped_column(String(96))
    lease_until: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    takeovers: Mapped[int] = mapped_column(Integer, default=0)
    # Kept a while after it was handled, so a late repeat or an earlier number is recognised.
    handled_at: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True), nullable=True, index=True
    )


class SendPace(Base):
    __tablename__ = "send_pace"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    next_at: Mapped[float] = mapped_column(Float)  # epoch seconds
