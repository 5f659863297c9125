"""What each resident asked to hear about, and when they do not want to be disturbed."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Date, DateTime, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from bot.storage.models import Base, utcnow


class SubscriptionSettings(Base):
    """Quiet hours are minutes after London midnight; the window may run past midnight."""

    __tablename__ = "subscription_settings"

    resident_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    quiet_start: Mapped[int | None] = mapped_column(Integer, nullable=True)
    quiet_end: Mapped[int | None] = mapped_column(Integer, nullable=True)
    paused_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    last_summary_month: Mapped[date | None] = mapped_column(Date, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class SubscriptionWard(Base):
    __tablename__ = "subscription_wards"

    resident_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    ward: Mapped[str] = mapped_column(String(64), primary_key=True, index=True)


class SubscriptionTopic(Base):
    __tablename__ = "subscription_topics"

    resident_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    topic: Mapped[str] = mapped_column(String(32), primary_key=True, index=True)
