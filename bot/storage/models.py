"""Tables owned by the core: residents, unanswered questions and the audit log.

Other aggregates (crime stats, events, feedback, broadcasts) declare their tables in their own
modules on the same ``Base`` so that Alembic sees one metadata.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import BigInteger, DateTime, Integer, String, Text, func
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    pass


class Resident(Base):
    """A person who has talked to the bot; only what is needed to answer and reach them."""

    __tablename__ = "residents"

    telegram_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    language: Mapped[str] = mapped_column(String(16), default="en")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # When the "get local updates" line went under an answer: it is shown once per resident.
    updates_offered_at: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True), nullable=True
    )


class UnansweredQuestion(Base):
    """A question the bot could not answer, or only offered "Did you mean…" suggestions for, kept
    without any user id so comms staff see gaps.

    One row per text: a question that gets suggestions one week and nothing the next (after a
    knowledge-base change) keeps both tallies in one place, so comms staff see it once.
    """

    __tablename__ = "unanswered_questions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    normalised_text: Mapped[str] = mapped_column(String(500), unique=True)
    # Every time it was recorded; the times with no answer at all are count - suggested_count.
    count: Mapped[int] = mapped_column(Integer, default=1)
    suggested_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    first_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    handled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class AuditEntry(Base):
    """Who did what privileged thing (or tried to), for accountability."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, server_default=func.now(), index=True
    )
    actor_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    action: Mapped[str] = mapped_column(String(64), index=True)
    outcome: Mapped[str] = mapped_column(String(32))
    detail: Mapped[str] = mapped_column(Text, default="")
