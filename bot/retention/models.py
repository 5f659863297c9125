"""One row per London day on which the retention job ran (or is running), so that of several
processes sharing the database only one runs it each day."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, String
from sqlalchemy.orm import Mapped, mapped_column

from bot.storage.models import Base


class RetentionRun(Base):
    __tablename__ = "retention_runs"

    day: Mapped[str] = mapped_column(String(10), primary_key=True)  # London date, YYYY-MM-DD
    holder: Mapped[str] = mapped_column(String(96))  # host:pid of the process that claimed it
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    detail: Mapped[str] = mapped_column(String(300), default="")  # what was removed, as counts
